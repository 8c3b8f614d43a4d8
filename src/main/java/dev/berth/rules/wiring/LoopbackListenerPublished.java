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
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A server bound to the container's loopback interface ({@code 127.0.0.1}, {@code localhost},
 * {@code ::1}) on a port Compose publishes: Docker forwards published ports to the container's
 * network interface, not to its loopback, so nothing outside the container reaches the server.
 */
@RuleMeta(
    id = "BTH701",
    summary = "A server listens on the container's loopback interface on a published port",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class LoopbackListenerPublished implements ProjectRule {

  public static String message(String service, int port, String listeners) {
    return "service '" + service + "' publishes container port " + port + ", but " + listeners
        + " listens on the container's loopback interface only, which Docker's port forwarding "
        + "does not reach, so connections from outside the container fail; bind 0.0.0.0";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Listeners.Of lo : Listeners.of(project).all()) {
      if (lo.container().service().isEmpty()) continue;
      Service s = lo.container().service().get();
      for (PortMapping m : s.ports()) {
        OptionalInt port = Ports.published(s, m);
        if (port.isEmpty()) continue;
        List<Listener> on = lo.on(port.getAsInt());
        if (on.isEmpty() || !on.stream().allMatch(l -> l.bind() instanceof Bind.Tcp t && t.loopback())) {
          continue;
        }
        if (!reported.add(m.range())) continue;
        RuleContext.Report r = ctx.report(m.range(), message(s.serviceName(), port.getAsInt(),
            Ports.describe(on)));
        Ports.relate(r, on);
      }
    }
  }
}
