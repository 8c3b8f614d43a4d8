package dev.berth.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The log-path scan is the regex it replaced, in linear time. */
class AppLogFilesScanTest {
  /** The regex AppLogFiles used before issue 20 (quadratic when no ')' follows basicConfig). */
  private static final Pattern OLD = Pattern.compile(
      "\\b(?:Rotating|TimedRotating|Watched)?FileHandler\\(\\s*(['\"])([^'\"\\n]+)\\1"
          + "|\\bbasicConfig\\([^)]*?\\bfilename\\s*=\\s*(['\"])([^'\"\\n]+)\\3");

  private static List<List<Integer>> old(String text) {
    List<List<Integer>> out = new ArrayList<>();
    Matcher m = OLD.matcher(text);
    while (m.find()) {
      int g = m.group(2) != null ? 2 : 4;
      out.add(List.of(m.start(g), m.end(g)));
    }
    return out;
  }

  private static List<List<Integer>> now(String text) {
    return AppLogFiles.logPaths(text).stream().map(p -> List.of(p[0], p[1])).toList();
  }

  @Test
  void sameMatchesAsTheRegexOnRandomText() {
    String[] tokens = {"FileHandler(", "RotatingFileHandler(", "basicConfig(", "filename", "=",
        "'", "\"", "a.log", ")", " ", "\n", "x", "logging."};
    Random random = new Random(20);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(14); k > 0; k--) b.append(tokens[random.nextInt(tokens.length)]);
      String text = b.toString();
      assertEquals(old(text), now(text), text);
    }
  }

  @Test
  void realCallsAreFound() {
    String app = "handler = RotatingFileHandler('logs/app.log', maxBytes=1)\n"
        + "logging.basicConfig(level=logging.INFO, filename=\"/var/log/app.log\")\n";
    assertEquals(old(app), now(app));
    assertEquals(2, now(app).size());
  }

  /** Reproducer 14 of issue 20, at ten times its size. */
  @Test
  void unclosedCallsStayLinear() {
    String text = "logging.basicConfig(".repeat(80_000) + "FileHandler(".repeat(80_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(List.of(), now(text)));
  }
}
