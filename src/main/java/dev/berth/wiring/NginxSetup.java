package dev.berth.wiring;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Word;
import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.Node;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Environment;
import dev.berth.runtime.ImageFiles;
import dev.berth.runtime.Proc;
import dev.berth.source.DataResources;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the nginx of a container serves and where it proxies, from the configuration it reads:
 * {@code /etc/nginx/nginx.conf} (or {@code -c FILE}) and its {@code include}s, each taken from
 * where the container gets it: a Compose bind mount of a project file, a COPY of a context file,
 * a RUN that writes it whole ({@link ImageFiles}), or, for a file the Dockerfile leaves alone in
 * the official image, what that image ships ({@code berth/wiring/nginx-images.yaml}), each as a
 * RUN's {@code sed -i} edited it (the image's own file only when the catalog holds its exact
 * text, {@code as-shipped}); templates
 * the official image renders with envsubst at start are rendered from the container's
 * environment. Any file berth cannot read, any include it cannot list, a variable in
 * {@code listen}: the whole answer is unknown. A file nginx would refuse to parse is a
 * diagnostic.
 */
final class NginxSetup {
  private static final int MAX_FILES = 64;
  private static final int MAX_DEPTH = 8;

  /** Where nginx listens and where it proxies. */
  /**
   * @param settings the simple directives of the main and http contexts (the last of each name
   *     wins), {@code -g} ones included: where nginx puts its pid file and temp directories
   */
  record Setup(List<Listener> listeners, List<ProxyRoute> routes,
      Map<String, List<String>> settings) {}

  /** {@code edited}: a text a RUN's sed edited, whose lines are where that content says. */
  private record Text(String text, Optional<SourceFile> file, Range placedBy,
      Optional<ImageFiles.Content> edited) {
    Text(String text, Optional<SourceFile> file, Range placedBy) {
      this(text, file, placedBy, Optional.empty());
    }

    Range range(int start, int end) {
      if (edited.isPresent()) return edited.get().range(start, end);
      return file.map(f -> f.range(Math.min(start, f.text().length()),
          Math.min(end, f.text().length()))).orElse(placedBy);
    }
  }

  private static Text text(ImageFiles.Content c) {
    return new Text(c.text(), c.file(), c.placedBy(),
        c.edit().isPresent() ? Optional.of(c) : Optional.empty());
  }

  /** A route or upstream server as written; {@code portAt} where its port's digits are. */
  private record Raw(String directive, String target, Range at, Optional<Range> portAt) {}

  /**
   * Where the port of an address token ({@code http://api:9000/x}, {@code api:9000}) is written,
   * when the token is plain text in a file of the project (not quoted, no escapes, not a file a
   * RUN writes).
   */
  private static Optional<Range> portAt(Text t, NginxConfig.Token tok) {
    String s = tok.text();
    if (t.file().isEmpty() || tok.quoted() || tok.end() - tok.start() != s.length()) {
      return Optional.empty();
    }
    int from = s.indexOf("://") < 0 ? 0 : s.indexOf("://") + 3;
    int slash = s.indexOf('/', from);
    int end = slash < 0 ? s.length() : slash;
    int colon = s.lastIndexOf(':', end - 1);
    if (colon < from || colon + 1 >= end || !s.substring(colon + 1, end).matches("\\d{1,5}")) {
      return Optional.empty();
    }
    return Optional.of(t.range(tok.start() + colon + 1, tok.start() + end));
  }

  private final Project project;
  private final Container c;
  private final Proc proc;
  private final Consumer<Diagnostic> diagnostics;
  private final Optional<Knowledge.Image> image;
  private final List<Listener> listeners = new ArrayList<>();
  private final List<Raw> raw = new ArrayList<>();
  private final Map<String, List<Raw>> upstreams = new HashMap<>();
  private final Map<String, List<String>> settings = new HashMap<>();
  private final StageFiles files;
  private int fileCount;

  private NginxSetup(Project project, Container c, Proc proc, Consumer<Diagnostic> diagnostics) {
    this.project = project;
    this.c = c;
    this.proc = proc;
    this.diagnostics = diagnostics;
    this.image = c.imageRepository().flatMap(Knowledge.STANDARD::image);
    this.files = new StageFiles(project, c);
  }

  static Optional<Setup> of(Project project, Container c, Proc p,
      Consumer<Diagnostic> diagnostics) {
    // Something before nginx changed files berth does not follow (envsubst > nginx.conf).
    if (!p.fsKnown() || p.argv().stream().anyMatch(Proc::unknownWord)) return Optional.empty();
    // nginx -c FILE; -g 'directives' adds to the main context (daemon off; is harmless).
    String main = "/etc/nginx/nginx.conf";
    for (int i = 1; i < p.argv().size(); i++) {
      String a = p.argv().get(i);
      if (a.equals("-c") && i + 1 < p.argv().size()) main = p.argv().get(i + 1);
      if (a.equals("-g") && i + 1 < p.argv().size() && p.argv().get(i + 1).matches(".*\\b(include|http|server|listen)\\b.*")) {
        return Optional.empty();
      }
    }
    if (!main.startsWith("/")) main = "/etc/nginx/" + main;
    NginxSetup s = new NginxSetup(project, c, p, diagnostics);
    try {
      s.file(ImageFilesystem.normalize(main), "main", 0);
      // -g 'pid /tmp/nginx.pid;' adds to the main context, after the file
      for (int i = 1; i + 1 < p.argv().size(); i++) {
        if (!p.argv().get(i).equals("-g")) continue;
        NginxConfig.Parsed g = NginxConfig.parse(p.argv().get(i + 1));
        if (g.error().isPresent()) return Optional.empty();
        for (NginxConfig.Directive d : g.directives()) s.settings.put(d.name(), d.values());
      }
      return Optional.of(new Setup(List.copyOf(s.listeners), s.routes(), Map.copyOf(s.settings)));
    } catch (ConfigUnknown u) {
      return Optional.empty();
    }
  }

  private void file(String path, String context, int depth) throws ConfigUnknown {
    if (++fileCount > MAX_FILES || depth > MAX_DEPTH) throw new ConfigUnknown();
    Text t = load(path).orElseThrow(ConfigUnknown::new);
    NginxConfig.Parsed parsed = NginxConfig.parse(t.text());
    if (parsed.error().isPresent()) {
      NginxConfig.Error e = parsed.error().get();
      diagnostics.accept(new Diagnostic(t.range(e.offset(), e.offset() + 1),
          Diagnostic.Kind.PARSE_ERROR, "nginx configuration " + path + ": " + e.message()));
      throw new ConfigUnknown();
    }
    walk(parsed.directives(), t, context, depth);
  }

  private void walk(List<NginxConfig.Directive> ds, Text t, String context, int depth)
      throws ConfigUnknown {
    for (NginxConfig.Directive d : ds) {
      List<String> v = d.values();
      switch (d.name()) {
        case "include" -> {
          if (v.size() != 1) throw new ConfigUnknown();
          include(v.get(0), context, depth);
        }
        case "server" -> {
          if (d.block().isPresent() && (context.equals("http") || context.equals("stream"))) {
            server(d, t, context, depth);
          } else if (context.equals("upstream") && !v.isEmpty()) {
            upstreamServer(v.get(0), t.range(d.start(), d.end()),
                portAt(t, d.args().get(0)));
          }
        }
        case "upstream" -> {
          if (v.size() != 1 || d.block().isEmpty()) throw new ConfigUnknown();
          String before = currentUpstream;
          currentUpstream = v.get(0);
          upstreams.putIfAbsent(v.get(0), new ArrayList<>());
          walk(d.block().get(), t, "upstream", depth);
          currentUpstream = before;
        }
        case "proxy_pass", "fastcgi_pass", "uwsgi_pass", "grpc_pass", "scgi_pass" -> {
          if (v.size() == 1) {
            raw.add(new Raw(d.name() + " " + v.get(0), v.get(0), t.range(d.start(), d.end()),
                portAt(t, d.args().get(0))));
          }
        }
        case "listen" -> { } // handled in server()
        default -> {
          if (d.block().isEmpty() && (context.equals("main") || context.equals("http"))) {
            settings.put(d.name(), v);
          }
          if (d.block().isPresent()) {
            String inner = switch (d.name()) {
              case "http", "stream" -> d.name();
              default -> context.equals("main") ? "other" : context;
            };
            walk(d.block().get(), t, inner, depth);
          }
        }
      }
    }
  }

  private String currentUpstream;

  private void upstreamServer(String address, Range at, Optional<Range> portAt) {
    if (currentUpstream == null) return;
    upstreams.get(currentUpstream).add(new Raw("server " + address, address, at, portAt));
  }

  /** A server block: its listen directives (80 when it has none), then its contents. */
  private void server(NginxConfig.Directive server, Text t, String context, int depth)
      throws ConfigUnknown {
    List<NginxConfig.Directive> block = server.block().orElseThrow();
    boolean any = false;
    for (NginxConfig.Directive d : block) {
      if (!d.name().equals("listen")) continue;
      any = true;
      if (d.args().isEmpty()) throw new ConfigUnknown();
      Bind b = listen(d.args().get(0).text()).orElseThrow(ConfigUnknown::new);
      listeners.add(new Listener(proc, b, t.range(d.start(), d.end()),
          "nginx (listen " + d.args().get(0).text() + ")"));
    }
    if (!any && context.equals("http")) {
      // nginx.org http/ngx_http_core_module listen: default *:80 as root, *:8000 otherwise.
      Boolean root = c.identityOf(proc).uid().isPresent() ? c.identityOf(proc).isRoot() : null;
      if (root == null) throw new ConfigUnknown();
      int port = root ? 80 : 8000;
      listeners.add(new Listener(proc, new Bind.Tcp(Optional.of("0.0.0.0"), port),
          t.range(server.start(), server.start() + "server".length()),
          "nginx (a server without listen)"));
    }
    walk(block.stream().filter(d -> !d.name().equals("listen")).toList(), t, "server", depth);
  }

  /** {@code 80}, {@code 127.0.0.1:8080}, {@code [::]:80}, {@code *:80}, {@code unix:/path}. */
  static Optional<Bind> listen(String a) {
    if (a.contains("$")) return Optional.empty();
    if (a.startsWith("unix:")) return Optional.of(new Bind.Unix(a.substring(5)));
    if (a.matches("\\d+")) {
      return Bind.port(a).isPresent()
          ? Optional.of(new Bind.Tcp(Optional.of("0.0.0.0"), Integer.parseInt(a))) : Optional.empty();
    }
    if (a.startsWith("*:")) a = "0.0.0.0" + a.substring(1);
    Optional<Bind> b = Bind.parse(a);
    if (b.isPresent()) return b;
    // A host alone listens on port 80.
    return a.matches("[A-Za-z0-9.-]+") ? Optional.of(new Bind.Tcp(Optional.of(a), 80))
        : Optional.empty();
  }

  /** {@code include} with a path relative to /etc/nginx and globs in the last part. */
  private void include(String pattern, String context, int depth) throws ConfigUnknown {
    if (pattern.contains("$")) throw new ConfigUnknown();
    String path = pattern.startsWith("/") ? pattern : "/etc/nginx/" + pattern;
    path = ImageFilesystem.normalize(path);
    String dir = ImageFilesystem.parent(path);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (dir.matches(".*[*?\\[].*")) throw new ConfigUnknown();
    if (!name.matches(".*[*?\\[].*")) {
      if (Knowledge.STANDARD.inert.contains(name) && files.untouched(path) && !mountedOver(path)) return;
      file(path, context, depth + 1);
      return;
    }
    for (String f : list(dir)) {
      String base = f.substring(f.lastIndexOf('/') + 1);
      if (glob(name, base)) file(f, context, depth + 1);
    }
  }

  /**
   * The files directly in {@code dir}, sorted as nginx's glob returns them: what the Dockerfile
   * copies there (listed from the build context), what the official image ships, the templates
   * it renders. ConfigUnknown when anything else may have put files there.
   */
  private List<String> list(String dir) throws ConfigUnknown {
    if (mountedOver(dir + "/x")) throw new ConfigUnknown();
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    java.util.TreeSet<String> shipped = new java.util.TreeSet<>();
    ImageFilesystem fs = c.view().filesystem();
    Map<String, String> known = image.map(Knowledge.Image::files).orElse(Map.of());
    boolean knownDir = known.keySet().stream().anyMatch(k -> ImageFilesystem.parent(k).equals(dir))
        || image.flatMap(Knowledge.Image::templatesOutput).filter(dir::equals).isPresent();
    java.util.Set<String> removed = files.removedBy(dir);
    if (knownDir) {
      for (String k : known.keySet()) {
        if (ImageFilesystem.parent(k).equals(dir) && fs.lookup(k).exists() != Answer.NO) shipped.add(k);
      }
      // rm takes what the image shipped; a later COPY of the same name puts it back.
      shipped.removeAll(removed);
      out.addAll(shipped);
      out.addAll(templates(dir).keySet());
    } else if (image.isEmpty() || !dir.startsWith("/etc/nginx")) {
      // Files a package or an unknown base image may hold there are unknown.
      throw new ConfigUnknown();
    }
    out.addAll(files.copiedInto(dir));
    return new ArrayList<>(out);
  }

  // ---- file contents ----------------------------------------------------------------------------

  private final Map<String, Text> rendered = new HashMap<>();

  private Optional<Text> load(String path) throws ConfigUnknown {
    // A start script edited it in place (sed -i) before nginx reads it: its text is unknown.
    if (c.editedAtStart().contains(ImageFilesystem.normalize(path))) return Optional.empty();
    Text r = rendered.get(path);
    if (r != null) return Optional.of(r);
    Optional<ContainerView.Mount> m = mount(path);
    if (m.isPresent()) return fromHost(m.get(), path);
    Optional<ImageFiles.Content> content = ImageFiles.read(project, c, path);
    if (content.isPresent()) return Optional.of(text(content.get()));
    Optional<String> shipped = image.map(i -> i.files().get(path));
    if (shipped.isEmpty()) return Optional.empty();
    ImageFiles.Content untouched = new ImageFiles.Content(shipped.get(), Optional.empty(),
        c.stage().stage().from().range());
    if (files.untouched(path)) return Optional.of(text(untouched));
    // A RUN names it: the image's file as a RUN's sed -i edited it, when berth knows that file
    // as shipped (the official image's entrypoint adds its IPv6 listen only to an unchanged one).
    return ImageFiles.read(project, c, path, new ImageFiles.Base(untouched,
        Optional.ofNullable(image.get().asShipped().get(path)))).map(NginxSetup::text);
  }

  /** The official image's templates rendered into {@code dir}: output path to text. */
  private Map<String, Text> templates(String dir) throws ConfigUnknown {
    Map<String, Text> out = new LinkedHashMap<>();
    if (image.isEmpty() || image.get().templatesDir().isEmpty()
        || !image.get().templatesOutput().orElse("").equals(dir)) {
      return out;
    }
    Environment env = c.envOf(proc);
    if (env.isSet("NGINX_ENVSUBST_OUTPUT_DIR") || env.isSet("NGINX_ENVSUBST_TEMPLATE_DIR")) {
      throw new ConfigUnknown();
    }
    String tdir = image.get().templatesDir().get();
    if (mountedOver(tdir + "/x")) throw new ConfigUnknown();
    if (!files.removedBy(tdir).isEmpty()) throw new ConfigUnknown();
    for (String f : files.copiedInto(tdir)) {
      String rest = f.substring(tdir.length() + 1);
      if (rest.contains("/") || !rest.endsWith(image.get().templatesSuffix())) continue;
      Text t = load(f).orElseThrow(ConfigUnknown::new);
      String name = rest.substring(0, rest.length() - image.get().templatesSuffix().length());
      Text done = new Text(envsubst(t.text(), env), t.file(), t.placedBy(), t.edited());
      // envsubst shifts offsets when it substitutes: positions then point at the template.
      if (!done.text().equals(t.text())) done = new Text(done.text(), Optional.empty(), t.file()
          .map(sf -> Range.wholeFile(sf.path())).orElse(t.placedBy()));
      rendered.put(dir + "/" + name, done);
      out.put(dir + "/" + name, done);
    }
    return out;
  }

  /** envsubst limited to the variables that are set, as the image's script runs it. */
  private static String envsubst(String text, Environment env) throws ConfigUnknown {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch != '$' || i + 1 >= text.length()) {
        out.append(ch);
        i++;
        continue;
      }
      int start = i + 1;
      boolean braced = text.charAt(start) == '{';
      int j = braced ? start + 1 : start;
      while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
      String name = text.substring(braced ? start + 1 : start, j);
      if (name.isEmpty() || braced && (j >= text.length() || text.charAt(j) != '}')) {
        out.append(ch);
        i++;
        continue;
      }
      int end = braced ? j + 1 : j;
      if (env.isUnknown(name)) throw new ConfigUnknown();
      Optional<String> v = env.value(name);
      out.append(v.orElse(text.substring(i, end)));
      i = end;
    }
    return out.toString();
  }

  private Optional<ContainerView.Mount> mount(String path) {
    for (ContainerView.Mount m : c.view().mounts()) {
      String t = ImageFilesystem.normalize(m.target());
      if (path.equals(t) || path.startsWith(t + "/")) return Optional.of(m);
    }
    return Optional.empty();
  }

  private boolean mountedOver(String path) {
    return mount(path).isPresent();
  }

  /** A Compose bind mount of a project file (or of a directory holding it). */
  private Optional<Text> fromHost(ContainerView.Mount m, String path) {
    if (m.kind() != ContainerView.Mount.Kind.BIND) return Optional.empty();
    return BoundFiles.hostFile(project, m.hostPath(), ImageFilesystem.normalize(m.target()), path)
        .map(sf -> new Text(sf.text(), Optional.of(sf), Range.wholeFile(sf.path())));
  }

  /** nginx's glob: {@code *} and {@code ?} in the last path part. */
  private static boolean glob(String pattern, String name) {
    return dev.berth.context.Paths.glob(pattern).matcher(name).matches() && !name.startsWith(".");
  }

  // ---- routes -----------------------------------------------------------------------------------

  private List<ProxyRoute> routes() {
    List<ProxyRoute> out = new ArrayList<>();
    for (Raw r : raw) {
      String t = r.target();
      if (t.contains("$")) continue;
      String scheme = "";
      int sep = t.indexOf("://");
      if (sep > 0) {
        scheme = t.substring(0, sep);
        t = t.substring(sep + 3);
      }
      int slash = t.indexOf('/');
      String hostport = slash < 0 ? t : t.substring(0, slash);
      if (hostport.startsWith("unix:") || hostport.isEmpty()) continue;
      List<Raw> up = upstreams.get(hostport);
      if (up != null) {
        for (Raw u : up) {
          String a = u.target();
          if (a.startsWith("unix:") || a.contains("$")) continue;
          endpoint(a, 80).ifPresent(hp -> out.add(new ProxyRoute(r.directive(), hp.host(),
              hp.port(), r.at(), Optional.of(u.at()), u.portAt())));
        }
        continue;
      }
      int defaultPort = switch (scheme) {
        case "http", "grpc" -> 80;
        case "https", "grpcs" -> 443;
        default -> -1;
      };
      endpoint(hostport, defaultPort).ifPresent(hp -> out.add(new ProxyRoute(r.directive(),
          hp.host(), hp.port(), r.at(), Optional.empty(), r.portAt())));
    }
    return out;
  }

  private record HostPort(String host, int port) {}

  private static Optional<HostPort> endpoint(String a, int defaultPort) {
    Optional<Bind> b = Bind.parse(a);
    if (b.isPresent() && b.get() instanceof Bind.Tcp tcp && tcp.host().isPresent()) {
      return Optional.of(new HostPort(tcp.host().get(), tcp.port()));
    }
    if (defaultPort > 0 && a.matches("[A-Za-z0-9._-]+")) return Optional.of(new HostPort(a, defaultPort));
    return Optional.empty();
  }

  // ---- knowledge --------------------------------------------------------------------------------

  /** berth/wiring/nginx-images.yaml. */
  static final class Knowledge {
    static final Knowledge STANDARD = load();

    /**
     * @param files what nginx reads from each file the Dockerfile leaves alone
     * @param asShipped files exactly as the image ships them, which a RUN's sed edits
     */
    record Image(List<String> names, Map<String, String> files, Map<String, String> asShipped,
        Optional<String> templatesDir, String templatesSuffix, Optional<String> templatesOutput,
        String source) {}

    final List<Image> images;
    final java.util.Set<String> inert;

    private Knowledge(List<Image> images, java.util.Set<String> inert) {
      this.images = images;
      this.inert = inert;
    }

    Optional<Image> image(String repository) {
      return images.stream().filter(i -> i.names().contains(repository)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Knowledge load() {
      Map<String, Object> doc = (Map<String, Object>) DataResources.tree(NginxSetup.class,
          "/berth/wiring/nginx-images.yaml");
      List<Image> images = new ArrayList<>();
      for (Object o : (List<Object>) doc.get("images")) {
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, Object> t = (Map<String, Object>) m.getOrDefault("templates", Map.of());
        Map<String, String> files = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("files")).forEach((k, v) -> files.put(k, String.valueOf(v)));
        Map<String, String> asShipped = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("as-shipped", Map.of()))
            .forEach((k, v) -> asShipped.put(k, String.valueOf(v)));
        images.add(new Image((List<String>) m.get("names"), files, Map.copyOf(asShipped),
            Optional.ofNullable((String) t.get("dir")), String.valueOf(t.getOrDefault("suffix", ".template")),
            Optional.ofNullable((String) t.get("output")), String.valueOf(m.get("source"))));
      }
      return new Knowledge(List.copyOf(images),
          java.util.Set.copyOf((List<String>) doc.get("inert")));
    }
  }
}
