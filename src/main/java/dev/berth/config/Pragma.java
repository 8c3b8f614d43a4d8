package dev.berth.config;

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
 * [reason]} or {@code berth ignore-file=IDS [reason]}. Pragmas of the tools berth replaces are
 * honoured too, matched through rule aliases, so a Dockerfile migrating from them keeps working:
 * hadolint's {@code hadolint [global] ignore=DL3006,…} and BuildKit's {@code # check=skip=…}
 * parser directive.
 *
 * @param ids rule ids (berth: upper-cased, {@code ALL}); hadolint codes; BuildKit check names
 *     (case-sensitive, as BuildKit matches them) or {@code all}
 * @param reason free text after the id list ("" when none); becomes the SARIF justification
 * @param range where the comment is
 */
record Pragma(Dialect dialect, boolean wholeFile, Set<String> ids, String reason, Range range) {
  enum Dialect { BERTH, HADOLINT, BUILDKIT }

  private static final Pattern BERTH =
      Pattern.compile("berth\\s+(ignore|ignore-file)=([A-Za-z0-9_,]+)(?:\\s+(.*))?");
  private static final Pattern HADOLINT =
      Pattern.compile("hadolint\\s+(global\\s+)?ignore=([A-Za-z0-9,]+)(?:\\s+(.*))?");
  /** BuildKit check names are PascalCase; hadolint codes are DLnnnn / SCnnnn. */
  private static final Pattern BUILDKIT_NAME = Pattern.compile("[A-Z][a-z][A-Za-z0-9]*");

  /** Parses the text of a comment with its leading '#' already removed. */
  static Optional<Pragma> parse(String commentText, Range range) {
    String text = commentText.strip();
    Matcher m = BERTH.matcher(text);
    if (m.matches()) {
      return of(Dialect.BERTH, m.group(1).equals("ignore-file"), m.group(2), m.group(3), range);
    }
    m = HADOLINT.matcher(text);
    if (m.matches()) return of(Dialect.HADOLINT, m.group(1) != null, m.group(2), m.group(3), range);
    return Optional.empty();
  }

  /** A {@code check} parser directive value such as {@code skip=JSONArgsRecommended;error=true}. */
  static Optional<Pragma> fromCheckDirective(String value, Range range) {
    for (String part : value.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equals("skip")) {
        return of(Dialect.BUILDKIT, true, kv[1].strip(), "# check=skip directive", range);
      }
    }
    return Optional.empty();
  }

  private static Optional<Pragma> of(Dialect dialect, boolean wholeFile, String list,
      String reason, Range range) {
    Set<String> ids = Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> dialect == Dialect.BUILDKIT ? s : s.toUpperCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    if (ids.isEmpty()) return Optional.empty();
    return Optional.of(new Pragma(dialect, wholeFile, ids, reason == null ? "" : reason.strip(),
        range));
  }

  boolean covers(RuleInfo rule) {
    return switch (dialect) {
      case BERTH -> ids.contains("ALL") || ids.contains(rule.id().toUpperCase(Locale.ROOT));
      case HADOLINT -> rule.aliases().stream()
          .anyMatch(a -> ids.contains(a.toUpperCase(Locale.ROOT)));
      case BUILDKIT -> rule.aliases().stream().anyMatch(a -> ids.contains(a)
          || (ids.contains("all") && BUILDKIT_NAME.matcher(a).matches()));
    };
  }
}
