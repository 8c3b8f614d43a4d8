package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.Proc;
import dev.berth.source.DataResources;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Programs whose container use is to read the host's logs, from
 * {@code berth/programs/log-agents.yaml}: an image that runs one runs as root by design when it
 * is given those logs, which are root's on the host.
 */
final class LogAgents {
  private final Set<String> names;

  private LogAgents(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  private static final class Standard {
    static final LogAgents AGENTS = load();
  }

  static LogAgents standard() {
    return Standard.AGENTS;
  }

  /** The log agent a container of {@code stage} runs, by its base name; empty when none does. */
  Optional<String> runBy(Project project, Dockerfile df, Stage stage) {
    for (Container c : Containers.of(project).of(df, stage)) {
      for (Proc p : c.processes()) {
        if (names.contains(p.name())) return Optional.of(p.name());
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static LogAgents load() {
    String resource = "/berth/programs/log-agents.yaml";
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(LogAgents.class, resource);
    Set<String> names = new HashSet<>();
    for (Object o : (List<Object>) doc.getOrDefault("agents", List.of())) {
      Map<String, Object> e = InstalledTools.sourced(resource, (Map<String, Object>) o);
      for (Object n : (List<Object>) e.get("names")) names.add(String.valueOf(n));
    }
    return new LogAgents(names);
  }
}
