package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory {@code docker compose} runs from, which is what {@code ${PWD}} holds (Compose sets
 * PWD to its working directory: docker/compose cmd/compose/compose.go). Nobody declares it; berth
 * takes the project directory, Compose's documented place, unless the files say otherwise: paths
 * they build from {@code ${PWD}} that exist only from a directory above it. chroma's
 * examples/observability/docker-compose.local-observability.yml mounts
 * {@code ${PWD}/examples/observability/otel-collector-config.yaml} and builds
 * {@code context: ${PWD}} with {@code dockerfile: Dockerfile}: both exist only from the root,
 * where its README runs {@code docker compose -f examples/observability/... up}.
 */
final class WorkingDirectory {
  private WorkingDirectory() {}

  /**
   * {@code $PWD/x} or {@code ${PWD}/x}: x up to a quote, space, colon or another variable; not
   * Compose's escaped {@code $$PWD}, which the container's shell expands.
   */
  private static final Pattern UNDER_PWD =
      Pattern.compile("(?<!\\$)\\$(?:\\{PWD\\}|PWD(?![A-Za-z0-9_]))/([^\\s\"':$]++)");
  /** A build context that is PWD itself, as a line of its own. */
  private static final Pattern CONTEXT_PWD = Pattern.compile(
      "^[ \\t]*+context:[ \\t]*+[\"']?+\\$(?:\\{PWD\\}|PWD)/?+[\"']?+[ \\t]*+$");
  private static final Pattern DOCKERFILE = Pattern.compile(
      "^[ \\t]*+dockerfile:[ \\t]*+[\"']?+([^\\s\"'$]++)[\"']?+[ \\t]*+$");

  /**
   * @param projectDir root-relative
   * @param texts the project's compose files' texts, by root-relative path
   * @param exists whether a root-relative path exists, file or directory
   * @return the root-relative directory PWD stands for
   */
  static String of(String projectDir, java.util.Map<String, String> texts,
      Predicate<String> exists) {
    List<String> paths = new ArrayList<>();
    List<String> fileDirs = new ArrayList<>();
    for (var e : texts.entrySet()) {
      String text = e.getValue();
      if (!text.contains("PWD")) continue;
      Matcher m = UNDER_PWD.matcher(text);
      while (m.find()) paths.add(m.group(1));
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (!CONTEXT_PWD.matcher(lines[i]).matches()) continue;
        // the dockerfile key of the same build mapping (its keys are the lines around the
        // context at the same indentation); without one, Compose reads the context's
        // Dockerfile, and an inline one names no file
        boolean named = false;
        for (int j : sameMapping(lines, i)) {
          Matcher d = DOCKERFILE.matcher(lines[j]);
          if (d.matches()) paths.add(d.group(1));
          named |= d.matches() || lines[j].strip().startsWith("dockerfile_inline:");
        }
        if (!named) paths.add("Dockerfile");
        fileDirs.add(Paths.dir(e.getKey()));
      }
    }
    paths.removeIf(p -> p.isEmpty() || p.startsWith("/") || p.contains(".."));
    if (paths.isEmpty() || allExist(projectDir, paths, exists)) return projectDir;
    String dir = projectDir;
    while (!dir.isEmpty()) {
      int slash = dir.lastIndexOf('/');
      dir = slash < 0 ? "" : dir.substring(0, slash);
      if (allExist(dir, paths, exists)) return dir;
    }
    // A file layered on one in a directory above, meant to be run from its own directory
    // (baserow's deploy/apache/no-caddy/docker-compose.override.apache.yml: "from this directory
    // run: docker-compose -f ../../../docker-compose.yml -f docker-compose.override.apache.yml
    // up", with `context: $PWD` and its Dockerfile beside it).
    for (String d : fileDirs) {
      if (allExist(d, paths, exists)) return d;
    }
    return projectDir;
  }

  /**
   * The other lines of the YAML block mapping line {@code at} belongs to that start a key at its
   * indentation: lines indented at least as deep around it, blank ones and comments skipped.
   */
  private static List<Integer> sameMapping(String[] lines, int at) {
    int indent = indent(lines[at]);
    List<Integer> out = new ArrayList<>();
    for (int step : new int[] {-1, 1}) {
      for (int j = at + step; j >= 0 && j < lines.length; j += step) {
        String t = lines[j].strip();
        if (t.isEmpty() || t.startsWith("#")) continue;
        int d = indent(lines[j]);
        if (d < indent) break;
        if (d == indent) out.add(j);
      }
    }
    return out;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
    return i;
  }

  private static boolean allExist(String dir, List<String> paths, Predicate<String> exists) {
    for (String p : paths) {
      if (!exists.test(Paths.resolve(dir, p))) return false;
    }
    return true;
  }
}
