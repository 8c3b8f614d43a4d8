package dev.berth.project;

import dev.berth.dockerfile.Dockerfile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files an {@code INCLUDE} pulls into a Dockerfile's stage under a frontend that has the
 * instruction (devthefuture/dockerfile-x, shinsenter's build of it: {@code # syntax =
 * ghcr.io/shinsenter/dockerfile-x:v1}): fragments with no FROM of their own, which the frontend
 * inlines. Docker's own frontend has no INCLUDE (BuildKit refuses it: BTH001), so only a Dockerfile
 * naming another frontend includes anything, and so do the fragments it includes.
 */
final class IncludedFragments {
  private IncludedFragments() {}

  /** {@code INCLUDE ./common/os-common}: the instruction at the start of a line, any case. */
  private static final Pattern INCLUDE = Pattern.compile(
      "(?im)^[ \\t]*+INCLUDE[ \\t]++[\"']?+([^\\s\"']{1,300}+)");

  /** How many includes are followed, at most. */
  private static final int MAX_INCLUDES = 4096;

  /**
   * Root-relative paths a Dockerfile of the set includes, transitively: the path as written from
   * the including file's directory, and the same with {@code .dockerfile} added (dockerfile-x
   * names a fragment without its extension: {@code INCLUDE ./meta} for meta.dockerfile).
   */
  static Set<String> of(List<Dockerfile> dockerfiles) {
    Map<String, Dockerfile> byPath = new HashMap<>();
    for (Dockerfile d : dockerfiles) byPath.put(d.path(), d);
    Set<String> out = new HashSet<>();
    Deque<Dockerfile> work = new ArrayDeque<>();
    for (Dockerfile d : dockerfiles) {
      if (d.customFrontend().isPresent()) work.add(d);
    }
    Set<String> read = new HashSet<>();
    int followed = 0;
    while (!work.isEmpty() && followed < MAX_INCLUDES) {
      Dockerfile d = work.poll();
      if (!read.add(d.path())) continue;
      String dir = dev.berth.compose.Paths.dir(d.path());
      Matcher m = INCLUDE.matcher(d.source().text());
      while (m.find() && followed++ < MAX_INCLUDES) {
        String written = m.group(1);
        if (written.startsWith("/") || written.contains("://")) continue;
        String p = dev.berth.compose.Paths.normalize(dir.isEmpty() ? written : dir + "/" + written);
        if (p.startsWith("..")) continue;
        for (String candidate : List.of(p, p + ".dockerfile", p + "/Dockerfile")) {
          out.add(candidate);
          Dockerfile f = byPath.get(candidate);
          if (f != null && f.finalStage().isEmpty()) work.add(f);
        }
      }
    }
    return out;
  }
}
