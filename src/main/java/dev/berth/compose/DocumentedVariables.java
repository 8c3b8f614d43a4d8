package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The comments of a compose file that document variables as inputs the user sets: shaarli's
 * header {@code # - SHAARLI_DOCKER_TAG   Shaarli docker tag to use}, dolibarr's
 * {@code # $ export DOLI_VERSION=4.0.4}, synapse's comment after a value
 * {@code # Replace VOLUME_PATH with the path to your Synapse volume}. Neither YAML nor Compose
 * keeps comments, so they are read from the file's text: a line whose first non-blank character
 * is {@code #}, or the part of a line after a {@code #} that follows a blank outside quotes, when
 * it is no part of a multi-line scalar (a {@code #} line of a {@code command: |} script is the
 * script's).
 *
 * <p>A line names a variable when the name is there as a whole word ({@code TAG}, {@code $TAG},
 * {@code TAG=}; not {@code TAG_PREFIX}), or as one of a numbered list written short
 * ({@code PORT1/2/3} names {@code PORT2}). Not documentation: a line that mentions a berth rule id
 * (a suppression, a test annotation), and a commented-out use of the variable, a line that looks
 * like YAML ({@code # image: app:${TAG}}, {@code # - ${PORT}:80}) and refers to it with
 * {@code $}.
 */
final class DocumentedVariables {
  private DocumentedVariables() {}

  private static final Pattern RULE_ID = Pattern.compile("\\bBTH\\d{3}\\b");
  /** A commented-out mapping entry ({@code key: value}) or sequence entry ({@code - item}). */
  private static final Pattern YAML_LINE = Pattern.compile("^(-(\\s|$)|[^\\s:#]+:(\\s|$))");

  /**
   * For each of {@code names} a comment line of the file documents, the first such line.
   *
   * @param documents the file's parsed documents, for the ranges of its scalars
   */
  static Map<String, Range> find(SourceFile file, List<YamlNode> documents,
      Collection<String> names) {
    Map<String, Range> out = new LinkedHashMap<>();
    if (names.isEmpty() || file.text().indexOf('#') < 0) return out;
    List<Range> scalars = multiLineScalars(documents);
    for (int line = 1; line <= file.lineCount() && out.size() < names.size(); line++) {
      String text = file.lineText(line);
      int hash = 0;
      while (hash < text.length() && (text.charAt(hash) == ' ' || text.charAt(hash) == '\t')) {
        hash++;
      }
      if (hash < text.length() && text.charAt(hash) != '#') hash = trailingComment(text, hash);
      if (hash < 0 || hash >= text.length()) continue;
      Range at = Range.point(file.path(), line, hash + 1);
      if (scalars.stream().anyMatch(s -> inside(s, at))) continue;
      int from = hash;
      while (from < text.length() && (text.charAt(from) == '#' || text.charAt(from) == ' '
          || text.charAt(from) == '\t')) {
        from++;
      }
      String body = text.substring(from);
      if (RULE_ID.matcher(body).find()) continue;
      for (String name : names) {
        if (out.containsKey(name) || !namesWord(body, name) && !numberedList(body, name)) continue;
        boolean referred = body.contains("$" + name) || body.contains("${" + name);
        if (referred && YAML_LINE.matcher(body).find()) continue;
        out.put(name, file.lineRange(line));
      }
    }
    return out;
  }

  /**
   * Where the comment after a value starts ({@code - ${VOLUME_PATH}/data:/data # Replace
   * VOLUME_PATH with ...}, synapse's contrib compose file): a {@code #} after a blank, outside
   * quotes (YAML 1.2, 6.6: a comment is separated from the content by white space); -1 if none.
   */
  static int trailingComment(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else if (c == '\\' && quote == '"') i++;
      } else if (c == '\'' || c == '"') {
        // Quotes open a scalar only where one starts; inside a plain scalar they are text.
        char before = i == from ? ' ' : text.charAt(i - 1);
        if (Character.isWhitespace(before) || "[{,:-".indexOf(before) >= 0) quote = c;
      } else if (c == '#' && Character.isWhitespace(text.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code name} occurs in {@code text} as a whole word. */
  static boolean namesWord(String text, String name) {
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      int end = i + name.length();
      if ((i == 0 || !wordChar(text.charAt(i - 1)))
          && (end >= text.length() || !wordChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name is one of a numbered list written short: {@code WEB_HTTP_PORT1/2/3} (jeepay's
   * header names the three ports its panel template sets) documents {@code WEB_HTTP_PORT2}.
   */
  static boolean numberedList(String text, String name) {
    // the name's stem and the number it ends in (WEB_HTTP_PORT and 2)
    int digits = name.length();
    while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) digits--;
    if (digits == 0 || digits == name.length()) return false;
    String stem = name.substring(0, digits);
    String number = name.substring(digits);
    for (int i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
      if (i > 0 && wordChar(text.charAt(i - 1))) continue;
      int j = i + stem.length();
      // a number right after the stem: `PORT1/2`, not `DATA/2`
      if (j >= text.length() || !Character.isDigit(text.charAt(j))) continue;
      int end = j;
      while (end < text.length() && (Character.isDigit(text.charAt(end))
          || text.charAt(end) == '/' && end + 1 < text.length()
              && Character.isDigit(text.charAt(end + 1)))) {
        end++;
      }
      if (end < text.length() && wordChar(text.charAt(end))) continue;
      String[] numbers = text.substring(j, end).split("/");
      if (numbers.length >= 2 && List.of(numbers).contains(number)) return true;
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** A position strictly after a scalar's start and before its end. */
  private static boolean inside(Range scalar, Range at) {
    boolean after = at.startLine() > scalar.startLine();
    boolean before = at.startLine() < scalar.endLine()
        || at.startLine() == scalar.endLine() && at.startColumn() < scalar.endColumn();
    return after && before;
  }

  private static List<Range> multiLineScalars(List<YamlNode> documents) {
    List<Range> out = new ArrayList<>();
    Set<YamlNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<YamlNode> todo = new ArrayDeque<>(documents);
    while (!todo.isEmpty()) {
      YamlNode n = todo.pop();
      if (!seen.add(n)) continue;
      if (n instanceof YamlScalar s) {
        if (s.range().endLine() > s.range().startLine()) out.add(s.range());
      } else if (n instanceof YamlSeq q) {
        todo.addAll(q.items());
      } else if (n instanceof YamlMap m) {
        for (YamlMap.Entry e : m.entries()) {
          todo.push(e.key());
          todo.push(e.value());
        }
      }
    }
    return out;
  }
}
