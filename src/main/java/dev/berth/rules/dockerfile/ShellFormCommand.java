package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.OfficialImages;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.BaseImage;
import dev.berth.evidence.DevContainer;
import dev.berth.evidence.RepoEvidence;
import dev.berth.evidence.SourceKind;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.DevelopmentImages;
import dev.berth.image.ImageSimulation;
import dev.berth.image.RunScripts;
import dev.berth.image.StageSimulation;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.image.Stages;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.ScriptCommands;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * With shell form the container's PID 1 is {@code /bin/sh -c}; dash (the {@code /bin/sh} of Debian
 * and Ubuntu images) forks the program and does not pass SIGTERM on, so {@code docker stop} waits
 * out its timeout and kills the process without a graceful shutdown. busybox ash (Alpine's and
 * busybox's {@code /bin/sh}) replaces itself with the last command of {@code -c} when that is a
 * plain command (checked with BusyBox 1.35: {@code sh -c 'cd /tmp && sleep 9'} leaves
 * {@code sleep} as the process; dash 0.5.12 stays), so there only a pipeline, a background job, a
 * subshell or a compound command at the end keeps the shell in between. Where the base image is
 * unknown, the package manager its RUNs use tells the family ({@code apk}: Alpine); failing that,
 * the message says it assumes dash.
 * Only the CMD and ENTRYPOINT the final image really starts with are judged (a builder stage's CMD
 * never runs). Like BuildKit's JSONArgsRecommended, stages with an explicit SHELL are left alone;
 * unlike it, a script that starts with {@code exec} is fine, because the shell replaces itself with
 * the program. Windows images use {@code cmd /S /C} and are not judged: a backtick escape, or a
 * final stage on a Windows base image (by name or {@code --platform=windows/...}).
 */
@RuleMeta(
    id = "BTH006",
    summary = "CMD or ENTRYPOINT in shell form: the process does not receive SIGTERM",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.HIGH,
    aliases = {"DL3025", "JSONArgsRecommended"})
public final class ShellFormCommand implements DockerfileRule {
  /** A bare shell, to be used interactively: {@code bash}, {@code /bin/sh}, {@code bash -l}. */
  private static final Pattern INTERACTIVE_SHELL = Pattern.compile(
      "(?:/usr)?+(?:/bin/)?+(?:bash|sh|ash|zsh|dash)(?:\\s++(?:-l|-i|--login))*+");

  /** Words a JSON rewrite can keep verbatim: no quoting, expansion, globbing or operators. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    if (dockerfile.stages().isEmpty() || dockerfile.windows()) return;
    List<StageFacts> facts = Stages.of(project).of(dockerfile);
    StageFacts last = facts.get(facts.size() - 1);
    if (RunScripts.windows(last, facts, 0)) return; // cmd /S /C, not /bin/sh
    if (last.shell().setBy().isPresent()) return; // the author chose the shell
    Optional<Instruction> entrypoint = setter(dockerfile, last.entrypoint());
    Optional<Instruction> cmd = setter(dockerfile, last.cmd());
    // Shell form by accident (a JSON array that is not JSON) is BTH008's finding, not this one.
    if (entrypoint.map(e -> fellBack(dockerfile, e)).orElse(cmd.map(c -> fellBack(dockerfile, c))
        .orElse(false))) {
      return;
    }
    // With an ENTRYPOINT, CMD is only its argument list (whether a shell then runs it depends on
    // the entrypoint program: unknown), so the ENTRYPOINT is judged. A shell-form ENTRYPOINT
    // ignores CMD, so rewriting it to exec form would start passing CMD: no fix offered then.
    List<StageSimulation> sims = ImageSimulation.of(project).stages(dockerfile);
    Optional<String> os = (sims.isEmpty() ? Optional.<String>empty()
        : sims.get(sims.size() - 1).base().map(BaseImage::os)
            .map(o -> BASH_SH_OSES.contains(o) ? BASH_SH : o))
        .or(() -> osFromPackageManager(dockerfile, project))
        .or(() -> osFromImageName(last, facts));
    if (os.isEmpty() && projectSuppliedBase(facts)) return;
    if (replacedByEveryRun(project, dockerfile, entrypoint.isPresent())) return;
    // a command-line tool's one task (`CMD gcloud info`: the program catalog's cli-tool) ends
    // by itself: there is nothing for SIGTERM to stop
    if (commandLineToolOnly(project, dockerfile)) return;
    boolean development = developmentImage(dockerfile);
    entrypoint.ifPresent(e -> judge(e, cmd.isEmpty(), os, development, ctx));
    if (entrypoint.isEmpty()) cmd.ifPresent(c -> judge(c, true, os, development, ctx));
  }

  /**
   * The image is built only by compose services (no {@code docker build}, workflow or Bake target
   * builds it for use elsewhere, none names it for a registry), and every one of them replaces the
   * instruction judged: its
   * {@code entrypoint:}, or for a CMD its {@code command:} or {@code entrypoint:} (which resets
   * the image's CMD). The instruction never runs (llama-gpt's CUDA images: {@code command:
   * '/bin/sh /cuda/run.sh'}).
   */
  private static boolean replacedByEveryRun(Project project, Dockerfile df, boolean entrypoint) {
    List<ComposeBuilds.Use> uses = ComposeBuilds.of(project).uses(df.path());
    RepoEvidence evidence = RepoEvidence.of(project);
    List<DevContainer> devContainers = evidence.devContainersOnly(df.path());
    // a Dev Container of another stage (`"target": "dev"`) never starts the final one
    Optional<String> last = df.finalStage().flatMap(dev.berth.dockerfile.Stage::name);
    boolean devContainersReplace = evidence.devContainersReplaceCommand(df.path(), last);
    if (!devContainers.isEmpty() && uses.isEmpty()) return devContainersReplace;
    if (uses.isEmpty() || evidence.buildsOf(df.path()).stream()
        .anyMatch(b -> b.source() != SourceKind.DEV_CONTAINER)) {
      return false;
    }
    // a service that names its image with a registry or namespace (`image: ghcr.io/acme/api`)
    // may push it (`docker compose push`), and wherever it is pulled the instruction runs
    return uses.stream().map(ComposeBuilds.Use::service).allMatch(s ->
        s.image().filter(i -> i.value().contains("/")).isEmpty()
            && (s.entrypoint().isPresent() || !entrypoint && s.command().isPresent()))
        && devContainersReplace;
  }

  private static boolean commandLineToolOnly(Project project, Dockerfile df) {
    if (df.finalStage().isEmpty()) return false;
    List<dev.berth.runtime.Container> containers =
        dev.berth.runtime.Containers.of(project).of(df, df.finalStage().get());
    return !containers.isEmpty() && containers.stream()
        .allMatch(c -> c.commandLineTool().isPresent());
  }

  /**
   * A development or test image by its path or final stage's name (development-images.yaml):
   * a slow stop there delays a developer's or a test run's teardown, nothing in production.
   */
  private static boolean developmentImage(Dockerfile df) {
    DevelopmentImages dev = DevelopmentImages.standard();
    return df.finalStage().map(s -> dev.matches(df, s)).orElseGet(() -> dev.matches(df.path()));
  }

  /** Commands that run the program their arguments name (env(1), nice(1), nohup(1), ...). */
  private static final Set<String> WRAPPERS = Set.of("env", "command", "nice", "nohup",
      "timeout", "exec", "time", "stdbuf", "setsid", "ionice", "chroot");

  /**
   * Simple commands that do their work and exit (temporalio's `ENTRYPOINT cp /pki/ca.pem
   * /pki-out/ca.pem`: script-commands.yaml), none that idles ({@code sleep infinity}): there is
   * nothing for SIGTERM to stop. A list of them counts, without a while loop, a pipe or a
   * background job (conductor's deprecation image: `CMD printf '...' && exit 1`); every command
   * is judged, not only the first (`echo starting && node server.js` runs a server).
   */
  private static boolean returnsAtOnce(ShellScript parsed) {
    ScriptCommands commands = ScriptCommands.standard();
    if (!parsed.complete() || !parsed.loops().isEmpty() || parsed.commands().isEmpty()) {
      return false;
    }
    for (SimpleCommand c : parsed.commands()) {
      if (c.background() || c.piped() || c.name().isEmpty()) return false;
      List<String> words = new ArrayList<>();
      for (var w : c.words()) words.add(w.value().orElse(w.raw()));
      String name = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
      // `env NODE_ENV=production node server.js`, `nice node ...`: a wrapper runs the program
      // it is given, which is what would have to return
      if (WRAPPERS.contains(name) && words.size() > 1) return false;
      if (commands.effect(name, words).isEmpty() || commands.idles(name, words)) return false;
    }
    return true;
  }

  private static void judge(Instruction i, boolean fixIsSafe, Optional<String> os,
      boolean development, RuleContext ctx) {
    Command command = i instanceof Instruction.Cmd c ? c.command()
        : ((Instruction.Entrypoint) i).command();
    if (!(command instanceof Command.ShellForm shell)) return;
    String script = shell.script().strip();
    if (script.isEmpty() || script.startsWith("exec ")) return;
    ShellScript parsed = ShellScript.parse(script);
    if (endsInExec(parsed)) return;
    boolean execsLast = ashExecsLast(script, parsed);
    if (os.filter(ASH::contains).isPresent() && execsLast) return;
    if (os.filter(BASH_SH::equals).isPresent() && singleSimpleCommand(script, parsed)) return;
    if (returnsAtOnce(parsed)) return;
    // `CMD bash`: the program is an interactive shell (risingwave's CI build image), which ignores
    // SIGTERM in exec form too (bash(1): "When bash is interactive, in the absence of any traps,
    // it ignores SIGTERM"): the shell form loses nothing
    if (INTERACTIVE_SHELL.matcher(script).matches()) return;
    // Images without a shell (distroless, scratch) fail otherwise: not this rule's finding.
    if (os.filter(o -> o.equals("distroless") || o.equals("scratch")).isPresent()) return;
    // busybox ash execs the last command all the same; only the jobs started with & miss
    // SIGTERM (SponsorBlockServer's rsync image: `CMD rsync --daemon ... & ./entrypoint.sh`)
    boolean jobsOnly = !execsLast && os.filter(ASH::contains).isPresent()
        && ashExecsLast(script, parsed, true);
    // A script that does not end in its program keeps any /bin/sh in between, ash included.
    String message = jobsOnly ? backgroundJobs(i.name(), parsed)
        : !execsLast ? compound(i.name())
        : os.filter(BASH_SH::equals).isPresent() ? bashBefore51(i.name())
        : os.isPresent() ? message(i.name()) : assumingDash(i.name());
    if (jobsOnly) {
      message += " (SIGKILL), losing whatever it had not finished";
    } else if (development) {
      message += "; the image is taken for a development or test image by its name, where a slow"
          + " stop only delays its teardown";
    } else {
      // what the weight rests on: a container that is stopped and replaced, where the lost
      // clean shutdown matters (a CI fixture or a one-off tool only waits longer)
      message += "; berth takes the image for a service that is stopped and replaced, where the"
          + " program loses its clean shutdown (open connections, unwritten data)";
    }
    RuleContext.Report r = ctx.report(i.keyword().range().union(shell.range()), message);
    if (development || jobsOnly) r.severity(Severity.NOTE);
    if (fixIsSafe) {
      jsonForm(script).ifPresent(json ->
          r.fix("Use exec form " + json, new TextEdit(shell.range(), json)));
    }
  }

  /**
   * Package managers of Linux distributions: running one shows the image's OS family. Those the
   * base-image catalog names a root for map to its OS; the others only mark another family.
   */
  private static final Set<String> PACKAGE_MANAGERS = Set.of("apk", "apt-get", "apt", "yum",
      "dnf", "microdnf", "tdnf", "zypper", "pacman");

  /**
   * The OS family shown by the package managers the final stage's RUNs (or its in-file parents')
   * run, for an image the catalog does not know: {@code apk add} on {@code FROM base} (Mailu's
   * images on their Alpine mirror) means busybox ash is {@code /bin/sh}. Empty when they point at
   * more than one family (a script that tries apk, then apt-get).
   */
  private static Optional<String> osFromPackageManager(Dockerfile df, Project project) {
    RunScripts runs = RunScripts.of(project);
    List<StageFacts> facts = runs.stages(df);
    Set<StageFacts> chain = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    StageFacts s = facts.get(facts.size() - 1);
    while (s != null && chain.add(s)) {
      s = s.parent().filter(p -> p < facts.size()).map(facts::get).orElse(null);
    }
    BaseImageCatalog catalog = BaseImageCatalog.standard();
    Set<String> oses = new TreeSet<>();
    for (RunScripts.Site site : runs.sites(df)) {
      if (!chain.contains(site.stage())) continue;
      for (SimpleCommand c : site.script().commands()) {
        Optional<String> name = c.name().filter(PACKAGE_MANAGERS::contains);
        if (name.isEmpty()) continue;
        Set<String> of = catalog.osesOfPackageManager(name.get());
        oses.addAll(!of.isEmpty() ? of : BASH_SH_MANAGERS.contains(name.get()) ? Set.of(BASH_SH)
            : Set.of("other:" + name.get()));
      }
    }
    // Alpine and Wolfi both run apk and both ship busybox ash as /bin/sh: either answers.
    boolean oneShell = oses.size() == 1 || ASH.containsAll(oses);
    return !oses.isEmpty() && oneShell && !oses.iterator().next().startsWith("other:")
        ? Optional.of(oses.iterator().next()) : Optional.empty();
  }

  /**
   * Package managers of distributions whose /bin/sh is bash: Fedora, RHEL and its rebuilds and
   * Amazon Linux (dnf, yum, microdnf: the bash package owns /bin/sh, `rpm -qf /bin/sh`), VMware
   * Photon OS (tdnf, same), openSUSE (zypper: bash-sh provides /bin/sh) and Arch (pacman: bash's
   * /usr/bin/sh). bash -c replaces itself with a single simple command (checked with bash 5.2:
   * `bash -c 'sleep 5'` leaves sleep with the shell's PID; the one-shot exec is old, bash 4 has
   * it), but before 5.1 not with the last of a list, so only a single command counts.
   */
  private static final Set<String> BASH_SH_MANAGERS = Set.of("dnf", "yum", "microdnf", "tdnf",
      "zypper", "pacman");

  /** The family {@link #osFromPackageManager} names for those distributions. */
  private static final String BASH_SH = "bash-sh";

  /** The catalog's OS families whose /bin/sh is bash (base-images.yaml roots). */
  private static final Set<String> BASH_SH_OSES = Set.of("el");

  /**
   * Words of an image name that name a distribution whose /bin/sh is bash (those of
   * {@link #BASH_SH_MANAGERS}): Software Collections' {@code centos/nginx-116-centos7}, which
   * pulp's webserver images build on, Red Hat's {@code ubi9/nginx-122} and
   * {@code ubi10/openjdk-21-runtime} (a release number
   * ends the word), {@code rockylinux:9}.
   */
  private static final Set<String> BASH_SH_NAME_WORDS = Set.of("centos", "rhel", "ubi",
      "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux");

  /**
   * The OS family a base image the catalog does not know names in its repository path
   * ({@link #BASH_SH_NAME_WORDS}): a distribution's own build of a server is made from it.
   */
  private static Optional<String> osFromImageName(StageFacts last, List<StageFacts> facts) {
    StageFacts root = last.chainRoot(facts).orElse(last);
    if (!root.baseName().known()) return Optional.empty();
    Optional<dev.berth.image.ImageRef> ref =
        dev.berth.image.ImageRef.parse(root.baseName().value());
    if (ref.isEmpty()) return Optional.empty();
    for (String w : ref.get().repository().split("[/._-]+")) {
      // the release number is part of the word: ubi10/openjdk-21-runtime, centos7, rhel9
      if (BASH_SH_NAME_WORDS.contains(w.replaceFirst("[0-9]+$", ""))) {
        return Optional.of(BASH_SH);
      }
    }
    // the tag's variant word, by the official images' convention (`-alpine3.19`, `-centos7`,
    // `-bookworm`): shenyu's amazoncorretto:17.0.11-alpine3.19 and eclipse-temurin:17-centos7
    Set<String> families = new java.util.HashSet<>();
    for (String w : ref.get().tag().orElse("").toLowerCase(java.util.Locale.ROOT)
        .split("[._-]+")) {
      String word = w.replaceFirst("[0-9]+$", "");
      if (BASH_SH_NAME_WORDS.contains(word)) families.add(BASH_SH);
      else if (word.equals("alpine")) families.add("alpine");
      else if (DASH_TAG_WORDS.contains(word)) families.add("debian");
    }
    // a mirror of an official OS image under another registry or namespace keeps its name as
    // the repository's last component (go-ldap-admin's
    // registry.cn-hangzhou.aliyuncs.com/eryajf/alpine:3.19)
    String repo = ref.get().repository().toLowerCase(java.util.Locale.ROOT);
    String lastName = repo.substring(repo.lastIndexOf('/') + 1);
    if (lastName.equals("alpine") || lastName.equals("busybox")) families.add(lastName);
    else if (lastName.equals("debian") || lastName.equals("ubuntu")) families.add("debian");
    return families.size() == 1 ? Optional.of(families.iterator().next()) : Optional.empty();
  }

  /**
   * Debian and Ubuntu release names a tag's variant is named for (`-bookworm`, `-jammy`): dash
   * is their /bin/sh.
   */
  private static final Set<String> DASH_TAG_WORDS = Set.of("buster", "bullseye", "bookworm",
      "trixie", "focal", "jammy", "noble", "debian", "ubuntu");

  /** One simple command: no list, pipeline, background job, compound command or substitution. */
  static boolean singleSimpleCommand(String script, ShellScript parsed) {
    return parsed.complete() && parsed.commands().size() == 1 && parsed.last().size() == 1
        && !script.contains("$(") && !script.contains("`")
        && parsed.commands().get(0).name().filter(n -> !ASH_BUILTINS.contains(n)).isPresent();
  }

  /** The OS families whose /bin/sh is busybox ash (base-images.yaml roots). */
  private static final Set<String> ASH = Set.of("alpine", "busybox", "wolfi");

  /**
   * The final stage is built on a name an ARG without a value makes, or on a bare name (no
   * registry, namespace, tag or digest) that is
   * neither in the base-image catalog nor a Docker Official Image berth knows ({@code FROM base}):
   * such a name is given to the build as a named context ({@code --build-context base=...}, a
   * Bake target's {@code contexts = { base = "target:base" }}) or is an image the project tags
   * itself. The project supplies that base, and berth cannot tell its /bin/sh: no assumption.
   */
  private static boolean projectSuppliedBase(List<StageFacts> facts) {
    StageFacts last = facts.get(facts.size() - 1);
    StageFacts s = last.chainRoot(facts).orElse(last);
    // FROM ${BASE} with nothing berth reads setting BASE (harbor's
    // ${harbor_base_namespace}/harbor-log-base:${harbor_base_image_version}): the builder names it
    if (!s.baseName().known()) return true;
    String name = s.baseName().value();
    return name.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*") && !OfficialImages.contains(name)
        && BaseImageCatalog.standard().lookup(name).isEmpty();
  }

  private static boolean fellBack(Dockerfile df, Instruction i) {
    return df.jsonFallbacks().stream().anyMatch(f -> f.instruction().equals(i));
  }

  /** The CMD/ENTRYPOINT instruction a resolved fact came from (maybe in a parent stage). */
  private static Optional<Instruction> setter(Dockerfile df, Optional<Fact<List<String>>> fact) {
    if (fact.isEmpty() || fact.get().setBy().isEmpty()) return Optional.empty();
    Range at = fact.get().setBy().get();
    return df.instructions().stream()
        .filter(i -> i instanceof Instruction.Cmd || i instanceof Instruction.Entrypoint)
        .filter(i -> i.range().equals(at) || i.range().startLine() == at.startLine())
        .findFirst();
  }

  public static String message(String instruction) {
    return instruction + " in shell form runs as a child of '/bin/sh -c', which (as dash or ash) "
        + "does not pass SIGTERM on: 'docker stop' waits for the timeout and then kills the process";
  }

  public static String compound(String instruction) {
    return instruction + " in shell form does not end in its program (it runs in a background job,"
        + " pipeline, loop or function, a command or builtin follows it, or a trap is set), so"
        + " '/bin/sh -c' stays PID 1 whichever shell it is and does not pass SIGTERM on: 'docker"
        + " stop' waits for the timeout and then kills the process";
  }

  /** The message when busybox ash execs the last command and only background jobs miss SIGTERM. */
  static String backgroundJobs(String instruction, ShellScript parsed) {
    List<String> jobs = parsed.commands().stream().filter(SimpleCommand::background)
        .map(c -> c.name().orElse("?")).distinct().toList();
    return instruction + " in shell form starts " + String.join(", ", jobs) + " in a background"
        + " job: busybox ash execs the last command, which gets SIGTERM, but the job never does and"
        + " is killed outright when the container stops";
  }

  public static String bashBefore51(String instruction) {
    return instruction + " in shell form runs its commands under '/bin/sh -c', bash in this image's"
        + " distribution (its RUNs use dnf, yum, tdnf, zypper or pacman); if that bash is older than"
        + " 5.1 it stays PID 1 for a list of commands and does not pass SIGTERM on: 'docker stop'"
        + " waits for the timeout and then kills the process";
  }

  public static String assumingDash(String instruction) {
    return instruction + " in shell form runs as a child of '/bin/sh -c', which (if the base image's"
        + " /bin/sh is dash, as in Debian and Ubuntu images) does not pass SIGTERM on: 'docker stop'"
        + " waits for the timeout and then kills the process";
  }

  /**
   * The script's last command is an unconditional {@code exec PROGRAM} in the main shell (after
   * {@code &&}, {@code ;} or a finished {@code if}): every shell replaces itself with the program
   * there, so the program is PID 1 and gets SIGTERM (shlink's dev image: set-up steps, then
   * {@code exec ./bin/rr serve}).
   */
  static boolean endsInExec(ShellScript parsed) {
    if (!parsed.complete() || parsed.commands().isEmpty()) return false;
    // every tail ends in exec (`if ...; then exec node a.js; else exec node b.js; fi`)
    if (!parsed.last().isEmpty() && parsed.last().stream().allMatch(c -> c.words().size() > 1
        && c.words().get(0).raw().equals("exec") && c.shell().isEmpty())) {
      return true;
    }
    SimpleCommand last = parsed.commands().stream()
        .max(java.util.Comparator.comparingInt(SimpleCommand::end)).get();
    return last.words().size() > 1 && last.words().get(0).raw().equals("exec")
        && !last.conditional() && !last.background() && !last.subshell() && !last.piped();
  }

  /** Shell syntax after which the last command is not a plain one ash could exec. */
  private static final Pattern NOT_PLAIN = Pattern.compile(
      "(?<![|])[|](?![|])|(?<![&<>])&(?![&])|[(){}`]|\\$\\(|(?:^|[;&|\\s])(?:while|for|if|until|case)\\s");

  /**
   * Builtins of busybox ash: as the last command they run in the shell itself, which has nothing
   * to exec ({@code node a & node b & wait} keeps the shell as PID 1).
   */
  private static final Set<String> ASH_BUILTINS = Set.of("wait", "read", ":", "true", "false",
      "echo", "printf", "exit", "cd", "export", "set", "shift", "unset", "ulimit", "umask",
      "test", "[", "return", "local", "readonly", "trap", "times", "type", "hash", "getopts",
      "eval", ".", "source");

  /**
   * Whether busybox ash replaces itself with the program that ends the script (checked with
   * BusyBox 1.35's {@code sh -c}): it execs a command in tail position (the script's last
   * command, the last of each branch of a final {@code if}, of a final group or subshell, the
   * right side of a final {@code &&}), command substitutions in its words and pipelines, loops or
   * loops before it notwithstanding. It forks instead once a {@code trap} is set, for a function
   * call or a builtin, and for a pipeline or a negated command at the end. A background job
   * anywhere is judged as before: the job itself never gets SIGTERM. A script berth does not fully parse ({@code case}, function definitions) falls back to
   * the plain-syntax test.
   */
  static boolean ashExecsLast(String script, ShellScript parsed) {
    return ashExecsLast(script, parsed, false);
  }

  /** @param jobsAllowed background jobs before the last command do not count */
  private static boolean ashExecsLast(String script, ShellScript parsed, boolean jobsAllowed) {
    if (!parsed.complete() || parsed.commands().isEmpty()) {
      // ${HOST} is an expansion inside a word, not a { ... } group (gpt-researcher's
      // `CMD uvicorn main:app --host ${HOST} --port ${PORT}` is one plain command)
      return !script.contains("\n")
          && !NOT_PLAIN.matcher(BRACED_EXPANSION.matcher(script).replaceAll("\\$V")).find();
    }
    if (parsed.last().isEmpty()) return false;
    for (SimpleCommand c : parsed.commands()) {
      if (c.name().filter("trap"::equals).isPresent() && setsHandler(c)) return false;
      // ash would exec the last command, but a job started with & never gets SIGTERM either
      // (it is killed outright when PID 1 exits): still this finding, as before
      if (c.background() && !jobsAllowed) return false;
    }
    for (SimpleCommand c : parsed.last()) {
      // a bare assignment ends the shell's work; a program whose name is an expansion is a program
      if (c.words().isEmpty()) return false;
      Optional<String> name = c.name();
      if (name.filter(ASH_BUILTINS::contains).isPresent()) return false;
    }
    return true;
  }

  /** {@code ${NAME}} and {@code ${NAME:-default}} without nested braces. */
  private static final Pattern BRACED_EXPANSION = Pattern.compile("\\$\\{[^{}]*+}");

  /**
   * A {@code trap ACTION SIGNAL...} that installs a handler: BusyBox's may_have_traps, which
   * makes ash fork its last command. {@code trap '' SIG} (ignore) and {@code trap - SIG} (reset)
   * install none (checked with BusyBox 1.35: ash still execs after them).
   */
  private static boolean setsHandler(SimpleCommand trap) {
    if (trap.words().size() < 3) return false;
    Optional<String> action = trap.words().get(1).value();
    return action.isEmpty() || !(action.get().isEmpty() || action.get().equals("-"));
  }

  /** The exec form of a script made only of plain words, or empty when a rewrite could change it. */
  static Optional<String> jsonForm(String script) {
    String[] words = script.split("[ \t]+");
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      if (!PLAIN_WORD.matcher(w).matches()) return Optional.empty();
      quoted.add("\"" + w + "\"");
    }
    return Optional.of("[" + String.join(", ", quoted) + "]");
  }
}
