package dev.berth.runtime;

import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entrypoint idiom of the Docker official images: when the container is given no command, or
 * only options, the script puts its program in front of them and runs that.
 *
 * <pre>
 * if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
 *   set -- varnishd -F -f /etc/varnish/default.vcl "$@"
 * fi
 * exec "$@"
 * </pre>
 *
 * (varnish's docker-varnish-entrypoint; postgres, redis and haproxy write
 * {@code if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi}). Only tests of the argument
 * count and of whether the first argument starts with {@code -} are understood; any other
 * condition leaves the arguments unknown.
 */
final class ArgumentTests {
  private ArgumentTests() {}

  /**
   * Whether the if-condition right before {@code set} holds for {@code args}: empty when the
   * command is not the first of an if's then-branch whose condition berth reads.
   *
   * @param commands the script's commands, in order
   * @param at the index of the {@code set} command
   */
  static Optional<Boolean> holds(String text, List<SimpleCommand> commands, int at,
      List<String> args) {
    for (String a : args) {
      if (a.startsWith(Processes.UNKNOWN)) return Optional.empty();
    }
    // The if's own condition: the commands right before `set`, joined by || or && only, with
    // `if` before the first and `then` between the last and `set` (nothing else: no `!`, no
    // enclosing if's condition, no other command of the branch).
    if (at == 0) return Optional.empty();
    List<SimpleCommand> condition = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    int i = at - 1;
    condition.add(commands.get(i));
    if (!between(text, commands.get(i), commands.get(at)).equals("then")) return Optional.empty();
    while (i > 0) {
      String join = between(text, commands.get(i - 1), commands.get(i));
      if (!join.equals("||") && !join.equals("&&")) break;
      joins.add(0, join);
      condition.add(0, commands.get(--i));
    }
    int before = i > 0 ? commands.get(i - 1).end() : 0;
    String lead = text.substring(Math.min(before, commands.get(i).start()),
        commands.get(i).start()).strip();
    if (!lead.equals("if") && !lead.endsWith(" if") && !lead.endsWith(";if")
        && !lead.endsWith("\nif")) {
      return Optional.empty();
    }
    // an if inside another if's branch, a loop or a list runs only when that one lets it
    String outer = lead.substring(0, lead.length() - 2).strip();
    for (String open : List.of("then", "else", "do", "&&", "||", "{", "(")) {
      if (outer.endsWith(open)) return Optional.empty();
    }
    if (joins.stream().distinct().count() > 1) return Optional.empty(); // a || b && c: not read
    boolean and = !joins.isEmpty() && joins.get(0).equals("&&");
    boolean result = and;
    for (SimpleCommand c : condition) {
      Optional<Boolean> one = test(c, args);
      if (one.isEmpty()) return Optional.empty();
      result = and ? result && one.get() : result || one.get();
    }
    return Optional.of(result);
  }

  /** The text between two commands, `;` and blanks folded away. */
  private static String between(String text, SimpleCommand a, SimpleCommand b) {
    return text.substring(Math.min(a.end(), b.start()), b.start()).replaceAll("[\\s;]+", " ")
        .strip();
  }

  /** One {@code [ ... ]} or {@code test ...} about the arguments. */
  private static Optional<Boolean> test(SimpleCommand c, List<String> args) {
    List<String> w = new ArrayList<>();
    for (ShellWord word : c.words()) w.add(unquoted(word.raw()));
    if (w.isEmpty()) return Optional.empty();
    if (w.get(0).equals("[")) {
      if (!w.get(w.size() - 1).equals("]")) return Optional.empty();
      w = w.subList(1, w.size() - 1);
    } else if (w.get(0).equals("test")) {
      w = w.subList(1, w.size());
    } else {
      return Optional.empty();
    }
    if (w.size() != 3) return Optional.empty();
    String left = w.get(0);
    String op = w.get(1);
    String right = w.get(2);
    // "$1" != "${1#-}" (deno_docker's _entry.sh) is the same test written the other way round
    if (left.equals("$1") && right.equals("${1#-}")) {
      left = right;
      right = "$1";
    }
    boolean dash = !args.isEmpty() && args.get(0).startsWith("-");
    if (left.equals("$#") && right.equals("0")) {
      return switch (op) {
        case "-eq", "=" -> Optional.of(args.isEmpty());
        case "-ne", "!=", "-gt" -> Optional.of(!args.isEmpty());
        default -> Optional.empty();
      };
    }
    // "${1#-}" != "$1": the first argument starts with a dash
    if (left.equals("${1#-}") && right.equals("$1")) {
      return switch (op) {
        case "!=" -> Optional.of(dash);
        case "=" -> Optional.of(!dash);
        default -> Optional.empty();
      };
    }
    // "${1:0:1}" = '-'
    if (left.equals("${1:0:1}") && right.equals("-")) {
      return switch (op) {
        case "=", "==" -> Optional.of(dash);
        case "!=" -> Optional.of(!dash);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private static String unquoted(String raw) {
    if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"")
        || raw.startsWith("'") && raw.endsWith("'"))) {
      return raw.substring(1, raw.length() - 1);
    }
    return raw;
  }
}
