package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.Set;

@RuleMeta(id = "BTH109", summary = "container_name is set on a service with several replicas",
    severity = Severity.ERROR, category = Category.BUG)
public final class ContainerNameWithReplicas implements ProjectRule {

  public static String message(String service, String containerName, int replicas) {
    return "service '" + service + "' asks for " + replicas + " replicas but sets container_name '"
        + containerName + "'; container names are unique, so Compose cannot create them";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Service s : p.services().values()) {
        if (s.containerName().isEmpty() || s.replicas().isEmpty()) continue;
        Located<Integer> replicas = s.replicas().get();
        if (replicas.value() <= 1) continue;
        Located<String> name = s.containerName().get();
        if (seen.add(name.range().toString())) {
          ctx.report(name.range(), message(s.serviceName(), name.value(), replicas.value()))
              .related(replicas.range(), replicas.value() + " replicas requested here");
        }
      }
    }
  }
}
