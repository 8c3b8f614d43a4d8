package dev.berth.rules.security;

import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cap_add} of a capability that lets a process escape the container or control the
 * host's network or kernel (capabilities(7)). Firewall, VPN and monitoring containers add them
 * on purpose, so: a note naming what the capability allows.
 */
@RuleMeta(
    id = "BTH603",
    summary = "A service adds a capability that reaches beyond the container (ALL, SYS_ADMIN, ...)",
    severity = Severity.NOTE,
    category = Category.SECURITY,
    securitySeverity = "7.0")
public final class AddedCapability implements ProjectRule {
  /** What each capability allows, from capabilities(7). */
  private static final Map<String, String> RISKY = Map.of(
      "ALL", "use every capability, which is nearly privileged",
      "SYS_ADMIN", "mount filesystems, enter namespaces and do much of the kernel's "
          + "administration, the usual way out of a container",
      "SYS_MODULE", "load kernel modules, that is run code in the host's kernel",
      "SYS_PTRACE", "trace and inject code into other processes",
      "SYS_RAWIO", "raw access to I/O ports and devices",
      "DAC_READ_SEARCH", "open any file by a handle it can guess, the basis of known container "
          + "escapes",
      "NET_ADMIN", "reconfigure interfaces, routes and firewall rules",
      "BPF", "load BPF programs into the kernel");

  @Override
  public void check(Project project, RuleContext ctx) {
    for (Service s : ComposeSettings.services(project)) {
      for (YamlScalar cap : ComposeSettings.list(s.definition(), "cap_add")) {
        String name = cap.value().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
        if (RISKY.containsKey(name)) {
          ctx.report(cap.range(), message(s.serviceName(), name, RISKY.get(name)));
        }
      }
    }
  }

  public static String message(String service, String capability, String allows) {
    return "service '" + service + "' adds " + capability + ", which lets it " + allows
        + "; make sure the service needs it";
  }
}
