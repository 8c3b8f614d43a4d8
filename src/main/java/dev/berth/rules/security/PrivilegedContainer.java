package dev.berth.rules.security;

import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;

/**
 * A compose service with {@code privileged: true}. Often the point of the service (Docker in
 * Docker, hardware or monitoring agents), so a note that names the risk rather than a warning.
 */
@RuleMeta(
    id = "BTH601",
    summary = "A service runs privileged: all capabilities and host devices",
    severity = Severity.NOTE,
    category = Category.SECURITY,
    securitySeverity = "8.0")
public final class PrivilegedContainer implements ProjectRule {
  @Override
  public void check(Project project, RuleContext ctx) {
    for (Service s : ComposeSettings.services(project)) {
      Optional<YamlScalar> p = ComposeSettings.scalar(s, "privileged");
      if (p.isPresent() && p.get().value().equalsIgnoreCase("true")) {
        ctx.report(p.get().range(), message(s.serviceName()));
      }
    }
  }

  public static String message(String service) {
    return "service '" + service + "' runs privileged: it has every capability and every host "
        + "device, so a process that takes over the container controls the host; expected for "
        + "Docker-in-Docker or hardware agents, otherwise grant only the capabilities it needs "
        + "with cap_add";
  }
}
