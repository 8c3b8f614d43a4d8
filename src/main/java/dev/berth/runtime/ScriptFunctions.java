package dev.berth.runtime;

import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions a script defines ({@code name() { ...; }}, which the shell parser hands out
 * with their bodies unparsed, {@link ShellScript#functions()}) and what calling one does: a
 * function whose body runs only commands of the {@link ScriptCommands} catalog (or other such
 * functions of the script) starts no server and is no process of its own, like
 * {@code file_env} in the official database images' docker-entrypoint.sh. Its body's
 * assignments and file changes are not followed, so a call counts as changing files. Any other
 * body (a program, an {@code exec}, a word berth cannot read, a construct the parser does not
 * model) leaves the call unknown.
 */
final class ScriptFunctions {
  /** Nested calls followed at most this deep; beyond, the call is unknown. */
  private static final int MAX_DEPTH = 8;

  private ScriptFunctions() {}

  /** Each defined function's effect when called; empty: the call may run anything. */
  static Map<String, Optional<ScriptCommands.Effect>> effects(ShellScript script,
      ScriptCommands commands) {
    Map<String, ShellScript> bodies = new LinkedHashMap<>();
    for (ShellScript.Function f : script.functions()) {
      bodies.put(f.name(), ShellScript.parse(script.text(f.body())));
    }
    Map<String, Optional<ScriptCommands.Effect>> out = new HashMap<>();
    for (String name : bodies.keySet()) {
      out.put(name, known(name, bodies, commands, new HashSet<>(), 0)
          ? Optional.of(ScriptCommands.Effect.CHANGES_FILES) : Optional.empty());
    }
    return out;
  }

  private static boolean known(String name, Map<String, ShellScript> bodies,
      ScriptCommands commands, Set<String> calling, int depth) {
    ShellScript body = bodies.get(name);
    if (body == null || !body.complete() || depth > MAX_DEPTH || !calling.add(name)) return false;
    try {
      for (SimpleCommand c : body.commands()) {
        if (c.words().isEmpty()) continue;
        String word = c.words().get(0).raw();
        // exec replaces the shell; a quoted or expanded name is not known here.
        if (word.equals("exec") || !plain(word)) return false;
        String base = word.substring(word.lastIndexOf('/') + 1);
        String first = c.words().size() > 1 ? c.words().get(1).raw() : "";
        if (commands.notServer(base, plain(first) ? java.util.List.of(base, first)
            : java.util.List.of(base))) {
          continue;
        }
        if (!bodies.containsKey(base) || !known(base, bodies, commands, calling, depth + 1)) {
          return false;
        }
      }
      return true;
    } finally {
      calling.remove(name);
    }
  }

  /** A command name written literally: no quoting, expansion or glob. */
  private static boolean plain(String word) {
    if (word.isEmpty()) return false;
    for (int i = 0; i < word.length(); i++) {
      char ch = word.charAt(i);
      if (!(Character.isLetterOrDigit(ch) || "_./:[-".indexOf(ch) >= 0)) return false;
    }
    return true;
  }
}
