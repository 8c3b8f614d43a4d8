package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.AccountEvent;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.evidence.HostBuildArgs;
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code groupadd -g 20 app} on Debian (GID 20 is {@code dialout}), or {@code groupadd -g $GID}
 * fed with a macOS host's primary group 20: groupadd/useradd refuse a duplicate id and the build
 * fails (seed 003). Silent when the command has a fallback ({@code -o}, {@code -f},
 * {@code || true}, a {@code getent} guard).
 */
@RuleMeta(
    id = "BTH205",
    summary = "groupadd/useradd/addgroup/adduser with an id the base image already uses",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class IdAlreadyInBaseImage implements DockerfileRule {
  /** The primary group of macOS users (staff): what {@code id -g} passes in as GROUP_ID. */
  static final int MACOS_PRIMARY_GID = 20;
  /** A variable name that says it holds a group id: GID, PGID, HOSTGID, GROUP_ID. */
  private static final java.util.regex.Pattern GROUP_VARIABLE = java.util.regex.Pattern.compile(
      "(?i)gid|group");

  public static String message(String command, boolean group, int id, String existing) {
    String kind = group ? "GID" : "UID";
    return command + " asks for " + kind + " " + id + ", which already belongs to '" + existing
        + "' in this image, so the command fails (" + kind + " '" + id + "' already exists) and so does the build";
  }

  public static String argMessage(String command, String variable, String existing) {
    return command + " takes its GID from build argument " + variable + ", which the build takes"
        + " from the host's environment: if that passes a macOS user's primary group (`id -g` is"
        + " 20 there), which already belongs to '" + existing + "' in this image, the build fails";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    // One cause, one finding: the same build argument fed to groupadd at several stages is
    // reported once, the other commands as related locations.
    Map<String, RuleContext.Report> byArgument = new HashMap<>();
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      Set<String> args = sim.stage().argNames();
      for (AccountEvent e : sim.accountEvents()) {
        if (e.fallback()) continue;
        if (e.id().isPresent() && e.existing().isPresent() && !e.existing().get().equals(e.name())) {
          ctx.report(e.idRange(), message(e.command(), e.group(), e.id().getAsInt(), e.existing().get()));
          continue;
        }
        // An id from a build argument is the host's group only where a build feeds it from the
        // environment (`GID: ${GID}`, `--build-arg GID`); a default alone is the author's choice.
        if (!e.group() || e.idVariables().size() != 1 || !args.contains(e.idVariables().get(0))) continue;
        String arg = e.idVariables().get(0);
        Optional<Range> fed = HostBuildArgs.passedAt(project, df, arg);
        if (fed.isEmpty()) continue;
        // Only a host variable that holds a group id is `id -g` (20 on macOS): YesWiki's
        // `GID: "${UIS:-1000}"` (a typo nothing sets) and roadiz's `UID: ${UID:-1000}` (a user id,
        // 501 and up on macOS) never pass 20.
        if (HostBuildArgs.variable(project, df, arg).filter(v -> !GROUP_VARIABLE.matcher(v).find())
            .isPresent()) {
          continue;
        }
        sim.initialFilesystem().accounts().groupById(MACOS_PRIMARY_GID)
            .filter(g -> !g.maybe() && g.createdBy().isEmpty())
            .ifPresent(g -> {
              RuleContext.Report first = byArgument.get(arg + ":" + g.name());
              if (first != null) {
                first.related(e.idRange(), e.command() + " takes its GID from " + arg
                    + " here too");
                return;
              }
              byArgument.put(arg + ":" + g.name(), ctx.report(e.idRange(),
                      argMessage(e.command(), arg, g.name()))
                  // it fails only on the hosts that pass 20: a warning, stating that assumption
                  .severity(Severity.WARNING)
                  .related(fed.get(), "build argument " + arg + " taken from the environment here"));
            });
      }
    }
  }
}
