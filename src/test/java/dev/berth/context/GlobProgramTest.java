package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobProgramTest {
  private static final String[] TOKENS = {"a", "b", "/", "*", "**", "?", "{dirs}"};

  private static GlobProgram program(List<String> tokens) {
    GlobProgram p = new GlobProgram();
    for (String t : tokens) {
      switch (t) {
        case "*" -> p.segmentStar();
        case "**" -> p.any();
        case "?" -> p.one();
        case "{dirs}" -> p.dirs();
        default -> p.literal(t.charAt(0));
      }
    }
    return p;
  }

  private static void all(String alphabet, int max, String prefix, List<String> out) {
    out.add(prefix);
    if (prefix.length() == max) return;
    for (char c : alphabet.toCharArray()) all(alphabet, max, prefix + c, out);
  }

  /**
   * Literal, {@code *x}, {@code x*} and {@code **x} patterns skip the table: every pattern of up
   * to four tokens gives the same answer both ways on every path of up to five characters.
   */
  @Test
  void shortcutsAgreeWithTheTable() {
    List<String> paths = new ArrayList<>();
    all("ab/", 5, "", paths);
    List<List<String>> patterns = new ArrayList<>();
    patterns.add(List.of());
    for (int i = 0; i < patterns.size(); i++) {
      List<String> p = patterns.get(i);
      if (p.size() == 4) continue;
      for (String t : TOKENS) {
        List<String> longer = new ArrayList<>(p);
        longer.add(t);
        patterns.add(longer);
      }
    }
    for (List<String> p : patterns) {
      GlobProgram prog = program(p);
      for (String s : paths) {
        assertEquals(prog.matchesByTable(s), prog.matches(s), p + " on '" + s + "'");
      }
    }
  }

  /** A program extended after its first use is classified again. */
  @Test
  void extendingAfterUseReclassifies() {
    GlobProgram p = program(List.of("a"));
    assertEquals(true, p.matches("a"));
    p.segmentStar();
    assertEquals(true, p.matches("abb"));
  }
}
