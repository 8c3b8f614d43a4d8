package dev.berth.wiring;

import dev.berth.compose.FileReference;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.image.BaseImage;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageRef;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.runtime.Environment;
import dev.berth.runtime.Proc;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Compose service that only names an image (no {@code build}, no {@code entrypoint:})
 * listens: the image's default command from the base-image catalog (an official image's
 * ENTRYPOINT and CMD, each entry citing its Dockerfile), with the service's {@code command:} in
 * place of CMD and the option prepend the image's entrypoint script does, placed with the
 * program catalog's {@code listens} entry and the service's environment. So an image-only
 * {@code postgres:16} service serves 5432, and {@code redis:7} with {@code command: --port 6380}
 * serves 6380. The image's files are as it ships them, which is what the catalogs' defaults
 * describe; a mount or {@code configs:} entry over one of the program's {@code config-files} may
 * say otherwise, and so does a configuration file named on the command line. Empty when the
 * catalog does not know the image's default command, the program's listen defaults, or a value
 * they depend on.
 */
public final class ImageServices {
  private ImageServices() {}

  /**
   * The listeners of an image-only service.
   *
   * @param complete every port it listens on is listed (not rabbitmq's plugins, say)
   * @param routes where it proxies requests (Caddy's {@code reverse_proxy}), when written literally
   */
  public record Known(List<Listener> listeners, boolean complete, List<ProxyRoute> routes) {
    public Known {
      listeners = List.copyOf(listeners);
      routes = List.copyOf(routes);
    }
  }

  /** The listeners the service's image-only container is known to have. */
  public static Optional<List<Listener>> of(Service s) {
    return known(s).map(Known::listeners);
  }

  /** The same, reading the project files the service mounts where the program needs them. */
  public static Optional<List<Listener>> of(Project project, Service s) {
    return known(project, s).map(Known::listeners);
  }

  /** {@link #of} and whether they are all of the container's listeners. */
  public static Optional<Known> known(Service s) {
    return known(null, s);
  }

  /**
   * {@link #of(Project, Service)} and whether they are all of the container's listeners; without
   * a project ({@code null}) a program whose listeners come from a configuration file berth reads
   * (Caddy's Caddyfile) is unknown.
   */
  public static Optional<Known> known(Project project, Service s) {
    if (project == null) return compute(null, s);
    // Three rules ask for each service: a Caddyfile is read and parsed once per run. Computed
    // outside any lock (a duplicate computation is harmless; a lock held while the computation
    // waits for another fact could deadlock with the thread computing that fact).
    Map<Service, Optional<Known>> memo = project.fact(Memo.class, p -> new Memo()).byService;
    Optional<Known> known = memo.get(s);
    if (known == null) {
      known = compute(project, s);
      memo.put(s, known);
    }
    return known;
  }

  /** Per-project answers by service identity (services are records: equal ones may differ in place). */
  private static final class Memo {
    final Map<Service, Optional<Known>> byService =
        java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  }

  /**
   * The program a service that pulls a catalog image runs, as the catalog knows it: its
   * {@code command:} or the image's default after the image's ENTRYPOINT; empty when the
   * service builds, overrides the entrypoint, or the program is unknown or only starts others.
   */
  public static Optional<Invocation> invocation(Service s) {
    return started(s).map(Started::invocation);
  }

  private record Started(ImageRef ref, Environment env, List<String> argv, Invocation invocation) {}

  private static Optional<Started> started(Service s) {
    if (s.build().isPresent() || s.image().isEmpty() || s.entrypoint().isPresent()
        || !s.volumesFrom().isEmpty()) {
      return Optional.empty();
    }
    Located<String> image = s.image().get();
    if (image.value().contains("$")) return Optional.empty();
    Optional<ImageRef> ref = ImageRef.parse(image.value());
    if (ref.isEmpty()) return Optional.empty();
    Optional<BaseImage.Entrypoint> e = BaseImageCatalog.standard().entrypoint(ref.get());
    if (e.isEmpty()) return Optional.empty();
    Environment env = environment(BaseImageCatalog.standard().lookup(ref.get()), s);
    Optional<List<String>> argv = program(e.get(), s.command().map(Located::value), env);
    if (argv.isEmpty() || argv.get().isEmpty()) return Optional.empty();
    Optional<Invocation> inv = ProgramCatalog.standard().match(argv.get(),
        Optional.of(ref.get().repository()));
    if (inv.isEmpty() || inv.get().program().runs().isPresent()) return Optional.empty();
    return Optional.of(new Started(ref.get(), env, argv.get(), inv.get()));
  }

  private static Optional<Known> compute(Project project, Service s) {
    Optional<Started> started = started(s);
    if (started.isEmpty()) return Optional.empty();
    Located<String> image = s.image().get();
    ImageRef ref = started.get().ref();
    Environment env = started.get().env();
    Invocation inv = started.get().invocation();
    Range at = s.command().map(Located::range).orElse(image.range());
    String label = s.command().isPresent() ? "the command of service " + s.serviceName()
        : "the default command of image " + image.value();
    Proc proc = new Proc(started.get().argv(), new ContainerProcess.Source(label, at, false),
        List.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.of(inv), false);
    if (inv.program().names().contains("caddy")) {
      if (project == null) return Optional.empty();
      Optional<String> wd = s.workingDir().map(Located::value)
          .or(() -> BaseImageCatalog.standard().lookup(ref).map(BaseImage::workdir));
      return CaddySetup.ofService(project, s, ref.repository(), proc, inv, env, wd)
          .map(setup -> new Known(setup.listeners(), true, setup.routes()));
    }
    Optional<List<Bind>> binds = ListenArgs.of(inv, env, files(s), Proc::unknownWord);
    if (binds.isEmpty()) return Optional.empty();
    String how = proc.display() + " (" + label + ")";
    List<Listener> out = binds.get().stream().map(b -> new Listener(proc, b, at, how)).toList();
    boolean elsewhere = inv.program().listens().map(Program.Listen::alsoElsewhere).orElse(false);
    return Optional.of(new Known(out, !elsewhere, List.of()));
  }

  /**
   * The program's command line: CMD (or the service's {@code command:}) after the image's
   * ENTRYPOINT, or through its {@code exec "$@"} script with the prepend and append it does;
   * empty when that cannot be told without the image's files.
   */
  private static Optional<List<String>> program(BaseImage.Entrypoint e,
      Optional<List<String>> command, Environment env) {
    Optional<List<String>> cmd = command.or(e::cmd);
    if (cmd.isEmpty()) return Optional.empty();
    List<String> args = cmd.get();
    if (e.execs().isEmpty()) {
      List<String> all = new ArrayList<>(e.argv());
      all.addAll(args);
      return Optional.of(all);
    }
    BaseImage.Exec exec = e.execs().get();
    List<String> all = new ArrayList<>();
    if (exec.prepend().isPresent()) {
      Set<BaseImage.Condition> when = exec.when();
      String first = args.isEmpty() ? "" : args.get(0);
      // Whether `command -v` finds a word needs the image's files.
      if (when.contains(BaseImage.Condition.NOT_A_COMMAND)
          && !first.equals(exec.prepend().get())) {
        return Optional.empty();
      }
      if (when.contains(BaseImage.Condition.OPTION) && first.startsWith("-")
          || when.contains(BaseImage.Condition.CONF) && first.endsWith(".conf")) {
        all.add(exec.prepend().get());
      }
    }
    all.addAll(args);
    if (exec.appends().isPresent()) {
      String name = exec.appends().get();
      if (env.isUnknown(name)) return Optional.empty();
      Optional<String> words = env.value(name);
      if (words.isPresent() && words.get().matches(".*[\"'\\\\$`*?\\[].*")) {
        return Optional.empty();
      }
      words.filter(w -> !w.isBlank())
          .ifPresent(w -> all.addAll(List.of(w.strip().split("\\s+"))));
    }
    return Optional.of(all);
  }

  /** The image's ENV from the catalog, then the service's env_file and environment. */
  private static Environment environment(Optional<BaseImage> base, Service s) {
    Map<String, String> known = new HashMap<>(base.map(BaseImage::env).orElse(Map.of()));
    Set<String> unknown = new HashSet<>();
    for (Map.Entry<String, Located<Optional<String>>> v : s.environment().entrySet()) {
      if (v.getValue().value().isPresent()) {
        known.put(v.getKey(), v.getValue().value().get());
        unknown.remove(v.getKey());
      } else {
        unknown.add(v.getKey());
      }
    }
    return new Environment(known, unknown, s.environment().keySet());
  }

  /**
   * The image's files as it ships them, with the service's mounts and {@code configs:} over them:
   * a path may differ from the image's (and so "may exist" as a configuration of its own) when
   * one covers it or lies inside it; none can be read.
   */
  private static ListenArgs.Files files(Service s) {
    List<String> targets = new ArrayList<>();
    for (Mount m : s.volumes()) targets.add(ImageFilesystem.normalize(m.target().value()));
    for (Located<String> t : s.tmpfs()) targets.add(ImageFilesystem.normalize(t.value()));
    // A config without a target is mounted at /<name> (compose-spec services configs).
    for (FileReference c : s.configs()) {
      targets.add(ImageFilesystem.normalize(c.target().map(Located::value)
          .orElse("/" + c.source().value())));
    }
    return new ListenArgs.Files() {
      @Override
      public boolean mayExist(String path) {
        if (!path.startsWith("/")) return true;
        String p = ImageFilesystem.normalize(path);
        for (String t : targets) {
          if (p.equals(t) || p.startsWith(t.equals("/") ? "/" : t + "/")
              || t.startsWith(p + "/")) {
            return true;
          }
        }
        return false;
      }

      @Override
      public Optional<String> read(String path) {
        return Optional.empty();
      }
    };
  }
}
