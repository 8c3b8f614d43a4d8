package dev.berth.evidence;

import dev.berth.source.SourceFile;
import java.util.Arrays;

/**
 * Text assembled from pieces of a file (a Makefile recipe with its variables expanded, a YAML
 * block scalar without its indentation) that remembers, for every character, the file offset it
 * came from, so findings can point into the file.
 */
final class MappedText {
  private final StringBuilder text = new StringBuilder();
  private int[] from = new int[64];
  private int end;

  /** Appends {@code s}, all of whose characters stand for the file offset {@code source}. */
  MappedText append(String s, int source) {
    for (int i = 0; i < s.length(); i++) put(s.charAt(i), source);
    end = Math.max(end, source);
    return this;
  }

  /** Appends the file's characters {@code [start, stop)}, each mapped to itself. */
  MappedText copy(String file, int start, int stop) {
    for (int i = start; i < stop; i++) put(file.charAt(i), i);
    end = Math.max(end, stop);
    return this;
  }

  /** Appends {@code other}'s characters {@code [start, stop)} with their own file offsets. */
  MappedText copyFrom(MappedText other, int[] offsets, int start, int stop) {
    for (int i = start; i < stop; i++) put(other.text.charAt(i), offsets[i]);
    end = Math.max(end, other.end);
    return this;
  }

  /**
   * A copy with every {@code open ... close} region replaced by {@code value} of its trimmed
   * inside (the replacement maps to the region's start); an unclosed region stays as it is.
   */
  MappedText replaceAll(String open, String close,
      java.util.function.Function<String, String> value) {
    String s = text();
    if (!s.contains(open)) return this;
    int[] offsets = offsets();
    MappedText out = new MappedText();
    int i = 0;
    while (i < s.length()) {
      int start = s.indexOf(open, i);
      int stop = start < 0 ? -1 : s.indexOf(close, start + open.length());
      if (start < 0 || stop < 0) {
        out.copyFrom(this, offsets, i, s.length());
        break;
      }
      out.copyFrom(this, offsets, i, start);
      out.append(value.apply(s.substring(start + open.length(), stop).trim()), offsets[start]);
      i = stop + close.length();
    }
    out.end = Math.max(out.end, end);
    return out;
  }

  /** The file offset of each character. */
  int[] offsets() {
    return Arrays.copyOf(from, text.length());
  }

  private void put(char c, int source) {
    if (text.length() == from.length) from = Arrays.copyOf(from, from.length * 2);
    from[text.length()] = source;
    text.append(c);
  }

  String text() {
    return text.toString();
  }

  int length() {
    return text.length();
  }

  ScriptInterpreter.Positions positions(SourceFile file) {
    int[] map = Arrays.copyOf(from, text.length());
    int last = end;
    return (s, e) -> {
      int a = s < map.length ? map[s] : last;
      int b = e > s && e - 1 < map.length ? map[e - 1] + 1 : a;
      return file.range(a, Math.max(a, b));
    };
  }
}
