package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
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
 * {@code COPY --chown=app:app} before (or without) creating {@code app}. BuildKit resolves the
 * names in the image's /etc/passwd and /etc/group at that step and, for a name it does not find,
 * uses id 0 without an error (moby/buildkit solver/llbsolver/ops/user_linux.go, readUser: "not
 * finding the user in the file" leaves uid/gid 0; buildkit#7002): the build succeeds and the files
 * are not owned by the account the flag names. The legacy builder stops the build instead.
 */
@RuleMeta(
    id = "BTH203",
    summary = "COPY/ADD --chown names a user or group that does not exist at that step",
    severity = Severity.WARNING,
    category = Category.BUG)
public final class ChownToUnknownAccount implements DockerfileRule {

  public static String message(String instruction, String kind, String name, Optional<Integer> createdAt) {
    return instruction + " --chown uses " + kind + " '" + name + "', which does not exist at this step"
        + createdAt.map(l -> " (it is created later, at line " + l + ")").orElse("")
        + ": BuildKit finds no such " + kind + " and gives the files "
        + (kind.equals("user") ? "to root (uid 0)" : "the user's primary group (gid 0 for root)")
        + " without an error, so they are not owned by '" + name + "' (the legacy builder fails"
        + " with 'unable to find " + kind + " " + name + "')";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      List<StageSimulation.Step> steps = sim.steps();
      for (int i = 1; i < steps.size(); i++) {
        if (!(steps.get(i).instruction() instanceof Instruction.FileTransfer t)) continue;
        Optional<Flag> flag = t.flag("chown");
        if (flag.isEmpty() || flag.get().value().isEmpty()) continue;
        StageSimulation.Step before = steps.get(i - 1);
        if (flag.get().value().get().contains("$")) continue;
        UserSpec spec = UserSpec.parse(flag.get().value().get());
        // `root` that the passwd or group file lacks still gets uid/gid 0 from BuildKit's
        // fallback: the owner asked for (spiffe/spire's scratch stage: --chown=root:root)
        String user = spec.user().equals("root") ? "" : spec.user();
        String group = spec.group().filter(g -> !g.equals("root")).orElse("");
        Accounts accounts = before.filesystem().accounts();
        if (!user.isEmpty() && accounts.lacks(user, false)) {
          ctx.report(flag.get().range(), message(t.name(), "user", user, createdLater(sim, i, user, false)));
        } else if (!group.isEmpty() && accounts.lacks(group, true)) {
          ctx.report(flag.get().range(), message(t.name(), "group", group, createdLater(sim, i, group, true)));
        }
      }
    }
  }

  /** The line of the step from {@code from} on that creates the account, if one does. */
  private static Optional<Integer> createdLater(StageSimulation sim, int from, String name,
      boolean group) {
    return sim.creating(name, group, from).map(s -> s.instruction().range().startLine());
  }
}
