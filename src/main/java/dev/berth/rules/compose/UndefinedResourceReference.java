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

  /** {@code <PATH_TO_CONFIG>}, {@code <your-volume>}: a placeholder in angle brackets. */
  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("<[A-Za-z][A-Za-z0-9 _.-]*>");

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
            check(project, p, s, "volume", m.source().get(), p.volumes(), ctx, seen);
          }
        }
        boolean hostMode = s.networkMode().isPresent();
        for (ServiceNetwork n : s.networks()) {
          if (!n.name().value().equals("default") && !hostMode) {
            check(project, p, s, "network", n.name(), p.networks(), ctx, seen);
          }
        }
        for (FileReference f : s.secrets()) {
          check(project, p, s, "secret", f.source(), p.secrets(), ctx, seen);
        }
        for (FileReference f : s.configs()) {
          check(project, p, s, "config", f.source(), p.configs(), ctx, seen);
        }
      }
    }
  }

  private static void check(Project project, ComposeProject p, Service s, String kind, Located<String> name,
      Map<String, Resource> declared, RuleContext ctx, Set<String> seen) {
    if (declared.containsKey(name.value())) return;
    // A name made with a blank variable is not the name Compose will see (BTH107's finding).
    if (p.blanked(name.range())) return;
    if (!seen.add(name.range() + kind + name.value())) return;
    // Coolify declares every named volume a service uses in the files it deploys: an error only
    // where docker compose runs the file itself, so a note that says which platform it assumes.
    java.util.Optional<dev.berth.evidence.Coolify.Deploys> coolify = kind.equals("volume")
        ? dev.berth.evidence.Coolify.deploys(project, name.range().file())
        : java.util.Optional.empty();
    if (coolify.isPresent()) {
      ctx.report(name.range(), message(s.serviceName(), kind, name.value())
              + ", but the repository deploys with Coolify (" + coolify.get().why() + "), whose"
              + " parser declares every named volume a service uses: this matters only where"
              + " docker compose runs the file itself")
          .severity(Severity.NOTE)
          .related(coolify.get().at(), "this shows Coolify deploys it");
      return;
    }
    // unmanic's docker-compose-cifs.yml: `<PATH_TO_CONFIG>:/config`, the documentation's
    // angle-bracket blank for a value the user fills in (its PUID=<PUID> beside it): a template,
    // not a file docker compose runs as it is. Also part of a name (qbittorrent-nox's .env:
    // QBT_CONFIG_PATH=<your_path>/config, which its README has the user edit): no volume name
    // can hold `<`.
    if (PLACEHOLDER.matcher(name.value()).find()) {
      ctx.report(name.range(), message(s.serviceName(), kind, name.value())
          + ", but '" + name.value() + "' holds a blank in angle brackets for the user to fill in"
          + " (a template): this matters only if the file is run without replacing it")
          .severity(Severity.NOTE);
      return;
    }
    // A compose file in a test data directory that nothing runs (nifi's
    // src/test/resources/docker-compose-standalone.yml, whose volume REPLACED_WITH_CONFIG_FILE
    // its test substitutes): data a test reads, maybe, so a note that says so.
    java.util.Optional<String> testData = dev.berth.compose.ComposeTestData.directory(p);
    // A service borrowed with extends from a file outside the project (risingwave's
    // integration_tests/debezium-mongo extends docker/docker-compose.yml's services, whose
    // volumes that file declares and this project does not): the declaration is missing here,
    // where the extends is; the use in the other file is related.
    java.util.Optional<dev.berth.compose.Located<String>> borrowed =
        p.files().contains(name.range().file()) ? java.util.Optional.empty()
            : s.extendsRef().flatMap(dev.berth.compose.ExtendsRef::file)
                .filter(f -> p.files().contains(f.range().file()));
    dev.berth.source.Range at = borrowed.map(dev.berth.compose.Located::range)
        .orElse(name.range());
    if (borrowed.isPresent() && !seen.add(at + kind + name.value())) return;
    RuleContext.Report r = ctx.report(at, message(s.serviceName(), kind, name.value())
        + borrowed.map(f -> " (the service extends it from `" + f.value() + "`, whose own"
            + " top-level declarations extends does not bring)").orElse("")
        + testData.map(dev.berth.compose.ComposeTestData::assumption).orElse(""));
    borrowed.ifPresent(f -> r.related(name.range(), "the " + kind + " is used here"));
    testData.ifPresent(x -> r.severity(Severity.NOTE));
  }
}
