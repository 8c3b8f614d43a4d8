package dev.berth.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits applied to a text, and the unified diff they make (written as diff -u writes it). */
class FileEditsTest {
  private static TextEdit edit(int line, int col, int endLine, int endCol, String text) {
    return new TextEdit(new Range("f", line, col, endLine, endCol), text);
  }

  @Test
  void overlappingFixesAreRefusedWhole() {
    FileEdits e = new FileEdits(new SourceFile("f", "abc\ndef\n"));
    assertTrue(e.accepts(List.of(edit(1, 1, 1, 3, "X"))));
    assertFalse(e.accepts(List.of(edit(2, 1, 2, 2, "Y"), edit(1, 2, 1, 4, "Z"))));
    assertFalse(e.accepts(List.of(edit(1, 1, 1, 1, "two insertions at one point"))));
    assertFalse(e.accepts(List.of(edit(9, 1, 9, 1, "outside"))));
    assertTrue(e.accepts(List.of(edit(2, 4, 2, 4, "!"))));
    assertEquals("Xc\ndef!\n", e.applied());
  }

  @Test
  void distantEditsMakeTwoHunksCloseOnesOne() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 20; i++) text.append("l").append(i).append('\n');
    FileEdits e = new FileEdits(new SourceFile("f", text.toString()));
    e.accepts(List.of(edit(2, 2, 2, 3, "X")));      // l2 -> lX
    e.accepts(List.of(edit(5, 1, 6, 1, "")));       // l5 removed
    e.accepts(List.of(edit(18, 4, 18, 4, "\nnew"))); // a line after l18
    assertEquals("""
        --- a/f
        +++ b/f
        @@ -1,8 +1,7 @@
         l1
        -l2
        +lX
         l3
         l4
        -l5
         l6
         l7
         l8
        @@ -15,6 +14,7 @@
         l15
         l16
         l17
        -l18
        +l18
        +new
         l19
         l20
        """, e.unifiedDiff());
  }

  @Test
  void lineBreaksAndAMissingFinalNewlineAreKept() {
    FileEdits e = new FileEdits(new SourceFile("f", "FROM a as b\r\nUSER x"));
    e.accepts(List.of(edit(1, 8, 1, 10, "AS")));
    e.accepts(List.of(edit(2, 6, 2, 7, "y")));
    assertEquals("FROM a AS b\r\nUSER y", e.applied());
    assertEquals("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-FROM a as b\r\n-USER x\n"
        + "\\ No newline at end of file\n+FROM a AS b\r\n+USER y\n\\ No newline at end of file\n",
        e.unifiedDiff());
  }

  @Test
  void noEditsNoDiff() {
    assertEquals("", new FileEdits(new SourceFile("f", "x\n")).unifiedDiff());
  }
}
