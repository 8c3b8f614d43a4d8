package dev.berth.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceFileTest {
  @Test
  void offsetsMapToOneBasedLinesAndColumnsAcrossLineEndings() {
    SourceFile f = new SourceFile("Dockerfile", "FROM a\r\nRUN b\nCMD c");
    assertEquals(3, f.lineCount());
    assertEquals(new Range("Dockerfile", 2, 1, 2, 4), f.range(8, 11));
    assertEquals("RUN b", f.lineText(2));
    assertEquals(3, f.line(f.text().length()));
    assertEquals(6, f.column(f.text().length()));
  }
}
