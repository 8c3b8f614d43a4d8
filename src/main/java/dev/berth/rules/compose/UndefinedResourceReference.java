package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.FileReference;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Resource;
import dev.berth.compose.Service;
import dev.berth.compose.ServiceNetwork;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@RuleMeta(id = "BTH105",
    summary = "A service uses a named volume, network, secret or config that is not declared",
    severity = Severity.ERROR, category = Category.BUG)
public final class UndefinedResourceReference implements ProjectRule {

  public static String message(String service, String kind, String name) {
    return "service '" + service + "' uses " + kind + " '" + name + "', which is not declared "
        + "under top-level '" + kind + "s'; docker compose refuses the project";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      // A fragment's undeclared names are its unknown base's to declare.
      if (p.isFragment()) continue;
      for (Service s : p.services().values()) {
        for (Mount m : s.volumes()) {
          if (m.type() == Mount.Type.VOLUME && m.source().isPresent()) {
            check(p, s, "volume", m.source().get(), p.volumes(), ctx, seen);
          }
        }
        boolean hostMode = s.networkMode().isPresent();
        for (ServiceNetwork n : s.networks()) {
          if (!n.name().value().equals("default") && !hostMode) {
            check(p, s, "network", n.name(), p.networks(), ctx, seen);
          }
        }
        for (FileReference f : s.secrets()) {
          check(p, s, "secret", f.source(), p.secrets(), ctx, seen);
        }
        for (FileReference f : s.configs()) {
          check(p, s, "config", f.source(), p.configs(), ctx, seen);
        }
      }
    }
  }

  private static void check(ComposeProject p, Service s, String kind, Located<String> name,
      Map<String, Resource> declared, RuleContext ctx, Set<String> seen) {
    if (declared.containsKey(name.value())) return;
    // A name made with a blank variable is not the name Compose will see (BTH107's finding).
    if (p.blanked(name.range())) return;
    if (seen.add(name.range() + kind + name.value())) {
      ctx.report(name.range(), message(s.serviceName(), kind, name.value()));
    }
  }
}
