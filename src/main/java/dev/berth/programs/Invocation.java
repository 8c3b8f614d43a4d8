package dev.berth.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A catalog entry applied to one command line: which arguments are options and operands, and
 * what the entry's facts come to for these arguments.
 *
 * @param argv the command line, the program first
 */
public record Invocation(Program program, List<String> argv) {

  public Invocation {
    argv = List.copyOf(argv);
  }

  /** Positions of the operands: arguments that are neither options nor option values. */
  public List<Integer> operands() {
    List<Integer> out = new ArrayList<>();
    boolean optionsEnd = false;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!optionsEnd && a.equals("--")) {
        optionsEnd = true;
        continue;
      }
      if (!optionsEnd && a.startsWith("-") && a.length() > 1) {
        if (program.valueOptions().contains(a)) i++;
        continue;
      }
      out.add(i);
    }
    return out;
  }

  /** The {@code k}th operand. */
  public Optional<String> operand(int k) {
    List<Integer> ops = operands();
    return k < ops.size() ? Optional.of(argv.get(ops.get(k))) : Optional.empty();
  }

  /**
   * Where the script file stands that an interpreter or shell runs ({@code python app.py},
   * {@code node -r dotenv/config server.js}, {@code sh start.sh}): its first operand, when that
   * names a file (a path, or a .py, .js, .mjs, .cjs or .sh name) and neither the module option
   * nor a code option ({@code -m}, {@code -c}, {@code -e}) before it runs something else; else -1.
   */
  public int script() {
    Program.Runs r = program.runs().orElse(null);
    List<Integer> ops = operands();
    if (r != Program.Runs.INTERPRETER && r != Program.Runs.SHELL || ops.isEmpty()) return -1;
    int first = ops.get(0);
    for (int k = 1; k < first; k++) {
      String a = argv.get(k);
      if (program.codeOptions().contains(a) || program.moduleOption().filter(a::equals).isPresent()) {
        return -1;
      }
    }
    String a = argv.get(first);
    boolean file = a.contains("/") || a.endsWith(".py") || a.endsWith(".js") || a.endsWith(".mjs")
        || a.endsWith(".cjs") || a.endsWith(".sh");
    return file ? first : -1;
  }

  /**
   * An interpreter or shell given nothing to run: no script or other operand, no module and no
   * code option ({@code python3}, {@code node}, {@code bash}). It reads its program from standard
   * input: an interactive session under {@code docker run -it} (python(1) "interactive mode" when
   * no script is given; sh(1) reads commands from standard input when given no operand).
   */
  public boolean interactive() {
    Program.Runs r = program.runs().orElse(null);
    if (r != Program.Runs.INTERPRETER && r != Program.Runs.SHELL) return false;
    if (!operands().isEmpty() || module() >= 0) return false;
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      for (String c : program.codeOptions()) {
        if (a.equals(c) || c.startsWith("--") && a.startsWith(c + "=")) return false;
      }
      if (program.moduleOption().filter(a::equals).isPresent()) return false;
    }
    return true;
  }

  /**
   * An interpreter told only to print a literal: its code option's code is one print of a string
   * ({@code deno eval "console.log('Welcome to Deno!')"}, the default command of the official
   * denoland/deno images; {@code node -e "console.log('hi')"}, {@code python -c "print('hi')"}).
   * It greets and exits, like {@code echo}: the image brings no program of its own.
   */
  public boolean printsOnly() {
    if (program.runs().orElse(null) != Program.Runs.INTERPRETER) return false;
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      for (String c : program.codeOptions()) {
        String code = a.equals(c) && k + 1 < argv.size() ? argv.get(k + 1)
            : c.startsWith("--") && a.startsWith(c + "=") ? a.substring(c.length() + 1) : null;
        if (code != null) return code.length() <= 300 && PRINT_LITERAL.matcher(code).matches();
      }
      // a script or module before any code (`node server.js -e ...`): that script runs; an
      // interactive option keeps the interpreter at its prompt after the code
      if (!a.startsWith("-") || a.equals("-i") || program.moduleOption().filter(a::equals)
          .isPresent()) {
        return false;
      }
      if (program.valueOptions().contains(a)) k++;
    }
    return false;
  }

  /** One print of a string literal: console.log('...'), print("..."), puts '...', echo "...". */
  private static final java.util.regex.Pattern PRINT_LITERAL = java.util.regex.Pattern.compile(
      "\\s*+(?:console\\.log|print|puts|echo|say)\\s*+\\(?\\s*+(?:'[^'\\\\]{0,200}+'"
          + "|\"[^\"\\\\$`{]{0,200}+\")\\s*+\\)?\\s*+;?\\s*+");

  /**
   * Where the module stands that an interpreter runs after its module option
   * ({@code python -m gunicorn}), when that option comes before any operand and code option; else
   * -1.
   */
  public int module() {
    if (program.moduleOption().isEmpty()) return -1;
    for (int j = 1; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.equals(program.moduleOption().get())) return j + 1 < argv.size() ? j + 1 : -1;
      if (!a.startsWith("-") || program.codeOptions().contains(a)) return -1;
      if (program.valueOptions().contains(a)) j++;
    }
    return -1;
  }

  public boolean hasOption(String name) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) return false;
      if (a.equals(name) || (name.startsWith("--") && a.startsWith(name + "="))) return true;
    }
    return false;
  }

  /** The value of the first of {@code names} given ({@code -p X}, {@code --pid X}, {@code --pid=X}). */
  public Optional<String> optionValue(List<String> names) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) break;
      for (String n : names) {
        if (a.equals(n) && i + 1 < argv.size()) return Optional.of(argv.get(i + 1));
        if (n.startsWith("--") && a.startsWith(n + "=")) return Optional.of(a.substring(n.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Where the command this program runs starts ({@code runs: arguments}): the first operand after
   * the subcommand, or after the user for {@code user-then-arguments}; -1 when there is none.
   */
  public int commandStart() {
    List<Integer> ops = operands();
    int skip = (program.subcommands().isEmpty() ? 0 : 1)
        + (program.runs().orElse(null) == Program.Runs.USER_THEN_ARGUMENTS ? 1 : 0);
    // NAME=VALUE operands before the command are assignments (env(1), cross-env): no command is
    // named so
    int k = skip;
    while (k < ops.size() && dev.berth.image.shell.ShellWord.assignmentText(argv.get(ops.get(k)))) {
      k++;
    }
    return k < ops.size() ? ops.get(k) : -1;
  }

  /**
   * The user a program that drops privileges when told to is told: by option ({@code --uid},
   * {@code runuser -u}), or by its first operand when the entry says so ({@code su [-] USER}; a
   * lone {@code -} is su's login flag, not a user).
   */
  public Optional<String> userOption() {
    Optional<Program.UserSetting> with = program.dropsPrivilegesWith();
    if (with.isEmpty()) return Optional.empty();
    Optional<String> given = optionValue(with.get().options());
    if (given.isPresent() || !with.get().operand()) return given;
    return operands().stream().map(argv::get).filter(a -> !a.equals("-")).findFirst();
  }

  /** A user switcher told to start a login shell ({@code su -}, {@code su -l}): it runs in the user's home. */
  public boolean login() {
    List<String> login = program.dropsPrivilegesWith().map(Program.UserSetting::login)
        .orElse(List.of());
    return login.stream().anyMatch(l -> l.equals("-")
        ? operands().stream().anyMatch(k -> argv.get(k).equals("-")) : hasOption(l));
  }

  /**
   * The user this invocation runs its command as when it switches users: {@code gosu USER},
   * {@code runuser -u USER}, {@code su USER}; empty when it is told none.
   */
  public Optional<String> runsAs() {
    return switchesTo().or(this::userOption);
  }

  /** A user spec naming root ({@code root}, {@code 0}, {@code root:root}): switching to it drops nothing. */
  public static boolean root(String user) {
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    return name.equals("root") || name.equals("0");
  }

  /** The user {@code gosu USER ...} switches to. */
  public Optional<String> switchesTo() {
    return program.runs().orElse(null) == Program.Runs.USER_THEN_ARGUMENTS ? operand(0)
        : Optional.empty();
  }

  /**
   * A write of this invocation with its path as the arguments give it (not yet resolved against
   * the working directory, HOME or the environment); empty when the entry writes nothing here.
   */
  public Optional<String> path(Program.Write w) {
    for (String u : w.unless()) {
      if (hasOption(u) || argv.contains(u)) return Optional.empty();
    }
    Optional<String> given = w.options().isEmpty() ? Optional.empty() : optionValue(w.options());
    if (given.isPresent()) {
      boolean address = !w.addressMark().isEmpty() && given.get().contains(w.addressMark());
      return w.stdio().contains(given.get()) || address ? Optional.empty() : given;
    }
    return w.onlyWithOption() ? Optional.empty() : Optional.of(w.path());
  }

  /**
   * {@code ${VAR:-default}} and {@code $VAR} in a catalog path, from the container's environment:
   * {@code value} gives a variable's known value, {@code unknown} says it may be set to something
   * berth does not know. Empty when the path depends on an unknown variable.
   */
  public static Optional<String> expand(String path,
      java.util.function.Function<String, Optional<String>> value,
      java.util.function.Predicate<String> unknown) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      String name;
      String fallback = "";
      if (i + 1 < path.length() && path.charAt(i + 1) == '{') {
        int close = path.indexOf('}', i);
        if (close < 0) return Optional.empty();
        String body = path.substring(i + 2, close);
        int dash = body.indexOf(":-");
        name = dash < 0 ? body : body.substring(0, dash);
        fallback = dash < 0 ? "" : body.substring(dash + 2);
        i = close + 1;
      } else {
        int end = i + 1;
        while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) end++;
        name = path.substring(i + 1, end);
        i = end;
      }
      Optional<String> v = value.apply(name);
      if (v.isEmpty() && unknown.test(name)) return Optional.empty();
      out.append(v.filter(x -> !x.isEmpty()).orElse(fallback));
    }
    return Optional.of(out.toString());
  }
}
