package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.UserSpec;
import dev.berth.image.Accounts;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * {@code USER app} where no {@code app} account exists: the image builds, but every container
 * fails to start. Silent when the base image is unknown or a step berth does not understand may
 * have created accounts.
 */
@RuleMeta(
    id = "BTH202",
    summary = "USER names a user or group that does not exist in the image",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class UserNotInImage implements DockerfileRule {

  public static String message(String kind, String name, String image) {
    return "USER names " + kind + " '" + name + "', which does not exist in this stage (" + image
        + " has none and no earlier instruction creates it), so the container fails to start: "
        + "unable to find " + kind + " " + name;
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      for (StageSimulation.Step step : sim.steps()) {
        if (!(step.instruction() instanceof Instruction.User u) || step.user().isEmpty()) continue;
        UserSpec spec = UserSpec.parse(step.user().get());
        Accounts accounts = step.filesystem().accounts();
        String image = sim.base().map(b -> b.ref().toString()).orElse("the base image");
        if (accounts.lacks(spec.user(), false)) {
          ctx.report(u.user().range(), message("user", spec.user(), image));
        } else if (spec.group().isPresent() && accounts.lacks(spec.group().get(), true)) {
          ctx.report(u.user().range(), message("group", spec.group().get(), image));
        }
      }
    }
  }
}
