package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line: drawn in place after the delay, erased on close, nothing before the delay. */
class ProgressLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String err() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void drawsThePhaseAndCountInPlaceThenErasesIt() throws Exception {
    ProgressLine p = new ProgressLine(err, 0, 5);
    p.tasks(4);
    p.taskDone();
    p.taskDone();
    // wait (bounded) for the timer thread to draw the line with the count
    for (int i = 0; i < 500 && !err().contains("2 of 4"); i++) Thread.sleep(10);
    p.close();
    String out = err();
    assertTrue(out.contains("\r\u001b[Kberth: judging (2 of 4 files and project checks)..."),
        out);
    assertTrue(out.endsWith("\r\u001b[K"), out);
    int length = out.length();
    Thread.sleep(30);
    assertEquals(length, err().length(), "drawn after close");
  }

  @Test
  void aRunShorterThanTheDelayPrintsNothing() {
    ProgressLine p = new ProgressLine(err, 60_000, 5);
    p.tasks(3);
    p.close();
    assertEquals("", err());
  }

  @Test
  void noneIsSilent() {
    ProgressLine.NONE.tasks(2);
    ProgressLine.NONE.taskDone();
    ProgressLine.NONE.close();
    assertEquals("", err());
  }
}
