package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextReporterTest {
  private static final Path ROOT = Path.of("/repo");

  private static String text(Analysis a, Path cwd, boolean color, boolean quiet) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TextReporter(new DisplayPaths(ROOT, cwd), color, quiet)
        .write(a, Fakes.project(ROOT), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Finding note(String file, int line) {
    return new Finding(Fakes.DUP, Severity.NOTE, new Range(file, line, 1, line, 5), "n",
        List.of(), List.of(), Optional.empty());
  }

  private static final Analysis TWO = new Analysis(
      List.of(Fakes.secret(), Fakes.duplicate(), note("compose.yaml", 7)),
      List.of(Fakes.DUP, Fakes.SECRET), List.of());

  private static final dev.berth.rules.RuleInfo STYLE = new dev.berth.rules.RuleInfo("BTH903",
      "casing", "s", Severity.NOTE, dev.berth.rules.Category.STYLE,
      dev.berth.rules.Precision.HIGH, List.of());

  private static Finding style(String file, int line) {
    return new Finding(STYLE, Severity.NOTE, new Range(file, line, 1, line, 2), "s" + line,
        List.of(), List.of(), Optional.empty());
  }

  private static String capped(Analysis a, java.util.OptionalInt limit) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TextReporter(new DisplayPaths(ROOT, ROOT), false, false, limit)
        .write(a, Fakes.project(ROOT), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void styleFindingsAreCappedPerFileButBugsNever() throws Exception {
    Analysis a = new Analysis(List.of(style("app/Dockerfile", 1), style("app/Dockerfile", 2),
        Fakes.duplicate(), style("app/Dockerfile", 4), style("app/Dockerfile", 5),
        style("compose.yaml", 1), style("compose.yaml", 2)),
        List.of(Fakes.DUP, STYLE), List.of());
    assertEquals("""
        app/Dockerfile:1:1: note BTH903 s1 [casing]
        app/Dockerfile:2:1: note BTH903 s2 [casing]
        app/Dockerfile:3:16: error BTH901 stage name "build" is already used by stage 0 \
        [duplicate-stage]
          app/Dockerfile:1:16: note: first declared here
          fix: rename the stage to build-2
        app/Dockerfile: note: 2 more style findings in this file not shown (--all shows them)
        compose.yaml:1:1: note BTH903 s1 [casing]
        compose.yaml:2:1: note BTH903 s2 [casing]
        7 findings (1 error, 0 warnings, 6 notes) in 2 of 2 files linted, \
        2 style findings not shown (--all shows them)
        """, capped(a, java.util.OptionalInt.of(2)));
    String all = capped(a, java.util.OptionalInt.empty());
    assertEquals(10, all.lines().count(), all);
    assertTrue(!all.contains("not shown"), all);
    String none = capped(a, java.util.OptionalInt.of(0));
    assertEquals(List.of("app/Dockerfile:3:16", "  app/Dockerfile:1:16", "  fix",
        "app/Dockerfile", "compose.yaml", "7 findings (1 error, 0 warnings, 6 notes) in 2 of 2"
            + " files linted, 6 style findings not shown (--all shows them)"),
        none.lines().map(l -> l.startsWith("7 ") ? l : l.replaceAll(": .*", "")).toList());
  }

  @Test
  void gccStyleLinesWithNotesFixesAndSummary() throws Exception {
    assertEquals("""
        app/Dockerfile:3:16: error BTH901 stage name "build" is already used by stage 0 \
        [duplicate-stage]
          app/Dockerfile:1:16: note: first declared here
          fix: rename the stage to build-2
        compose.yaml:7:1: note BTH901 n [duplicate-stage]
        2 findings (1 error, 0 warnings, 1 note) in 2 of 2 files linted, 1 suppressed
        """, text(TWO, ROOT, false, false));
  }

  @Test
  void pathsAreRelativeToTheWorkingDirectoryWhenUnderIt() throws Exception {
    assertEquals("""
        Dockerfile:3:16: error BTH901 stage name "build" is already used by stage 0 \
        [duplicate-stage]
          Dockerfile:1:16: note: first declared here
          fix: rename the stage to build-2
        compose.yaml:7:1: note BTH901 n [duplicate-stage]
        """, text(TWO, ROOT.resolve("app"), false, true));
  }

  @Test
  void colourGroupsByFile() throws Exception {
    String out = text(TWO, ROOT, true, false);
    String esc = "\u001b[";
    assertEquals(esc + "1mapp/Dockerfile" + esc + "0m:3:16: " + esc + "1;31merror" + esc + "0m "
        + esc + "2mBTH901" + esc + "0m stage name \"build\" is already used by stage 0 "
        + esc + "2m[duplicate-stage]" + esc + "0m", out.lines().findFirst().orElseThrow());
    List<String> lines = out.lines().toList();
    assertEquals("", lines.get(3));
    assertEquals("", lines.get(5));
    assertEquals(7, lines.size());
  }

  @Test
  void cleanSummary() throws Exception {
    assertEquals("0 findings in 2 files linted\n",
        text(new Analysis(List.of(), List.of(), List.of()), ROOT, false, false));
    assertEquals("", text(new Analysis(List.of(), List.of(), List.of()), ROOT, false, true));
  }
}
