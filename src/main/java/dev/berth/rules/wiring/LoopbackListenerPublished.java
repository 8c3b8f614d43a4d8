package dev.berth.rules.wiring;

import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.wiring.Bind;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import dev.berth.wiring.ProxyRoute;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A server bound to the container's loopback interface ({@code 127.0.0.1}, {@code localhost},
 * {@code ::1}) on a port Compose publishes, or to which another service's proxy sends requests
 * (nginx {@code proxy_pass http://api:8000}): Docker forwards published ports to the container's
 * network interface, and other containers connect to that interface too, so nothing outside the
 * container reaches the server.
 */
@RuleMeta(
    id = "BTH701",
    summary = "A server listens on the container's loopback interface on a published or proxied port",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class LoopbackListenerPublished implements ProjectRule {

  public static String message(String service, int port, String listeners) {
    return "service '" + service + "' publishes container port " + port + ", but " + listeners
        + " listens on the container's loopback interface only, which Docker's port forwarding "
        + "does not reach, so connections from outside the container fail; bind 0.0.0.0";
  }

  public static String proxied(String directive, String service, int port, String listeners) {
    return directive + " sends requests to service '" + service + "' on port " + port + ", but "
        + listeners + " listens on that container's loopback interface only, which other"
        + " containers cannot reach, so the proxy's requests fail (502 Bad Gateway); bind 0.0.0.0";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    List<Listeners.Of> all = Listeners.of(project).all();
    Ports.Services services = Ports.Services.of(all);
    for (Listeners.Of lo : all) {
      for (ProxyRoute route : lo.routes()) {
        if (route.local()) continue;
        Optional<Listeners.Of> target = Ports.service(lo.container(), route.host(), services);
        if (target.isEmpty()) continue;
        List<Listener> on = loopbackOnly(target.get(), route.port());
        if (on.isEmpty() || !reported.add(route.at())) continue;
        RuleContext.Report r = ctx.report(route.at(), proxied(route.directive(), route.host(),
            route.port(), Ports.describe(on)));
        route.via().ifPresent(v -> r.related(v, "the upstream server line names "
            + route.host() + ":" + route.port()));
        Ports.relate(r, on);
      }
    }
    for (Listeners.Of lo : all) {
      if (lo.container().service().isEmpty()) continue;
      Service s = lo.container().service().get();
      for (PortMapping m : s.ports()) {
        OptionalInt port = Ports.published(s, m);
        if (port.isEmpty()) continue;
        List<Listener> on = loopbackOnly(lo, port.getAsInt());
        if (on.isEmpty() || !reported.add(m.range())) continue;
        RuleContext.Report r = ctx.report(m.range(), message(s.serviceName(), port.getAsInt(),
            Ports.describe(on)));
        Ports.relate(r, on);
      }
    }
  }

  /** The listeners on {@code port}, when there are some and all are bound to loopback. */
  private static List<Listener> loopbackOnly(Listeners.Of lo, int port) {
    List<Listener> on = lo.on(port);
    return on.stream().allMatch(l -> l.bind() instanceof Bind.Tcp t && t.loopback()) ? on
        : List.of();
  }
}
