package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.FileReference;
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
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A definition is unused only if no project that contains it uses it: a base file shared by two
 * groups (an override per environment) may define what only one of them needs.
 */
@RuleMeta(id = "BTH106",
    summary = "A top-level volume, network, secret or config is never used",
    severity = Severity.NOTE, category = Category.STYLE)
public final class UnusedTopLevelDefinition implements ProjectRule {

  public static String message(String kind, String name) {
    return kind + " '" + name + "' is declared but no service uses it";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Map<Range, String> candidates = new HashMap<>();
    Set<Range> used = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      // What a fragment declares may be for its unknown base's services; what it uses counts
      // (a fragment loaded on a base above it uses the base's networks).
      boolean fragment = p.isFragment();
      // A layer berth put on a base by the evidence of its paths and names (ATTACHED): other
      // layers the repository adds (pimcore's docs give three -f files) may use what it declares.
      java.util.Optional<String> guessedLayer = p.basis() == ComposeProject.Basis.ATTACHED
          && p.files().size() > 1 ? java.util.Optional.of(p.files().get(p.files().size() - 1))
          : java.util.Optional.empty();
      Set<String> volumes = new HashSet<>();
      Set<String> networks = new HashSet<>();
      Set<String> secrets = new HashSet<>();
      Set<String> configs = new HashSet<>();
      boolean defaultNetworkUsed = false;
      for (Service s : p.services().values()) {
        for (Mount m : s.volumes()) m.source().ifPresent(src -> volumes.add(src.value()));
        for (ServiceNetwork n : s.networks()) networks.add(n.name().value());
        defaultNetworkUsed |= s.networks().isEmpty() && s.networkMode().isEmpty();
        for (FileReference f : s.secrets()) secrets.add(f.source().value());
        s.build().ifPresent(b -> b.secrets().forEach(f -> secrets.add(f.source().value())));
        for (FileReference f : s.configs()) configs.add(f.source().value());
      }
      if (defaultNetworkUsed) networks.add("default");
      collect(p.volumes(), "volume", volumes, fragment, guessedLayer, candidates, used);
      collect(p.networks(), "network", networks, fragment, guessedLayer, candidates, used);
      collect(p.secrets(), "secret", secrets, fragment, guessedLayer, candidates, used);
      collect(p.configs(), "config", configs, fragment, guessedLayer, candidates, used);
    }
    candidates.entrySet().stream()
        .filter(e -> !used.contains(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> ctx.report(e.getKey(), e.getValue()));
  }

  private static void collect(Map<String, Resource> declared, String kind, Set<String> usedNames,
      boolean fragment, java.util.Optional<String> guessedLayer, Map<Range, String> candidates,
      Set<Range> used) {
    for (Resource r : declared.values()) {
      Range at = r.name().range();
      if (usedNames.contains(r.name().value())) {
        used.add(at);
      } else if (!fragment && !guessedLayer.filter(at.file()::equals).isPresent()) {
        candidates.putIfAbsent(at, message(kind, r.name().value()));
      }
    }
  }
}
