package dev.berth.rules.hygiene;

import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a program reads one simple command's arguments, the getopt way: {@code -abc} is three
 * short options, {@code --name[=value]} a long one, {@code --} ends options. Wrappers that run
 * another command ({@code env X=1 cmd}, {@code nice}, {@code time}, {@code command}, {@code exec})
 * are looked through. A word with an expansion ({@code $FLAGS}) may hold any option, so
 * {@link #opaque()} makes questions about options unanswerable.
 *
 * @param command the simple command as parsed
 * @param name the program's name without its directory
 * @param args the words after the program name
 */
public record CommandLine(SimpleCommand command, String name, List<ShellWord> args) {

  /** Programs that run the rest of their arguments as a command. */
  private static final Set<String> WRAPPERS = Set.of("env", "nice", "nohup", "time", "command",
      "exec", "stdbuf");
  /** Wrapper options followed by a value word ({@code nice -n 5}, {@code env -u NAME}). */
  private static final Set<String> WRAPPER_VALUES = Set.of("-n", "-u", "-C", "--unset",
      "--chdir", "--adjustment");

  public static Optional<CommandLine> of(SimpleCommand c) {
    List<ShellWord> words = c.words();
    int i = 0;
    while (i < words.size()) {
      Optional<String> v = words.get(i).value();
      if (v.isEmpty()) return Optional.empty();
      String name = v.get().substring(v.get().lastIndexOf('/') + 1);
      if (!WRAPPERS.contains(name)) {
        return Optional.of(new CommandLine(c, name, words.subList(i + 1, words.size())));
      }
      i++;
      // the wrapper's own options (with their values) and env's NAME=value words
      while (i < words.size() && words.get(i).value()
          .filter(w -> w.startsWith("-") || (name.equals("env") && w.matches("[A-Za-z_]\\w*=.*")))
          .isPresent()) {
        i += WRAPPER_VALUES.contains(words.get(i).value().get()) ? 2 : 1;
      }
    }
    return Optional.empty();
  }

  /** The same command when it is {@code program}. */
  public static Optional<CommandLine> of(SimpleCommand c, Set<String> programs) {
    return of(c).filter(l -> programs.contains(l.name()));
  }

  /** True when some argument is not fixed text: any option could hide in it. */
  public boolean opaque() {
    return args.stream().anyMatch(w -> !w.literal());
  }

  /** The literal arguments up to {@code --}. */
  private List<String> optionWords() {
    List<String> out = new ArrayList<>();
    for (ShellWord w : args) {
      Optional<String> v = w.value();
      if (v.isEmpty()) continue;
      if (v.get().equals("--")) break;
      out.add(v.get());
    }
    return out;
  }

  /** How often the short option {@code letter} is given ({@code -qq} counts two). */
  public int countShort(char letter) {
    int n = 0;
    for (String w : optionWords()) {
      if (w.startsWith("-") && !w.startsWith("--") && w.length() > 1) {
        String letters = w.substring(1);
        int eq = letters.indexOf('=');
        if (eq >= 0) letters = letters.substring(0, eq);
        for (char ch : letters.toCharArray()) if (ch == letter) n++;
      }
    }
    return n;
  }

  public boolean hasShort(char letter) {
    return countShort(letter) > 0;
  }

  /** {@code --name} or {@code --name=value}. */
  public boolean hasLong(String name) {
    return longValue(name).isPresent();
  }

  /** The value of {@code --name=value} ("" for a bare {@code --name}). */
  public Optional<String> longValue(String name) {
    for (String w : optionWords()) {
      if (w.equals("--" + name)) return Optional.of("");
      if (w.startsWith("--" + name + "=")) return Optional.of(w.substring(name.length() + 3));
    }
    return Optional.empty();
  }

  /** True when some literal argument is exactly {@code text}. */
  public boolean hasArg(String text) {
    return args.stream().anyMatch(w -> w.value().filter(text::equals).isPresent());
  }

  /** The value of an option written {@code -o value}, {@code -ovalue}, {@code --opt value} or {@code --opt=value}. */
  public List<String> optionValues(String shortName, String longName) {
    List<String> out = new ArrayList<>();
    List<String> ws = optionWords();
    for (int i = 0; i < ws.size(); i++) {
      String w = ws.get(i);
      boolean hasNext = i + 1 < ws.size();
      if (shortName != null && w.equals("-" + shortName) && hasNext) {
        out.add(ws.get(++i));
      } else if (shortName != null && w.startsWith("-" + shortName) && !w.startsWith("--")
          && w.length() > 2) {
        out.add(w.substring(2));
      } else if (longName != null && w.equals("--" + longName) && hasNext) {
        out.add(ws.get(++i));
      } else if (longName != null && w.startsWith("--" + longName + "=")) {
        out.add(w.substring(longName.length() + 3));
      }
    }
    return out;
  }

  /**
   * The operands (non-option words), skipping the value of every option in {@code withValue}
   * (written without dashes: {@code o}, {@code target-release}).
   */
  public List<ShellWord> operands(Set<String> withValue) {
    List<ShellWord> out = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      ShellWord w = args.get(i);
      String v = w.value().orElse(null);
      if (options && v != null && v.equals("--")) {
        options = false;
      } else if (options && v != null && v.startsWith("-") && v.length() > 1) {
        String opt = v.startsWith("--") ? v.substring(2) : v.substring(v.length() - 1);
        if (v.startsWith("--") && opt.contains("=")) continue;
        if (withValue.contains(opt) && (v.startsWith("--") || v.length() == 2)) i++;
      } else {
        out.add(w);
      }
    }
    return out;
  }

  /** The first operand, when it is fixed text: {@code install} in {@code apt-get -y install x}. */
  public Optional<String> subcommand(Set<String> withValue) {
    List<ShellWord> ops = operands(withValue);
    return ops.isEmpty() ? Optional.empty() : ops.get(0).value();
  }
}
