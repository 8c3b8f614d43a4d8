package dev.berth.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Resource;
import dev.berth.compose.Service;
import dev.berth.compose.ServiceNetwork;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project fact: the addresses in each Compose service's environment ({@code environment}
 * over {@code env_file}, as Compose merges and interpolates them), with the names each project's
 * network resolves. A {@code *_HOST} variable counts with the {@code *_PORT} beside it. A value
 * that holds a variable berth blanked (nothing it reads sets it) is
 * unknown and left out; so is a value with a {@code $} in its host.
 */
public final class ServiceUrls {

  /** The addresses of one service of one project. */
  public record Of(ComposeProject project, Service service, List<ServiceUrl> urls) {
    public Of {
      urls = List.copyOf(urls);
    }
  }

  private final List<Of> all;
  private final Set<String> repositoryNames;

  private ServiceUrls(Project project) {
    List<Of> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      names.addAll(names(p));
      for (Service s : p.services().values()) out.add(new Of(p, s, urls(p, s)));
    }
    this.all = List.copyOf(out);
    this.repositoryNames = Set.copyOf(names);
  }

  public static ServiceUrls of(Project project) {
    return project.fact(ServiceUrls.class, ServiceUrls::new);
  }

  public List<Of> all() {
    return all;
  }

  /**
   * The containers berth foresees for service {@code s} of project {@code p} (one per image it
   * builds; none for a service that only pulls an image).
   */
  public static List<Container> containers(Project project, ComposeProject p, Service s) {
    return Containers.of(project).ofService(p.files(), s.serviceName());
  }

  /** Every name any Compose project of the repository gives a container (see {@link #names}). */
  public boolean namedInRepository(String host) {
    return repositoryNames.contains(host);
  }

  private static List<ServiceUrl> urls(ComposeProject p, Service s) {
    List<ServiceUrl> out = new ArrayList<>();
    Map<String, Located<Optional<String>>> env = s.environment();
    for (Map.Entry<String, Located<Optional<String>>> e : env.entrySet()) {
      Optional<String> v = e.getValue().value();
      if (v.isEmpty() || p.blanked(e.getValue().range())) continue;
      String name = e.getKey();
      Optional<ServiceUrl> url = ServiceUrl.parse(name, v.get().strip(), e.getValue().range());
      if (url.isEmpty() && hostVariable(name)) {
        // A host variable counts only beside its port: alone, REDIS_HOST may be read by
        // nothing (MARIADB_HOST in the mariadb image) or name the container itself.
        Located<Optional<String>> port = env.get(name.substring(0, name.length() - 5) + "_PORT");
        if (port != null && port.value().isPresent() && !p.blanked(port.range())) {
          url = ServiceUrl.host(name, v.get(), e.getValue().range(), port.value());
        }
      }
      url.ifPresent(out::add);
    }
    return out;
  }

  /**
   * {@code REDIS_HOST}: a variable that names a host on its own ({@code *_HOSTNAME} often names
   * the container itself: CLUSTER_HOSTNAME).
   */
  private static boolean hostVariable(String name) {
    return name.toUpperCase(Locale.ROOT).endsWith("_HOST") && name.length() > 5;
  }

  /**
   * The names Docker's network of project {@code p} answers for, in lower case: service names
   * (whatever their profiles), {@code container_name}, {@code hostname}, network aliases,
   * {@code links} and {@code external_links} aliases.
   */
  public static Set<String> names(ComposeProject p) {
    Set<String> out = new HashSet<>();
    for (Service s : p.services().values()) {
      out.add(lower(s.serviceName()));
      s.containerName().ifPresent(c -> out.add(lower(c.value())));
      if (s.containerName().isEmpty() && !p.name().isEmpty()) {
        // The container name Compose gives the first replica, which Docker's DNS resolves on the
        // project's networks: PROJECT-SERVICE-1 (Compose v2), PROJECT_SERVICE_1 (v1 and v2's
        // --compatibility; whether it resolves depends on which runs the file, so it is not
        // called unknown). docs.docker.com compose/releases/migrate: "container names use
        // hyphens instead of underscores".
        out.add(lower(p.name() + "-" + s.serviceName() + "-1"));
        out.add(lower(p.name() + "_" + s.serviceName() + "_1"));
      }
      scalar(s.definition(), "hostname").ifPresent(h -> out.add(lower(h)));
      for (ServiceNetwork n : s.networks()) {
        for (Located<String> a : n.aliases()) out.add(lower(a.value()));
      }
      for (Located<String> l : s.links()) {
        for (String part : l.value().split(":")) out.add(lower(part));
      }
      for (String l : strings(s.definition(), "external_links")) {
        for (String part : l.split(":")) out.add(lower(part));
      }
    }
    return out;
  }

  /** The host names {@code extra_hosts} of {@code s} writes into its /etc/hosts. */
  public static Set<String> extraHosts(Service s) {
    Set<String> out = new HashSet<>();
    Optional<YamlNode> n = s.definition().get("extra_hosts");
    if (n.isPresent() && n.get() instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) out.add(lower(e.name()));
    }
    for (String h : strings(s.definition(), "extra_hosts")) {
      int sep = h.indexOf(h.contains("=") ? '=' : ':');
      out.add(lower(sep < 0 ? h : h.substring(0, sep)));
    }
    return out;
  }

  /**
   * The service joins a network other containers than the project's share (an external one),
   * or uses the host's or another container's network stack: names it resolves are not all the
   * project's.
   */
  public static boolean sharesNetworkBeyondProject(ComposeProject p, Service s) {
    if (s.networkMode().isPresent() && !s.networkMode().get().value().equals("bridge")
        && !s.networkMode().get().value().startsWith("service:")) {
      return true;
    }
    List<String> joined = s.networks().isEmpty() ? List.of("default")
        : s.networks().stream().map(n -> n.name().value()).toList();
    for (String n : joined) {
      Resource r = p.networks().get(n);
      if (r != null && (r.external() || r.externalName().isPresent())) {
        return true;
      }
    }
    // Name resolution may be changed per container.
    return s.definition().get("dns_search").isPresent() || s.definition().get("dns").isPresent();
  }

  private static Optional<String> scalar(YamlMap m, String key) {
    return m.get(key).filter(YamlScalar.class::isInstance).map(n -> ((YamlScalar) n).value())
        .filter(v -> !v.isEmpty());
  }

  private static List<String> strings(YamlMap m, String key) {
    Optional<YamlNode> n = m.get(key);
    if (n.isEmpty() || !(n.get() instanceof YamlSeq seq)) return List.of();
    List<String> out = new ArrayList<>();
    for (YamlNode i : seq.items()) {
      if (i instanceof YamlScalar sc) out.add(sc.value());
    }
    return out;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
