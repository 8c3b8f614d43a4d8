package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathGlobTest {
  private static boolean matches(String glob, String path) throws PathGlob.Invalid {
    return PathGlob.compile(glob).matches(path);
  }

  @Test
  void theSyntaxOfJdkGlobs() throws PathGlob.Invalid {
    assertTrue(matches("vendor/**", "vendor/a/b/Dockerfile"));
    assertFalse(matches("vendor/**", "vendor"));
    assertTrue(matches("*.yml", "compose.yml"));
    assertFalse(matches("*.yml", "a/compose.yml"));
    assertTrue(matches("legacy/Dockerfile.{old,bak}", "legacy/Dockerfile.bak"));
    assertTrue(matches("a/[!x]/c", "a/b/c"));
    assertFalse(matches("a/[!x]/c", "a///c"));
    assertFalse(matches("a[.-0]b", "a/b"));
    assertTrue(matches("a[.-0]b", "a0b"));
    assertTrue(matches("\\*", "*"));
    assertTrue(matches("x{,y}", "x"));
    assertTrue(matches("a,b}", "a,b}"));
  }

  @Test
  void badGlobsAreRefusedWithTheOffsetOfTheProblem() {
    assertEquals(8, assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("vendor/[z-a]*"))
        .index());
    assertEquals("'{' without its '}'",
        assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("a{b")).getMessage());
    assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("{a,{b}}"));
    assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("["));
    assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("a\\"));
    assertThrows(PathGlob.Invalid.class, () -> PathGlob.compile("{a,b}".repeat(7)));
  }

  /** Reproducer 30 of issue 20: exponential for java.util.regex, linear here. */
  @Test
  void starsDoNotBacktrack() {
    String name = "a".repeat(4000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertFalse(matches("*a".repeat(10) + "*b", name));
      assertFalse(matches("a" + "*".repeat(20) + "b", name));
    });
  }

  /** Same answers as the JDK glob matcher it replaces, on small random globs and paths. */
  @Test
  void agreesWithTheJdkMatcherOnRandomInput() {
    Random random = new Random(20);
    String globChars = "ab/*?[]!-{},\\";
    String pathChars = "ab/";
    for (int n = 0; n < 20_000; n++) {
      String glob = random(random, globChars, 6);
      String path = random(random, pathChars, 6).replaceAll("/+", "/").replaceAll("^/|/$", "");
      PathMatcher jdk;
      try {
        jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (RuntimeException e) {
        continue; // the JDK refuses more than berth does (e.g. "[a-b-c]"); never less, below
      }
      boolean expected = !path.isEmpty() && jdk.matches(Path.of(path));
      try {
        assertEquals(expected, !path.isEmpty() && matches(glob, path), glob + " on " + path);
      } catch (PathGlob.Invalid e) {
        throw new AssertionError("refused \"" + glob + "\", which the JDK accepts", e);
      }
    }
  }

  private static String random(Random r, String alphabet, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(max + 1); i > 0; i--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return b.toString();
  }
}
