package dev.berth.dockerfile;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.Arrays;

/**
 * One instruction line as BuildKit sees it: continuation lines joined (escape char and trailing
 * blanks removed, comment and blank lines inside the continuation dropped, leading whitespace of the
 * first line stripped), with the source offset of every character so ranges map back exactly.
 */
final class LogicalLine {
  private final SourceFile source;
  private final String text;
  private final int[] offsets;
  private final int firstLine;
  private final int lastLine;

  private LogicalLine(SourceFile source, String text, int[] offsets, int firstLine, int lastLine) {
    this.source = source;
    this.text = text;
    this.offsets = offsets;
    this.firstLine = firstLine;
    this.lastLine = lastLine;
  }

  String text() {
    return text;
  }

  int firstLine() {
    return firstLine;
  }

  int lastLine() {
    return lastLine;
  }

  SourceFile source() {
    return source;
  }

  /** Source offset of character {@code i}; {@code length()} maps just past the last character. */
  int offset(int i) {
    if (i < text.length()) return offsets[i];
    return text.isEmpty() ? source.lineEnd(lastLine) : offsets[text.length() - 1] + 1;
  }

  /** Range of the characters {@code [from, to)} of this line, in the source file. */
  Range range(int from, int to) {
    int start = offset(from);
    int end = to > from ? offsets[Math.min(to, text.length()) - 1] + 1 : start;
    return source.range(start, end);
  }

  /** A new logical line of the characters {@code [from, to)} (used for ONBUILD triggers). */
  LogicalLine slice(int from, int to) {
    return new LogicalLine(source, text.substring(from, to), Arrays.copyOfRange(offsets, from, to),
        firstLine, lastLine);
  }

  static final class Builder {
    private final SourceFile source;
    private final StringBuilder text = new StringBuilder();
    private int[] offsets = new int[64];
    private final int firstLine;

    Builder(SourceFile source, int firstLine) {
      this.source = source;
      this.firstLine = firstLine;
    }

    /** Appends source characters {@code [from, to)}. */
    void append(int from, int to) {
      int n = text.length();
      int need = n + (to - from);
      if (need > offsets.length) offsets = Arrays.copyOf(offsets, Math.max(need, offsets.length * 2));
      for (int i = from; i < to; i++) offsets[n++] = i;
      text.append(source.text(), from, to);
    }

    LogicalLine build(int lastLine) {
      return new LogicalLine(source, text.toString(), Arrays.copyOf(offsets, text.length()),
          firstLine, lastLine);
    }
  }
}
