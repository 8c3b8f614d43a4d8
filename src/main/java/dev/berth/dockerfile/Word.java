package dev.berth.dockerfile;

import dev.berth.source.Range;

/**
 * One token of an instruction as BuildKit sees it: continuation lines joined, JSON strings decoded
 * (exec form), shell-form text kept with its quotes. Variable expansion is not applied here;
 * see {@link Expander}.
 */
public record Word(String text, Range range) {

  /**
   * Where the characters {@code [from, to)} of the text are, when the text is the source as
   * written on one line; otherwise (a continuation inside it, decoded JSON) the whole word.
   */
  public Range rangeOf(int from, int to) {
    boolean verbatim = range.startLine() == range.endLine()
        && range.endColumn() - range.startColumn() == text.length();
    if (!verbatim || from < 0 || to < from || to > text.length()) return range;
    return new Range(range.file(), range.startLine(), range.startColumn() + from,
        range.startLine(), range.startColumn() + to);
  }
}
