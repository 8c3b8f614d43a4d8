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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code cd} whose failure nothing checks, followed by more commands in the same shell: when
 * the directory is missing the script goes on in the wrong one. Not reported when {@code cd} is
 * chained with {@code &&}, handled with {@code ||}, tested in a condition, under {@code set -e}
 * (or a SHELL with {@code -e}), or the last command (ShellCheck's SC2164 reports those too).
 */
@RuleMeta(
    id = "BTH520",
    summary = "A cd whose failure is not checked: the commands after it run in the wrong directory",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"SC2164"})
public final class UncheckedCd implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      RunScript script = site.script();
      List<SimpleCommand> commands = script.commands();
      for (int i = 0; i + 1 < commands.size(); i++) {
        SimpleCommand c = commands.get(i);
        if (c.andThen() || c.failureTolerated() || c.background()) continue;
        Optional<CommandLine> cd = CommandLine.of(c, Set.of("cd"));
        if (cd.isEmpty() || cd.get().args().isEmpty()) continue;
        if (!laterInSameShell(commands, i) || Scripts.errexitBefore(script, i)) continue;
        ctx.report(script.range(c), message(cd.get().args().get(0).display()));
      }
    }
  }

  /** A command after {@code i} that runs in the shell {@code cd} changed. */
  private static boolean laterInSameShell(List<SimpleCommand> commands, int i) {
    SimpleCommand cd = commands.get(i);
    for (int j = i + 1; j < commands.size(); j++) {
      SimpleCommand next = commands.get(j);
      if (!cd.subshell() && next.subshell()) continue; // a ( ... ) of its own
      if (cd.subshell() && !next.subshell()) return false; // the subshell ended
      return true;
    }
    return false;
  }

  public static String message(String dir) {
    return "if 'cd " + dir + "' fails, the commands after it still run, in the wrong directory; "
        + "chain them with '&&' (or start the script with 'set -e')";
  }
}
