package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import dev.berth.wiring.ImageServices;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import dev.berth.wiring.ProxyRoute;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An nginx route ({@code proxy_pass}, {@code fastcgi_pass}, {@code uwsgi_pass},
 * {@code grpc_pass}, directly or through an {@code upstream}) or a Caddy one
 * ({@code reverse_proxy}, {@code php_fastcgi}) to a port nothing listens on: in
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
        + " listens on " + port + ": " + found + ", so " + proxy(directive)
        + " answers 502 Bad Gateway";
  }

  static final String SIDECAR = "; no compose service runs this image, so berth assumes no other"
      + " container shares its network namespace (a pod or --network container:NAME would put a"
      + " sidecar's port on its localhost)";

  /** The proxy whose directive it is. */
  private static String proxy(String directive) {
    return directive.startsWith("reverse_proxy") || directive.startsWith("php_fastcgi") ? "Caddy"
        : "nginx";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Listeners all = Listeners.of(project);
    List<Listeners.Of> containers = all.all();
    Ports.Services services = Ports.Services.of(containers);
    Set<String> reported = new HashSet<>();
    for (Listeners.Of lo : containers) {
      for (ProxyRoute r : lo.routes()) {
        Optional<Listeners.Of> target = r.local() ? Optional.of(lo)
            : Ports.service(lo.container(), r.host(), services);
        judge(r, lo, target, reported, ctx);
      }
    }
    // A service that runs a proxy image as is (caddy with a mounted Caddyfile): its routes to
    // other services of its project.
    for (ComposeProject cp : project.composeProjects()) {
      if (!cp.servicesAsWritten()) continue;
      for (Service s : cp.services().values()) {
        Optional<ImageServices.Known> image = ImageServices.known(project, s);
        if (image.isEmpty()) continue;
        for (ProxyRoute r : image.get().routes()) {
          if (r.local()) continue;
          judge(r, null, Ports.service(cp, r.host(), services), reported, ctx);
        }
      }
    }
  }

  /** One route against its target container ({@code own}: the proxy's, when it is one). */
  private static void judge(ProxyRoute r, Listeners.Of own, Optional<Listeners.Of> target,
      Set<String> reported, RuleContext ctx) {
    if (target.isEmpty() || !target.get().complete() || !target.get().on(r.port()).isEmpty()) {
      return;
    }
    if (!reported.add(r.at() + " " + r.directive() + " " + r.port())) return;
    String where = r.local() ? "this container"
        : "service '" + r.host() + "'";
    List<Listener> others = target.get().listeners().stream()
        .filter(l -> !l.how().startsWith("nginx") && !l.how().startsWith("caddy")
            || target.get() != own).toList();
    // A proxy image that serves nothing besides the proxy, which no compose service runs: its
    // localhost upstream may be a sidecar in the same network namespace (a Kubernetes or Uffizzi
    // pod, docker run --network container:NAME), which berth cannot see (crater's Uffizzi nginx
    // image passes PHP to localhost:9000, the app container of the same pod).
    boolean sidecar = r.local() && own != null && own.container().service().isEmpty()
        && others.isEmpty();
    RuleContext.Report rep = ctx.report(r.at(), message(r.directive(), where, r.port(),
        Ports.describe(others)) + (sidecar ? SIDECAR : ""));
    if (sidecar) rep.severity(Severity.NOTE);
    r.via().ifPresent(v -> rep.related(v, "the upstream server line names port " + r.port()));
    Ports.relate(rep, others);
    java.util.TreeSet<Integer> ports = new java.util.TreeSet<>();
    for (Listener l : others) l.bind().tcpPort().ifPresent(ports::add);
    if (ports.size() == 1 && r.portAt().isPresent()) {
      rep.fix("Send requests to port " + ports.first(),
          new TextEdit(r.portAt().get(), String.valueOf(ports.first())));
    }
  }
}
