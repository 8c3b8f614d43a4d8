package dev.berth.report;

import dev.berth.source.SourceFile;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's {@code primaryLocationLineHash}, computed the way its upload action does (github/
 * codeql-action, {@code src/fingerprints.ts}) so that the value berth writes is the one the action
 * would have computed and code scanning matches alerts across commits the same way.
 *
 * <p>The recipe, over the file's UTF-16 code units as Node reads it (BOM included): spaces and
 * tabs are skipped, CR and CRLF count as one LF, and a line's hash is a polynomial rolling hash
 * (base 37, in wrapping 64-bit arithmetic) of the 100 characters that start at the line's first
 * kept character, running on into the following lines; after the text comes one character 65535
 * (end of file), then zeros. The hash is {@code sum c[i] * 37^(99-i)}, printed as unsigned hex,
 * followed by {@code :n}, the how-many-th time that value occurs in the file. A line holding only
 * blanks starts at its line feed; a file ending in a line break has one more (empty) line.
 */
final class LineHashes {
  private static final int BLOCK = 100;
  private static final long BASE = 37;
  private static final int END_OF_FILE = 65535;
  /** 37^100 in wrapping arithmetic: the weight of the character that leaves the window. */
  private static final long LEAVING;

  static {
    long p = 1;
    for (int i = 0; i < BLOCK; i++) p *= BASE;
    LEAVING = p;
  }

  private final long[] window = new long[BLOCK];
  /** For each window slot, the line that starts there, or 0. */
  private final int[] lineAt = new int[BLOCK];
  private final Map<Long, Integer> counts = new HashMap<>();
  private final String[] hashes;
  private long hash;
  private int index;
  private int line;
  private boolean lineStart = true;
  private boolean afterCr;

  private LineHashes(int lines) {
    hashes = new String[lines + 2];
  }

  /** The hash of each line, indexed by 1-based line number (index 0 unused). */
  static String[] of(SourceFile file) {
    String text = file.text();
    LineHashes h = new LineHashes(file.lineCount());
    if (file.hasBom()) h.character('\uFEFF');
    for (int i = 0; i < text.length(); i++) h.character(text.charAt(i));
    h.character(END_OF_FILE);
    for (int i = 0; i < BLOCK; i++) {
      h.emitIfLineStartsHere();
      h.push(0);
    }
    return h.hashes;
  }

  private void character(int c) {
    if (c == ' ' || c == '\t' || (afterCr && c == '\n')) {
      afterCr = false;
      return;
    }
    afterCr = c == '\r';
    if (c == '\r') c = '\n';
    emitIfLineStartsHere();
    if (lineStart) {
      lineStart = false;
      lineAt[index] = ++line;
    }
    if (c == '\n') lineStart = true;
    push(c);
  }

  /** The slot about to be overwritten began a line 100 characters ago: its window is complete. */
  private void emitIfLineStartsHere() {
    int n = lineAt[index];
    if (n == 0) return;
    int count = counts.merge(hash, 1, Integer::sum);
    if (n < hashes.length) hashes[n] = Long.toUnsignedString(hash, 16) + ":" + count;
    lineAt[index] = 0;
  }

  private void push(int c) {
    hash = BASE * hash + c - LEAVING * window[index];
    window[index] = c;
    index = (index + 1) % BLOCK;
  }
}
