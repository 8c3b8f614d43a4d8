package dev.berth.wiring;

import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Invocation;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Environment;
import dev.berth.runtime.ImageFiles;
import dev.berth.runtime.Proc;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a container's {@code caddy run} listens and proxies, from the Caddyfile it loads: the one
 * {@code --config} names (with the caddyfile adapter), else {@code Caddyfile} in its working
 * directory (caddyserver.com docs/command-line, caddy run), taken from a Compose bind mount of a
 * project file or from what the Dockerfile COPYs or writes ({@link ImageFiles}).
 *
 * <p>From caddyserver.com docs/caddyfile/concepts (Addresses, Global options, Environment
 * variables, Snippets), docs/automatic-https (Effects) and docs/caddyfile/options: a site address
 * {@code [scheme://][host][:port]} serves its port, else the scheme's port, else the HTTPS port
 * (443, global {@code https_port}); a site with a host is served over HTTPS and HTTP is redirected
 * from the HTTP port (80, global {@code http_port}); {@code http://} sites are plain HTTP;
 * {@code {$VAR}} and {@code {$VAR:default}} are replaced from the environment before parsing;
 * sites bind every interface unless {@code bind} or {@code default_bind} says otherwise; the admin
 * endpoint listens on localhost:2019 unless {@code admin} says otherwise (docs/conventions).
 * {@code reverse_proxy} and {@code php_fastcgi} upstreams written literally are routes
 * (docs/caddyfile/directives/reverse_proxy, Upstream addresses: no scheme or {@code http://} is
 * port 80, {@code https://} 443). Anything else that may change where it listens (an
 * {@code import} of a file, {@code auto_https}, a site on another port with a host, which may or
 * may not add a redirect listener, a placeholder) makes the whole answer unknown.
 */
final class CaddySetup {
  private static final String ADMIN = "localhost:2019";

  private CaddySetup() {}

  /** Thrown inside the walk when the answer becomes unknown; never leaves this class. */
  private static final class Unknown extends Exception {
    Unknown() {
      super(null, null, false, false);
    }
  }

  private record Text(String text, Optional<SourceFile> file, Range placedBy) {
    Range range(int start, int end) {
      return file.map(f -> f.range(Math.min(start, f.text().length()),
          Math.min(end, f.text().length()))).orElse(placedBy);
    }
  }

  static Optional<NginxSetup.Setup> of(Project project, Container c, Proc p, Invocation inv,
      Consumer<Diagnostic> diagnostics) {
    if (!p.fsKnown() || p.argv().stream().anyMatch(Proc::unknownWord)) return Optional.empty();
    return setup(inv, c.envOf(p), c.workdirOf(p), path -> load(project, c, path), p, diagnostics);
  }

  /**
   * The same for a Compose service that runs the official image as is: its Caddyfile is a
   * project file the service bind-mounts, or the one the image ships
   * ({@code berth/wiring/caddy-images.yaml}) when nothing is mounted over it.
   */
  static Optional<NginxSetup.Setup> ofService(Project project, dev.berth.compose.Service s,
      String repository, Proc p, Invocation inv, Environment env, Optional<String> workdir) {
    return setup(inv, env, workdir, path -> loadForService(project, s, repository, path), p,
        d -> { });
  }

  private static Optional<NginxSetup.Setup> setup(Invocation inv, Environment env,
      Optional<String> workdir, java.util.function.Function<String, Optional<Text>> loader, Proc p,
      Consumer<Diagnostic> diagnostics) {
    // `caddy run` / `caddy start` only; --resume loads the last autosaved config, --envfile adds
    // variables berth does not read.
    Optional<String> sub = inv.operand(0);
    if (sub.isEmpty() || !(sub.get().equals("run") || sub.get().equals("start"))) return Optional.empty();
    if (inv.hasOption("--resume") || inv.hasOption("--envfile")) return Optional.empty();
    Optional<String> config = inv.optionValue(List.of("--config", "-c"));
    Optional<String> adapter = inv.optionValue(List.of("--adapter", "-a"));
    String path = config.orElse("Caddyfile");
    String base = path.substring(path.lastIndexOf('/') + 1);
    // The caddyfile adapter is chosen by name when none is given (docs/command-line, caddy run).
    boolean caddyfile = adapter.map("caddyfile"::equals)
        .orElse(base.startsWith("Caddyfile") || base.endsWith(".caddyfile"));
    if (!caddyfile || env.isSet("CADDY_ADMIN")) return Optional.empty();
    String abs;
    if (path.startsWith("/")) {
      abs = ImageFilesystem.normalize(path);
    } else {
      if (workdir.isEmpty()) return Optional.empty();
      abs = ImageFilesystem.resolve(workdir.get(), path);
    }
    Optional<Text> text = loader.apply(abs);
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(read(text.get(), env, p, abs, diagnostics));
    } catch (Unknown u) {
      return Optional.empty();
    }
  }

  /** The file as the container sees it: a bind-mounted project file, or the image's. */
  private static Optional<Text> load(Project project, Container c, String path) {
    for (ContainerView.Mount m : c.view().mounts()) {
      String t = ImageFilesystem.normalize(m.target());
      if (!path.equals(t) && !path.startsWith(t + "/")) continue;
      if (m.kind() != ContainerView.Mount.Kind.BIND) return Optional.empty();
      return hostFile(project, m.hostPath(), t, path);
    }
    return ImageFiles.read(project, c, path)
        .map(ct -> new Text(ct.text(), ct.file(), ct.placedBy()));
  }

  private static Optional<Text> loadForService(Project project, dev.berth.compose.Service s,
      String repository, String path) {
    Optional<Optional<SourceFile>> bound = BoundFiles.forService(project, s, path);
    if (bound.isPresent()) return bound.get().map(CaddySetup::text);
    for (dev.berth.compose.Located<String> t : s.tmpfs()) {
      if (path.startsWith(ImageFilesystem.normalize(t.value()) + "/")) return Optional.empty();
    }
    // A configs: entry may be placed anywhere (at /<name> without a target): not followed.
    if (!s.configs().isEmpty()) return Optional.empty();
    Optional<String> shipped = Shipped.STANDARD.file(repository, path);
    return shipped.map(x -> new Text(x, Optional.empty(), s.image().orElseThrow().range()));
  }

  /** A project file a bind mount of {@code hostPath} on {@code target} shows at {@code path}. */
  private static Optional<Text> hostFile(Project project, Optional<String> hostPath, String target,
      String path) {
    return BoundFiles.hostFile(project, hostPath, target, path).map(CaddySetup::text);
  }

  private static Text text(SourceFile sf) {
    return new Text(sf.text(), Optional.of(sf), Range.wholeFile(sf.path()));
  }

  /** berth/wiring/caddy-images.yaml: the files official Caddy images ship. */
  private static final class Shipped {
    static final Shipped STANDARD = load();
    private final Map<String, Map<String, String>> files;

    private Shipped(Map<String, Map<String, String>> files) {
      this.files = files;
    }

    Optional<String> file(String repository, String path) {
      return Optional.ofNullable(files.getOrDefault(repository, Map.of()).get(path));
    }

    @SuppressWarnings("unchecked")
    private static Shipped load() {
      Map<String, Object> doc = (Map<String, Object>) dev.berth.source.DataResources.tree(
          CaddySetup.class, "/berth/wiring/caddy-images.yaml");
      Map<String, Map<String, String>> out = new HashMap<>();
      for (Object o : (List<Object>) doc.get("images")) {
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, String> f = new HashMap<>();
        ((Map<String, Object>) m.get("files")).forEach((k, v) -> f.put(k, String.valueOf(v)));
        for (Object n : (List<Object>) m.get("names")) out.put(String.valueOf(n), Map.copyOf(f));
      }
      return new Shipped(Map.copyOf(out));
    }
  }

  private static NginxSetup.Setup read(Text t, Environment env, Proc p, String path,
      Consumer<Diagnostic> diagnostics) throws Unknown {
    String expanded = expand(t.text(), env);
    // Substitution shifts offsets: positions then point at the whole file.
    Text src = expanded.equals(t.text()) ? t
        : new Text(expanded, Optional.empty(), t.file().map(sf -> Range.wholeFile(sf.path())).orElse(t.placedBy()));
    Caddyfile.Parsed parsed = Caddyfile.parse(expanded);
    if (parsed.unsupported()) throw new Unknown();
    if (parsed.error().isPresent()) {
      int at = parsed.errorAt().orElse(0);
      diagnostics.accept(new Diagnostic(src.range(at, at + 1), Diagnostic.Kind.PARSE_ERROR,
          "Caddyfile " + path + ": " + parsed.error().get()));
      throw new Unknown();
    }
    return new Walk(src, p).top(parsed.top());
  }

  /** {@code {$VAR}} and {@code {$VAR:default}} from the environment, before parsing. */
  static String expand(String text, Environment env) throws Unknown {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{$", i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      String inner = text.substring(open + 2, close);
      int colon = inner.indexOf(':');
      String name = colon < 0 ? inner : inner.substring(0, colon);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new Unknown();
      if (env.isUnknown(name)) throw new Unknown();
      Optional<String> v = env.value(name);
      // Unset with no default as a site address, the value is given where the container is run
      // (revolt's `{$HOSTNAME} {` from an env_file its script generates; mathesar's
      // `{$DOMAIN_NAME} {`, passed by its compose file to the published image; Docker sets
      // HOSTNAME in every container anyway): taken as empty, it would turn its block into the
      // global options, so what the server serves is unknown instead. Elsewhere (an option's
      // value) it is empty, as Caddy makes it.
      if (v.isEmpty() && colon < 0 && siteAddress(text, open, close)) throw new Unknown();
      out.append(v.orElse(colon < 0 ? "" : inner.substring(colon + 1)));
      i = close + 1;
    }
    return out.toString();
  }

  /**
   * The placeholder at {@code [open, close]} is (part of) a site block's header: the first thing
   * on its line, on a line that opens a block ({@code {$DOMAIN} {}, {@code {$HOST}:443 {}).
   */
  private static boolean siteAddress(String text, int open, int close) {
    int lineStart = text.lastIndexOf('\n', open) + 1;
    int lineEnd = text.indexOf('\n', close);
    if (lineEnd < 0) lineEnd = text.length();
    String before = text.substring(lineStart, open);
    String line = text.substring(lineStart, lineEnd).strip();
    return before.isBlank() && line.endsWith("{");
  }

  /** One walk over the parsed file. */
  private static final class Walk {
    private final Text t;
    private final Proc proc;
    private final Map<String, List<Caddyfile.Directive>> snippets = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<ProxyRoute> routes = new ArrayList<>();
    private int httpPort = 80;
    private int httpsPort = 443;
    private Optional<List<String>> defaultBind = Optional.empty();
    private Optional<String> admin = Optional.of(ADMIN);
    private Range adminAt;

    Walk(Text t, Proc proc) {
      this.t = t;
      this.proc = proc;
      this.adminAt = t.placedBy();
    }

    NginxSetup.Setup top(List<Caddyfile.Directive> top) throws Unknown {
      List<Caddyfile.Directive> sites = new ArrayList<>();
      boolean global = false;
      for (int k = 0; k < top.size(); k++) {
        Caddyfile.Directive d = top.get(k);
        String name = d.name();
        if (d.tokens().isEmpty() && d.block().isPresent()) {
          // The global block comes before every site (snippets are taken out first).
          if (!sites.isEmpty() || global) throw new Unknown();
          global = true;
          global(d.block().get());
          continue;
        }
        if (d.tokens().size() == 1 && d.block().isPresent()
            && (name.matches("\\(.+\\)") || name.matches("&\\(.+\\)"))) {
          snippets.put(name.substring(name.indexOf('(') + 1, name.length() - 1), d.block().get());
          continue;
        }
        if (name.equals("import")) throw new Unknown(); // other sites from files berth does not list
        if (d.block().isEmpty()) {
          // A single site may leave out its braces: the rest of the file is its body.
          if (!sites.isEmpty()) throw new Unknown();
          List<Caddyfile.Directive> body = top.subList(k + 1, top.size());
          site(d, body);
          return done();
        }
        sites.add(d);
      }
      for (Caddyfile.Directive s : sites) site(s, s.block().get());
      return done();
    }

    private NginxSetup.Setup done() {
      if (admin.isPresent()) {
        Bind.parse(admin.get()).ifPresent(b -> listeners.add(new Listener(proc, b, adminAt,
            "caddy (admin endpoint)")));
      }
      return new NginxSetup.Setup(listeners, routes, Map.of());
    }

    private void global(List<Caddyfile.Directive> options) throws Unknown {
      for (Caddyfile.Directive o : options) {
        List<String> a = o.args();
        switch (o.name()) {
          case "http_port" -> httpPort = port(a);
          case "https_port" -> httpsPort = port(a);
          case "auto_https", "import" -> throw new Unknown();
          case "default_bind" -> defaultBind = Optional.of(hosts(a));
          case "admin" -> {
            if (a.isEmpty()) continue;
            if (a.get(0).equals("off")) {
              admin = Optional.empty();
            } else {
              String v = a.get(0).startsWith(":") ? "localhost" + a.get(0) : a.get(0);
              if (Bind.parse(v).isEmpty()) throw new Unknown();
              admin = Optional.of(v);
            }
            adminAt = t.range(o.start(), o.end());
          }
          default -> { }
        }
      }
    }

    private static int port(List<String> a) throws Unknown {
      if (a.size() != 1) throw new Unknown();
      OptionalInt p = Bind.port(a.get(0));
      if (p.isEmpty()) throw new Unknown();
      return p.getAsInt();
    }

    /** Literal interface addresses of {@code bind} / {@code default_bind}. */
    private static List<String> hosts(List<String> a) throws Unknown {
      if (a.isEmpty()) throw new Unknown();
      for (String h : a) if (!h.matches("[0-9A-Fa-f.:\\[\\]]+|localhost")) throw new Unknown();
      return a.stream().map(h -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h).toList();
    }

    private void site(Caddyfile.Directive head, List<Caddyfile.Directive> body) throws Unknown {
      Optional<List<String>> bind = defaultBind;
      List<Caddyfile.Directive> flat = new ArrayList<>();
      flatten(body, flat, 0);
      for (Caddyfile.Directive d : flat) {
        if (d.name().equals("bind")) bind = Optional.of(hosts(d.args()));
      }
      Set<Integer> ports = new LinkedHashSet<>();
      for (Caddyfile.Token tok : head.tokens()) {
        for (String a : tok.text().split(",")) {
          if (!a.isBlank()) ports.addAll(address(a.strip()));
        }
      }
      Range at = t.range(head.start(), head.tokens().isEmpty() ? head.start() : head.tokens()
          .get(head.tokens().size() - 1).end());
      String how = "caddy (site " + String.join(" ",
          head.tokens().stream().map(Caddyfile.Token::text).toList()) + ")";
      for (int port : ports) {
        for (String h : bind.orElse(List.of("::"))) {
          Bind b = new Bind.Tcp(Optional.of(h), port);
          if (listeners.stream().noneMatch(l -> l.bind().equals(b))) {
            listeners.add(new Listener(proc, b, at, how));
          }
        }
      }
      for (Caddyfile.Directive d : flat) route(d);
    }

    /** The site's directives with snippets imported in place and blocks opened. */
    private void flatten(List<Caddyfile.Directive> ds, List<Caddyfile.Directive> out, int depth)
        throws Unknown {
      if (depth > 8) throw new Unknown();
      for (Caddyfile.Directive d : ds) {
        if (d.name().equals("import") || d.name().equals("invoke")) {
          List<Caddyfile.Directive> s = d.args().isEmpty() ? null : snippets.get(d.args().get(0));
          // A file berth does not read, or a snippet taking arguments: unknown.
          if (s == null || d.args().size() > 1) throw new Unknown();
          flatten(s, out, depth + 1);
          continue;
        }
        out.add(d);
        // Directives nested in handle/route/handle_path blocks still apply to the site.
        if (d.block().isPresent() && !d.name().equals("reverse_proxy")
            && !d.name().equals("php_fastcgi") && !d.name().startsWith("@")) {
          flatten(d.block().get(), out, depth + 1);
        }
      }
    }

    /** The ports a site address serves on. */
    private List<Integer> address(String a) throws Unknown {
      if (a.contains("{")) throw new Unknown();
      String scheme = "";
      int sep = a.indexOf("://");
      if (sep >= 0) {
        scheme = a.substring(0, sep);
        a = a.substring(sep + 3);
      }
      if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) throw new Unknown();
      int slash = a.indexOf('/');
      if (slash >= 0) a = a.substring(0, slash);
      String host = a;
      OptionalInt port = OptionalInt.empty();
      int colon = a.lastIndexOf(':');
      if (colon >= 0 && (a.indexOf(']') < colon || !a.startsWith("["))) {
        host = a.substring(0, colon);
        port = Bind.port(a.substring(colon + 1));
        if (port.isEmpty()) throw new Unknown();
      }
      boolean hasHost = !host.isEmpty();
      if (scheme.equals("http")) return List.of(port.orElse(httpPort));
      int p = port.orElse(scheme.equals("https") ? httpsPort : hasHost ? httpsPort : httpPort);
      if (scheme.isEmpty() && p == httpPort) return List.of(p);
      if (!hasHost) return List.of(p);
      // A host served over HTTPS: HTTP is redirected from the HTTP port. On a port of its own the
      // redirect's listener is not documented as clearly: unknown.
      if (p != httpsPort) throw new Unknown();
      return List.of(p, httpPort);
    }

    private void route(Caddyfile.Directive d) {
      String name = d.name();
      if (!name.equals("reverse_proxy") && !name.equals("php_fastcgi")) return;
      List<Caddyfile.Token> args = new ArrayList<>(d.tokens().subList(1, d.tokens().size()));
      if (!args.isEmpty()) {
        String first = args.get(0).text();
        if (first.equals("*") || first.startsWith("/") || first.startsWith("@")) args.remove(0);
      }
      if (d.block().isPresent()) {
        for (Caddyfile.Directive sub : d.block().get()) {
          if (sub.name().equals("to")) args.addAll(sub.tokens().subList(1, sub.tokens().size()));
        }
      }
      for (Caddyfile.Token u : args) {
        // php_fastcgi's default port is not documented: only an explicit one is taken.
        if (name.equals("php_fastcgi") && !u.text().matches(".*:\\d+")) continue;
        endpoint(u.text()).ifPresent(hp -> routes.add(new ProxyRoute(name + " " + u.text(),
            hp.host, hp.port, t.range(d.start(), d.end()), Optional.empty(), portAt(u))));
      }
    }

    private record HostPort(String host, int port) {}

    /** An upstream address written literally; empty for sockets, placeholders, ranges. */
    private static Optional<HostPort> endpoint(String u) {
      if (u.contains("{") || u.startsWith("unix") || u.startsWith("srv+")) return Optional.empty();
      String scheme = "";
      int sep = u.indexOf("://");
      if (sep >= 0) {
        scheme = u.substring(0, sep);
        u = u.substring(sep + 3);
      }
      int def = switch (scheme) {
        case "", "http", "h2c" -> 80;
        case "https" -> 443;
        default -> -1;
      };
      if (def < 0 || u.contains("/")) return Optional.empty();
      Optional<Bind> b = Bind.parse(u);
      if (b.isPresent() && b.get() instanceof Bind.Tcp tcp && tcp.host().isPresent()
          && !u.startsWith(":")) {
        return Optional.of(new HostPort(tcp.host().get(), tcp.port()));
      }
      if (u.matches("[A-Za-z0-9._-]+")) return Optional.of(new HostPort(u, def));
      return Optional.empty();
    }

    /** Where an upstream's port digits are, when the token is plain text in a project file. */
    private Optional<Range> portAt(Caddyfile.Token tok) {
      String s = tok.text();
      if (t.file().isEmpty() || tok.quoted()) return Optional.empty();
      int colon = s.lastIndexOf(':');
      if (colon < 0 || colon + 1 >= s.length() || !s.substring(colon + 1).matches("\\d{1,5}")) {
        return Optional.empty();
      }
      return Optional.of(t.range(tok.start() + colon + 1, tok.end()));
    }
  }
}
