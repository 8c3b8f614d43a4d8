package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.source.Range;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import dev.berth.wiring.ProxyRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An nginx route ({@code proxy_pass}, {@code fastcgi_pass}, {@code uwsgi_pass},
 * {@code grpc_pass}, directly or through an {@code upstream}) to a port nothing listens on: in
 * its own container ({@code 127.0.0.1:8001} while supervisord starts uvicorn on 8015), or in the
 * Compose service the host names, judged only when berth knows every listener of the target
 * container. Requests to that route fail with 502 Bad Gateway.
 */
@RuleMeta(
    id = "BTH702",
    summary = "A proxy route to a port on which nothing in the target container listens",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class ProxyTargetWithoutListener implements ProjectRule {

  public static String message(String directive, String where, int port, String listeners) {
    String found = listeners.isEmpty() ? "it serves no TCP port" : listeners;
    return directive + " sends requests to port " + port + ", but nothing in " + where
        + " listens on " + port + ": " + found + ", so nginx answers 502 Bad Gateway";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Listeners all = Listeners.of(project);
    List<Listeners.Of> containers = all.all();
    // the containers of each Compose project by service name, gathered once: asking every
    // container for every route was quadratic in a large tree
    Map<ComposeProject, Map<String, List<Listeners.Of>>> byService = new IdentityHashMap<>();
    for (Listeners.Of lo : containers) {
      Container c = lo.container();
      if (c.compose().isPresent() && c.service().isPresent()) {
        byService.computeIfAbsent(c.compose().get(), k -> new HashMap<>())
            .computeIfAbsent(c.service().get().serviceName(), k -> new ArrayList<>()).add(lo);
      }
    }
    Set<String> reported = new HashSet<>();
    for (Listeners.Of lo : containers) {
      for (ProxyRoute r : lo.routes()) {
        Optional<Listeners.Of> target = r.local() ? Optional.of(lo) : service(lo.container(), r.host(), byService);
        if (target.isEmpty() || !target.get().complete() || !target.get().on(r.port()).isEmpty()) {
          continue;
        }
        if (!reported.add(r.at() + " " + r.directive() + " " + r.port())) continue;
        String where = r.local() ? "this container"
            : "service '" + r.host() + "'";
        List<Listener> others = target.get().listeners().stream()
            .filter(l -> !l.how().startsWith("nginx") || target.get() != lo).toList();
        RuleContext.Report rep = ctx.report(r.at(), message(r.directive(), where, r.port(),
            Ports.describe(others)));
        r.via().ifPresent(v -> rep.related(v, "the upstream server line names port " + r.port()));
        Ports.relate(rep, others);
      }
    }
  }

  /** The container of the Compose service named {@code host} in the proxy's own project. */
  private static Optional<Listeners.Of> service(Container proxy, String host,
      Map<ComposeProject, Map<String, List<Listeners.Of>>> byService) {
    if (proxy.compose().isEmpty()) return Optional.empty();
    ComposeProject cp = proxy.compose().get();
    if (!cp.services().containsKey(host)) return Optional.empty();
    List<Listeners.Of> found = byService.getOrDefault(cp, Map.of()).getOrDefault(host, List.of());
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
