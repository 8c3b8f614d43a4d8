package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Vars;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
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
 * An unquoted {@code $VAR} whose value, known from ARG or ENV, contains whitespace, where the
 * command takes exactly one word: the directory of {@code cd}, an operand of {@code [}/{@code
 * test}. The shell splits the value, so {@code cd} goes to the first piece and the test fails with
 * "unexpected operator" or "too many arguments". ShellCheck's SC2086 asks to quote every
 * expansion; berth reports only those whose known value really splits where one word is needed
 * (a list such as {@code apt-get install $PACKAGES} is split on purpose).
 */
@RuleMeta(
    id = "BTH522",
    summary = "An unquoted variable whose value has spaces is split where one word is needed",
    severity = Severity.WARNING,
    category = Category.BUG,
    aliases = {"SC2086"})
public final class SplitExpansion implements DockerfileRule {
  private static final Set<String> ONE_WORD_COMMANDS = Set.of("cd", "[", "test");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      Vars vars = site.stage().varsBefore(site.run());
      for (SimpleCommand c : site.script().commands()) {
        Optional<CommandLine> l = CommandLine.of(c, ONE_WORD_COMMANDS);
        if (l.isEmpty()) continue;
        for (ShellWord w : l.get().args()) {
          Optional<String> split = splitParam(w, vars);
          if (split.isPresent()) {
            ctx.report(site.script().range(w), message(w.raw(), split.get(), l.get().name()));
            break;
          }
        }
      }
    }
  }

  /** The unquoted parameter of the word whose known value contains whitespace. */
  private static Optional<String> splitParam(ShellWord w, Vars vars) {
    for (ShellWord.Part p : w.parts()) {
      if (p instanceof ShellWord.Param param && !param.quoted()) {
        Optional<String> v = vars.value(param.name());
        if (v.isPresent() && v.get().strip().matches(".*\\s.*")) return Optional.of(param.name());
      }
    }
    return Optional.empty();
  }

  public static String message(String word, String name, String command) {
    String what = command.equals("cd") ? "'cd' goes to the first piece only"
        : "the test gets extra words and fails ('unexpected operator')";
    return word + " is not quoted and " + name + " holds spaces, so the shell splits it into "
        + "several words: " + what + "; write \"" + word + "\"";
  }
}
