package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.project.FileTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeFilePatternTest {
  private static final char M = ComposeFilePattern.MARK;

  private static FileTree tree(String... files) {
    List<FileTree.Entry> entries = new ArrayList<>();
    for (String f : files) {
      entries.add(new FileTree.Entry(f, FileTree.Kind.FILE, 10, Optional.empty(), false, false));
    }
    return FileTree.of(entries, false);
  }

  private static Value pattern(String p) {
    return Value.partly(p, "a variable", p);
  }

  @Test
  void oneVariableHasOneValueThroughASet() {
    FileTree t = tree("deploy/staging/base.yml", "deploy/staging/override.yml",
        "deploy/prod/base.yml", "deploy/prod/override.yml");
    List<List<String>> sets = ComposeFilePattern.sets(t, List.of(
        pattern("deploy/" + M + "ENV" + M + "/base.yml"),
        pattern("deploy/" + M + "ENV" + M + "/override.yml")), p -> true).orElseThrow();
    // staging with staging, prod with prod: never staging's base under prod's override
    assertEquals(List.of(List.of("deploy/prod/base.yml", "deploy/prod/override.yml"),
        List.of("deploy/staging/base.yml", "deploy/staging/override.yml")), sets);
  }

  @Test
  void twoVariablesCombineAndOnlyComposeFilesCount() {
    FileTree t = tree("runs/local.build.yml", "runs/docker.build.yml", "runs/a/docker-compose.yml",
        "runs/b/docker-compose.yml", "runs/b/prometheus.yml");
    List<List<String>> sets = ComposeFilePattern.sets(t, List.of(
        pattern("runs/" + M + "BUILD" + M + ".build.yml"),
        pattern("runs/" + M + "RTE" + M + "/docker-compose.yml")),
        p -> !p.endsWith("prometheus.yml")).orElseThrow();
    assertEquals(4, sets.size());
    assertTrue(sets.stream().flatMap(List::stream).noneMatch(p -> p.contains("prometheus")));
  }

  @Test
  void tooManySetsSayNothing() {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 9; i++) files.add("runs/b" + i + ".build.yml");
    for (int i = 0; i < 9; i++) files.add("runs/r" + i + "/docker-compose.yml");
    FileTree t = tree(files.toArray(String[]::new));
    assertTrue(ComposeFilePattern.sets(t, List.of(
        pattern("runs/" + M + "B" + M + ".build.yml"),
        pattern("runs/" + M + "R" + M + "/docker-compose.yml")), p -> true).isEmpty());
  }
}
