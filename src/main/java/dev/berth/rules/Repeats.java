package dev.berth.rules;

import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cause, one finding, across files: the same rule saying the same thing, word for word, about
 * the same line in several Dockerfiles (the Dockerfiles docker-library/redmine generates from one
 * template, photoprism's four demo images, passbolt's three variants) is reported once, at the
 * first file, with the others as related locations. The fix is one edit, usually in the file
 * they were copied from. Only files that are copies of one another count ({@link #copies});
 * findings with fixes are kept apart (each file needs its own edit), and so are suppressed ones
 * and findings whose line berth cannot read.
 */
final class Repeats {
  private Repeats() {}

  /** {@code findings} sorted by location; the result keeps that order. */
  static List<Finding> merge(Project project, List<Finding> findings) {
    Map<List<Object>, List<Finding>> groups = new LinkedHashMap<>();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Optional<String> line = lineText(project, f);
      if (f.suppressed() || !f.fixes().isEmpty() || line.isEmpty()) {
        groups.put(List.of(new Object()), new ArrayList<>(List.of(f))); // a group of its own
        continue;
      }
      groups.computeIfAbsent(List.of(f.rule().id(), f.severity(), f.message(), line.get()),
          k -> new ArrayList<>()).add(f);
    }
    Map<String, java.util.Set<String>> lines = new java.util.HashMap<>();
    for (List<Finding> same : groups.values()) {
      // Greedy clusters: each finding joins the first cluster whose file is a copy of its own.
      List<List<Finding>> clusters = new ArrayList<>();
      for (Finding f : same) {
        Optional<List<Finding>> home = clusters.stream().filter(c -> copies(project, lines,
            c.get(0).range().file(), f.range().file())).findFirst();
        if (home.isPresent()) home.get().add(f);
        else clusters.add(new ArrayList<>(List.of(f)));
      }
      for (List<Finding> c : clusters) out.add(merged(c));
    }
    out.sort(java.util.Comparator.comparing(Finding::range).thenComparing(f -> f.rule().id()));
    return out;
  }

  /** The first finding, with the others as related locations. */
  private static Finding merged(List<Finding> cluster) {
    Finding first = cluster.get(0);
    if (cluster.size() == 1) return first;
    List<Related> related = new ArrayList<>(first.related());
    for (Finding other : cluster.subList(1, cluster.size())) {
      related.add(new Related(other.range(), "the same in " + other.range().file()));
    }
    return new Finding(first.rule(), first.severity(), first.range(), first.message(), related,
        first.fixes(), first.suppression());
  }

  /** Distinct lines a Dockerfile needs before berth takes a likeness for a copy. */
  private static final int MIN_LINES = 20;

  /**
   * Two different Dockerfiles that are copies of one another, give or take a version: at least
   * 80% of their distinct non-blank lines are shared (Jaccard), each with at least
   * {@link #MIN_LINES}. Independent Dockerfiles that only share a line (two services both
   * {@code FROM alpine:3.20} without USER) each need their own edit; so do compose files, which
   * each run on their own.
   */
  private static boolean copies(Project project, Map<String, java.util.Set<String>> cache,
      String a, String b) {
    if (a.equals(b) || project.dockerfile(a).isEmpty() || project.dockerfile(b).isEmpty()) {
      return false;
    }
    java.util.Set<String> la = cache.computeIfAbsent(a, p -> distinctLines(project, p));
    java.util.Set<String> lb = cache.computeIfAbsent(b, p -> distinctLines(project, p));
    // Built by different compose projects: separate applications that happen to look alike
    // (docker/awesome-compose's samples), each edited on its own.
    java.util.Set<String> pa = composeProjects(project, a);
    java.util.Set<String> pb = composeProjects(project, b);
    if (!pa.isEmpty() && !pb.isEmpty() && java.util.Collections.disjoint(pa, pb)) return false;
    // Short Dockerfiles look alike by nature (two samples: FROM, WORKDIR, COPY, RUN, CMD).
    if (la.size() < MIN_LINES || lb.size() < MIN_LINES) return false;
    long shared = la.stream().filter(lb::contains).count();
    return shared * 5 >= (la.size() + lb.size() - shared) * 4;
  }

  /** The compose projects (by their files) that build this Dockerfile. */
  private static java.util.Set<String> composeProjects(Project project, String dockerfile) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (dev.berth.image.ComposeBuilds.Use u : dev.berth.image.ComposeBuilds.of(project)
        .uses(dockerfile)) {
      out.add(String.join(",", u.compose().files()));
    }
    return out;
  }

  private static java.util.Set<String> distinctLines(Project project, String path) {
    java.util.Set<String> out = new java.util.HashSet<>();
    project.source(path).ifPresent(src -> {
      for (int i = 1; i <= src.lineCount(); i++) {
        String t = src.lineText(i).strip();
        if (!t.isEmpty()) out.add(t);
      }
    });
    return out;
  }

  private static Optional<String> lineText(Project project, Finding f) {
    int line = f.range().startLine();
    Optional<SourceFile> src = project.source(f.range().file());
    if (src.isEmpty() || line < 1 || line > src.get().lineCount()) return Optional.empty();
    String text = src.get().lineText(line).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
