package dev.berth.config;

import dev.berth.source.SourceFile;
import java.util.regex.Pattern;

/**
 * A line classification of a YAML file good enough to find comments without parsing: blank,
 * comment, block-scalar content, or other. Works on files that do not parse, and is linear.
 */
final class YamlLines {
  /** A value that opens a block scalar: {@code key: |}, {@code - >-}, {@code key: |2+ # c}. */
  private static final Pattern BLOCK_SCALAR =
      Pattern.compile("(?:^|[:\\-]\\s+|^-\\s*)[|>][0-9+\\-]*\\s*(?:#.*)?$");

  private final boolean[] blank;
  private final boolean[] comment;
  private final boolean[] scalar;
  private final int[] nextNonComment;

  private YamlLines(int n) {
    blank = new boolean[n + 1];
    comment = new boolean[n + 1];
    scalar = new boolean[n + 1];
    nextNonComment = new int[n + 2];
  }

  static YamlLines of(SourceFile src) {
    int n = src.lineCount();
    YamlLines y = new YamlLines(n);
    int scalarParent = -1; // indentation the block scalar content must exceed; -1 = not in one
    for (int l = 1; l <= n; l++) {
      String text = src.lineText(l);
      String stripped = text.strip();
      if (stripped.isEmpty()) {
        y.blank[l] = true;
        continue;
      }
      int indent = indent(text);
      if (scalarParent >= 0 && indent > scalarParent) {
        y.scalar[l] = true;
        continue;
      }
      scalarParent = -1;
      if (stripped.startsWith("#")) {
        y.comment[l] = true;
        continue;
      }
      if (BLOCK_SCALAR.matcher(stripped).find()) scalarParent = keyIndent(text);
    }
    y.nextNonComment[n + 1] = n + 1;
    for (int l = n; l >= 1; l--) y.nextNonComment[l] = y.comment[l] ? y.nextNonComment[l + 1] : l;
    return y;
  }

  /** The first line at or after {@code line} that is not a comment; lineCount + 1 if none. */
  int nextNonComment(int line) {
    return nextNonComment[Math.min(line, nextNonComment.length - 1)];
  }

  boolean isBlank(int line) {
    return blank[line];
  }

  boolean isComment(int line) {
    return comment[line];
  }

  boolean isScalarContent(int line) {
    return scalar[line];
  }

  static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
    return i;
  }

  /** Column of the node that owns a block scalar: the key after any {@code "- "} markers. */
  private static int keyIndent(String line) {
    int i = indent(line);
    int dash = i;
    while (i + 1 < line.length() && line.charAt(i) == '-' && line.charAt(i + 1) == ' ') {
      dash = i;
      i += 2;
      while (i < line.length() && line.charAt(i) == ' ') i++;
    }
    // "- |": the scalar is the sequence entry itself, owned by the dash's column.
    boolean entryIsScalar = i < line.length() && (line.charAt(i) == '|' || line.charAt(i) == '>');
    return entryIsScalar ? dash : i;
  }
}
