package dev.berth.config;

import dev.berth.source.Range;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One {@code # berth ignore=ID[,ID…] [reason]} or {@code # berth ignore-file=…} comment. The
 * grammar stays this small on purpose: one keyword, one list, free text after it.
 *
 * @param ids upper-cased rule ids, or {@code ALL}
 * @param reason free text after the id list ("" when none); becomes the SARIF justification
 * @param range where the comment is
 */
record Pragma(boolean wholeFile, Set<String> ids, String reason, Range range) {
  private static final Pattern FORM =
      Pattern.compile("berth\\s+(ignore|ignore-file)=([A-Za-z0-9_,]+)(?:\\s+(.*))?");

  /** Parses the text of a comment with its leading '#' already removed. */
  static Optional<Pragma> parse(String commentText, Range range) {
    Matcher m = FORM.matcher(commentText.strip());
    if (!m.matches()) return Optional.empty();
    Set<String> ids = Arrays.stream(m.group(2).split(","))
        .filter(s -> !s.isEmpty())
        .map(s -> s.toUpperCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    if (ids.isEmpty()) return Optional.empty();
    String reason = m.group(3) == null ? "" : m.group(3).strip();
    return Optional.of(new Pragma(m.group(1).equals("ignore-file"), ids, reason, range));
  }

  boolean covers(String ruleId) {
    return ids.contains("ALL") || ids.contains(ruleId.toUpperCase(Locale.ROOT));
  }
}
