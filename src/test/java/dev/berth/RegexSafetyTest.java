package dev.berth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code static final Pattern} in berth's own classes, run with find() over long hostile
 * strings built from its own literals (runs of one character or word, with and without a
 * breaking tail): none may overflow a 1 MiB thread stack (group loops recurse per iteration)
 * or take more than a generous time (a quadratic backtrack at this size takes minutes). Where a
 * pattern only ever sees short text, the bound that guarantees it is stated here and the input
 * is that long.
 */
class RegexSafetyTest {
  private static final int LENGTH = 60_000;
  private static final long MAX_NANOS = 15_000_000_000L;

  /** Patterns applied only to bounded or trusted text, and that bound. */
  private static final Map<String, Integer> BOUNDED = Map.of(
      "dev.berth.report.RulePage.HEADING", 0, // berth's own rule pages, not user input
      "dev.berth.report.RulePage.FENCE", 0,
      "dev.berth.dockerfile.ImageRef.COMPONENT", 255, // ImageRef.parse: name <= 255
      "dev.berth.dockerfile.ImageRef.DOMAIN", 255,
      "dev.berth.dockerfile.ImageRef.DIGEST", 256,
      "dev.berth.rules.context.BuildArtifacts.YARN", 2048, // BuildArtifacts.MAX_SEGMENT
      "dev.berth.rules.context.BuildArtifacts.VENV", 2048,
      "dev.berth.rules.context.BuildArtifacts.UV_VENV", 2048);

  /** Matched whole (matches()) against one reference: one anchored attempt, no find() scan. */
  private static final Set<String> WHOLE = Set.of(
      "dev.berth.project.FileKinds.INDENTED_KEY", // one stripped line, lookingAt
      "dev.berth.rules.dockerfile.FinalUserRoot.DROPS_PRIVILEGES",
      "dev.berth.rules.security.SecretValues.PLACEHOLDER", // the value, .* around one word
      "dev.berth.rules.dockerfile.SecretNameInArgOrEnv.PLAIN_URL", // one ARG or ENV value
      "dev.berth.rules.dockerfile.SecretNameInArgOrEnv.PLAIN_WORDS", // one ENV value, matched whole
      "dev.berth.programs.Invocation.PRINT_LITERAL", // one code argument, matched whole
      "dev.berth.context.AppImports.TRY", // one line of a Python file, matched whole
      "dev.berth.rules.dockerfile.SecretNameInArgOrEnv.PGP_KEY_ID",
      "dev.berth.rules.security.WorldWritablePermissions.SYMBOLIC", // one chmod mode clause
      "dev.berth.runtime.ModeAtStart.CLAUSE", // one clause of a start script's chmod mode
      "dev.berth.project.ProjectLoader.VERSION", // the part of a directory name after its last dash
      "dev.berth.evidence.DocsReader.USAGE"); // one line, matched from its start (lookingAt)

  @Test
  void noPatternBacktracksOrRecursesOnLongInput() throws Exception {
    List<String> failures = new ArrayList<>();
    Thread t = new Thread(null, () -> {
      try {
        scan(failures);
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }, "regex-safety", 1 << 20);
    t.start();
    t.join();
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static void scan(List<String> failures) throws Exception {
    Path classes = Path.of("target/classes");
    List<String> names;
    try (Stream<Path> s = Files.walk(classes)) {
      names = s.map(p -> classes.relativize(p).toString())
          .filter(p -> p.startsWith("dev/berth/") && p.endsWith(".class"))
          .map(p -> p.substring(0, p.length() - 6).replace('/', '.')).sorted().toList();
    }
    for (String name : names) {
      Class<?> c = Class.forName(name, false, RegexSafetyTest.class.getClassLoader());
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) || f.getType() != Pattern.class) continue;
        f.setAccessible(true);
        Pattern p = (Pattern) f.get(null);
        String id = name + "." + f.getName();
        int length = BOUNDED.getOrDefault(id, LENGTH);
        for (String in : inputs(p.pattern(), length)) {
          long start = System.nanoTime();
          try {
            Matcher m = p.matcher(in);
            if (WHOLE.contains(id)) {
              m.matches();
            } else {
              while (m.find() && m.end() < in.length()) { }
            }
          } catch (StackOverflowError e) {
            failures.add(id + ": stack overflow on " + describe(in));
            continue;
          }
          long took = System.nanoTime() - start;
          if (took > MAX_NANOS) failures.add(id + ": " + took / 1_000_000 + " ms on " + describe(in));
        }
      }
    }
  }

  private static String describe(String s) {
    return "\"" + s.substring(0, Math.min(30, s.length())).replace("\n", "\\n") + "...\" ("
        + s.length() + " chars)";
  }

  private static List<String> inputs(String pattern, int length) {
    if (length == 0) return List.of();
    Set<String> units = new LinkedHashSet<>(List.of(" ", "\n", "\t", "a", "0", "'", "\"", "(",
        ")", "/", ".", "-", "$", "{", ",", "=", "#", "a.", "a-", " -a", "'a'"));
    Matcher w = Pattern.compile("[A-Za-z_][A-Za-z0-9_]+").matcher(pattern);
    while (w.find()) {
      String t = w.group();
      units.add(t + " ");
      units.add(t + "(");
      units.add(t + ".");
      units.add(t + "=");
    }
    List<String> out = new ArrayList<>();
    for (String u : units) {
      String run = u.repeat(Math.max(1, length / u.length()));
      out.add(run);
      out.add(run + "\u0001");
    }
    return out;
  }
}
