package dev.berth.cli;

import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.rules.Fix;
import dev.berth.source.Diagnostic;
import dev.berth.source.FileEdits;
import dev.berth.source.SourceFile;
import dev.berth.source.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --fix}: the fixes berth computed (the ones SARIF carries) applied to the files. Per
 * active finding its first fix, all of its edits or none (none when one overlaps an edit already
 * taken). A file that does not parse (a Dockerfile BuildKit refuses, a compose file that is not
 * YAML) is never touched: its positions may not mean what the fix assumes. A file is written in
 * place (keeping its mode and owner, its byte order mark and line breaks) only if it still holds
 * what berth read, and never through a symlink.
 */
final class Fixer {
  private Fixer() {}

  /** The edits per file, in path order. */
  static Map<String, FileEdits> plan(Analysis analysis, Project project) {
    Set<String> unparsed = new java.util.HashSet<>();
    for (Diagnostic d : analysis.diagnostics()) if (d.isError()) unparsed.add(d.range().file());
    project.dockerfiles().forEach(df -> {
      if (df.unparsable()) unparsed.add(df.source().path());
    });
    Map<String, FileEdits> byFile = new TreeMap<>();
    for (Finding f : analysis.active()) {
      if (f.fixes().isEmpty()) continue;
      Fix fix = f.fixes().get(0);
      Map<String, List<TextEdit>> perFile = new LinkedHashMap<>();
      for (TextEdit e : fix.edits()) {
        perFile.computeIfAbsent(e.range().file(), k -> new ArrayList<>()).add(e);
      }
      // a fix spanning files is applied only if every file takes its part
      boolean ok = perFile.keySet().stream().allMatch(p -> !unparsed.contains(p)
          && project.source(p).isPresent());
      if (!ok) continue;
      Map<String, FileEdits> targets = new LinkedHashMap<>();
      perFile.keySet().forEach(p -> targets.put(p, byFile.computeIfAbsent(p,
          k -> new FileEdits(project.source(k).orElseThrow()))));
      if (perFile.entrySet().stream().allMatch(e -> targets.get(e.getKey()).fits(e.getValue()))) {
        perFile.forEach((p, es) -> targets.get(p).accepts(es));
      }
    }
    byFile.values().removeIf(FileEdits::isEmpty);
    return byFile;
  }

  /**
   * Writes each file; returns the paths written, and says on {@code problems} why a file was not.
   */
  static List<String> write(Path root, Map<String, FileEdits> plan, List<String> problems) {
    List<String> written = new ArrayList<>();
    plan.forEach((rel, edits) -> {
      Path file = root.resolve(rel);
      try {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          problems.add(rel + ": not fixed: a symlink or not a regular file");
          return;
        }
        SourceFile read = edits.source();
        if (!Arrays.equals(Files.readAllBytes(file), bytes(read, read.text()))) {
          problems.add(rel + ": not fixed: the file changed while berth ran");
          return;
        }
        Files.write(file, bytes(read, edits.applied()), LinkOption.NOFOLLOW_LINKS,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        written.add(rel);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        problems.add(rel + ": not fixed: " + e.getMessage());
      }
    });
    return written;
  }

  private static byte[] bytes(SourceFile source, String text) {
    String withBom = source.hasBom() ? "\uFEFF" + text : text;
    return withBom.getBytes(StandardCharsets.UTF_8);
  }

  static Optional<String> diff(Map<String, FileEdits> plan) {
    StringBuilder b = new StringBuilder();
    plan.values().forEach(e -> b.append(e.unifiedDiff()));
    return b.isEmpty() ? Optional.empty() : Optional.of(b.toString());
  }
}
