package dev.berth.image;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compose builds of each Dockerfile of the project, in compose order: an index, so that
 * asking it for every Dockerfile costs the number of services once, not once per Dockerfile.
 */
final class ComposeBuilds {
  private final Map<String, List<Build>> byDockerfile;

  private ComposeBuilds(Map<String, List<Build>> byDockerfile) {
    this.byDockerfile = byDockerfile;
  }

  static List<Build> of(Project project, Dockerfile df) {
    return project.fact(ComposeBuilds.class, ComposeBuilds::compute).byDockerfile
        .getOrDefault(df.path(), List.of());
  }

  private static ComposeBuilds compute(Project project) {
    Map<String, List<Build>> out = new HashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        Optional<Build> b = s.build();
        Optional<String> path = b.flatMap(Build::dockerfilePath);
        if (path.isPresent()) out.computeIfAbsent(path.get(), k -> new ArrayList<>()).add(b.get());
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return new ComposeBuilds(Map.copyOf(out));
  }
}
