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
 * A pipe in a RUN whose shell does not have {@code pipefail}: a pipeline's status is its last
 * command's, so a failing download in {@code curl ... | tar x} does not fail the build. A SHELL
 * with {@code -o pipefail}, or {@code set -o pipefail} earlier in the script, is enough. Pipes
 * fed by {@code echo}, {@code printf}, {@code yes} or {@code true}, which do not fail, are not
 * reported (hadolint's DL4006 reports every pipe); neither are non-POSIX shells.
 */
@RuleMeta(
    id = "BTH513",
    summary = "A pipe in RUN without pipefail: a failing command before '|' does not fail the build",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL4006"})
public final class PipeWithoutPipefail implements DockerfileRule {
  private static final Set<String> CANNOT_FAIL = Set.of("echo", "printf", "yes", "true", "seq");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      RunScript script = site.script();
      if (script.shell().isEmpty() || Scripts.shellOption(script, (char) 0, "pipefail")) continue;
      List<SimpleCommand> commands = script.commands();
      for (int i = 0; i + 1 < commands.size(); i++) {
        SimpleCommand c = commands.get(i);
        if (!c.piped() || c.background()) continue;
        if (pipefailBefore(commands, i)) break;
        Optional<CommandLine> producer = CommandLine.of(c);
        if (producer.isEmpty() || CANNOT_FAIL.contains(producer.get().name())) continue;
        String consumer = CommandLine.of(commands.get(i + 1)).map(CommandLine::name).orElse("…");
        ctx.report(script.range(c), message(producer.get().name(), consumer));
        break;
      }
    }
  }

  private static boolean pipefailBefore(List<SimpleCommand> commands, int i) {
    for (int j = 0; j < i; j++) {
      if (Scripts.setsOption(commands.get(j), (char) 0, "pipefail")) return true;
    }
    return false;
  }

  public static String message(String producer, String consumer) {
    return "'" + producer + " … | " + consumer + "' succeeds when " + consumer + " does, so a "
        + "failing " + producer + " does not fail the build; use SHELL [\"/bin/bash\", \"-o\", "
        + "\"pipefail\", \"-c\"] (or 'set -o pipefail' where the shell is bash or ash)";
  }
}
