package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.ExtendsRef;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

@RuleMeta(id = "BTH102", summary = "A service refers to a service that is not in the project",
    severity = Severity.ERROR, category = Category.BUG)
public final class UnknownServiceReference implements ProjectRule {

  public static String message(String attribute, String from, String target, String project) {
    return attribute + " of service '" + from + "' names service '" + target
        + "', which is not defined in project '" + project + "'";
  }

  public static String disabledMessage(String attribute, String from, String target,
      Set<String> profiles) {
    return attribute + " of service '" + from + "' names service '" + target
        + "', which is disabled unless profile " + quoted(profiles)
        + " is active, while '" + from + "' can run without it";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Service s : p.services().values()) {
        for (Service.ServiceRef ref : s.serviceReferences()) {
          check(p, s, ref.attribute(), ref.target(), ctx, seen);
        }
        Optional<ExtendsRef> ext = s.extendsRef();
        if (ext.isPresent() && !ext.get().resolved()) {
          Located<String> target = ext.get().service();
          if (seen.add(target.range() + target.value())) {
            // Without file:, extends only sees the declaring file (and what it includes).
            String where = "file '" + ext.get().file().map(Located::value)
                .orElse(target.range().file()) + "'";
            ctx.report(target.range(), "extends of service '" + s.serviceName()
                + "' names service '" + target.value() + "', which is not defined in " + where);
          }
        }
      }
    }
  }

  private static void check(ComposeProject p, Service from, String attribute,
      Located<String> target, RuleContext ctx, Set<String> seen) {
    Optional<Service> to = p.service(target.value());
    if (to.isEmpty()) {
      // A fragment's missing services are its unknown base's; a platform app's are those the
      // platform's base adds (Umbrel's app_proxy) or missing.
      boolean baseMayDefine = p.basis() == ComposeProject.Basis.PLATFORM
          ? p.addedServices().contains(target.value()) : p.isFragment();
      if (!baseMayDefine && seen.add(target.range() + target.value())) {
        ctx.report(target.range(), message(attribute, from.serviceName(), target.value(), p.name()));
      }
      return;
    }
    Set<String> toProfiles = profiles(to.get());
    if (toProfiles.isEmpty()) return;
    Set<String> fromProfiles = profiles(from);
    // Some profile combination enables `from` but not `to` exactly when `from` is always on or
    // has a profile that `to` lacks.
    boolean broken = fromProfiles.isEmpty() || !toProfiles.containsAll(fromProfiles);
    if (broken && seen.add(target.range() + target.value())) {
      ctx.report(target.range(), disabledMessage(attribute, from.serviceName(), target.value(),
          toProfiles)).related(to.get().profiles().get(0).range(),
          "'" + target.value() + "' is only enabled with these profiles");
    }
  }

  private static Set<String> profiles(Service s) {
    Set<String> out = new TreeSet<>();
    for (Located<String> p : s.profiles()) out.add(p.value());
    return out;
  }

  private static String quoted(Set<String> profiles) {
    return "'" + String.join("' or '", profiles) + "'";
  }
}
