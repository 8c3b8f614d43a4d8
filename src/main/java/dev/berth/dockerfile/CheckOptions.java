package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's build-check options ({@code linter.ParseLintOptions}), written as the {@code check}
 * parser directive at the top of a Dockerfile ({@code # check=skip=A,B;error=true}) or as a
 * {@code # check=…} comment in the comments directly above one instruction, which then applies to
 * that instruction only (BuildKit {@code WithMergedConfigFromComments}; {@code error} is not merged
 * from such comments).
 *
 * @param skip check names skipped (case-sensitive, as BuildKit compares them)
 * @param skipAll {@code skip=all}: every check that is not experimental
 * @param experimental experimental checks turned on
 * @param experimentalAll {@code experimental=all}
 * @param error {@code error=true}: any check violation fails the build
 * @param range where the directive or comment is
 */
public record CheckOptions(Set<String> skip, boolean skipAll, Set<String> experimental,
    boolean experimentalAll, boolean error, Range range) {

  /** BuildKit's DirectiveParser line form, applied to a comment's text. */
  private static final Pattern DIRECTIVE =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");

  public CheckOptions {
    skip = Set.copyOf(skip);
    experimental = Set.copyOf(experimental);
  }

  /** Whether these options skip the BuildKit check {@code name}. */
  public boolean skips(String name, boolean experimentalCheck) {
    return !experimentalCheck && (skipAll || skip.contains(name));
  }

  /** Whether these options turn on the experimental check {@code name}. */
  public boolean enables(String name) {
    return experimentalAll || experimental.contains(name);
  }

  /** Parsed options, or the reason BuildKit refuses them ("invalid check option \"x\""). */
  public sealed interface Parsed {
    record Ok(CheckOptions options) implements Parsed {}

    record Invalid(String message) implements Parsed {}
  }

  /**
   * {@code ParseLintOptions}: at most three {@code ;}-separated {@code key=value} parts; keys
   * {@code skip}, {@code experimental} (a list or {@code all}) and {@code error} (a Go boolean).
   */
  public static Parsed parse(String value, Range range) {
    String s = value.strip();
    Set<String> skip = new LinkedHashSet<>();
    Set<String> experimental = new LinkedHashSet<>();
    boolean skipAll = false;
    boolean experimentalAll = false;
    boolean error = false;
    if (s.isEmpty()) return new Parsed.Ok(new CheckOptions(skip, false, experimental, false, false,
        range));
    for (String part : s.split(";", 3)) {
      int eq = part.indexOf('=');
      if (eq < 0) return new Parsed.Invalid("invalid check option \"" + part + "\"");
      String k = part.substring(0, eq).strip();
      String v = part.substring(eq + 1).strip();
      switch (k) {
        case "skip" -> {
          if (v.equals("all")) {
            skipAll = true;
          } else {
            skip.addAll(names(v));
          }
        }
        case "experimental" -> {
          if (v.equals("all")) {
            experimentalAll = true;
          } else {
            experimental.addAll(names(v));
          }
        }
        case "error" -> {
          Optional<Boolean> b = goBool(v);
          if (b.isEmpty()) {
            return new Parsed.Invalid("failed to parse check option \"" + part
                + "\": strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
          }
          error = b.get();
        }
        default -> {
          return new Parsed.Invalid("invalid check option \"" + k + "\"");
        }
      }
    }
    return new Parsed.Ok(new CheckOptions(skip, skipAll, experimental, experimentalAll, error,
        range));
  }

  /**
   * The options of the {@code check} parser directive. BuildKit keeps only the value's first word
   * ({@code parser.ParseDirective}), so a reason may follow after a space.
   */
  public static Parsed fromDirective(Directive d) {
    return parse(firstWord(d.value()), d.range());
  }

  /**
   * The options a comment above an instruction carries, when its text (after '#') is a
   * {@code check=VALUE} directive line ({@code # check=skip=SecretsUsedInArgOrEnv // public}).
   * Options BuildKit cannot parse are ignored there, as BuildKit ignores them: such a comment
   * still ends the search for one (the first {@code check=} comment above an instruction wins).
   */
  static Optional<CheckOptions> fromComment(Comment c) {
    Matcher m = DIRECTIVE.matcher(c.text());
    if (!m.matches() || !m.group(1).toLowerCase(Locale.ROOT).equals("check")) {
      return Optional.empty();
    }
    return parse(firstWord(m.group(2)), c.range()) instanceof Parsed.Ok ok
        ? Optional.of(ok.options())
        : Optional.of(new CheckOptions(Set.of(), false, Set.of(), false, false, c.range()));
  }

  private static String firstWord(String value) {
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }

  private static List<String> names(String v) {
    return java.util.Arrays.stream(v.split(",")).map(String::strip).toList();
  }

  /** Go's strconv.ParseBool. */
  private static Optional<Boolean> goBool(String v) {
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
