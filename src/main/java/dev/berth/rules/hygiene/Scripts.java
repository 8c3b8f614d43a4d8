package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScript;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.dockerfile.StagesBuilt;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Questions the shell rules ask of a RUN script. */
public final class Scripts {
  private Scripts() {}

  /** The RUNs of the stages a build of the Dockerfile runs. */
  public static List<RunScripts.Site> built(Dockerfile df, Project project) {
    BitSet built = StagesBuilt.indexes(df, project);
    return RunScripts.of(project).sites(df).stream()
        .filter(s -> built.get(s.stage().stage().index())).toList();
  }

  /** {@code set -e}, {@code set -eux}, {@code set -o errexit} among the commands before {@code i}. */
  static boolean errexitBefore(RunScript script, int i) {
    if (shellOption(script, 'e', "errexit")) return true;
    List<SimpleCommand> commands = script.commands();
    for (int j = 0; j < i && j < commands.size(); j++) {
      if (setsOption(commands.get(j), 'e', "errexit")) return true;
    }
    return false;
  }

  /** The SHELL instruction itself turns the option on ({@code ["/bin/bash", "-eo", "pipefail", "-c"]}). */
  static boolean shellOption(RunScript script, char letter, String name) {
    List<String> shell = script.shell();
    for (int k = 1; k < shell.size(); k++) {
      String a = shell.get(k);
      if (a.equals(name) && k > 0 && shell.get(k - 1).matches("-[a-z]*o")) return true;
      if (letter != 0 && a.matches("-[a-z]+") && a.indexOf(letter) > 0) return true;
    }
    return false;
  }

  /** {@code set -<letters>} containing the letter, or {@code set -o name}. */
  static boolean setsOption(SimpleCommand c, char letter, String name) {
    Optional<CommandLine> set = CommandLine.of(c, java.util.Set.of("set"));
    if (set.isEmpty()) return false;
    List<ShellWord> args = set.get().args();
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k).value().orElse("");
      if (letter != 0 && a.matches("-[a-z]+") && a.indexOf(letter) > 0) return true;
      if (a.matches("-[a-z]*o") && k + 1 < args.size()
          && args.get(k + 1).value().filter(name::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
