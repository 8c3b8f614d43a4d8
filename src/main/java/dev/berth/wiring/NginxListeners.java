package dev.berth.wiring;

import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import java.util.List;
import java.util.Optional;

/** nginx's listeners, from the configuration the container's nginx reads. */
final class NginxListeners {
  private NginxListeners() {}

  static boolean handles(Proc p) {
    return p.name().equals("nginx");
  }

  /** Unknown until the configuration is read. */
  static Optional<List<Listener>> of(Project project, Container c, Proc p) {
    return Optional.empty();
  }
}
