package dev.berth.image;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.Optional;

/**
 * Maps offsets in a RUN script (continuation lines joined by the Dockerfile parser) back to
 * positions in the Dockerfile, by re-joining the instruction's source text the same way.
 */
final class ScriptLocator {
  private final SourceFile source;
  private final int[] sourceOffsets;
  private final int base;
  private final Range fallback;

  private ScriptLocator(SourceFile source, int[] sourceOffsets, int base, Range fallback) {
    this.source = source;
    this.sourceOffsets = sourceOffsets;
    this.base = base;
    this.fallback = fallback;
  }

  static ScriptLocator of(Optional<SourceFile> source, String script, Range commandRange,
      char escape) {
    if (source.isEmpty() || commandRange.endLine() > source.get().lineCount()) {
      return new ScriptLocator(null, null, -1, commandRange);
    }
    SourceFile src = source.get();
    int start = src.offset(commandRange.startLine(), commandRange.startColumn());
    int end = Math.min(src.text().length(),
        src.offset(commandRange.endLine(), commandRange.endColumn()));
    String text = src.text();
    StringBuilder joined = new StringBuilder();
    int[] map = new int[Math.max(0, end - start) + 1];
    int n = 0;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (c == escape) {
        int j = i + 1;
        while (j < end && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
        if (j < end && (text.charAt(j) == '\n' || text.charAt(j) == '\r')) {
          if (text.charAt(j) == '\r' && j + 1 < end && text.charAt(j + 1) == '\n') j++;
          i = skipCommentLines(text, j + 1, end);
          continue;
        }
      }
      joined.append(c);
      map[n++] = i;
      i++;
    }
    map[n] = end;
    int at = joined.indexOf(script);
    if (at < 0) return new ScriptLocator(null, null, -1, commandRange);
    return new ScriptLocator(src, map, at, commandRange);
  }

  /** Comment and empty lines inside a continued instruction are dropped by BuildKit. */
  private static int skipCommentLines(String text, int from, int end) {
    int i = from;
    while (i < end) {
      int j = i;
      while (j < end && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
      if (j < end && text.charAt(j) == '#') {
        int eol = text.indexOf('\n', j);
        i = eol < 0 ? end : eol + 1;
      } else if (j < end && text.charAt(j) == '\n') {
        i = j + 1;
      } else {
        return i;
      }
    }
    return i;
  }

  Range range(int scriptStart, int scriptEnd) {
    if (source == null || scriptEnd < scriptStart) return fallback;
    int s = base + scriptStart;
    int e = base + scriptEnd;
    if (s < 0 || e >= sourceOffsets.length) return fallback;
    int srcEnd = scriptEnd > scriptStart ? sourceOffsets[e - 1] + 1 : sourceOffsets[s];
    return source.range(sourceOffsets[s], srcEnd);
  }
}
