package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScript;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * A RUN whose first command is {@code cd /absolute/dir}: the change lasts only for that RUN, and
 * WORKDIR says the same once for every later instruction. Narrower than hadolint's DL3003 (every
 * {@code cd}): a {@code cd} later in a script, or into a directory the script just created or
 * unpacked, is ordinary shell and not reported.
 */
@RuleMeta(
    id = "BTH508",
    summary = "A RUN starts by changing to a fixed directory, which WORKDIR does for good",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3003"})
public final class CdInsteadOfWorkdir implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      RunScript script = site.script();
      if (script.understood() == RunScript.Understanding.NONE || script.commands().isEmpty()) {
        continue;
      }
      SimpleCommand first = script.commands().get(0);
      if (first.subshell() || first.conditional() || first.failureTolerated()) continue;
      Optional<CommandLine> cd = CommandLine.of(first, Set.of("cd"));
      if (cd.isEmpty() || cd.get().args().size() != 1) continue;
      Optional<String> dir = cd.get().args().get(0).value();
      if (dir.isEmpty() || !dir.get().startsWith("/")) continue;
      boolean alone = script.commands().size() == 1;
      ctx.report(script.range(first), alone ? messageAlone(dir.get()) : message(dir.get()));
    }
  }

  public static String message(String dir) {
    return "this RUN starts with 'cd " + dir + "', which lasts only until the RUN ends; 'WORKDIR "
        + dir + "' before it sets the directory for this and every later instruction";
  }

  public static String messageAlone(String dir) {
    return "'RUN cd " + dir + "' changes the directory of a shell that exits right away: later "
        + "instructions do not run there; use 'WORKDIR " + dir + "'";
  }
}
