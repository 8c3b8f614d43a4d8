package dev.berth.runtime;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.context.BuildContext;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.StageSimulation;
import dev.berth.programs.Invocation;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One container berth can foresee: a Compose service built from a project Dockerfile (its
 * {@code build.target} or last stage, with its {@code build.args}, {@code user:}, mounts,
 * {@code working_dir:}, environment and command), or the last stage of a Dockerfile no service
 * builds, as {@code docker run IMAGE} starts it.
 *
 * @param view the final filesystem with the container's mounts, user and working directory
 * @param process ENTRYPOINT + CMD (or the Compose overrides) as Docker combines them
 * @param composeUser the service's {@code user:}, when it overrides the image's USER with another
 *     value
 * @param overridesProcess the service sets {@code entrypoint:} or {@code command:}
 * @param contexts the build contexts the image is built from
 * @param processes what the container runs, from its command down to the programs doing the work
 * @param scriptDropsPrivileges an entrypoint script or a configuration (supervisord, a uWSGI ini
 *     file) switches users
 * @param editedAtStart files a script edits in place before its programs start ({@code sed -i}):
 *     their content in the image is not what the programs read
 * @param systemWriteAtStart a file right in /etc a start script writes as the container's user
 *     ({@code >> /etc/hosts}, {@code ln -snf ... /etc/localtime}): root is what it leans on
 */
public record Container(
    Dockerfile dockerfile,
    StageSimulation stage,
    Optional<ComposeProject> compose,
    Optional<Service> service,
    ContainerView view,
    Optional<ContainerProcess> process,
    Optional<Located<String>> composeUser,
    boolean overridesProcess,
    Environment env,
    List<BuildContext> contexts,
    List<Proc> processes,
    boolean scriptDropsPrivileges,
    Set<String> editedAtStart,
    boolean printsOnly,
    boolean changesOwnersOnly,
    List<ModeAtStart> modesAtStart,
    Optional<String> systemWriteAtStart,
    boolean everyProgramKnown) {

  public Container {
    contexts = List.copyOf(contexts);
    processes = List.copyOf(processes);
    editedAtStart = Set.copyOf(editedAtStart);
    modesAtStart = List.copyOf(modesAtStart);
  }

  /** The user the container runs as (the service's {@code user:} or the image's USER). */
  public Identity identity() {
    return view.identity();
  }

  /** Who runs {@code p}: its own user ({@code gosu app}, supervisord user=) or the container's. */
  public Identity identityOf(Proc p) {
    return p.user().map(this::identityOf).orElseGet(this::identity);
  }

  /** The identity a user spec names in this container's image ({@code app}, {@code 1000:1000}). */
  public Identity identityOf(String u) {
    if (u.startsWith(Processes.UNKNOWN)) {
      return new Identity("?", OptionalInt.empty(), OptionalInt.empty(), Set.of(), false);
    }
    return Identity.resolve(u, view.filesystem().accounts());
  }

  /** {@code p}'s working directory, when known. */
  public Optional<String> workdirOf(Proc p) {
    if (p.workdir().isPresent()) {
      return p.workdir().filter(w -> !w.startsWith(Processes.UNKNOWN));
    }
    return view.workdir();
  }

  /** The environment {@code p} sees. */
  public Environment envOf(Proc p) {
    return env.with(p.env());
  }

  /** The base image's repository, as the catalog knows it ({@code nginx}). */
  public Optional<String> imageRepository() {
    return stage.base().map(b -> b.ref().repository());
  }

  /**
   * Something in the container starts as root and runs its work as another user: a switch to
   * root ({@code user=root} in supervisord, {@code gosu root}) is none.
   */
  public boolean dropsPrivileges() {
    return scriptDropsPrivileges || processes.stream().anyMatch(p -> p.user()
        .filter(u -> !Invocation.root(u)).isPresent()
        || p.program().filter(i -> i.program().dropsPrivileges().isPresent()
            && i.switchesTo().filter(Invocation::root).isEmpty()).isPresent());
  }

  /**
   * The base image's own default program (its catalog ENTRYPOINT and CMD) starts as root and
   * drops privileges itself: a server image (nginx, postgres, redis) that is built to start as
   * root, whatever script the image puts in front of it.
   */
  public boolean baseProgramDropsPrivileges() {
    Optional<dev.berth.image.BaseImage.Entrypoint> e =
        stage.base().flatMap(dev.berth.image.BaseImage::entrypoint);
    if (e.isEmpty()) return false;
    List<String> argv = e.get().argv().isEmpty() || e.get().execs().isPresent()
        ? e.get().cmd().orElse(List.of()) : e.get().argv();
    return dev.berth.programs.ProgramCatalog.standard().match(argv, imageRepository())
        .flatMap(i -> i.program().dropsPrivileges()).isPresent();
  }

  /**
   * Every process the container starts runs as root, and berth knows each of them: the
   * container's user is root, nothing switches to another user or drops privileges (no catalog
   * program that does, no switch in a script, no supervisor berth cannot read), and each process
   * is a program the catalog knows or a script berth read in full. No other user then exists in
   * the container to use what a mode opens to every user.
   */
  public boolean everyProcessRoot() {
    // a program that needs root to act as other users (sshd logs them in, cron runs their jobs)
    return everyProgramKnown && !processes.isEmpty() && identity().isRoot()
        && !mayDropPrivileges() && !needsRoot()
        && processes.stream().allMatch(p -> p.user().filter(u -> !Invocation.root(u)).isEmpty());
  }

  /**
   * Something in the container may start as root and switch users: it drops privileges
   * ({@link #dropsPrivileges()}), the base image's own program does, or a supervisor whose
   * programs berth cannot list may.
   */
  public boolean mayDropPrivileges() {
    return dropsPrivileges() || baseProgramDropsPrivileges() || supervisedProgramsUnknown();
  }

  /**
   * A process the container's command starts in the background ({@code nohup etcd &}) that keeps
   * root: no user of its own, and a server that keeps it ({@link #serverKeepingRoot}). It runs as
   * root beside the main process for the
   * container's life, whatever that main process does with its own privileges (apisix-docker's
   * all-in-one image: etcd in the background, openresty, which drops to nobody, in front).
   */
  public boolean backgroundKeepsRoot() {
    return processes.stream().anyMatch(p -> p.background()
        && p.user().filter(u -> !Invocation.root(u)).isEmpty()
        && serverKeepingRoot(p.argv(), p.program())
        // the same command also reached as another user: berth followed both arms of a
        // condition it cannot decide (pingvin-share's `[ "$(id -u)" -ne 0 ] && exec "$@"`,
        // then `exec su-exec "$PUID:$PGID" "$@"`), of which root's is the one that switches
        && processes.stream().noneMatch(q -> q != p && q.argv().equals(p.argv())
            && q.user().filter(u -> !Invocation.root(u)).isPresent()));
  }

  /**
   * A command that, left running as root, keeps root for the container's life: a program the
   * catalog knows that neither drops privileges, needs root nor starts others, or one it does
   * not know that is no script (whose own commands are judged where berth follows them, or are
   * unknown), no shell, and none of the script commands (script-commands.yaml) that wait,
   * change files or exit (sleep, curl: a warm-up request in the background is no server).
   */
  public static boolean serverKeepingRoot(List<String> argv, Optional<Invocation> program) {
    if (argv.isEmpty()) return false;
    if (program.isPresent()) {
      var p = program.get().program();
      return p.dropsPrivileges().isEmpty() && p.needsRoot().isEmpty() && p.runs().isEmpty();
    }
    String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    if (name.isEmpty() || name.endsWith(".sh") || name.endsWith(".bash")
        || name.contains("entrypoint") || name.startsWith(Processes.UNKNOWN)) {
      return false;
    }
    return ScriptCommands.standard().effect(name, argv).isEmpty();
  }

  /**
   * A supervisord whose programs berth cannot list (its configuration includes other files, or
   * could not be read), or an s6-svscan whose services it cannot read: whether they switch
   * users is unknown.
   */
  public boolean supervisedProgramsUnknown() {
    return processes.stream().anyMatch(p -> !p.fsKnown() && p.program()
        .flatMap(i -> i.program().runs()).filter(r -> r == dev.berth.programs.Program.Runs.SUPERVISOR
            || r == dev.berth.programs.Program.Runs.SCANDIR)
        .isPresent());
  }

  /**
   * Every process only waits or prints ({@code sleep 60s}, {@code tail -f /dev/null}: inert in
   * script-commands.yaml): the container runs no program of its own and is kept alive for
   * {@code docker exec} or {@code docker cp} (homarr's prebuilt-debian image, from which CI
   * copies a compiled module).
   */
  public boolean idle() {
    // printsOnly: the command's scripts ran only commands that print or wait, none kept as a
    // process (kiwix-tools' CMD `sh -c "echo 'Welcome...' && ls /usr/local/bin/"`)
    return printsOnly || !processes.isEmpty() && processes.stream().allMatch(p ->
        p.program().isEmpty() && ScriptCommands.standard().inert(p.argv()));
  }

  /**
   * Every process is an interpreter or shell given nothing to run ({@code CMD ["python3"]}, the
   * official language images' REPL): the image brings no program of its own; images built FROM
   * it, or a person at {@code docker run -it}, bring it.
   */
  public boolean interactive() {
    return !processes.isEmpty() && processes.stream()
        .allMatch(p -> p.program().filter(dev.berth.programs.Invocation::interactive).isPresent());
  }

  /**
   * The image is given nothing to run: its command is an init wrapper that runs its arguments,
   * given none ({@code ENTRYPOINT ["/tini", "--"]} with no CMD: tini prints its usage and exits), so
   * the program comes from images built FROM it or from the command line (rstudio's
   * product-base, the base of its Connect, Workbench and Package Manager images).
   */
  public boolean givenNothingToRun() {
    return process.filter(p -> !p.argv().isEmpty() && p.programIndex() > p.start()
        && p.programIndex() >= p.argv().size()).isPresent();
  }

  /**
   * The container's scripts start no program and change the owner of files (tutor's permissions
   * image: {@code setowner UID PATH...} chowns the volumes it is given and exits): root is its
   * job, since only a privileged process may give a file away (chown(2)).
   */
  public boolean changesOwnersOnly() {
    return changesOwnersOnly;
  }

  /** The container runs a development server (next dev, manage.py runserver, flask run). */
  public boolean runsDevelopmentServer() {
    return processes.stream()
        .anyMatch(p -> p.program().flatMap(i -> i.program().development()).isPresent());
  }

  /**
   * Every process of the container is a command-line tool that does one task per run and exits
   * (jq, nuclei, rclone sync): the image runs once per command, not as a service. The first
   * tool's name, when so.
   */
  public Optional<String> commandLineTool() {
    if (processes.isEmpty() || !processes.stream().allMatch(p -> p.program()
        .flatMap(i -> i.program().commandLineTool()).isPresent())) {
      return Optional.empty();
    }
    return processes.get(0).program().map(i -> i.argv().get(0))
        .map(exe -> exe.substring(exe.lastIndexOf('/') + 1));
  }

  /** Words of a command that only ask a program for its help or version. */
  private static final Set<String> HELP_WORDS = Set.of("--help", "-h", "help", "--version",
      "version", "-V");

  /**
   * The image's own command is its ENTRYPOINT program asked for its help: `ENTRYPOINT
   * ["migrate"]` with `CMD ["--help"]` (golang-migrate), dyrectorio's `ENTRYPOINT dyo` with `CMD
   * help`: a command-line tool whose every real run names its own command, since a service would
   * not default to printing its usage. The program's name, when so and nothing overrides it.
   */
  public Optional<String> helpByDefault() {
    if (overridesProcess) return Optional.empty();
    return process.filter(p -> {
      int i = p.programIndex();
      return i + 2 == p.argv().size() && p.source(i).entrypoint() && !p.source(i).baseImage()
          && !p.source(i + 1).entrypoint() && HELP_WORDS.contains(p.argv().get(i + 1));
    }).map(p -> p.argv().get(p.programIndex()))
        .map(exe -> exe.substring(exe.lastIndexOf('/') + 1));
  }

  /** A program of the container cannot do its job as another user (cron, iptables). */
  public boolean needsRoot() {
    return processes.stream()
        .anyMatch(p -> p.program().flatMap(i -> i.program().needsRoot()).isPresent());
  }

  /**
   * The image or the service says what to run (ENTRYPOINT, CMD, Compose {@code entrypoint:} or
   * {@code command:}), or an image berth does not know stands at the root of the stage chain;
   * false when only a known base image's default runs (a shell or interpreter: a build or tool
   * image).
   */
  public boolean ownProgram() {
    if (overridesProcess) return true;
    // An image berth does not know may well run a service of its own (logstash, jenkins).
    if (stage.root().base().isEmpty()) return true;
    for (StageSimulation s = stage; s != null; s = s.parent().orElse(null)) {
      if (s.stage().last(Instruction.Entrypoint.class).isPresent()
          || s.stage().last(Instruction.Cmd.class).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Where the image's own runtime USER is set, if in this Dockerfile. */
  public Optional<Range> imageUserRange() {
    return userRange(stage);
  }

  /** Where the last USER of {@code stage} or of the stages it is built on is set. */
  public static Optional<Range> userRange(StageSimulation stage) {
    for (StageSimulation s = stage; s != null; s = s.parent().orElse(null)) {
      Optional<Instruction.User> u = s.stage().last(Instruction.User.class);
      if (u.isPresent()) return Optional.of(u.get().range());
    }
    return Optional.empty();
  }

  /** True for a container of a Compose service, false for a plain {@code docker run}. */
  public boolean fromCompose() {
    return service.isPresent();
  }
}
