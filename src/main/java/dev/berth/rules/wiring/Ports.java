package dev.berth.rules.wiring;

import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.rules.RuleContext;
import dev.berth.compose.ComposeProject;
import dev.berth.runtime.Container;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** What the wiring rules share about published ports and how messages name listeners. */
final class Ports {
  private Ports() {}

  /**
   * The single TCP container port a mapping publishes; empty for ranges and other protocols, and
   * for a service whose network mode makes Compose ignore {@code ports:} (host, another
   * container's network).
   */
  static OptionalInt published(Service s, PortMapping m) {
    if (s.networkMode().isPresent() && !s.networkMode().get().value().equals("bridge")) {
      return OptionalInt.empty();
    }
    if (!m.protocol().equals("tcp")) return OptionalInt.empty();
    return m.targetPorts().filter(r -> r[0] == r[1]).map(r -> OptionalInt.of(r[0]))
        .orElse(OptionalInt.empty());
  }

  /** {@code gunicorn on 0.0.0.0:8000, nginx on 0.0.0.0:80}. */
  static String describe(List<Listener> listeners) {
    Set<String> parts = new LinkedHashSet<>();
    for (Listener l : listeners) parts.add(l.how() + " on " + l.bind());
    List<String> all = new ArrayList<>(parts);
    if (all.size() <= MAX_LISTED) return String.join(", ", all);
    // A config of thousands of servers made one message thousands of listeners long.
    return String.join(", ", all.subList(0, MAX_LISTED)) + " and " + (all.size() - MAX_LISTED)
        + " more";
  }

  /** Listeners a message names and a finding relates; the message counts the others. */
  static final int MAX_LISTED = 10;

  /** Each listener's origin as a related location (the first {@link #MAX_LISTED}). */
  static void relate(RuleContext.Report r, List<Listener> listeners) {
    Set<String> seen = new java.util.HashSet<>();
    for (Listener l : listeners) {
      if (seen.size() == MAX_LISTED) return; // the message counts the rest
      String why = l.how() + " listens on " + l.bind() + " here";
      if (seen.add(l.origin() + why)) r.related(l.origin(), why);
    }
  }

  /** The container of the Compose service named {@code host} in {@code proxy}'s own project. */
  static Optional<Listeners.Of> service(Container proxy, String host, Services services) {
    if (proxy.compose().isEmpty()) return Optional.empty();
    return service(proxy.compose().get(), host, services);
  }

  /** The one container of service {@code host} of Compose project {@code cp}. */
  static Optional<Listeners.Of> service(ComposeProject cp, String host, Services services) {
    if (!cp.services().containsKey(host)) return Optional.empty();
    List<Listeners.Of> found = services.byProject().getOrDefault(cp, java.util.Map.of())
        .getOrDefault(host, List.of());
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * The containers of each Compose project by service name, gathered once per rule run (a
   * search of every container per route was quadratic in a large tree).
   */
  record Services(java.util.Map<ComposeProject, java.util.Map<String, List<Listeners.Of>>> byProject) {
    static Services of(List<Listeners.Of> containers) {
      java.util.Map<ComposeProject, java.util.Map<String, List<Listeners.Of>>> m =
          new java.util.IdentityHashMap<>();
      for (Listeners.Of lo : containers) {
        Container c = lo.container();
        if (c.compose().isPresent() && c.service().isPresent()) {
          m.computeIfAbsent(c.compose().get(), k -> new java.util.HashMap<>())
              .computeIfAbsent(c.service().get().serviceName(), k -> new ArrayList<>()).add(lo);
        }
      }
      return new Services(m);
    }
  }
}
