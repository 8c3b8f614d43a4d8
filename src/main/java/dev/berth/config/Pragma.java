package dev.berth.config;

import dev.berth.dockerfile.CheckOptions;
import dev.berth.rules.Aliases;
import dev.berth.rules.RuleInfo;
import dev.berth.source.Range;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One suppression written in a file. berth's own grammar stays tiny: {@code berth ignore=IDS
 * [reason]} or {@code berth ignore-file=IDS [reason]}, where an id is a rule id ({@code BTH006}),
 * an alias ({@code JSONArgsRecommended}, {@code DL3025}) or {@code all}. Pragmas of the tools
 * berth replaces are honoured too, matched through rule aliases, so a Dockerfile migrating from
 * them keeps working:
 *
 * <ul>
 *   <li>hadolint ({@code src/Hadolint/Pragma.hs}): {@code hadolint ignore=DL3006,DL3008} (the
 *       next instruction), {@code hadolint global ignore=…} (the file) and
 *       {@code hadolint stage ignore=…} (the rest of the stage), spaces allowed around {@code =}
 *       and commas, an inline {@code # comment} after the list;
 *   <li>BuildKit: {@code skip} of the {@code # check=} parser directive (the file) and of a
 *       {@code # check=} comment above an instruction (that instruction).
 * </ul>
 *
 * @param ids rule ids and aliases, upper-cased (berth, hadolint: hadolint codes are upper-case
 *     anyway); BuildKit check names as written, since BuildKit compares them case-sensitively
 * @param all the pragma covers every rule (berth {@code all}; BuildKit {@code skip=all}: every
 *     rule with a BuildKit alias for a check that is not experimental)
 * @param reason free text after the id list ("" when none); becomes the SARIF justification
 * @param range where the comment is
 */
record Pragma(Dialect dialect, Scope scope, Set<String> ids, boolean all, String reason,
    Range range) {
  enum Dialect { BERTH, HADOLINT, BUILDKIT }

  enum Scope {
    /** The next instruction (Dockerfile) or the next line and its nested block (YAML). */
    NEXT,
    /** From the next instruction to the end of its stage. */
    STAGE,
    FILE
  }

  private static final Pattern BERTH =
      Pattern.compile("berth\\s+(ignore|ignore-file)=([A-Za-z0-9_,]+)(?:\\s+(.*))?");
  private static final Pattern HADOLINT = Pattern.compile(
      "hadolint\\s+(?:(global|stage)\\s+)?ignore\\s*=\\s*([A-Za-z0-9]+(?:\\s*,\\s*[A-Za-z0-9]+)*)"
          + "(?:\\s*#\\s*(.*)|\\s+(.*))?");

  /** Parses the text of a comment with its leading '#' already removed. */
  static Optional<Pragma> parse(String commentText, Range range) {
    String text = commentText.strip();
    Matcher m = BERTH.matcher(text);
    if (m.matches()) {
      Scope scope = m.group(1).equals("ignore-file") ? Scope.FILE : Scope.NEXT;
      return of(Dialect.BERTH, scope, m.group(2), m.group(3), range);
    }
    m = HADOLINT.matcher(text);
    if (m.matches()) {
      Scope scope = m.group(1) == null ? Scope.NEXT
          : m.group(1).equals("global") ? Scope.FILE : Scope.STAGE;
      String reason = m.group(3) != null ? m.group(3) : m.group(4);
      return of(Dialect.HADOLINT, scope, m.group(2), reason, range);
    }
    return Optional.empty();
  }

  /** The {@code skip} part of BuildKit check options, when it skips anything. */
  static Optional<Pragma> fromCheck(CheckOptions options, Scope scope) {
    if (!options.skipAll() && options.skip().isEmpty()) return Optional.empty();
    return Optional.of(new Pragma(Dialect.BUILDKIT, scope, options.skip(), options.skipAll(),
        "# check=skip", options.range()));
  }

  private static Optional<Pragma> of(Dialect dialect, Scope scope, String list, String reason,
      Range range) {
    Set<String> ids = Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.toUpperCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    if (ids.isEmpty()) return Optional.empty();
    boolean all = dialect == Dialect.BERTH && ids.contains("ALL");
    return Optional.of(new Pragma(dialect, scope, ids, all, reason == null ? "" : reason.strip(),
        range));
  }

  boolean wholeFile() {
    return scope == Scope.FILE;
  }

  boolean covers(RuleInfo rule) {
    return switch (dialect) {
      case BERTH -> all || ids.contains(rule.id().toUpperCase(Locale.ROOT))
          || rule.aliases().stream().anyMatch(a -> ids.contains(a.toUpperCase(Locale.ROOT)));
      case HADOLINT -> Aliases.of(rule, Aliases.Tool.HADOLINT).stream()
          .anyMatch(a -> ids.contains(a.toUpperCase(Locale.ROOT)));
      // BuildKit never skips an experimental check: only `experimental=` turns it on or off.
      case BUILDKIT -> Aliases.of(rule, Aliases.Tool.BUILDKIT).stream()
          .anyMatch(a -> !Aliases.experimental(a) && (all || ids.contains(a)));
    };
  }
}
