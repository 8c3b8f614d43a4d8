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
 * The compose services that build each Dockerfile of the project, in compose order: an index, so
 * that asking it for every Dockerfile costs the number of services once, not once per Dockerfile.
 */
public final class ComposeBuilds {
  /** A service whose image is built from a local Dockerfile. */
  public record Use(ComposeProject compose, Service service, Build build) {}

  private final List<Use> all;
  private final Map<String, List<Use>> byDockerfile;

  private ComposeBuilds(List<Use> all, Map<String, List<Use>> byDockerfile) {
    this.all = all;
    this.byDockerfile = byDockerfile;
  }

  public static ComposeBuilds of(Project project) {
    return project.fact(ComposeBuilds.class, ComposeBuilds::compute);
  }

  /** The builds of {@code df}, in compose order. */
  public static List<Build> builds(Project project, Dockerfile df) {
    return of(project).uses(df.path()).stream().map(Use::build).toList();
  }

  public List<Use> uses(String dockerfilePath) {
    return byDockerfile.getOrDefault(dockerfilePath, List.of());
  }

  /**
   * Every compose service that builds the Dockerfile (at least one) bind-mounts its build context
   * directory into the container (shlink's data/infra images: {@code ./:/home/shlink}; shiori's
   * Dockerfile.compose: {@code .:/src/shiori} under {@code go run}): a development container
   * that runs the host's checkout, not an image that ships.
   */
  public boolean sourceMounted(String dockerfilePath) {
    List<Use> uses = uses(dockerfilePath);
    return !uses.isEmpty() && uses.stream().allMatch(u -> mountsOwnContext(u.service()));
  }

  /** The service builds an image and bind-mounts that build's context into its container. */
  public static boolean mountsOwnContext(Service s) {
    Optional<String> context = s.build().flatMap(Build::contextPath)
        .map(dev.berth.compose.Paths::normalize);
    return context.isPresent() && s.volumes().stream().anyMatch(m ->
        m.type() == dev.berth.compose.Mount.Type.BIND
            && m.hostPath().map(dev.berth.compose.Paths::normalize).equals(context));
  }

  /** Every service built from a local Dockerfile, in compose order. */
  public List<Use> all() {
    return all;
  }

  private static ComposeBuilds compute(Project project) {
    List<Use> all = new ArrayList<>();
    Map<String, List<Use>> byPath = new HashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        Optional<Build> b = s.build();
        Optional<String> path = b.flatMap(Build::dockerfilePath);
        if (path.isEmpty()) continue;
        Use use = new Use(cp, s, b.get());
        all.add(use);
        byPath.computeIfAbsent(path.get(), k -> new ArrayList<>()).add(use);
      }
    }
    byPath.replaceAll((k, v) -> List.copyOf(v));
    return new ComposeBuilds(List.copyOf(all), Map.copyOf(byPath));
  }
}
