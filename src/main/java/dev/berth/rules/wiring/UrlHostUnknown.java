package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.EnvTemplates;
import dev.berth.compose.InstallComments;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.wiring.ServiceUrl;
import dev.berth.wiring.ServiceUrls;
import dev.berth.wiring.UrlVariables;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A URL or host variable in a service's environment whose host is a single name (no dots) that
 * nothing on the service's network answers for: no service of the project (whatever its
 * profiles), no {@code container_name}, {@code hostname}, network alias or link alias, no
 * {@code extra_hosts} entry of the service, and no container of any other Compose file of the
 * repository (a layered or alternative set may define it). Silent where the service resolves
 * names beyond the project (host or container network mode, an external or named network,
 * {@code dns}/{@code dns_search}), for schemes whose authority is no network host
 * ({@code file://}, {@code s3://}), words that mean "unset" ({@code None}), in a fragment whose base files are unknown, for dotted names
 * (real DNS), addresses, and values berth cannot read. A warning for a database, cache or broker
 * address (a client scheme of url-variables.yaml, or its default port); any other address is a
 * note that says berth does not know whether the program reads it.
 */
@RuleMeta(
    id = "BTH720",
    summary = "A URL in a service's environment names a host nothing in the project provides",
    severity = Severity.WARNING,
    category = Category.BUG)
public final class UrlHostUnknown implements ProjectRule {

  public static String message(String variable, String service, String host, String project,
      Set<String> services) {
    return variable + " of service '" + service + "' names host '" + host + "', but no service, "
        + "alias, container_name, hostname or extra_hosts entry of project '" + project
        + "' is called that, so the name does not resolve inside the container (its services: "
        + String.join(", ", services) + ")";
  }

  /** The host as the value writes it, its case kept (ServiceUrl lower-cases it). */
  private static String writtenHost(ServiceUrl u) {
    int i = u.value().toLowerCase(java.util.Locale.ROOT).indexOf(u.host());
    return i < 0 ? u.host() : u.value().substring(i, i + u.host().length());
  }

  /** The repository of the image a service runs as is (not one it builds). */
  private static Optional<String> repository(Service s) {
    if (s.build().isPresent()) return Optional.empty();
    return s.image().flatMap(i -> dev.berth.dockerfile.ImageRef.parse(i.value()))
        .map(r -> r.registry().equals(dev.berth.dockerfile.ImageRef.DOCKER_HUB) ? r.path()
            : r.registry() + "/" + r.path());
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    ServiceUrls urls = ServiceUrls.of(project);
    UrlVariables catalog = UrlVariables.standard();
    Set<String> reported = new HashSet<>();
    for (ServiceUrls.Of of : urls.all()) {
      ComposeProject p = of.project();
      Service s = of.service();
      if (p.isFragment() || of.urls().isEmpty()
          || ServiceUrls.sharesNetworkBeyondProject(p, s)) {
        continue;
      }
      Set<String> names = ServiceUrls.names(p);
      Set<String> extra = ServiceUrls.extraHosts(s);
      for (ServiceUrl u : of.urls()) {
        if (!u.singleLabel() || u.loopback() || !catalog.target(u.variable(), repository(s))
            || catalog.emptyWord(u.host()) || catalog.templateToken(u.host())
            || catalog.placeholder(u.variable(), writtenHost(u))
            || u.scheme().filter(sc -> !catalog.networkScheme(sc)).isPresent()) {
          continue;
        }
        String host = u.host();
        if (names.contains(host) || extra.contains(host) || urls.namedInRepository(host)) continue;
        if (!reported.add(u.at() + "\n" + host)) continue;
        String text = message(u.variable(), s.serviceName(), host, p.name(),
            new TreeSet<>(p.services().keySet()));
        // A database, cache or broker address (its scheme, or its port: BROKER_HOST beside
        // BROKER_PORT=5672) is one the program connects to, mostly at start. Any other address
        // may belong to an optional integration nobody enabled (lemmy's pict-rs tracing URL,
        // lago's licensed data API): whether the program reads it is not known.
        boolean connection = u.scheme().map(catalog::clientScheme).orElse(false)
            || u.port().isPresent() && catalog.clientDefaultPort(u.port().getAsInt());
        Optional<dev.berth.source.Range> install = InstallComments.above(project, u.at());
        if (install.isPresent()) {
          // The comment above says the value serves a package not installed yet (symfony-docker's
          // DATABASE_URL, read once `composer require symfony/orm-pack` adds Doctrine, whose
          // recipe also adds the `database` service).
          ctx.report(u.at(), text + "; the comment at line " + install.get().startLine()
                  + " says it is for a package installed later, whose setup may add that service")
              .severity(Severity.NOTE).related(install.get(), "the install step the value waits for");
        } else if (EnvTemplates.isExample(u.at().file())) {
          // an example the user copies and edits (pterodactyl's docker-compose.example.yml
          // points MAIL_HOST at a mail server the user brings): a note, saying so
          ctx.report(u.at(), text + "; this is an example file, so the host may be a placeholder"
              + " to replace").severity(Severity.NOTE);
        } else if (!connection) {
          ctx.report(u.at(), text + "; berth does not know whether the program reads "
              + u.variable() + ", or when (an optional integration's address often points at a"
              + " service the project does not run): where it connects, it fails")
              .severity(Severity.NOTE);
        } else {
          ctx.report(u.at(), text);
        }
      }
    }
  }
}
