package dev.berth.wiring;

import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.ImageFiles;
import dev.berth.runtime.Proc;
import dev.berth.runtime.ScriptCommands;
import dev.berth.runtime.Step;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project fact: where each container's processes listen, from the program catalog's
 * {@code listens} entries applied to their command lines, environment and configuration
 * ({@link ListenArgs}), nginx's and Caddy's configuration ({@link NginxSetup},
 * {@link CaddySetup}), and php-fpm's pools and Apache's Listen directives
 * ({@link ServerConfigs}). A process berth cannot place (a program without an entry, application
 * code such as {@code python app.py} or {@code node server.js}, a script it could not read, a value from an unset variable) makes the
 * container's listeners incomplete: rules that need to know every listener stay silent then.
 */
public final class Listeners implements dev.berth.project.FactDiagnostics {
  /** Processes beyond this mean the process list may have been cut short. */
  private static final int MAX_PROCESSES = 64;

  private final Project project;
  private final Map<Container, Of> cache = Collections.synchronizedMap(new IdentityHashMap<>());
  private final List<dev.berth.source.Diagnostic> diagnostics =
      Collections.synchronizedList(new ArrayList<>());

  private Listeners(Project project) {
    this.project = project;
  }

  public static Listeners of(Project project) {
    return project.fact(Listeners.class, Listeners::new);
  }

  /**
   * The listeners of one container.
   *
   * @param unknown the processes whose listeners berth does not know
   * @param routes where its proxies (nginx) send requests, when written literally
   * @param settings for each nginx process whose configuration berth read, the directives of its
   *     main and http contexts ({@link NginxSetup.Setup#settings})
   */
  public record Of(Container container, List<Listener> listeners, List<Proc> unknown,
      List<ProxyRoute> routes, Map<Proc, Map<String, List<String>>> settings) {
    public Of {
      listeners = List.copyOf(listeners);
      unknown = List.copyOf(unknown);
      routes = List.copyOf(routes);
      settings = Map.copyOf(settings);
    }

    /** Every process of the container is placed: nothing listens beyond {@link #listeners}. */
    public boolean complete() {
      return unknown.isEmpty();
    }

    /** The listeners on TCP port {@code port}. */
    public List<Listener> on(int port) {
      return listeners.stream().filter(l -> l.bind().tcpPort().orElse(-1) == port).toList();
    }
  }

  /** The listeners of {@code c}, computed once. */
  public Of of(Container c) {
    Of known = cache.get(c);
    if (known != null) return known;
    Of made = compute(c);
    cache.putIfAbsent(c, made);
    return cache.get(c);
  }

  /** The listeners of every container of the project. */
  public List<Of> all() {
    List<Of> out = new ArrayList<>();
    for (Container c : Containers.of(project).all()) out.add(of(c));
    return out;
  }

  private Of compute(Container c) {
    List<Listener> listeners = new ArrayList<>();
    List<Proc> unknown = new ArrayList<>();
    List<ProxyRoute> routes = new ArrayList<>();
    Map<Proc, Map<String, List<String>>> settings = new java.util.HashMap<>();
    List<Proc> procs = c.processes();
    if (procs.isEmpty() || procs.size() >= MAX_PROCESSES) {
      // Nothing berth can follow runs, or the list was cut short.
      return new Of(c, List.of(), procs.isEmpty() ? List.of(placeholder(c)) : procs, List.of(),
          Map.of());
    }
    for (Proc p : procs) {
      Optional<Invocation> inv = p.program();
      // A container kept up by an idle command (`tail -f /dev/null`, `sleep infinity`) is a box
      // for `docker exec`: its servers are started by hand, which berth cannot see.
      if (inv.isEmpty() && ScriptCommands.standard().idles(p.name(), p.argv())) {
        unknown.add(p);
        continue;
      }
      // A builtin, file tool or client a script runs in the foreground returns: no listener.
      if (inv.isEmpty() && !p.argv().isEmpty() && ScriptCommands.standard().notServer(p.name(), p.argv())) {
        continue;
      }
      // java -jar of a Spring Boot web application built in the project.
      if (inv.isEmpty() && p.name().equals("java")) {
        Optional<List<Bind>> boot = SpringBootApp.of(project, c, p);
        if (boot.isPresent()) {
          for (Bind b : boot.get()) {
            String jar = p.argv().get(p.argv().indexOf("-jar") + 1);
            listeners.add(new Listener(p, b, origin(p), "Spring Boot (java -jar " + jar + ")"));
          }
          continue;
        }
      }
      if (inv.isEmpty()) {
        if (!followed(p, procs, " is this script")) unknown.add(p);
        continue;
      }
      Optional<Program.Runs> runs = inv.get().program().runs();
      if (runs.isPresent()) {
        switch (runs.get()) {
          case ARGUMENTS, USER_THEN_ARGUMENTS, SHELL -> { }
          case INTERPRETER -> {
            // it runs application code, unknown, unless it listens itself besides a module or a
            // program berth knows, which is a process of its own (debugpy --listen 0.0.0.0:5678
            // -m flask run: debugpy's port here, flask's from its own entry)
            boolean ownListener = inv.get().program().listens().isPresent();
            Optional<List<Bind>> own = ownListener
                ? ListenArgs.of(inv.get(), c.envOf(p), files(c, p), Proc::unknownWord)
                : Optional.empty();
            own.ifPresent(binds -> binds.forEach(b -> listeners.add(
                new Listener(p, b, origin(p), p.display()))));
            if (!ownListener || own.isEmpty() || !runsKnownChild(inv.get())) unknown.add(p);
          }
          case SCRIPT -> {
            if (!followed(p, procs, null)) unknown.add(p);
          }
          case SUPERVISOR, SCANDIR -> {
            if (!p.fsKnown()) unknown.add(p);
          }
        }
        continue;
      }
      // Proxies whose listeners and routes come from their configuration files.
      if (p.name().equals("nginx") || p.name().equals("caddy")) {
        Optional<NginxSetup.Setup> setup = p.name().equals("nginx")
            ? NginxSetup.of(project, c, p, diagnostics::add)
            : CaddySetup.of(project, c, p, inv.get(), diagnostics::add);
        if (setup.isEmpty()) {
          unknown.add(p);
        } else {
          listeners.addAll(setup.get().listeners());
          routes.addAll(setup.get().routes());
          if (p.name().equals("nginx")) settings.put(p, setup.get().settings());
        }
        continue;
      }
      // php-fpm's pools and Apache's Listen directives, read from their own configuration.
      Optional<String> reader = inv.get().program().listens().flatMap(Program.Listen::configReader);
      // On the images whose configuration berth knows, that answer is final (unknown or not).
      if (reader.isPresent() && ServerConfigs.knows(c, reader.get())) {
        Optional<List<Listener>> read = ServerConfigs.of(project, c, p, inv.get(), reader.get());
        if (read.isEmpty()) unknown.add(p);
        read.ifPresent(listeners::addAll);
        continue;
      }
      Optional<List<Listener>> found = ListenArgs.of(inv.get(), c.envOf(p), files(c, p), Proc::unknownWord)
              .map(binds -> binds.stream().map(b -> new Listener(p, b, origin(p), p.display()))
                  .toList());
      if (found.isEmpty()) {
        unknown.add(p);
        continue;
      }
      listeners.addAll(found.get());
      // Known ports, but perhaps not all of them (rabbitmq's management plugin).
      if (inv.get().program().listens().map(Program.Listen::alsoElsewhere).orElse(false)) unknown.add(p);
    }
    return new Of(c, listeners, unknown, routes, settings);
  }

  /**
   * The interpreter runs a module or a program the catalog knows (debugpy ... -m flask run: flask
   * is then a process of its own, judged by its own entry), not a script of the application.
   */
  private static boolean runsKnownChild(dev.berth.programs.Invocation inv) {
    if (inv.module() >= 0) return true;
    List<Integer> ops = inv.operands();
    if (ops.isEmpty()) return false;
    String first = inv.argv().get(ops.get(0));
    String base = first.substring(first.lastIndexOf('/') + 1);
    return dev.berth.programs.ProgramCatalog.standard().names(base);
  }

  @Override
  public List<dev.berth.source.Diagnostic> diagnostics() {
    synchronized (diagnostics) {
      return List.copyOf(new java.util.LinkedHashSet<>(diagnostics));
    }
  }

  /** Where a process's command line is written: the last step of its chain, or its source. */
  public static Range origin(Proc p) {
    return p.chain().isEmpty() ? p.source().range() : p.chain().get(p.chain().size() - 1).at();
  }

  /**
   * A wrapper whose own programs berth followed: an entrypoint script it read, a package.json
   * script it found. Their processes come after it with its chain and one more step.
   */
  private static boolean followed(Proc p, List<Proc> procs, String scriptSuffix) {
    int n = p.chain().size();
    for (Proc q : procs) {
      if (q == p || q.chain().size() <= n || !q.chain().subList(0, n).equals(p.chain())) continue;
      if (!q.source().equals(p.source())) continue;
      Step next = q.chain().get(n);
      if (scriptSuffix != null && !p.argv().isEmpty()
          && next.what().equals(p.argv().get(0) + scriptSuffix)) {
        return true;
      }
      if (scriptSuffix == null && next.what().startsWith("package.json")) return true;
    }
    return false;
  }

  /** A container with no process stands for itself as unknown. */
  private static Proc placeholder(Container c) {
    return new Proc(List.of(), new dev.berth.image.ContainerProcess.Source("the image",
        c.stage().stage().from().range(), false), List.of(), Optional.empty(), Optional.empty(),
        Map.of(), Optional.empty(), false);
  }

  /** The container's files as {@code p} sees them, relative to its working directory. */
  private ListenArgs.Files files(Container c, Proc p) {
    Optional<String> wd = c.workdirOf(p);
    return new ListenArgs.Files() {
      @Override
      public boolean mayExist(String path) {
        Optional<String> abs = absolute(path);
        if (abs.isEmpty() || !p.fsKnown() || mounted(c, abs.get())) return true;
        return c.view().filesystem().lookup(abs.get()).exists() != Answer.NO;
      }

      @Override
      public Optional<String> read(String path) {
        Optional<String> abs = absolute(path);
        // A start script's sed -i before the program starts changes what the file says.
        if (abs.isEmpty() || !p.fsKnown() || mounted(c, abs.get())
            || c.editedAtStart().contains(abs.get())) {
          return Optional.empty();
        }
        return ImageFiles.read(project, c, abs.get()).map(ImageFiles.Content::text);
      }

      private Optional<String> absolute(String path) {
        if (path.startsWith("/")) return Optional.of(ImageFilesystem.normalize(path));
        return wd.map(w -> ImageFilesystem.resolve(w, path));
      }
    };
  }

  /** A mount covers {@code path}: its content is not the image's. */
  static boolean mounted(Container c, String path) {
    for (ContainerView.Mount m : c.view().mounts()) {
      String t = ImageFilesystem.normalize(m.target());
      if (path.equals(t) || path.startsWith(t.equals("/") ? "/" : t + "/")) return true;
    }
    return false;
  }
}
