package dev.berth.rules.wiring;

import dev.berth.compose.Healthcheck;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A healthcheck whose curl or wget probes a URL on the container itself ({@code localhost},
 * {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}) at a port on which no process of the container
 * listens, judged only when berth knows every listener of every container the probe runs in: the
 * connection is refused, the probe fails every time and the container never becomes healthy, so
 * {@code depends_on: condition: service_healthy} waits for it forever. The message names the
 * listeners that do exist; when they serve one port, a fix writes it into the URL.
 */
@RuleMeta(
    id = "BTH712",
    summary = "A healthcheck probes a port on which nothing in the container listens",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class HealthcheckPortWithoutListener implements ProjectRule {

  public static String message(String who, String url, int port, String listeners) {
    String found = listeners.isEmpty() ? "none of its programs listens on a TCP port"
        : (listeners.contains(", ") ? "its listeners are " : "its only listener is ") + listeners;
    return who + " probes " + url + " in its healthcheck, but no process in the container listens"
        + " on port " + port + " (" + found + "), so the probe fails and the container never"
        + " becomes healthy";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    List<Listeners.Of> all = Listeners.of(project).all();
    for (HealthProbes.Probe probe : HealthProbes.all(project)) {
      Optional<List<String>> command = HealthProbes.command(probe.test());
      if (command.isEmpty()) continue;
      Optional<LocalUrl> url = LocalUrl.probed(command.get());
      if (url.isEmpty()) continue;
      List<Listeners.Of> runs = containers(probe, all);
      if (runs.isEmpty() || runs.stream().anyMatch(lo -> !lo.complete())) continue;
      int port = url.get().port();
      if (runs.stream().anyMatch(lo -> !lo.on(port).isEmpty())) continue;
      List<Listener> listeners = runs.stream().flatMap(lo -> lo.listeners().stream()).toList();
      RuleContext.Report r = ctx.report(probe.at(), message(probe.who(), url.get().text(), port,
          Ports.describe(listeners)));
      Ports.relate(r, listeners);
      TreeSet<Integer> ports = new TreeSet<>();
      for (Listener l : listeners) l.bind().tcpPort().ifPresent(ports::add);
      if (ports.size() == 1) {
        PortEdits.inUrl(project, probe.at(), url.get(), ports.first())
            .ifPresent(e -> r.fix("Probe port " + ports.first(), e));
      }
    }
  }

  /**
   * The containers a probe runs in: the compose service's own container; for a Dockerfile
   * HEALTHCHECK, every container of its final stage whose service does not set its own test.
   */
  private static List<Listeners.Of> containers(HealthProbes.Probe probe, List<Listeners.Of> all) {
    List<Listeners.Of> out = new ArrayList<>();
    for (Listeners.Of lo : all) {
      Optional<Service> s = lo.container().service();
      if (probe.service().isPresent()) {
        if (s.isPresent() && s.get() == probe.service().get()) out.add(lo);
        continue;
      }
      if (probe.dockerfile().isEmpty() || lo.container().dockerfile() != probe.dockerfile().get()
          || probe.stage().isEmpty() || !lo.container().stage().stage().equals(probe.stage().get())) {
        continue;
      }
      Optional<Healthcheck> own = s.flatMap(Service::healthcheck);
      if (own.isPresent() && (own.get().disabled() || own.get().test().isPresent())) continue;
      out.add(lo);
    }
    return out;
  }
}
