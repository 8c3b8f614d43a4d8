package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * GitHub's primaryLocationLineHash (codeql-action src/fingerprints.ts). Each expected value was
 * worked out from the algorithm's closed form, not by running a port of it: a line's hash is
 * {@code sum c[i] * 37^(99-i) mod 2^64} over the 100 characters from the line's first kept one
 * (spaces and tabs dropped, CRLF and CR as LF, then 65535 for end of file, then zeros), as
 * unsigned hex, with ":n" counting equal hashes so far in the file.
 */
class LineHashesTest {
  private static String[] of(String text) {
    return LineHashes.of(new SourceFile("f", text));
  }

  @Test
  void oneLineAndTheEmptyLineAfterIt() {
    String[] h = of("a\n");
    // [97, 10, 65535, 0...] and [65535, 0...]
    assertEquals("243cbaa4685aab12:1", h[1]);
    assertEquals("c129715d7a2bc9a3:1", h[2]);
  }

  @Test
  void blanksAreSkippedAndCrlfIsOneLineFeed() {
    String[] h = of("  x y\r\n\tz");
    // line 1: [x, y, LF, z, 65535, 0...]; line 2 starts at z (the tab is skipped).
    assertEquals("4627184a0c6eb0e8:1", h[1]);
    assertEquals("76dcabf80cb35c79:1", h[2]);
  }

  @Test
  void equalWindowsAreCountedInFileOrder() {
    String a100 = "a".repeat(100);
    String[] h = of(a100 + "\n" + a100 + "\n");
    // Both windows are 100 times 'a'.
    assertEquals("871f6af4d0d4dd7c:1", h[1]);
    assertEquals("871f6af4d0d4dd7c:2", h[2]);
    assertEquals("c129715d7a2bc9a3:1", h[3]);
  }

  @Test
  void aByteOrderMarkIsPartOfTheFirstLineAsNodeReadsIt() {
    // [U+FEFF = 65279, x, LF, 65535, 0...]
    assertEquals("51bfbc6e89697e4c:1", LineHashes.of(new SourceFile("f", "x\n", true))[1]);
    assertEquals("c129715d7a2bc9a3:1", LineHashes.of(new SourceFile("f", "x\n", true))[2]);
  }
}
