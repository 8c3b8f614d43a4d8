package dev.berth.runtime;

import dev.berth.context.BuildContext;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.evidence.PackageScripts;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows what a container runs, from its ENTRYPOINT/CMD (or Compose override) down to the
 * programs that do the work: wrappers from the program catalog (tini, gosu, {@code uv run}),
 * {@code sh -c} scripts, entrypoint scripts read from the image (what they run before
 * {@code exec "$@"}), package.json scripts ({@code npm run dev}, {@code npm start}),
 * {@code python -m}, and supervisord's {@code [program:x]} sections. Bounded: at most
 * {@link #MAX_PROCESSES} programs, {@link #MAX_DEPTH} levels; beyond that, what runs is unknown.
 */
final class Processes {
  static final int MAX_PROCESSES = 64;
  static final int MAX_DEPTH = 8;
  private static final int MAX_PENDING = 256;
  /** An argument whose value is not known: its raw text follows. */
  static final String UNKNOWN = "\u0000";

  /** Builtins, utilities and clients a script runs that are not servers (cited catalog data). */
  private static final ScriptCommands COMMANDS = ScriptCommands.standard();

  /** What the resolver needs from the container. */
  record Setting(Project project, Dockerfile dockerfile, StageSimulation stage, ContainerView view,
      Environment env, List<BuildContext> contexts, Optional<String> image,
      ProgramCatalog catalog) {}

  /** @param background started in the background ({@code cmd &}), or by such a process */
  private record Pending(List<String> argv, ContainerProcess.Source source, List<Step> chain,
      Optional<String> user, Optional<String> workdir, Map<String, String> env, int depth,
      boolean fsKnown, boolean background) {}

  private final Setting s;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final List<Proc> out = new ArrayList<>();
  /** An entrypoint script or a configuration (supervisord, uWSGI) says the container switches users. */
  boolean scriptDropsPrivileges;
  /** A script ran a command that only prints or waits (dropped, not kept as a process). */
  private boolean inertSeen;
  /** A script held text berth could not parse. */
  private boolean unknownSeen;
  /** A script ran chown or chgrp (which only root may do to give files away). */
  private boolean ownersChanged;
  /** The first system file a start script writes as the container's user, if any. */
  private Optional<String> systemWrite = Optional.empty();
  /** The chmods the scripts run unconditionally before the programs they start. */
  private final List<ModeAtStart> modes = new ArrayList<>();
  /** The processes that are shell scripts berth read and followed. */
  private final Set<Proc> scripts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Files a script edits in place before the programs it starts ({@code sed -i}). */
  private final Set<String> edited = new HashSet<>();

  private Processes(Setting s) {
    this.s = s;
  }

  /**
   * What a container runs: its programs in the order they start, and what its scripts do on the
   * way.
   *
   * @param scriptDropsPrivileges a script drops privileges
   * @param printsOnly no process was kept, and the scripts the command ran (all parsed, none
   *     left unread by the limits) held commands that only print or wait: nothing of the
   *     container's own runs
   * @param changesOwnersOnly the command's scripts (all parsed, none left unread by the limits)
   *     started no program and changed the owner of files (chown, chgrp): a one-off job whose
   *     work only root can do (chown(2): only a privileged process may give a file away)
   * @param modes the chmods the scripts run before their programs ({@link ModeAtStart})
   * @param everyProgramKnown each process is a program the catalog knows or a script berth read
   *     in full (nothing left unread by the limits or unparsed)
   */
  record Result(List<Proc> processes, boolean scriptDropsPrivileges, Set<String> edited,
      boolean printsOnly, boolean changesOwnersOnly, List<ModeAtStart> modes,
      Optional<String> systemWrite, boolean everyProgramKnown) {}

  /** Commands whose last operand is a file they write: ln, cp, mv, touch, install. */
  private static final Set<String> WRITES_LAST = Set.of("ln", "cp", "mv", "touch", "install");

  /**
   * A system file the command writes ({@link #systemFile}): a redirection to it, tee's operand,
   * or the target of ln, cp, mv, touch, install. /etc is root's in every base image (and
   * /etc/hosts, /etc/resolv.conf are files Docker mounts root-owned): a start script that writes
   * one leans on root
   * (dbgate's `echo "$HOST_IP dockerhost" >> /etc/hosts`, chia-docker's
   * `ln -snf "/usr/share/zoneinfo/$TZ" /etc/localtime`).
   */
  private static Optional<String> systemWrite(SimpleCommand c, String name, List<String> words) {
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.operator().contains(">") && systemFile(r.target().raw())) {
        return Optional.of(r.target().raw());
      }
    }
    if (name.equals("tee")) {
      return words.stream().skip(1).filter(Processes::systemFile).findFirst();
    }
    if (WRITES_LAST.contains(name) && words.size() > 2
        && systemFile(words.get(words.size() - 1))) {
      return Optional.of(words.get(words.size() - 1));
    }
    return Optional.empty();
  }

  /**
   * A file right in /etc ({@code /etc/hosts}, {@code /etc/localtime}, {@code /etc/timezone}): the
   * system's own. A directory below it holds an application's configuration, which an image may
   * give its user (docker-hadoop's entrypoint writes /etc/hadoop/*.xml; a chown would do).
   */
  private static boolean systemFile(String path) {
    return path.startsWith("/etc/") && path.length() > 5 && path.indexOf('/', 5) < 0
        && !path.contains("$");
  }

  static Result resolve(Setting s, Optional<ContainerProcess> process) {
    Processes r = new Processes(s);
    if (process.isEmpty()) {
      return new Result(List.of(), false, Set.of(), false, false, List.of(), Optional.empty(),
          false);
    }
    ContainerProcess p = process.get();
    int i = p.programIndex();
    if (i >= p.argv().size()) {
      return new Result(List.of(), false, Set.of(), false, false, List.of(), Optional.empty(),
          false);
    }
    r.queue.add(new Pending(p.argv().subList(i, p.argv().size()), p.source(i), List.of(),
        Optional.empty(), Optional.empty(), Map.of(), 0, true, false));
    int pending = 0;
    while (!r.queue.isEmpty() && r.out.size() < MAX_PROCESSES && pending++ < MAX_PENDING) {
      r.expand(r.queue.poll());
    }
    // a queue cut short by the limits leaves what it held unknown: not printsOnly
    return new Result(List.copyOf(r.out), r.scriptDropsPrivileges, Set.copyOf(r.edited),
        r.out.isEmpty() && r.queue.isEmpty() && r.inertSeen && !r.unknownSeen,
        r.queue.isEmpty() && r.ownersChanged && !r.unknownSeen && !r.out.isEmpty()
            && r.out.stream().allMatch(r.scripts::contains), List.copyOf(r.modes),
        r.systemWrite,
        r.queue.isEmpty() && !r.unknownSeen && !r.out.isEmpty() && r.out.stream()
            .allMatch(q -> q.program().isPresent() || r.scripts.contains(q)));
  }

  private void expand(Pending p) {
    List<String> argv = p.argv();
    if (argv.isEmpty()) return;
    if (argv.get(0).startsWith(UNKNOWN)) {
      // A program named by a variable berth cannot resolve: something unknown runs here.
      out.add(new Proc(argv, p.source(), p.chain(), p.user(), p.workdir(), p.env(),
          Optional.empty(), false, p.background()));
      return;
    }
    Optional<Invocation> inv = s.catalog().match(argv, s.image());
    if (inv.isPresent() && inv.get().printsOnly()) {
      // an interpreter told only to print a greeting runs nothing of the image's own
      inertSeen = true;
      return;
    }
    if (inv.isPresent() && toldToDropPrivileges(p, inv.get())) scriptDropsPrivileges = true;
    Proc self = new Proc(argv, p.source(), p.chain(), p.user(), p.workdir(), p.env(), inv,
        p.fsKnown(), p.background());
    if (p.depth() >= MAX_DEPTH) {
      out.add(self);
      return;
    }
    Optional<Program.Runs> runs = inv.flatMap(i -> i.program().runs());
    if (runs.isEmpty()) {
      if (!entrypointScript(p, inv.isPresent())) out.add(self);
      return;
    }
    Invocation i = inv.get();
    switch (runs.get()) {
      case ARGUMENTS -> {
        out.add(self);
        int at = i.commandStart();
        if (at < 0) return;
        Map<String, String> env = new HashMap<>(p.env());
        if (self.name().equals("env")) {
          for (int k = 1; k < at; k++) {
            String a = argv.get(k);
            int eq = a.indexOf('=');
            if (eq > 0 && !a.startsWith("-")) env.put(a.substring(0, eq), a.substring(eq + 1));
          }
        }
        // runuser -u, setpriv --reuid, chpst -u, sudo -u: the command runs as that user.
        child(p, argv.subList(at, argv.size()), i.userOption().or(p::user), p.workdir(), env,
            p.fsKnown(), Optional.empty());
      }
      case USER_THEN_ARGUMENTS -> {
        out.add(self);
        int at = i.commandStart();
        if (at < 0) return;
        child(p, argv.subList(at, argv.size()), i.switchesTo(), p.workdir(), p.env(),
            p.fsKnown(), Optional.empty());
      }
      case SHELL -> shell(p, i);
      case INTERPRETER -> interpreter(p, i, self);
      case SCRIPT -> packageScript(p, i, self);
      case SUPERVISOR -> supervisor(p, i, self);
      case SCANDIR -> scandir(p, i, self);
    }
  }

  private void child(Pending p, List<String> argv, Optional<String> user, Optional<String> wd,
      Map<String, String> env, boolean fsKnown, Optional<Step> step) {
    child(p, argv, user, wd, env, fsKnown, step, false);
  }

  /** @param background the script starts it in the background ({@code cmd &}) */
  private void child(Pending p, List<String> argv, Optional<String> user, Optional<String> wd,
      Map<String, String> env, boolean fsKnown, Optional<Step> step, boolean background) {
    List<Step> chain = p.chain();
    if (step.isPresent()) {
      chain = new ArrayList<>(p.chain());
      chain.add(step.get());
    }
    queue.add(new Pending(List.copyOf(argv), p.source(), chain, user, wd, Map.copyOf(env),
        p.depth() + 1, fsKnown, p.background() || background));
  }

  private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh",
      "ksh", "mksh");

  /**
   * {@code sh -c 'script' [$0 args...]} or {@code sh script.sh args}; {@code su -c 'script' USER}
   * runs the script as USER, and a su without {@code -c} runs a login shell berth cannot follow.
   */
  private void shell(Pending p, Invocation i) {
    List<String> argv = p.argv();
    Optional<String> user = i.userOption();
    if (user.isPresent()) {
      // A login shell starts in the user's home, which berth does not look up here: unknown.
      Optional<String> wd = i.login() ? Optional.of(UNKNOWN + "~" + user.get()) : p.workdir();
      p = new Pending(argv, p.source(), p.chain(), user, wd, p.env(), p.depth(), p.fsKnown(),
          p.background());
    }
    // A shell takes options only before its script operand: `bash /entrypoint.sh supervisord -c
    // conf` runs the script with the rest as its arguments (iredmail). su's getopt also reads
    // options after the user (`su postgres -c '...'`).
    String exe = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    boolean optionsFirst = POSIX_SHELLS.contains(exe);
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      if (optionsFirst && !a.startsWith("-") && !a.startsWith("+")) break;
      // -o pipefail, -O extglob, --rcfile FILE: the next word is the option's value
      if (optionsFirst && (a.matches("[-+][A-Za-z]*[oO]") || a.equals("--rcfile")
          || a.equals("--init-file"))) {
        k++;
        continue;
      }
      if (a.startsWith("-") && !a.startsWith("--") && a.endsWith("c") && k + 1 < argv.size()) {
        List<String> args = k + 3 <= argv.size() ? argv.subList(k + 3, argv.size()) : List.of();
        script(p, argv.get(k + 1), Optional.empty(), args, Optional.empty());
        return;
      }
    }
    if (i.program().dropsPrivilegesWith().filter(Program.UserSetting::operand).isPresent()) {
      out.add(new Proc(argv, p.source(), p.chain(), p.user(), p.workdir(), p.env(),
          Optional.empty(), false, p.background()));
      return;
    }
    Optional<String> file = i.operand(0);
    if (file.isEmpty()) return;
    List<String> rest = argv.subList(argv.indexOf(file.get()) + 1, argv.size());
    List<String> asScript = new ArrayList<>();
    // POSIX sh reads a command_file without a slash from the working directory first (and only
    // may search PATH after): `sh start.sh` runs ./start.sh, not a start.sh on PATH.
    asScript.add(file.get().contains("/") ? file.get() : "./" + file.get());
    asScript.addAll(rest);
    if (!entrypointScript(new Pending(asScript, p.source(), p.chain(), p.user(), p.workdir(),
        p.env(), p.depth(), p.fsKnown(), p.background()), false)) {
      out.add(new Proc(asScript, p.source(), p.chain(), p.user(), p.workdir(), p.env(),
          Optional.empty(), false, p.background()));
    }
  }

  /** {@code python -m module ...}, {@code python manage.py ...}; a plain script runs app code. */
  private void interpreter(Pending p, Invocation i, Proc self) {
    List<String> argv = p.argv();
    int m = i.module();
    // an interpreter that listens itself (debugpy --listen 0.0.0.0:5678 -m flask run) is a
    // process of its own beside what it runs
    boolean listening = i.program().listens().isPresent();
    if (listening && m > 0) out.add(self);
    if (m > 0) {
      child(p, argv.subList(m, argv.size()), p.user(), p.workdir(), p.env(), p.fsKnown(),
          Optional.empty());
      return;
    }
    List<Integer> ops = i.operands();
    if (!ops.isEmpty()) {
      String script = argv.get(ops.get(0));
      String base = script.substring(script.lastIndexOf('/') + 1);
      if (s.catalog().names(base)) {
        if (listening) out.add(self);
        child(p, argv.subList(ops.get(0), argv.size()), p.user(), p.workdir(), p.env(),
            p.fsKnown(), Optional.empty());
        return;
      }
    }
    out.add(self);
  }

  /** {@code npm start}, {@code npm run X}, {@code yarn X}, {@code pnpm run X}. */
  private void packageScript(Pending p, Invocation i, Proc self) {
    out.add(self);
    String tool = self.name();
    Optional<String> first = i.operand(0);
    if (first.isEmpty()) return;
    String name;
    if (first.get().equals("run") || first.get().equals("run-script")) {
      Optional<String> second = i.operand(1);
      if (second.isEmpty()) return;
      name = second.get();
    } else if (tool.equals("npm") && first.get().equals("rum") || first.get().equals("urn")) {
      name = i.operand(1).orElse("");
    } else {
      name = first.get();
    }
    String wd = p.workdir().or(() -> s.view().workdir()).orElse(null);
    if (wd == null || wd.startsWith(UNKNOWN)) return;
    Optional<ImageFiles.Content> pkg = read(ImageFilesystem.resolve(wd, "package.json"));
    if (pkg.isEmpty()) return;
    Optional<PackageScripts> scripts = PackageScripts.parse(pkg.get().text(), pkg.get().file());
    if (scripts.isEmpty()) return;
    Map<String, String> env = new HashMap<>(p.env());
    String bin = ImageFilesystem.resolve(wd, "node_modules/.bin");
    String path = s.env().value("PATH").orElse(null);
    if (path != null) env.put("PATH", bin + ":" + path);
    Optional<PackageScripts.Script> main = scripts.get().script(name);
    if (main.isEmpty()) {
      // npm start with no start script runs node server.js (docs.npmjs.com npm-start).
      if (tool.equals("npm") && name.equals("start")) {
        child(p, List.of("node", "server.js"), p.user(), p.workdir(), env, p.fsKnown(),
            Optional.of(new Step(pkg.get().file().map(f -> Range.wholeFile(f.path()))
                .orElse(pkg.get().placedBy()), "package.json has no start script, so npm start runs node server.js")));
      }
      return;
    }
    // npm and yarn run pre<name> and post<name> around a script; pnpm does not by default.
    List<String> order = tool.equals("pnpm") ? List.of(name) : List.of("pre" + name, name, "post" + name);
    for (String n : order) {
      Optional<PackageScripts.Script> sc = scripts.get().script(n);
      if (sc.isEmpty()) continue;
      Step step = new Step(sc.get().at(), "package.json script " + n + " runs " + sc.get().command());
      List<Step> chain = new ArrayList<>(p.chain());
      chain.add(step);
      Pending inner = new Pending(List.of(), p.source(), chain, p.user(), Optional.of(wd), env,
          p.depth() + 1, p.fsKnown(), p.background());
      script(inner, sc.get().command(), Optional.empty(), List.of(), Optional.empty());
    }
  }

  /**
   * A program that switches users only when told to (uWSGI) is told a user other than root: by
   * its option ({@code --uid app}) or by its ini file ({@code uid = app}), read from the image as
   * the project puts it there. An ini file berth cannot read says nothing.
   */
  private boolean toldToDropPrivileges(Pending p, Invocation i) {
    Optional<Program.UserSetting> with = i.program().dropsPrivilegesWith();
    if (with.isEmpty()) return false;
    if (i.userOption().filter(Processes::notRoot).isPresent()) return true;
    Optional<String> ini = i.optionValue(with.get().ini());
    // A URL, a variable berth cannot resolve, or an unknown working directory: unknown.
    if (ini.isEmpty() || ini.get().contains("://") || ini.get().startsWith(UNKNOWN)) return false;
    int colon = ini.get().lastIndexOf(':');
    String file = colon < 0 ? ini.get() : ini.get().substring(0, colon);
    String section = colon < 0 ? with.get().section() : ini.get().substring(colon + 1);
    String wd = p.workdir().or(() -> s.view().workdir()).orElse("/");
    if (wd.startsWith(UNKNOWN) && !file.startsWith("/")) return false;
    return read(ImageFilesystem.resolve(wd, file))
        .flatMap(c -> iniValue(c.text(), section, with.get().keys()))
        .filter(Processes::notRoot).isPresent();
  }

  /**
   * The text of {@code path} in the image, as the project puts it there; empty (unknown) when a
   * command before this point edited it in place ({@code sed -i}).
   */
  private Optional<ImageFiles.Content> read(String path) {
    String target = ImageFilesystem.normalize(path);
    return edited.contains(target) ? Optional.empty()
        : ImageFiles.read(s.project(), s.dockerfile(), s.stage(), s.contexts(), target);
  }

  private static boolean notRoot(String user) {
    return !Invocation.root(user) && !user.startsWith(UNKNOWN);
  }


  /**
   * The value of the first of {@code keys} set in {@code [section]} of an ini file
   * ({@code key = value}; {@code #} and {@code ;} start comment lines).
   */
  static Optional<String> iniValue(String text, String section, List<String> keys) {
    String current = "";
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
      if (t.startsWith("[") && t.endsWith("]")) {
        current = t.substring(1, t.length() - 1).strip();
        continue;
      }
      int eq = t.indexOf('=');
      if (eq > 0 && current.equals(section) && keys.contains(t.substring(0, eq).strip())
          && !t.substring(eq + 1).isBlank()) {
        return Optional.of(t.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** supervisord: its own writes, then each {@code [program:x]} as a process of its own. */
  private void supervisor(Pending p, Invocation i, Proc self) {
    String wd = p.workdir().or(() -> s.view().workdir()).orElse("/");
    List<String> candidates = new ArrayList<>();
    Optional<String> given = i.optionValue(List.of("-c", "--configuration"));
    if (given.isPresent()) {
      candidates.add(ImageFilesystem.resolve(wd, given.get()));
    } else {
      candidates.addAll(List.of(ImageFilesystem.resolve(wd, "supervisord.conf"),
          ImageFilesystem.resolve(wd, "etc/supervisord.conf"), "/etc/supervisord.conf",
          "/etc/supervisor/supervisord.conf"));
    }
    Optional<ImageFiles.Content> conf = Optional.empty();
    for (String c : candidates) {
      conf = read(c);
      if (conf.isPresent() || given.isPresent() || edited.contains(c)) break;
    }
    if (conf.isEmpty()) {
      out.add(new Proc(self.argv(), self.source(), self.chain(), self.user(), self.workdir(),
          self.env(), self.program(), false, self.background()));
      return;
    }
    SupervisorConfig config = SupervisorConfig.parse(conf.get().text(), conf.get().file(),
        conf.get().placedBy());
    // The configuration's logfile and pidfile are what -l and -j would say.
    List<String> argv = new ArrayList<>(p.argv());
    addOption(argv, i, List.of("-l", "--logfile"), config.supervisord().get("logfile"));
    addOption(argv, i, List.of("-j", "--pidfile"), config.supervisord().get("pidfile"));
    Optional<String> mainUser = Optional.ofNullable(config.supervisord().get("user"))
        .filter(u -> !u.isBlank()).or(p::user);
    out.add(new Proc(argv, p.source(), p.chain(), mainUser, p.workdir(), p.env(),
        s.catalog().match(argv, s.image()), p.fsKnown() && config.complete(), p.background()));
    for (SupervisorConfig.ProgramSection section : config.programs()) {
      Optional<String> command = section.get("command");
      if (command.isEmpty()) continue;
      Optional<String> user = section.get("user").or(() -> mainUser);
      if (section.get("user").filter(u -> !Invocation.root(u)).isPresent()) scriptDropsPrivileges = true;
      Optional<String> dir = section.get("directory").map(d -> ImageFilesystem.resolve(wd, d));
      Map<String, String> env = new HashMap<>(p.env());
      section.get("environment").ifPresent(e -> env.putAll(SupervisorConfig.environment(e)));
      Step step = new Step(section.commandAt(), "supervisord starts [program:" + section.name()
          + "] here" + user.map(u -> " as " + u).orElse(""));
      List<Step> chain = new ArrayList<>(p.chain());
      chain.add(step);
      Pending inner = new Pending(List.of(), p.source(), chain, user, dir.or(p::workdir), env,
          p.depth() + 1, p.fsKnown() && config.complete(), p.background());
      // supervisord splits the command like a shell (shlex), without running one.
      script(inner, command.get(), Optional.empty(), List.of(), Optional.of(section.name()));
    }
  }

  /**
   * s6-svscan: each service directory of its scan directory (its operand, else its working
   * directory; names starting with a dot are skipped) runs its {@code run} file as a process
   * of its own, as the supervisor's user. The directories and run files are read from the image
   * as the project puts them there; when they cannot be, what the services run is unknown.
   * A program with a fixed scan directory (phusion my_init: /etc/service) runs its operands too.
   */
  private void scandir(Pending p, Invocation i, Proc self) {
    Optional<String> wd = p.workdir().or(() -> s.view().workdir())
        .filter(w -> !w.startsWith(UNKNOWN));
    Optional<String> fixed = i.program().scanDir();
    Optional<String> operand = fixed.isPresent() ? Optional.empty() : i.operand(0);
    Optional<String> dir = fixed.isPresent() ? fixed : operand.isPresent()
        ? operand.filter(o -> !o.startsWith(UNKNOWN) && (o.startsWith("/") || wd.isPresent()))
            .map(o -> ImageFilesystem.resolve(wd.orElse("/"), o))
        : wd;
    Optional<List<String>> names = dir.flatMap(d -> ImageFiles.names(s.project(), s.dockerfile(),
        s.stage(), s.contexts(), d));
    List<Runnable> services = new ArrayList<>();
    boolean known = names.isPresent();
    for (String name : names.orElse(List.of())) {
      if (name.startsWith(".")) continue;
      String run = ImageFilesystem.resolve(dir.get(), name + "/run");
      Optional<ImageFiles.Content> content = ImageFiles.read(s.project(), s.dockerfile(),
          s.stage(), s.contexts(), run);
      Optional<String> text = content.map(ImageFiles.Content::text);
      boolean shell = text.filter(t -> isShellScript(t, "run")).isPresent();
      Optional<String> execline = text.filter(t -> !shell).flatMap(Processes::execlineCommand);
      if (!shell && execline.isEmpty()) {
        known = false;
        continue;
      }
      Range at = content.get().file().map(f -> Range.wholeFile(f.path()))
          .orElse(content.get().placedBy());
      List<Step> chain = new ArrayList<>(p.chain());
      chain.add(new Step(at, self.name() + " starts service " + name + " with " + run));
      Pending inner = new Pending(List.of(run), p.source(), chain, p.user(), p.workdir(), p.env(),
          p.depth() + 1, p.fsKnown(), p.background());
      services.add(shell
          ? () -> script(inner, text.get(), content.get().file(), List.of(), Optional.empty())
          : () -> script(inner, execline.get(), Optional.empty(), List.of(), Optional.of(name)));
    }
    out.add(new Proc(self.argv(), self.source(), self.chain(), self.user(), self.workdir(),
        self.env(), self.program(), p.fsKnown() && known, self.background()));
    services.forEach(Runnable::run);
    int at = fixed.isPresent() ? i.commandStart() : -1;
    if (at >= 0) {
      child(p, p.argv().subList(at, p.argv().size()), p.user(), p.workdir(), p.env(),
          p.fsKnown(), Optional.empty());
    }
  }

  /**
   * The command line of an execline run script ({@code #!/bin/execlineb -P}) that is one plain
   * command: words and double-quoted strings only, which a shell splits the same way. Anything
   * else (blocks, variables, single quotes, which execline keeps as text) is unknown.
   */
  static Optional<String> execlineCommand(String text) {
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    if (!first.matches("#!\\s*\\S*/execlineb(\\s+-[PWS]+)?\\s*")) return Optional.empty();
    StringBuilder line = new StringBuilder();
    for (String l : text.substring(nl < 0 ? text.length() : nl + 1).split("\n")) {
      if (!l.strip().startsWith("#")) line.append(l).append(' ');
    }
    boolean quoted = false;
    for (char c : line.toString().toCharArray()) {
      if (c == '"') quoted = !quoted;
      else if (!quoted && "{}$'`\\;&|<>()#*?[".indexOf(c) >= 0) return Optional.empty();
      else if (quoted && "$`\\".indexOf(c) >= 0) return Optional.empty();
    }
    String command = line.toString().strip();
    return quoted || command.isEmpty() ? Optional.empty() : Optional.of(command);
  }

  private static void addOption(List<String> argv, Invocation i, List<String> names,
      String value) {
    if (value == null || value.isBlank() || i.optionValue(names).isPresent()) return;
    argv.add(names.get(0));
    argv.add(value.strip());
  }

  /**
   * An ENTRYPOINT (or {@code sh file}) that is a shell script the image got from the build
   * context or a COPY heredoc: what it runs. False when {@code p} is not such a readable script.
   */
  private boolean entrypointScript(Pending p, boolean catalogProgram) {
    String exe = p.argv().get(0);
    Optional<String> path = scriptPath(exe, p);
    if (path.isEmpty()) return false;
    Optional<ImageFiles.Content> content = read(path.get());
    if (content.isEmpty()) {
      // A file berth cannot read at a path that names a program the catalog knows
      // (/usr/sbin/nginx, /usr/sbin/dovecot under supervisord) is that program, not a script.
      if (looksLikeScript(exe) && !catalogProgram) {
        out.add(new Proc(p.argv(), p.source(), p.chain(), p.user(), p.workdir(), p.env(),
            Optional.empty(), false, p.background()));
        return true;
      }
      return false;
    }
    String text = content.get().text();
    if (!isShellScript(text, exe)) return false;
    if (dev.berth.image.EntrypointScripts.drops(text)) scriptDropsPrivileges = true;
    Proc script = new Proc(p.argv(), p.source(), p.chain(), p.user(), p.workdir(), p.env(),
        Optional.empty(), p.fsKnown(), p.background());
    out.add(script);
    scripts.add(script);
    Range at = content.get().file().map(f -> Range.wholeFile(f.path()))
        .orElse(content.get().placedBy());
    List<Step> chain = new ArrayList<>(p.chain());
    chain.add(new Step(at, exe + " is this script"));
    script(new Pending(p.argv(), p.source(), chain, p.user(), p.workdir(), p.env(), p.depth(),
        p.fsKnown(), p.background()), text, content.get().file(), p.argv().subList(1, p.argv().size()),
        Optional.empty());
    return true;
  }

  private Optional<String> scriptPath(String exe, Pending p) {
    if (exe.contains("/")) {
      Optional<String> wd = p.workdir().or(() -> s.view().workdir());
      if (!exe.startsWith("/") && wd.isEmpty()) return Optional.empty();
      return Optional.of(ImageFilesystem.resolve(wd.orElse("/"), exe));
    }
    Optional<String> path = s.env().value("PATH");
    if (path.isEmpty()) return Optional.empty();
    for (String dir : path.get().split(":")) {
      if (!dir.startsWith("/")) continue;
      String candidate = ImageFilesystem.resolve(dir, exe);
      if (s.view().filesystem().node(candidate).isPresent()) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  private static boolean looksLikeScript(String exe) {
    return exe.endsWith(".sh") || exe.contains("entrypoint") || exe.startsWith("./")
        || exe.startsWith("/");
  }

  private static boolean isShellScript(String text, String exe) {
    if (!text.startsWith("#!")) return exe.endsWith(".sh");
    int nl = text.indexOf('\n');
    String shebang = nl < 0 ? text : text.substring(0, nl);
    return shebang.matches("#!\\s*\\S*/(env\\s+)?(ba|da|a|z)?sh\\b.*");
  }

  /**
   * The commands of a shell script, in order: each program it starts becomes a process;
   * {@code cd} and assignments carry over; {@code "$@"} stands for {@code args}; a command that
   * changes files at run time makes what comes after it unknown to berth; so does a part of the
   * script the parser does not model.
   *
   * @param supervisorProgram set for a supervisord command line (split only, never run by a shell)
   */
  private void script(Pending p, String text, Optional<SourceFile> file, List<String> given,
      Optional<String> supervisorProgram) {
    ShellScript script = ShellScript.parse(text);
    List<String> args = given;
    Map<String, String> vars = new HashMap<>(p.env());
    Optional<String> wd = p.workdir();
    boolean fsKnown = p.fsKnown();
    boolean replaced = false;
    Optional<String> user = p.user();
    // regions berth does not read; a case clause whose branch is decided leaves this list
    List<ShellScript.Unparsed> unread = new ArrayList<>(script.unparsed());
    Deque<ShellScript.Case> cases = new ArrayDeque<>(supervisorProgram.isPresent()
        ? List.of() : script.cases());
    Map<String, Optional<ScriptCommands.Effect>> functions =
        supervisorProgram.isPresent() ? Map.of() : ScriptFunctions.effects(script, COMMANDS);
    List<SimpleCommand> commands = new ArrayList<>(script.commands());
    // the values a variable assigned in branches may hold, when more than one
    Map<String, Set<String>> alternatives = new HashMap<>();
    // names the script gave values berth cannot read
    Set<String> unknownNames = new HashSet<>();
    int stoppedAt = text.length();
    for (int ci = 0; ci <= commands.size(); ci++) {
      if (replaced) {
        // nothing after an unconditional exec (or exit) runs: the program replaced the shell
        stoppedAt = commands.get(ci - 1).end();
        break;
      }
      int upTo = ci < commands.size() ? commands.get(ci).start() : text.length();
      if (!cases.isEmpty() && cases.peek().span().start() < upTo) {
        ShellScript.Case clause = cases.poll();
        Optional<List<ShellScript.Branch>> taken = clause.subshell() || pipedOrBackground(text, clause)
            || repeatedSpan(script, clause.span().start())
            ? Optional.empty() : CaseBranches.taken(clause, known(lookup(vars), unknownNames), args);
        if (taken.isPresent()) {
          unread.removeIf(u -> u.start() == clause.span().start());
          for (ShellScript.Branch b : taken.get()) {
            enterBranch(text, clause, b, ci, commands, unread, cases);
          }
        }
        ci--;
        continue;
      }
      if (ci == commands.size()) break;
      SimpleCommand c = commands.get(ci);
      int start = c.start();
      if (unread.stream().anyMatch(u -> u.start() < start)) fsKnown = false;
      Map<String, String> local = new HashMap<>(vars);
      Set<String> unknownBefore = Set.copyOf(unknownNames);
      for (ShellWord a : c.assignments()) {
        int eq = a.raw().indexOf('=');
        if (eq <= 0) continue;
        String name = a.raw().substring(0, eq);
        Optional<String> v = value(a, local, eq + 1);
        if (v.isPresent()) local.put(name, v.get());
        else local.remove(name);
        // the image's ENV no longer speaks for it (MODE=$(cat /etc/mode))
        if (!c.subshell() && c.words().isEmpty()) {
          if (v.isPresent()) unknownNames.remove(name);
          else unknownNames.add(name);
        }
      }
      if (c.words().isEmpty()) {
        if (!c.subshell()) {
          for (ShellWord a : c.assignments()) {
            String name = a.raw().substring(0, Math.max(0, a.raw().indexOf('=')));
            if (name.isEmpty()) continue;
            // an unconditional value replaces every other; an unknown one leaves none to list
            if (!c.conditional() || !local.containsKey(name)) {
              alternatives.remove(name);
              continue;
            }
            // a branch's value beside the one before it or another branch's
            Set<String> values = alternatives.computeIfAbsent(name, k -> new LinkedHashSet<>());
            // the value before the branch: an earlier one, the image's, or unset (empty)
            if (values.isEmpty()) {
              if (unknownBefore.contains(name)) {
                alternatives.remove(name);
                continue;
              }
              values.add(lookup(vars).value(name).orElse(""));
            }
            values.add(local.get(name));
          }
          vars = local;
        }
        continue;
      }
      // `${exec_cmd} "$@"` (neo4j's entrypoint: exec_cmd="exec gosu neo4j:neo4j" as root, "exec"
      // otherwise): the command is the variable's words, one command per value it may hold
      List<SimpleCommand> split = splitCommandWord(c, local, alternatives);
      if (!split.isEmpty()) {
        commands.remove(ci);
        commands.addAll(ci, split);
        ci--;
        continue;
      }
      List<String> words = words(c, local, args);
      if (words.isEmpty()) continue;
      String name = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
      if (name.equals("exec") && words.size() > 1) {
        // after `&&` it runs only when the command before it succeeds (`[ "$1" = x ] && exec
        // x`); in a pipeline it runs in a subshell
        replaced |= !mayNotRun(commands, ci) && inThisShell(c);
        words = words.subList(1, words.size());
        name = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
      } else if (name.equals("exec")) {
        continue;
      }
      if (name.equals("cd")) {
        if (!c.subshell()) {
          String dir = words.size() > 1 ? words.get(1) : null;
          wd = dir == null || dir.startsWith(UNKNOWN) ? Optional.of(UNKNOWN)
              : Optional.of(ImageFilesystem.resolve(wd.or(() -> s.view().workdir()).orElse("/"), dir));
        }
        continue;
      }
      // an unconditional exit ends the script: nothing after it runs
      if (name.equals("exit") && !mayNotRun(commands, ci) && inThisShell(c)) {
        replaced = true;
        continue;
      }
      // shift [n]: "$@" loses its first n words; in a branch berth cannot decide, unknown
      if (name.equals("shift") && !c.subshell()) {
        args = afterShift(args, words, mayNotRun(commands, ci));
        continue;
      }
      // set -- prog "$@": the official images' idiom (ArgumentTests); "$@" is now these words
      if (name.equals("set") && words.size() >= 2 && words.get(1).equals("--") && !c.subshell()) {
        List<String> next = List.copyOf(words.subList(2, words.size()));
        // after `&&` it runs only when the command before it succeeds: a condition too
        boolean conditional = mayNotRun(commands, ci);
        Optional<Boolean> taken = conditional
            ? ArgumentTests.holds(text, commands, ci, args) : Optional.of(true);
        args = taken.isEmpty() ? List.of(UNKNOWN) : taken.get() ? next : args;
        continue;
      }
      if (name.equals("export") && !c.subshell()) {
        for (String w : words.subList(1, words.size())) {
          int eq = w.indexOf('=');
          if (eq > 0 && !w.startsWith(UNKNOWN)) vars.put(w.substring(0, eq), w.substring(eq + 1));
        }
        continue;
      }
      Optional<ScriptCommands.Effect> effect = COMMANDS.effect(name, words);
      if (effect.isEmpty() && functions.containsKey(name)) effect = functions.get(name);
      // before the inert ones are skipped: `cat hosts >> /etc/hosts` (omnivore's content-fetch
      // start.sh) writes with an inert command's output
      if (user.isEmpty() && systemWrite.isEmpty()) systemWrite = systemWrite(c, name, words);
      if (effect.filter(e -> e == ScriptCommands.Effect.INERT).isPresent()) {
        inertSeen = true;
        continue;
      }
      // `2>&1` is `2>&` and `1`: a descriptor duplicated, no file
      boolean redirectsToFile = c.redirects().stream().anyMatch(r -> r.operator().contains(">")
          && !r.operator().endsWith("&")
          && !r.target().raw().startsWith("&") && !r.target().raw().equals("/dev/null")
          && !r.target().raw().startsWith("/dev/std") && !r.target().raw().startsWith("/proc/self/fd"));
      if (effect.filter(e -> e == ScriptCommands.Effect.CHANGES_FILES).isPresent()) {
        fsKnown = false;
        if (name.equals("chown") || name.equals("chgrp")) ownersChanged = true;
        if (name.equals("chmod") && !c.conditional() && !c.background() && !c.subshell()
            && file.isPresent() && !replaced) {
          chmodAtStart(words, wd, file.get().range(c.start(), Math.min(file.get().text().length(),
              c.end())), user);
        }
        continue;
      }
      if (redirectsToFile) {
        fsKnown = false;
        // A command started in the background with its output sent to a file is a process that
        // keeps running, logging there (apisix-docker's `nohup etcd >/tmp/etcd.log 2>&1 &`);
        // in the foreground it is taken for one that writes that file.
        if (!c.background() || effect.isPresent()) continue;
      }
      if (effect.filter(e -> e == ScriptCommands.Effect.EDITS_FILES).isPresent()) {
        fsKnown &= edits(words, wd);
        continue;
      }
      Range at = file.map(f -> f.range(c.start(), Math.min(f.text().length(), c.end())))
          .orElse(p.chain().isEmpty() ? p.source().range() : p.chain().get(p.chain().size() - 1).at());
      Optional<Step> step = supervisorProgram.isPresent() || file.isEmpty() ? Optional.empty()
          : Optional.of(new Step(at, "runs " + String.join(" ", display(words))));
      Map<String, String> env = new HashMap<>(p.env());
      for (ShellWord a : c.assignments()) {
        int eq = a.raw().indexOf('=');
        if (eq > 0) value(a, local, eq + 1).ifPresent(v -> env.put(a.raw().substring(0, eq), v));
      }
      child(p, words, user, wd, env, fsKnown, step, c.background());
    }
    int end = stoppedAt;
    if (unread.stream().anyMatch(u -> u.start() < end)) unknownSeen = true;
  }

  /**
   * Puts the commands of the branch a case clause runs at {@code at} in {@code commands}, placed
   * in the script's text, and its own unread regions and case clauses where the walk finds them.
   */
  private static void enterBranch(String text, ShellScript.Case clause, ShellScript.Branch b,
      int at, List<SimpleCommand> commands, List<ShellScript.Unparsed> unread,
      Deque<ShellScript.Case> cases) {
    ShellScript body = ShellScript.parse(text.substring(b.body().start(), b.body().end()));
    int base = b.body().start();
    commands.addAll(at, body.commands().stream()
        .map(c -> placed(c, base, clause.conditional())).toList());
    body.unparsed().forEach(u -> unread.add(u.shifted(base)));
    List<ShellScript.Case> inner = body.cases();
    for (int k = inner.size() - 1; k >= 0; k--) {
      cases.push(inner.get(k).shifted(base, clause.conditional()));
    }
  }

  /**
   * The command at {@code ci} may not run: it is in an if/loop/case body or after {@code ||}, or
   * after {@code &&}, where it runs only when the command before it succeeds.
   */
  private static boolean mayNotRun(List<SimpleCommand> commands, int ci) {
    return commands.get(ci).conditional() || ci > 0 && commands.get(ci - 1).andThen();
  }

  /** The command runs in the script's own shell: not in a subshell, a pipeline or the background. */
  private static boolean inThisShell(SimpleCommand c) {
    return !c.subshell() && !c.background() && !c.piped();
  }

  /** {@code offset} lies in a loop, whose body may run again with other values. */
  private static boolean repeatedSpan(ShellScript script, int offset) {
    return script.repeated().stream().anyMatch(r -> offset >= r.start() && offset < r.end());
  }

  /** {@code lookup} without the names the script gave values berth cannot read. */
  private static dev.berth.image.shell.VariableLookup known(
      dev.berth.image.shell.VariableLookup lookup, Set<String> unknown) {
    return name -> unknown.contains(name) ? Optional.empty() : lookup.value(name);
  }

  /**
   * {@code case ... esac | cmd} or {@code case ... esac &}: the clause runs in a child shell, so
   * its exec replaces nothing here; berth does not read it.
   */
  private static boolean pipedOrBackground(String text, ShellScript.Case clause) {
    String after = text.substring(clause.span().end()).stripLeading()
        .replaceFirst("^(?:[0-9]?[<>]{1,2}&?[ \\t]*+[^ \\t\\n|&;]*+[ \\t]*+){0,4}", "");
    return after.startsWith("|") && !after.startsWith("||")
        || after.startsWith("&") && !after.startsWith("&&");
  }

  /** The arguments after {@code shift [n]} (POSIX: n greater than {@code $#} is an error). */
  private static List<String> afterShift(List<String> args, List<String> words, boolean conditional) {
    boolean known = args.stream().noneMatch(a -> a.startsWith(UNKNOWN));
    if (conditional || !known || words.size() > 2) return List.of(UNKNOWN);
    int n = 1;
    if (words.size() == 2) {
      if (!words.get(1).matches("[0-9]{1,3}")) return List.of(UNKNOWN);
      n = Integer.parseInt(words.get(1));
    }
    return n <= args.size() ? List.copyOf(args.subList(n, args.size())) : List.of(UNKNOWN);
  }

  /**
   * A command whose name is an unquoted variable ({@code $cmd args}, {@code ${exec_cmd} "$@"})
   * with a known value of several words, or several values from the branches that assign it: the
   * command with that word split into the value's words (POSIX field splitting on blanks), one per
   * value, each conditional when there are several. Empty when the name is no such variable.
   */
  private static List<SimpleCommand> splitCommandWord(SimpleCommand c, Map<String, String> vars,
      Map<String, Set<String>> alternatives) {
    ShellWord first = c.words().get(0);
    if (first.parts().size() != 1 || !(first.parts().get(0) instanceof ShellWord.Param p)
        || p.quoted()) {
      return List.of();
    }
    Set<String> values = alternatives.containsKey(p.name()) ? alternatives.get(p.name())
        : vars.containsKey(p.name()) ? Set.of(vars.get(p.name())) : Set.of();
    if (values.isEmpty() || values.size() == 1 && !values.iterator().next().strip().contains(" ")) {
      return List.of();
    }
    List<SimpleCommand> out = new ArrayList<>();
    for (String v : values) {
      List<ShellWord> words = new ArrayList<>();
      for (String w : v.strip().split("[ \t\n]+")) {
        if (w.isEmpty()) continue;
        words.add(new ShellWord(w, List.of(new ShellWord.Literal(w, false)), first.start(),
            first.end(), true));
      }
      words.addAll(c.words().subList(1, c.words().size()));
      if (words.isEmpty()) continue;
      out.add(new SimpleCommand(c.assignments(), words, c.redirects(),
          c.conditional() || values.size() > 1, c.failureTolerated(), c.background(),
          c.subshell(), c.piped(), c.andThen(), c.start(), c.end(), c.shell()));
    }
    return out;
  }

  /** A command of a case branch's body, placed in the script's text. */
  private static SimpleCommand placed(SimpleCommand c, int base, boolean conditional) {
    return new SimpleCommand(c.assignments().stream().map(w -> w.shifted(base)).toList(),
        c.words().stream().map(w -> w.shifted(base)).toList(),
        c.redirects().stream().map(r -> new SimpleCommand.Redirect(r.operator(),
            r.target().shifted(base))).toList(),
        c.conditional() || conditional, c.failureTolerated(), c.background(), c.subshell(),
        c.piped(), c.andThen(), c.start() + base, c.end() + base, c.shell());
  }

  /**
   * Records a start script's {@code chmod [-R] MODE PATH...} with known absolute paths (relative
   * ones against a known working directory); any other option or an unknown operand: nothing.
   */
  private void chmodAtStart(List<String> words, Optional<String> wd, Range at,
      Optional<String> user) {
    boolean recursive = false;
    int k = 1;
    // options until the mode (a mode such as -w also starts with a dash)
    for (; k < words.size() && words.get(k).startsWith("-")
        && !words.get(k).matches("-[rwxXst]+"); k++) {
      String o = words.get(k);
      if (o.equals("-R") || o.equals("--recursive")) recursive = true;
      else if (!o.matches("-[vfc]+|--verbose|--silent|--quiet|--changes")) return;
    }
    if (k + 1 >= words.size() || words.get(k).startsWith(UNKNOWN)) return;
    String mode = words.get(k);
    for (String t : words.subList(k + 1, words.size())) {
      if (t.startsWith(UNKNOWN) || t.contains("*") || t.contains("?") || t.contains("[")) continue;
      Optional<String> dir = wd.or(() -> s.view().workdir()).filter(d -> !d.startsWith(UNKNOWN));
      if (!t.startsWith("/") && dir.isEmpty()) continue;
      String path = ImageFilesystem.resolve(dir.orElse("/"), t);
      modes.add(new ModeAtStart(path, mode, recursive, at, user));
    }
  }

  /**
   * Records the files an in-place edit ({@code sed -i 's/x/y/' /etc/app.conf}) changes: their
   * content is unknown from here on, the rest of the filesystem is untouched. False when berth
   * cannot tell which files it edits (a variable it cannot resolve, a glob, a relative path in an
   * unknown directory).
   */
  private boolean edits(List<String> words, Optional<String> wd) {
    List<String> cmd = new ArrayList<>(words);
    cmd.set(0, words.get(0).substring(words.get(0).lastIndexOf('/') + 1));
    Optional<List<String>> files = COMMANDS.editedFiles(cmd);
    if (files.isEmpty()) return false;
    String dir = wd.or(() -> s.view().workdir()).orElse(UNKNOWN);
    for (String f : files.get()) {
      if (f.startsWith(UNKNOWN) || f.contains("*") || f.contains("?") || f.contains("[")
          || !f.startsWith("/") && dir.startsWith(UNKNOWN)) {
        return false;
      }
      edited.add(ImageFilesystem.resolve(dir, f));
    }
    return true;
  }

  /** An assignment's value (after {@code NAME=}), when known. */
  private Optional<String> value(ShellWord a, Map<String, String> vars, int from) {
    ShellWord v = new ShellWord(a.raw().substring(from), trimmed(a, from), a.start() + from, a.end(),
        a.approximate());
    return v.expand(lookup(vars));
  }

  /** The parts of an assignment word after {@code NAME=}. */
  private static List<ShellWord.Part> trimmed(ShellWord a, int from) {
    List<ShellWord.Part> out = new ArrayList<>();
    int skip = from;
    for (ShellWord.Part part : a.parts()) {
      if (skip > 0 && part instanceof ShellWord.Literal l && !l.quoted()) {
        if (l.text().length() <= skip) {
          skip -= l.text().length();
          continue;
        }
        out.add(new ShellWord.Literal(l.text().substring(skip), false));
        skip = 0;
        continue;
      }
      if (skip > 0) return List.of(new ShellWord.Opaque(a.raw()));
      out.add(part);
    }
    return out;
  }

  private dev.berth.image.shell.VariableLookup lookup(Map<String, String> vars) {
    return name -> {
      if (vars.containsKey(name)) return Optional.of(vars.get(name));
      return s.env().value(name);
    };
  }

  /**
   * {@code "$(command -v named)"}, {@code $(which named)} as the program: the program found on
   * PATH by that name (sameersbn/docker-bind's entrypoint: {@code exec "$(command -v named)" -u
   * ${BIND_USER} -g}).
   */
  private static final java.util.regex.Pattern LOOKED_UP = java.util.regex.Pattern.compile(
      "\"?\\$\\((?:command\\s+-v|which)\\s+([A-Za-z0-9_.+-]+)\\s*\\)\"?");

  /** The command's words expanded; {@code "$@"} becomes {@code args}; unknown ones are marked. */
  private List<String> words(SimpleCommand c, Map<String, String> vars, List<String> args) {
    List<String> out = new ArrayList<>();
    for (ShellWord w : c.words()) {
      if (w.parts().size() == 1 && allArguments(w.parts().get(0))) {
        out.addAll(args);
        continue;
      }
      if ((out.isEmpty() || out.equals(List.of("exec")))
          && w.parts().stream().allMatch(p -> p instanceof ShellWord.Opaque
          || p instanceof ShellWord.Literal l && l.text().isEmpty())) {
        java.util.regex.Matcher m = LOOKED_UP.matcher(w.raw().strip());
        if (m.matches()) {
          out.add(m.group(1));
          continue;
        }
      }
      Optional<String> v = w.expand(lookup(vars));
      out.add(v.orElse(UNKNOWN + w.raw()));
    }
    return out;
  }

  /** {@code "$@"}, {@code $*}, {@code "${@}"}: the script's arguments. */
  private static boolean allArguments(ShellWord.Part part) {
    if (part instanceof ShellWord.Param param) {
      return param.name().equals("@") || param.name().equals("*");
    }
    return part instanceof ShellWord.Opaque o && Set.of("$@", "$*", "${@}", "${*}").contains(o.raw());
  }

  private static List<String> display(List<String> words) {
    return words.stream().map(w -> w.startsWith(UNKNOWN) ? w.substring(1) : w).toList();
  }
}
