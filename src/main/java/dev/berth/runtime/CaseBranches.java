package dev.berth.runtime;

import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.VariableLookup;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which branch of a shell {@code case} runs when its subject is known: the entrypoint idiom
 *
 * <pre>
 * case "$1" in
 *   run | serve | eval ) exec deno "$@" ;;
 * esac
 * exec "$@"
 * </pre>
 *
 * (denoland/deno_docker's _entry.sh). POSIX "case Conditional Construct": the subject is expanded
 * without splitting, each pattern in order is matched as in pathname expansion (quoted characters
 * match themselves), and the first branch with a matching pattern runs; none runs when no pattern
 * matches. A pattern or subject berth cannot expand leaves the choice unknown.
 */
final class CaseBranches {
  private CaseBranches() {}

  /** {@code $1}, {@code ${1}}, {@code ${1:-}}, {@code ${1-}}: the first argument ("" when none). */
  private static final Set<String> FIRST_ARGUMENT = Set.of("$1", "${1}", "${1:-}", "${1-}");

  /**
   * The branches that run: one, none (no pattern matches), or empty when berth cannot tell.
   *
   * @param args the script's arguments; one starting with {@link Processes#UNKNOWN} is unknown
   */
  static Optional<List<ShellScript.Branch>> taken(ShellScript.Case clause, VariableLookup vars,
      List<String> args) {
    Optional<String> subject = subject(clause.subject(), vars, args);
    if (subject.isEmpty()) return Optional.empty();
    for (ShellScript.Branch b : clause.branches()) {
      for (ShellWord pattern : b.patterns()) {
        Optional<Pattern> p = pattern(pattern, vars);
        if (p.isEmpty()) return Optional.empty();
        if (p.get().matcher(subject.get()).matches()) return Optional.of(List.of(b));
      }
    }
    return Optional.of(List.of());
  }

  private static Optional<String> subject(ShellWord w, VariableLookup vars, List<String> args) {
    if (w.parts().size() == 1 && w.parts().get(0) instanceof ShellWord.Opaque o
        && FIRST_ARGUMENT.contains(o.raw())) {
      if (args.isEmpty()) return Optional.of("");
      return args.get(0).startsWith(Processes.UNKNOWN) ? Optional.empty() : Optional.of(args.get(0));
    }
    return w.expand(vars);
  }

  /** The pattern as a regular expression, or empty when a part of it is unknown. */
  static Optional<Pattern> pattern(ShellWord w, VariableLookup vars) {
    StringBuilder re = new StringBuilder();
    List<ShellWord.Part> parts = w.parts();
    for (int i = 0; i < parts.size(); i++) {
      ShellWord.Part part = parts.get(i);
      if (part instanceof ShellWord.Literal l) {
        re.append(Pattern.quote(l.text()));
      } else if (part instanceof ShellWord.Param p) {
        Optional<String> v = vars.value(p.name());
        if (v.isEmpty()) return Optional.empty();
        // unquoted, its value is a pattern itself (PAT='*'; case $1 in $PAT)): not read
        if (!p.quoted() && v.get().matches("(?s).*[*?\\[\\\\].*")) return Optional.empty();
        re.append(Pattern.quote(v.get()));
      } else {
        String raw = ((ShellWord.Opaque) part).raw();
        switch (raw) {
          case "*" -> re.append(".*");
          case "?" -> re.append('.');
          case "{" -> re.append("\\{");
          case "[" -> {
            // a bracket expression: the unquoted text up to its `]` (the parser keeps `[` apart)
            if (i + 1 >= parts.size() || !(parts.get(i + 1) instanceof ShellWord.Literal next)
                || next.quoted()) {
              return Optional.empty();
            }
            int close = next.text().indexOf(']', 1);
            if (close < 0) return Optional.empty();
            String set = next.text().substring(0, close);
            boolean negated = set.startsWith("!") || set.startsWith("^");
            if (negated) set = set.substring(1);
            if (set.isEmpty() || !set.matches("[A-Za-z0-9_.:/@+-]+")) return Optional.empty();
            // a range must ascend ([z-a] is no set berth reads)
            java.util.regex.Matcher range = RANGE.matcher(set);
            while (range.find()) {
              if (range.group(1).charAt(0) > range.group(2).charAt(0)) return Optional.empty();
            }
            re.append(negated ? "[^" : "[").append(set.replace("-", "\\-")
                .replaceAll("(?<=[A-Za-z0-9])\\\\-(?=[A-Za-z0-9])", "-")).append(']');
            re.append(Pattern.quote(next.text().substring(close + 1)));
            i++;
          }
          default -> {
            return Optional.empty();
          }
        }
      }
    }
    try {
      return Optional.of(Pattern.compile(re.toString(), Pattern.DOTALL));
    } catch (java.util.regex.PatternSyntaxException e) {
      return Optional.empty(); // a bracket expression berth does not read
    }
  }

  private static final Pattern RANGE = Pattern.compile("([A-Za-z0-9])-([A-Za-z0-9])");
}
