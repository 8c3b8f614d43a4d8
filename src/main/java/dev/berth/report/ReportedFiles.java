package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.project.ProjectFile;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.source.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For the per-file formats (checkstyle, JUnit): every file berth linted, in path order, with its
 * active findings and its diagnostics. A clean file is listed too, so "checked and clean" is not
 * confused with "never looked at". Diagnostics that name no file are under the empty path.
 */
record ReportedFiles(Map<String, Entry> byPath) {
  record Entry(List<Finding> findings, List<Diagnostic> diagnostics) {}

  static ReportedFiles of(Analysis analysis, Project project) {
    Map<String, Entry> m = new TreeMap<>();
    for (ProjectFile f : project.files()) entry(m, f.path());
    for (Finding f : analysis.active()) entry(m, f.range().file()).findings().add(f);
    for (Diagnostic d : analysis.diagnostics()) {
      String file = d.range().file().equals(".") ? "" : d.range().file();
      entry(m, file).diagnostics().add(d);
    }
    return new ReportedFiles(m);
  }

  private static Entry entry(Map<String, Entry> m, String path) {
    return m.computeIfAbsent(path, p -> new Entry(new ArrayList<>(), new ArrayList<>()));
  }
}
