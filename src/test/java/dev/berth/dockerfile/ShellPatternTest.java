package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShellPatternTest {
  /** The regexp BuildKit builds (convertShellPatternToRegex), as a reference on small input. */
  private static Pattern regex(String pattern, boolean greedy) {
    StringBuilder b = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      b.append(c == '*' ? (greedy ? ".*" : ".*?") : c == '?' ? "." : Pattern.quote("" + c));
    }
    return Pattern.compile(b.toString());
  }

  @Test
  void agreesWithTheRegexpOnRandomSmallInput() throws ShellLex.LexError {
    Random random = new Random(20);
    for (int n = 0; n < 20_000; n++) {
      String pattern = random(random, "ab*?", 5);
      String value = random(random, "ab\n", 8);
      ShellPattern p = ShellPattern.compile(pattern);
      for (boolean greedy : new boolean[] {false, true}) {
        Matcher m = regex(pattern, greedy).matcher(value);
        int expected = m.lookingAt() ? m.end() : -1;
        assertEquals(expected, p.prefixEnd(value, greedy), pattern + " " + greedy + " on " + value);
      }
      Matcher m = regex(pattern, true).matcher(value);
      int[] expected = m.find(1 % (value.length() + 1)) ? new int[] {m.start(), m.end()} : null;
      assertArrayEquals(expected, p.find(value, 1 % (value.length() + 1)), pattern + " on " + value);
    }
  }

  @Test
  void manyStarsOnALongValueStayLinear() throws ShellLex.LexError {
    ShellPattern p = ShellPattern.compile("*a".repeat(10) + "*b");
    String value = "a".repeat(60_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertEquals(-1, p.prefixEnd(value, true));
      assertEquals(null, p.find(value, 0));
    });
  }

  @Test
  void replaceAllFollowsGoWhereAnEmptyMatchAbutsThePreviousOne() {
    // Go: regexp.MustCompile(".*").ReplaceAllString("abc", "x") == "x" (java.util.regex: "xx")
    Vars vars = Vars.empty().with("V", java.util.Optional.of("abc"));
    assertEquals("x", new Expander('\\').word("${V//*/x}", vars).value());
    assertEquals("aXc", new Expander('\\').word("${V/b/X}", vars).value());
    assertEquals("c", new Expander('\\').word("${V#*b}", vars).value());
    assertEquals("a", new Expander('\\').word("${V%b*}", vars).value());
  }

  private static String random(Random r, String alphabet, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(max + 1); i > 0; i--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return b.toString();
  }
}
