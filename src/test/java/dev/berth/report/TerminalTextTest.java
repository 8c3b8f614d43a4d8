package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void plainTextIsReturnedAsItIs() {
    String s = "Dockerfile:1:1 café ✓ 😀";
    assertSame(s, TerminalText.safe(s));
  }

  @Test
  void controlsLineBreaksAndBidiOverridesBecomeVisibleEscapes() {
    assertEquals("a\\nb\\rc\\td", TerminalText.safe("a\nb\rc\td"));
    assertEquals("\\x1b[2K\\x07\\x7f\\x9b", TerminalText.safe("\u001b[2K\u0007\u007f\u009b"));
    assertEquals("x\\u2028y\\u202ez\\u2066", TerminalText.safe("x\u2028y\u202ez\u2066"));
  }
}
