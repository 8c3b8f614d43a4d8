package dev.berth.evidence;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** YAML helpers for CI and build files: reading, lookups, and scalars mapped back to the file. */
final class YamlText {
  private YamlText() {}

  /** The first document, when the file is valid YAML. */
  static Optional<YamlMap> document(SourceFile file) {
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok() || r.documents().isEmpty() || !(r.documents().get(0) instanceof YamlMap m)) {
      return Optional.empty();
    }
    return Optional.of(m);
  }

  static Optional<YamlMap> map(YamlMap m, String key) {
    return m.get(key).filter(YamlMap.class::isInstance).map(YamlMap.class::cast);
  }

  static Optional<YamlScalar> scalar(YamlMap m, String key) {
    return m.get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
        .filter(s -> !s.isNull());
  }

  static Optional<String> string(YamlMap m, String key) {
    return scalar(m, key).map(YamlScalar::value);
  }

  /** A scalar or a list of scalars ({@code script:} lines), in order. */
  static List<YamlScalar> scalars(Optional<YamlNode> node) {
    List<YamlScalar> out = new ArrayList<>();
    if (node.isEmpty()) return out;
    if (node.get() instanceof YamlScalar s && !s.isNull()) out.add(s);
    if (node.get() instanceof YamlSeq q) {
      for (YamlNode n : q.items()) {
        if (n instanceof YamlScalar s && !s.isNull()) out.add(s);
        // GitLab allows nested lists of lines (from anchors)
        if (n instanceof YamlSeq) out.addAll(scalars(Optional.of(n)));
      }
    }
    return out;
  }

  /**
   * The scalar's value with each character mapped to where it is in the file: exactly for plain,
   * single-line quoted and literal block ({@code |}) scalars; otherwise every character maps to
   * the scalar's start.
   */
  static MappedText mapped(SourceFile file, YamlScalar s) {
    String t = file.text();
    int start = file.offset(s.range().startLine(), s.range().startColumn());
    String value = s.value();
    if (start < t.length()) {
      char c = t.charAt(start);
      if (c == '|') {
        MappedText block = literalBlock(file, start, value);
        if (block != null) return block;
      } else if ((c == '"' || c == '\'') && t.startsWith(value, start + 1)
          && start + 1 + value.length() < t.length()
          && t.charAt(start + 1 + value.length()) == c) {
        return new MappedText().copy(t, start + 1, start + 1 + value.length());
      } else if (t.startsWith(value, start)) {
        return new MappedText().copy(t, start, start + value.length());
      }
    }
    return new MappedText().append(value, start);
  }

  /** A {@code |} block: its lines without their indentation; null when it does not add up. */
  private static MappedText literalBlock(SourceFile file, int indicator, String value) {
    String t = file.text();
    int line = file.line(indicator) + 1;
    MappedText out = new MappedText();
    int indent = -1;
    StringBuilder rebuilt = new StringBuilder();
    for (; line <= file.lineCount(); line++) {
      int ls = file.lineStart(line);
      int le = file.lineEnd(line);
      int spaces = 0;
      while (ls + spaces < le && t.charAt(ls + spaces) == ' ') spaces++;
      boolean blank = ls + spaces == le;
      if (!blank && indent < 0) indent = spaces;
      if (!blank && spaces < indent) break;
      if (blank) {
        if (rebuilt.length() >= value.length()) break;
        out.append("\n", le);
        rebuilt.append('\n');
        continue;
      }
      out.copy(t, ls + indent, le);
      out.append("\n", le);
      rebuilt.append(t, ls + indent, le).append('\n');
      if (rebuilt.length() >= value.length()) break;
    }
    String r = rebuilt.toString();
    if (!r.startsWith(value) && !value.startsWith(r.stripTrailing())) return null;
    return out;
  }
}
