package dev.berth.rules.security;

import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Map;
import java.util.Optional;

/**
 * {@code network_mode: host}, {@code pid: host}, {@code ipc: host}, {@code uts: host} or {@code
 * userns_mode: host}: the container shares that namespace with the host. VPN servers and
 * monitoring agents need it, so: a note naming what is shared.
 */
@RuleMeta(
    id = "BTH604",
    summary = "A service shares the host's network, process, IPC, UTS or user namespace",
    severity = Severity.NOTE,
    category = Category.SECURITY,
    securitySeverity = "6.0")
public final class HostNamespace implements ProjectRule {
  private static final Map<String, String> SHARED = Map.of(
      "network_mode", "the host's network: it can reach every port bound to localhost and its "
          + "own ports are published on every host interface, whatever 'ports:' says",
      "pid", "the host's processes: it can see them, and signal or trace them with the right "
          + "capabilities",
      "ipc", "the host's shared memory and semaphores",
      "uts", "the host's hostname, which it can change with SYS_ADMIN",
      "userns_mode", "the host's user namespace, so user namespace remapping does not apply");

  @Override
  public void check(Project project, RuleContext ctx) {
    for (Service s : ComposeSettings.services(project)) {
      for (var e : SHARED.entrySet()) {
        Optional<YamlScalar> v = ComposeSettings.scalar(s, e.getKey());
        if (v.isPresent() && v.get().value().equals("host")) {
          ctx.report(v.get().range(), message(s.serviceName(), e.getKey(), e.getValue()));
        }
      }
    }
  }

  public static String message(String service, String key, String shares) {
    return "service '" + service + "' sets " + key + ": host, so it shares " + shares
        + "; expected for VPN and monitoring agents, otherwise remove it";
  }
}
