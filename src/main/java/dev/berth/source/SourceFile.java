package dev.berth.source;

import java.util.Arrays;

/**
 * The text of one project file plus the line table needed to turn offsets into {@link Range}s.
 * Every parser works on offsets into {@link #text()} and asks this class for positions, so
 * positions are computed in exactly one place.
 */
public final class SourceFile {
  private final String path;
  private final String text;
  private final int[] lineStarts;
  private final boolean bom;

  /** @param path project-relative path, forward slashes */
  public SourceFile(String path, String text) {
    this(path, text, false);
  }

  /**
   * @param bom whether the file on disk starts with a UTF-8 byte order mark, which is not part of
   *     {@code text} (BuildKit drops it) but is part of the file a fix rewrites or a fingerprint
   *     over the bytes reads
   */
  public SourceFile(String path, String text, boolean bom) {
    this.path = path;
    this.text = text;
    this.bom = bom;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** Whether the file on disk starts with a UTF-8 byte order mark, dropped from {@link #text()}. */
  public boolean hasBom() {
    return bom;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of an offset (an offset equal to text length maps to the last line). */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column of an offset, in UTF-16 code units. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  /** Offset of the first character of a 1-based line. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just past the last character of a 1-based line, excluding its terminator. */
  public int lineEnd(int line) {
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > lineStarts[line - 1]
        && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return end;
  }

  /** The text of a 1-based line, without its terminator. */
  public String lineText(int line) {
    return text.substring(lineStart(line), lineEnd(line));
  }

  /** Range from a start offset (inclusive) to an end offset (exclusive). */
  public Range range(int start, int end) {
    return new Range(path, line(start), column(start), line(end), column(end));
  }

  public Range lineRange(int line) {
    return range(lineStart(line), lineEnd(line));
  }

  /** Offset of a 1-based line and column. */
  public int offset(int line, int column) {
    return lineStarts[line - 1] + column - 1;
  }
}
