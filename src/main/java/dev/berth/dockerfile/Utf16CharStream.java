package dev.berth.dockerfile;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A CharStream over UTF-16 code units, so ANTLR token indexes equal Java string indexes (and thus
 * SARIF columns). {@code CharStreams.fromString} counts code points instead.
 */
final class Utf16CharStream implements CharStream {
  private final String data;
  private int p;

  Utf16CharStream(String data) {
    this.data = data;
  }

  @Override
  public void consume() {
    if (p >= data.length()) throw new IllegalStateException("cannot consume EOF");
    p++;
  }

  @Override
  public int LA(int i) {
    if (i == 0) return 0;
    int idx = i < 0 ? p + i : p + i - 1;
    if (idx < 0 || idx >= data.length()) return IntStream.EOF;
    return data.charAt(idx);
  }

  @Override
  public int mark() {
    return -1;
  }

  @Override
  public void release(int marker) {}

  @Override
  public int index() {
    return p;
  }

  @Override
  public void seek(int index) {
    p = Math.min(Math.max(index, 0), data.length());
  }

  @Override
  public int size() {
    return data.length();
  }

  @Override
  public String getSourceName() {
    return IntStream.UNKNOWN_SOURCE_NAME;
  }

  @Override
  public String getText(Interval interval) {
    int start = Math.max(0, interval.a);
    int stop = Math.min(data.length() - 1, interval.b);
    return stop < start ? "" : data.substring(start, stop + 1);
  }
}
