package dev.berth.wiring;

import static dev.berth.source.DataResources.strings;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What berth knows about addresses in environments, from {@code berth/wiring/url-variables.yaml}:
 * client schemes and their default ports, variables whose host is matched rather than
 * connected to, and the build tools that inline browser variables.
 */
public final class UrlVariables {

  /** A SQLAlchemy dialect: its URL schemes, default driver and asyncio drivers. */
  public record AsyncDialect(List<String> schemes, String dialect, String defaultDriver,
      List<String> async, String source) {}

  /** A prefix a frontend build inlines, the commands that build, the configs it reads. */
  public record BrowserPrefix(String prefix, String framework, List<String> builds,
      List<String> configs, String source) {}

  private static final UrlVariables STANDARD = load("/berth/wiring/url-variables.yaml");

  private final Map<String, Integer> clientPorts;
  private final Set<String> networkSchemes;
  private final Set<String> emptyWords;
  private final Set<String> notTargets;
  /** Image repository -> variables its program hands to the browser (swagger-ui URL). */
  private final Map<String, Set<String>> browserFetched;
  private final List<String> listenWords;
  private final List<BrowserPrefix> browser;
  private final Set<String> injectors;
  private final List<AsyncDialect> dialects;

  private UrlVariables(Map<String, Integer> clientPorts, Set<String> networkSchemes,
      Set<String> emptyWords, Set<String> notTargets, Map<String, Set<String>> browserFetched,
      List<String> listenWords, List<BrowserPrefix> browser, Set<String> injectors,
      List<AsyncDialect> dialects) {
    this.clientPorts = Map.copyOf(clientPorts);
    this.networkSchemes = Set.copyOf(networkSchemes);
    this.emptyWords = Set.copyOf(emptyWords);
    this.notTargets = Set.copyOf(notTargets);
    this.browserFetched = Map.copyOf(browserFetched);
    this.listenWords = List.copyOf(listenWords);
    this.browser = List.copyOf(browser);
    this.injectors = Set.copyOf(injectors);
    this.dialects = List.copyOf(dialects);
  }

  public static UrlVariables standard() {
    return STANDARD;
  }

  /** The default port of a client scheme; empty for a scheme berth does not list. */
  public OptionalInt clientPort(String scheme) {
    Integer p = clientPorts.get(scheme);
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }

  /** A database, cache or broker scheme: its client runs inside the container. */
  public boolean clientScheme(String scheme) {
    return clientPorts.containsKey(scheme);
  }

  /** The default port of a database, cache or broker scheme (5432, 6379, 5672, ...). */
  public boolean clientDefaultPort(int port) {
    return clientPorts.containsValue(port);
  }

  /** A scheme whose authority is a network host (http, a client scheme); not file or s3. */
  public boolean networkScheme(String scheme) {
    return clientPorts.containsKey(scheme) || networkSchemes.contains(scheme);
  }

  /** A word configurations use for "not set" (none, null, false): no host at all. */
  public boolean emptyWord(String value) {
    return emptyWords.contains(value.toLowerCase(Locale.ROOT));
  }

  /**
   * A template token standing where a setup step writes the real host: a name wrapped in
   * underscores ({@code _public_ip_}, {@code __HOST__}), which no host name is (RFC 1123 allows
   * letters, digits and hyphens) and no one names a service (photoprism's setup.sh replaces
   * {@code _public_ip_} in its cloud compose file with the server's address).
   */
  public boolean templateToken(String host) {
    return host.length() > 2 && host.startsWith("_") && host.endsWith("_");
  }

  /** Words a placeholder starts with: the user is to fill in the value. */
  private static final List<String> FILL_IN =
      List.of("YOUR_", "CHANGE_", "REPLACE_", "EXAMPLE_", "INSERT_", "ENTER_", "SET_");

  /**
   * A placeholder written where the user puts a host, not a service name: an upper-case
   * identifier that repeats its own variable's name (rocketadmin's test section
   * {@code POSTGRES_CONNECTION_HOST=TEST_POSTGRES_CONNECTION_HOST}) or starts with a word asking
   * to fill it in ({@code YOUR_DB_HOST}). {@code host} is the host as written (its case kept).
   */
  public boolean placeholder(String variable, String host) {
    if (!host.matches("[A-Z][A-Z0-9_]*_[A-Z0-9_]+")) return false;
    String v = variable.toUpperCase(Locale.ROOT);
    return host.contains(v) || FILL_IN.stream().anyMatch(host::startsWith);
  }

  /**
   * Whether {@code name}'s value is a host the container connects to: not one matched against
   * requests (VIRTUAL_HOST) nor an address to listen on (BIND_HOST).
   */
  public boolean target(String name) {
    return target(name, Optional.empty());
  }

  /**
   * {@link #target(String)} in a container of image {@code repository}: an image whose program
   * writes the variable into a page the browser loads ({@code URL} of swagger-ui) never connects
   * to it from the container.
   */
  public boolean target(String name, Optional<String> repository) {
    String n = name.toUpperCase(Locale.ROOT);
    if (notTargets.contains(n)) return false;
    if (repository.map(r -> browserFetched.getOrDefault(r, Set.of()).contains(n)).orElse(false)) {
      return false;
    }
    for (String w : listenWords) {
      if (n.contains(w)) return false;
    }
    return true;
  }

  /** The frontend build that inlines {@code name}, by its prefix. */
  public Optional<BrowserPrefix> browser(String name) {
    return browser.stream().filter(b -> name.startsWith(b.prefix())).findFirst();
  }

  public List<BrowserPrefix> browserPrefixes() {
    return browser;
  }

  /** A package that reads browser variables when the container starts. */
  public boolean injector(String dependency) {
    return injectors.contains(dependency);
  }

  /** The dialect a URL scheme without {@code +driver} names. */
  public Optional<AsyncDialect> dialect(String scheme) {
    return dialects.stream().filter(d -> d.schemes().contains(scheme)).findFirst();
  }

  public List<AsyncDialect> dialects() {
    return dialects;
  }

  @SuppressWarnings("unchecked")
  private static UrlVariables load(String resource) {
    // packed at build time like every bundled catalog (DataResources)
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(UrlVariables.class,
        resource);
    Map<String, Integer> ports = new HashMap<>();
    for (Object o : (List<Object>) doc.get("clientSchemes")) {
      Map<String, Object> m = (Map<String, Object>) o;
      ports.put(String.valueOf(m.get("scheme")), ((Number) m.get("port")).intValue());
    }
    Set<String> network = new HashSet<>();
    for (Object o : (List<Object>) doc.get("networkSchemes")) {
      network.add(String.valueOf(((Map<String, Object>) o).get("scheme")));
    }
    Set<String> empty = new HashSet<>(strings(doc.get("emptyWords")));
    Set<String> notTargets = new HashSet<>();
    for (Object o : (List<Object>) doc.get("notTargets")) {
      notTargets.add(String.valueOf(((Map<String, Object>) o).get("name")));
    }
    Map<String, Set<String>> fetched = new HashMap<>();
    for (Object o : (List<Object>) doc.get("browserFetched")) {
      Map<String, Object> m = (Map<String, Object>) o;
      fetched.computeIfAbsent(String.valueOf(m.get("image")), k -> new HashSet<>())
          .addAll(strings(m.get("variables")));
    }
    List<String> listen = ((List<Object>) doc.get("listenWords")).stream()
        .map(String::valueOf).toList();
    List<BrowserPrefix> browser = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("browserPrefixes")) {
      Map<String, Object> m = (Map<String, Object>) o;
      browser.add(new BrowserPrefix(String.valueOf(m.get("prefix")),
          String.valueOf(m.get("framework")), strings(m.get("builds")),
          strings(m.get("configs")), String.valueOf(m.get("source")).trim()));
    }
    Set<String> injectors = new HashSet<>();
    for (Object o : (List<Object>) doc.get("runtimeInjectors")) {
      injectors.add(String.valueOf(((Map<String, Object>) o).get("name")));
    }
    List<AsyncDialect> dialects = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("asyncDialects")) {
      Map<String, Object> m = (Map<String, Object>) o;
      dialects.add(new AsyncDialect(strings(m.get("schemes")), String.valueOf(m.get("dialect")),
          String.valueOf(m.get("default")), strings(m.get("async")),
          String.valueOf(m.get("source")).trim()));
    }
    return new UrlVariables(ports, network, empty, notTargets, fetched, listen, browser,
        injectors, dialects);
  }
}
