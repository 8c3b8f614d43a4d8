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
import java.util.List;
import java.util.Optional;

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
    return message(kind, name, image, Optional.empty());
  }

  /** @param runLine the RUN that looks the user up, where the build stops; else the start */
  static String message(String kind, String name, String image, Optional<Integer> runLine) {
    return "USER names " + kind + " '" + name + "', which does not exist in this stage (" + image
        + " has none and no earlier instruction creates it), so "
        + runLine.map(l -> "the build fails at the RUN on line " + l)
            .orElse("the container fails to start")
        + ": unable to find " + kind + " " + name;
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      List<StageSimulation.Step> steps = sim.steps();
      for (int k = 0; k < steps.size(); k++) {
        StageSimulation.Step step = steps.get(k);
        if (!(step.instruction() instanceof Instruction.User u) || step.user().isEmpty()) continue;
        UserSpec spec = UserSpec.parse(step.user().get());
        Optional<Lookup> looked = lookup(sim, k);
        if (looked.isEmpty()) continue;
        Accounts accounts = looked.get().accounts();
        Optional<Integer> runLine = looked.get().runLine();
        String image = sim.base().map(b -> b.ref().toString()).orElse("the base image");
        if (accounts.lacks(spec.user(), false)) {
          ctx.report(u.user().range(), message("user", spec.user(), image, runLine));
        } else if (spec.group().isPresent() && accounts.lacks(spec.group().get(), true)) {
          ctx.report(u.user().range(), message("group", spec.group().get(), image, runLine));
        }
      }
    }
  }

  /** The accounts a USER is looked up in, and the line of the RUN that does it, if one does. */
  private record Lookup(Accounts accounts, Optional<Integer> runLine) {}

  /**
   * The accounts the user of the USER at step {@code k} is looked up in: Docker resolves it only
   * where something runs as it, the next RUN while it is in effect, else the container's start,
   * with the stage as built. ejabberd's scratch stage says `USER ejabberd` before `COPY
   * --from=runtime / /` brings the passwd file that has it. Not WORKDIR: BuildKit makes its
   * directory as that user, but a file operation's lookup of a name the passwd file lacks (or of
   * a missing passwd file) falls back to uid 0 without an error (solver/llbsolver/file/
   * user_linux.go readUser; kaniko's Dockerfile_test_workdir_with_user: `USER root` on scratch,
   * a WORKDIR, then /etc/passwd copied in and `USER 10000:bar`). Empty when a later USER
   * replaces it before any such step: it is never looked up.
   */
  private static Optional<Lookup> lookup(StageSimulation sim, int k) {
    List<StageSimulation.Step> steps = sim.steps();
    for (int j = k + 1; j < steps.size(); j++) {
      Instruction i = steps.get(j).instruction();
      if (i instanceof Instruction.User) return Optional.empty();
      if (i instanceof Instruction.Run r) {
        return Optional.of(new Lookup(steps.get(j - 1).filesystem().accounts(),
            Optional.of(r.range().startLine())));
      }
    }
    return Optional.of(new Lookup(sim.finalFilesystem().accounts(), Optional.empty()));
  }
}
