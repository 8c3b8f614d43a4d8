package dev.berth.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Text edits applied to one file, and the unified diff they make. The edits must be in this
 * file, sorted and not overlapping ({@link #accepts} keeps a set so). Work is linear in the text
 * and the edits: the diff is built from the edited line spans, not by comparing the two texts.
 */
public final class FileEdits {
  private static final int CONTEXT = 3;

  private final SourceFile source;
  private final List<TextEdit> edits = new ArrayList<>();

  public FileEdits(SourceFile source) {
    this.source = source;
  }

  public SourceFile source() {
    return source;
  }

  public boolean isEmpty() {
    return edits.isEmpty();
  }

  /**
   * Adds all of {@code fix} or none of it: none when one of its edits is outside the text or
   * overlaps an edit already taken (two insertions at one point overlap too: their order would
   * be a guess).
   */
  public boolean accepts(List<TextEdit> fix) {
    if (!fits(fix)) return false;
    edits.addAll(fix);
    edits.sort(Comparator.comparing(TextEdit::range));
    return true;
  }

  /** Whether {@link #accepts} would take {@code fix}. */
  public boolean fits(List<TextEdit> fix) {
    List<int[]> spans = new ArrayList<>();
    for (TextEdit e : fix) {
      Range r = e.range();
      if (!r.file().equals(source.path()) || r.endLine() > source.lineCount()) return false;
      int start = source.offset(r.startLine(), r.startColumn());
      int end = source.offset(r.endLine(), r.endColumn());
      if (start > source.text().length() || end > source.text().length()) return false;
      spans.add(new int[] {start, end});
    }
    for (int i = 0; i < spans.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (overlap(spans.get(i), spans.get(j))) return false;
      }
      for (TextEdit taken : edits) {
        if (overlap(spans.get(i), span(taken))) return false;
      }
    }
    return true;
  }

  private int[] span(TextEdit e) {
    Range r = e.range();
    return new int[] {source.offset(r.startLine(), r.startColumn()),
        source.offset(r.endLine(), r.endColumn())};
  }

  private static boolean overlap(int[] a, int[] b) {
    return a[0] == b[0] || (a[0] < b[1] && b[0] < a[1]);
  }

  /** The text with every edit applied. */
  public String applied() {
    return apply(0, source.text().length());
  }

  /** The text between two offsets with the edits inside them applied. */
  private String apply(int from, int to) {
    StringBuilder b = new StringBuilder();
    int at = from;
    for (TextEdit e : edits) {
      int[] s = span(e);
      if (s[0] < from || s[1] > to) continue;
      b.append(source.text(), at, s[0]).append(e.replacement());
      at = s[1];
    }
    return b.append(source.text(), at, to).toString();
  }

  /**
   * A unified diff ({@code diff -u} style, 3 lines of context) from {@code a/PATH} to
   * {@code b/PATH}; empty when the edits change nothing.
   */
  public String unifiedDiff() {
    // Line spans the edits touch, merged when they share or touch a line: [first, last], 1-based.
    List<int[]> spans = new ArrayList<>();
    for (TextEdit e : edits) {
      int first = e.range().startLine();
      int last = e.range().endLine();
      // an edit ending at column 1 of a line (a whole line removed) leaves that line as it is
      if (last > first && e.range().endColumn() == 1) last--;
      if (!spans.isEmpty() && first <= spans.get(spans.size() - 1)[1] + 1) {
        spans.get(spans.size() - 1)[1] = Math.max(last, spans.get(spans.size() - 1)[1]);
      } else {
        spans.add(new int[] {first, last});
      }
    }
    int lines = lastLine();
    StringBuilder out = new StringBuilder();
    int delta = 0;
    int i = 0;
    while (i < spans.size()) {
      // one hunk: spans whose context windows touch
      int j = i;
      while (j + 1 < spans.size() && spans.get(j + 1)[0] - spans.get(j)[1] <= 2 * CONTEXT + 1) j++;
      int from = Math.max(1, spans.get(i)[0] - CONTEXT);
      int to = Math.min(lines, spans.get(j)[1] + CONTEXT);
      List<String> body = new ArrayList<>();
      int oldCount = 0;
      int newCount = 0;
      int line = from;
      for (int k = i; k <= j; k++) {
        for (; line < spans.get(k)[0]; line++, oldCount++, newCount++) body.add(" " + text(line));
        int start = source.lineStart(spans.get(k)[0]);
        int end = end(spans.get(k)[1]);
        for (int l = spans.get(k)[0]; l <= Math.min(spans.get(k)[1], lines); l++, oldCount++) {
          body.add("-" + text(l));
        }
        for (String l : split(apply(start, end))) {
          body.add("+" + l);
          newCount++;
        }
        line = spans.get(k)[1] + 1;
      }
      for (; line <= to; line++, oldCount++, newCount++) body.add(" " + text(line));
      int newFrom = from + delta;
      if (body.stream().noneMatch(l -> !l.startsWith(" "))) {
        i = j + 1;
        continue;
      }
      out.append("@@ -").append(range(from, oldCount)).append(" +")
          .append(range(newFrom, newCount))
          .append(" @@\n");
      for (String l : body) {
        out.append(l.endsWith("\n") ? l : l + "\n\\ No newline at end of file\n");
      }
      delta += newCount - oldCount;
      i = j + 1;
    }
    if (out.isEmpty()) return "";
    return "--- a/" + source.path() + "\n+++ b/" + source.path() + "\n" + out;
  }

  private static String range(int start, int count) {
    return count == 1 ? String.valueOf(start) : (count == 0 ? start - 1 : start) + "," + count;
  }

  /** The last line that holds text (a file ending in a line break has no empty line after it). */
  private int lastLine() {
    int n = source.lineCount();
    return n > 1 && source.lineStart(n) == source.text().length() ? n - 1 : n;
  }

  /** Offset just past line {@code n}'s terminator. */
  private int end(int n) {
    return n < source.lineCount() ? source.lineStart(n + 1) : source.text().length();
  }

  /** Line {@code n} with its terminator. */
  private String text(int n) {
    return source.text().substring(source.lineStart(n), end(n));
  }

  /** Lines with their terminators (LF, CRLF or CR kept). */
  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
        out.add(s.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < s.length()) out.add(s.substring(start));
    return out;
  }
}
