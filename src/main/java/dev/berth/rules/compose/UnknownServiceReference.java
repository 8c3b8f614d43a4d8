package dev.berth.rules.compose;

import dev.berth.compose.ComposeInvocation;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** Profile names that mean "never start it", the idiom for disabling a service in a layer. */
  private static final Set<String> SWITCHED_OFF = Set.of("none", "disabled", "never",
      "donotstart", "do-not-start", "dont-start", "off");

  /** A reference to a service that only other profiles enable. */
  private record Disabled(String attribute, Located<String> target, Service to,
      Set<String> profiles) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Service s : p.services().values()) {
        List<Disabled> disabled = new ArrayList<>();
        for (Service.ServiceRef ref : s.serviceReferences()) {
          check(p, s, ref.attribute(), ref.target(), ctx, seen, disabled);
        }
        reportDisabled(s, disabled, ctx);
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
      Located<String> target, RuleContext ctx, Set<String> seen, List<Disabled> disabled) {
    // `- "${DIASPORA_DOCKER_DB}"`, blank with the variable unset (diaspora's develop compose file,
    // whose wrapper script exports it): which service it names is unknown here; the unset
    // variable is BTH107's to report
    if (target.value().isBlank()) return;
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
    // A service put only in a profile named to switch it off (getodk's dev overlay gives
    // `service` and `nginx` `profiles: [none]`, and its Makefile activates only `central`) is
    // disabled by design: what it needs does not matter.
    if (!fromProfiles.isEmpty() && SWITCHED_OFF.containsAll(fromProfiles)) return;
    // Some profile combination enables `from` but not `to` exactly when `from` is always on or
    // has a profile that `to` lacks.
    boolean broken = fromProfiles.isEmpty() || !toProfiles.containsAll(fromProfiles);
    if (broken && enabledByEveryStart(p, toProfiles)) return;
    if (broken && seen.add(target.range() + target.value())) {
      disabled.add(new Disabled(attribute, target, to.get(), toProfiles));
    }
  }

  /**
   * One finding per referring service and attribute: the services it names that other profiles
   * enable are one cause, fixed in one place (onyx's lite overlay moves opensearch and cache to
   * their own profiles while background needs both); the others are related locations.
   */
  private static void reportDisabled(Service from, List<Disabled> disabled, RuleContext ctx) {
    Map<String, List<Disabled>> byAttribute = new LinkedHashMap<>();
    for (Disabled d : disabled) {
      byAttribute.computeIfAbsent(d.attribute(), k -> new ArrayList<>()).add(d);
    }
    for (List<Disabled> group : byAttribute.values()) {
      Disabled first = group.get(0);
      String message = group.size() == 1
          ? disabledMessage(first.attribute(), from.serviceName(), first.target().value(),
              first.profiles())
          : disabledMessage(first.attribute(), from.serviceName(), group);
      RuleContext.Report r = ctx.report(first.target().range(), message);
      for (Disabled d : group) {
        r.related(d.to().profiles().get(0).range(),
            "'" + d.target().value() + "' is only enabled with these profiles");
        if (d != first) r.related(d.target().range(), "also names '" + d.target().value() + "'");
      }
    }
  }

  public static String disabledMessage(String attribute, String from, List<Disabled> group) {
    List<String> named = new ArrayList<>();
    for (Disabled d : group) {
      named.add("'" + d.target().value() + "' (profile " + quoted(d.profiles()) + ")");
    }
    return attribute + " of service '" + from + "' names services " + String.join(", ", named)
        + ", which are disabled unless those profiles are active, while '" + from
        + "' can run without them";
  }

  /** Compose commands that start containers (docs.docker.com reference/cli/docker/compose). */
  private static final Set<String> STARTS = Set.of("up", "run", "create", "start", "restart",
      "watch", "scale");

  /**
   * The repository starts the project (not a directory's default files, which anyone starts by
   * hand) only through commands that enable one of the target's profiles
   * ({@code --profile provider-proxy} or {@code COMPOSE_PROFILES} in every CI step that brings up
   * tensorzero's live-test stack): the profile is part of how it runs.
   */
  private static boolean enabledByEveryStart(ComposeProject p, Set<String> toProfiles) {
    // default files are what anyone starts by hand with a plain `docker compose up`
    if (p.basis() == ComposeProject.Basis.DISCOVERED) return false;
    List<ComposeInvocation> starts = p.invocations().stream()
        .filter(i -> i.subcommand().map(STARTS::contains).orElse(true)).toList();
    return !starts.isEmpty() && starts.stream().allMatch(i -> i.profiles().contains("*")
        || i.profiles().stream().anyMatch(toProfiles::contains));
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
