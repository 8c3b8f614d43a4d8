package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
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

/** {@code cat file | cmd}: one file, no options, only to feed a pipe (ShellCheck SC2002). */
@RuleMeta(
    id = "BTH523",
    summary = "cat of one file only to feed a pipe",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"SC2002"})
public final class UselessCat implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      List<SimpleCommand> commands = site.script().commands();
      for (int i = 0; i + 1 < commands.size(); i++) {
        SimpleCommand c = commands.get(i);
        if (!c.piped() || !c.redirects().isEmpty()) continue;
        Optional<CommandLine> cat = CommandLine.of(c, Set.of("cat"));
        if (cat.isEmpty() || cat.get().args().size() != 1) continue;
        Optional<String> file = cat.get().args().get(0).value();
        if (file.isEmpty() || file.get().startsWith("-")) continue;
        String next = CommandLine.of(commands.get(i + 1)).map(CommandLine::name).orElse("…");
        ctx.report(site.script().range(c), message(file.get(), next));
      }
    }
  }

  public static String message(String file, String next) {
    return "'cat " + file + " | " + next + "' starts a process only to read a file; write '"
        + next + " < " + file + "'";
  }
}
