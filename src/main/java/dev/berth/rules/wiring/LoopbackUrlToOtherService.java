package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.wiring.ImageServices;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import dev.berth.wiring.ServiceUrl;
import dev.berth.wiring.ServiceUrls;
import dev.berth.wiring.UrlVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database, cache or broker URL ({@code postgresql://}, {@code redis://}, {@code amqp://}:
 * clients that connect from the container itself, never a browser) whose host is the loopback
 * address, on a port another service of the project publishes, exposes or listens on, while the
 * service itself neither publishes nor exposes it and none of its known listeners is there.
 * Inside a container on a Compose network, loopback is the container itself. Silent for
 * {@code network_mode: host} (loopback is the host's) and {@code service:}/{@code container:}
 * (loopback is the other container's). When berth does not know every program of the service's
 * container, the message says it assumes none of them listens there.
 */
@RuleMeta(
    id = "BTH721",
    summary = "A URL uses localhost to reach a port another service of the project serves",
    severity = Severity.WARNING,
    category = Category.BUG)
public final class LoopbackUrlToOtherService implements ProjectRule {

  public static String message(String variable, String service, String host, int port,
      String other, boolean assumed) {
    return variable + " of service '" + service + "' connects to " + host + ":" + port
        + ", which inside its container is the container itself, not service '" + other
        + "' that serves port " + port + "; use host '" + other + "'"
        + (assumed ? " (assuming no program of '" + service + "' listens on " + port
            + " itself: berth does not know every program it runs)" : "");
  }

  /** Where another service serves a port. */
  private record Serving(String service, Range at, String why) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    UrlVariables catalog = UrlVariables.standard();
    Set<String> reported = new HashSet<>();
    Listeners listeners = null;
    for (ServiceUrls.Of of : ServiceUrls.of(project).all()) {
      ComposeProject p = of.project();
      Service s = of.service();
      if (!p.servicesAsWritten()
          || s.networkMode().filter(m -> !m.value().equals("bridge")).isPresent()) {
        continue;
      }
      for (ServiceUrl u : of.urls()) {
        if (!u.loopback() || u.scheme().isEmpty() || !catalog.clientScheme(u.scheme().get())
            || !u.portKnown()) {
          continue;
        }
        int port = u.port().orElse(catalog.clientPort(u.scheme().get()).orElse(-1));
        if (port < 0) continue;
        if (listeners == null) listeners = Listeners.of(project);
        List<Listeners.Of> own = containers(project, listeners, p, s);
        if (!serving(project, s, port, own).isEmpty()) continue;
        List<Serving> others = new ArrayList<>();
        for (Service o : p.services().values()) {
          if (o == s || o.serviceName().equals(s.serviceName())) continue;
          others.addAll(serving(project, o, port, containers(project, listeners, p, o)));
        }
        if (others.isEmpty() || !reported.add(u.at() + "\n" + u.variable())) continue;
        boolean known = !own.isEmpty() && own.stream().allMatch(Listeners.Of::complete);
        Serving first = others.get(0);
        ctx.report(u.at(), message(u.variable(), s.serviceName(), u.host(), port,
            first.service(), !known)).related(first.at(), first.why());
      }
    }
  }

  /** Where {@code s} publishes, exposes or listens on {@code port}. */
  private static List<Serving> serving(Project project, Service s, int port,
      List<Listeners.Of> containers) {
    List<Serving> out = new ArrayList<>();
    String name = s.serviceName();
    for (PortMapping m : s.ports()) {
      if (within(m.targetPorts(), port) || within(m.publishedPorts(), port)) {
        out.add(new Serving(name, m.range(), "'" + name + "' publishes port " + port + " here"));
      }
    }
    for (Located<String> e : s.expose()) {
      if (e.value().replaceFirst("/tcp$", "").equals(String.valueOf(port))) {
        out.add(new Serving(name, e.range(), "'" + name + "' exposes port " + port + " here"));
      }
    }
    List<Listener> listening = new ArrayList<>();
    for (Listeners.Of lo : containers) listening.addAll(lo.on(port));
    // A service that only names an official image runs its default command (postgres: 5432).
    if (containers.isEmpty()) {
      ImageServices.of(project, s).orElse(List.of()).stream()
          .filter(l -> l.bind().tcpPort().orElse(-1) == port).forEach(listening::add);
    }
    for (Listener l : listening) {
      out.add(new Serving(name, l.origin(), l.how() + " of '" + name + "' listens on "
          + l.bind() + " here"));
    }
    return out;
  }

  private static boolean within(Optional<int[]> range, int port) {
    return range.isPresent() && range.get()[0] <= port && port <= range.get()[1];
  }

  /** The listeners of the containers berth foresees for service {@code s} of {@code p}. */
  private static List<Listeners.Of> containers(Project project, Listeners listeners,
      ComposeProject p, Service s) {
    return ServiceUrls.containers(project, p, s).stream().map(listeners::of).toList();
  }

}
