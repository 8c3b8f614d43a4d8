package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written parser accepts what picocli accepted, and words errors as picocli did. */
class OptionsTest {
  private static Options parse(String... args) throws Options.UsageError {
    return Options.parse(args);
  }

  private static String error(String... args) {
    return assertThrows(Options.UsageError.class, () -> Options.parse(args)).getMessage();
  }

  @Test
  void valuesAttachedSeparateOrAfterEquals() throws Exception {
    Options o = parse("--format=sarif", "--output", "out.sarif", "-fa.yml", "-f=b.yml", "-f",
        "c.yml", "--file", "d.yml", "--env-file=.env.ci", "--root", ".", "x", "y");
    assertEquals("sarif", o.format);
    assertEquals("out.sarif", o.output);
    assertEquals(List.of("a.yml", "b.yml", "c.yml", "d.yml"), o.composeFiles);
    assertEquals(List.of(".env.ci"), o.envFiles);
    assertEquals(".", o.root);
    assertEquals(List.of("x", "y"), o.paths);
    assertEquals("", parse("--format=").format);
    assertEquals("text", parse().format);
  }

  @Test
  void flagsClusterNegateAndTakeBooleans() throws Exception {
    Options o = parse("-qV");
    assertTrue(o.quiet && o.version);
    assertEquals(List.of("q.yml"), parse("-qfq.yml").composeFiles);
    assertNull(parse().color);
    assertEquals(Boolean.FALSE, parse("--no-color").color);
    assertEquals(Boolean.FALSE, parse("--color=false").color);
    assertEquals(Boolean.FALSE, parse("--no-color=true").color);
    assertFalse(parse("--use-env=FALSE").useEnv);
    assertEquals("Invalid value for option '--color': 'x' is not a boolean", error("--color=x"));
  }

  @Test
  void allIsAFlag() throws Exception {
    assertFalse(parse().all);
    assertTrue(parse("--all").all);
    assertFalse(parse("--all=false").all);
    assertEquals(List.of("x"), parse("--all", "x").paths);
    assertEquals("option '--all' should be specified only once", error("--all", "--all"));
  }

  @Test
  void pathsAfterDoubleDashAndTheLoneDash() throws Exception {
    assertEquals(List.of("-", "-q", "--format"), parse("-", "--", "-q", "--format").paths);
  }

  @Test
  void errorsAsPicocliWordedThem() {
    assertEquals("Unknown option: '--bogus'", error("--bogus"));
    assertEquals("Unknown option: '--bogus=1'", error("--bogus=1"));
    assertEquals("Unknown options: '--a', '--b'", error("--a", "--b"));
    assertEquals("Unknown options: '-x' (while processing option: '-qx'), '-y'",
        error("-qx", "-y"));
    assertEquals("Missing required parameter for option '--file' (COMPOSE_FILE)", error("-q", "-f"));
    assertEquals("Missing required parameter for option '--format' (FORMAT)", error("--format"));
    assertEquals("Expected parameter for option '--format' but found '--quiet'",
        error("--format", "--quiet"));
    assertEquals("option '--quiet' should be specified only once", error("-qqq"));
    assertEquals("option '--color' should be specified only once", error("--color", "--no-color"));
    assertEquals("option '--format' (FORMAT) should be specified only once",
        error("--format=json", "--format=text"));
  }

  @Test
  void helpOrVersionOutweighUnknownOptions() throws Exception {
    assertTrue(parse("--bogus", "-h").help);
    assertTrue(parse("--version", "--bogus").version);
  }

  @Test
  void usageListsEveryOption() {
    for (String name : List.of("--format=FORMAT", "--output=FILE", "--config=FILE",
        "--fail-level=LEVEL", "--root=DIR", "-f, --file=COMPOSE_FILE", "--env-file=FILE",
        "--use-env", "--[no-]color", "-q, --quiet", "--all", "--list-rules", "--explain=RULE",
        "-V, --version", "-h, --help")) {
      assertTrue(Options.USAGE.contains(name), name);
    }
  }
}
