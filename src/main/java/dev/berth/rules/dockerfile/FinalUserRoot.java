package dev.berth.rules.dockerfile;

import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.Paths;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.UserSpec;
import dev.berth.evidence.ContainerActions;
import dev.berth.evidence.DevContainer;
import dev.berth.evidence.DockerBuild;
import dev.berth.evidence.DockerPlugins;
import dev.berth.evidence.ImageRun;
import dev.berth.evidence.RepoEvidence;
import dev.berth.evidence.RepoImages;
import dev.berth.image.Answer;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.BaseImage;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.DevelopmentImages;
import dev.berth.image.EntrypointScripts;
import dev.berth.image.ImageSimulation;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.programs.ProgramCatalog;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.Proc;
import dev.berth.image.Stages;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image's process runs as root when the final stage's last USER is root or there is none
 * (and the base image does not switch to another user). A user given by a variable is unknown:
 * no finding. A base image built by another Dockerfile of the repository is judged through that
 * Dockerfile; a Dockerfile whose image the repository only uses as such a base is not judged.
 */
@RuleMeta(
    id = "BTH007",
    summary = "The final image runs as root: its last USER is root, or no USER is set",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    precision = Precision.HIGH,
    aliases = {"DL3002"})
public final class FinalUserRoot implements DockerfileRule {
  /** The assumption every warning states: the image is run as a service. */
  static final String SERVICE_ASSUMPTION = "; this warning assumes the image runs as a service,"
      + " not only as a one-off tool, a development environment or an example";

  /** How deep one in-repository base image may build on another before berth gives up. */
  private static final int MAX_BASE_DEPTH = 4;

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Optional<Stage> last = dockerfile.finalStage();
    if (last.isEmpty() || dockerfile.windows()) return; // Windows: USER semantics differ
    // The stage that runs: a Compose build.target when a service builds this Dockerfile.
    Set<Stage> run = Containers.stagesBuilt(project, dockerfile);
    if (run.isEmpty()) run = Set.of(last.get());
    for (Stage stage : run) {
      Optional<Verdict> root = reportable(project, dockerfile, stage);
      if (root.isEmpty()) continue;
      String which = stage == last.get() ? "the final stage"
          : "stage '" + stage.reference() + "' (the build target)";
      // Root only because the repository's own base image runs as root, which is reported there:
      // one cause, one finding (gatus's .examples/docker-minimal adds a config to the image its
      // root Dockerfile builds).
      if (root.get() instanceof RepoBase rb && reportedAtBase(project, rb)) continue;
      // USER from an ARG that the repository also builds with another value (qdrant's
      // USER "$USER_ID:$USER_ID", ARG USER_ID=0, and its CI's --build-arg USER_ID=1000 for the
      // -unprivileged tags): root is the default of a variant it chose; a note that says so.
      Optional<DockerBuild> variant = root.get() instanceof RootUser ru
          ? userArgPassed(project, dockerfile, ru) : Optional.empty();
      if (variant.isPresent()) {
        root.get().report(which, stage, ctx, "; the repository also builds it with another"
                + " value of the ARG its USER is made of, so root is the default it chose for"
                + " this variant")
            .severity(Severity.NOTE)
            .related(variant.get().range(), "the repository builds it with that ARG here");
        continue;
      }
      // A variant chosen to run as root: the repository keeps a non-root variant of the same
      // Dockerfile beside it (pomerium's .github/Dockerfile-release-nonroot beside
      // Dockerfile-release, both published), or the file's name says root (LibreTranslate's
      // docker/root-with-sshd.Dockerfile): a note that names the choice.
      Optional<String> chosen = rootVariant(project, dockerfile);
      if (chosen.isPresent()) {
        root.get().report(which, stage, ctx, "; " + chosen.get() + ", so root is the choice"
                + " this variant makes")
            .severity(Severity.NOTE);
        continue;
      }
      // The stage's own comment says its program drops root itself, in-process (rotki's
      // starling: "Runs as root (no USER) on purpose: ... then drops itself and the backends to
      // uid 10001"): berth cannot see into the binary; a note that names the claim.
      Optional<dev.berth.dockerfile.Comment> drop = statedDrop(dockerfile, stage);
      if (drop.isPresent()) {
        root.get().report(which, stage, ctx, "; the Dockerfile's comment on line "
                + drop.get().range().startLine() + " says its program drops root itself once"
                + " started, which berth cannot check in the program")
            .severity(Severity.NOTE)
            .related(drop.get().range(), "says the program drops root");
        continue;
      }
      // A Pterodactyl yolk (WORKDIR /home/container, the layout eggs run in): Wings, the
      // only thing that runs such images, creates every server container with its configured
      // user (pterodactyl/wings environment/docker/container.go, Create: `User:
      // strconv.Itoa(config.Get().System.User.Uid)`): a note that says so.
      Optional<Instruction> yolk = pterodactylLayout(stage);
      if (yolk.isPresent()) {
        root.get().report(which, stage, ctx, "; the image has the layout of a Pterodactyl yolk"
                + " (WORKDIR /home/container), which the Wings daemon runs as the user it"
                + " is configured with: root only where it runs outside Wings")
            .severity(Severity.NOTE)
            .related(yolk.get().range(), "the yolk's working directory");
        continue;
      }
      // The repository's Kubernetes manifests run the image as another user (microservices-demo:
      // runAsUser: 1000 for every service): root is what plain docker run gives, not where it
      // is deployed; a note that says so.
      // Not when the repository also runs it without the manifests: a compose service or a
      // docker run gives it root.
      Optional<dev.berth.evidence.KubernetesRuns.Run> k8s =
          ComposeBuilds.builds(project, dockerfile).isEmpty()
              && !RepoImages.of(project).runs(dockerfile)
              ? RepoImages.of(project).kubernetesNonRoot(dockerfile) : Optional.empty();
      if (k8s.isPresent()) {
        root.get().report(which, stage, ctx, "; the repository's Kubernetes manifests run it as"
                + " uid " + k8s.get().uid() + " (securityContext runAsUser), so this matters"
                + " where it runs without them (docker run, compose)")
            .severity(Severity.NOTE)
            .related(k8s.get().at(), "the manifest runs the image as this user");
        continue;
      }
      // A tool the repository only ever runs once with docker run --rm: a note that says so.
      // The first of these reasons that applies is the one the note gives.
      Optional<ImageRun> once = RepoImages.of(project).onlyRunOnce(dockerfile);
      boolean reason = once.isPresent();
      // A Docker client (Dokploy and its monitoring agent): it is given the host's socket, which
      // makes root inside it add little; a note that says what it assumes.
      Optional<dev.berth.source.Range> dockerCli = reason ? Optional.empty()
          : InstalledTools.dockerClients().installedBy(dockerfile, stage, project)
              .map(InstalledTools.Install::at)
              .filter(at -> dockerClientBySocket(project, dockerfile, stage));
      reason |= dockerCli.isPresent();
      // A tool whose work needs root (openvpn, iptables, smbd: kylemanna/docker-openvpn,
      // dperson/samba): root is most likely the design; a note that names the tool.
      Optional<InstalledTools.Install> rootTool = reason ? Optional.empty()
          : InstalledTools.rootTools().installedBy(dockerfile, stage, project);
      reason |= rootTool.isPresent();
      // A log agent (vector, fluent-bit, crowdsec): made to read the host's logs, which are
      // root's there; a note that names the agent and what it assumes.
      Optional<String> logAgent = reason ? Optional.empty()
          : LogAgents.standard().runBy(project, dockerfile, stage);
      reason |= logAgent.isPresent();
      // A command-line tool as the image's program (jq, nuclei, restic backup): each run does one
      // task and exits, no service keeps root; a note that names the tool.
      Optional<String> cliTool = reason ? Optional.empty()
          : commandLineTool(project, dockerfile, stage);
      reason |= cliTool.isPresent();
      // A start script that writes a system file right in /etc (dbgate's `>> /etc/hosts`,
      // tinode's exporter `> /etc/nsswitch.conf`): root is what it leans on, though the write
      // could often move to the build; a note that says so.
      Optional<String> systemWrite = reason ? Optional.empty()
          : Containers.of(project).of(dockerfile, stage).stream()
              .map(Container::systemWriteAtStart).flatMap(Optional::stream).findFirst();
      reason |= systemWrite.isPresent();
      // An example or sample image (openlit's examples/*-chat-app, komodo's example/alerter):
      // written to show the product, run by readers to try it; whether anyone deploys it as it
      // is, nothing in the repository settles; a note that states that assumption.
      Optional<String> example = reason ? Optional.empty()
          : DevelopmentImages.standard().exampleWord(dockerfile.path());
      reason |= example.isPresent();
      // Run privileged on the host's network by every service that runs it (vimagick's VPN
      // clients and packet captures): root most likely its design; a note that says so.
      Optional<dev.berth.source.Range> hostNetwork = reason ? Optional.empty()
          : privilegedOnHostNetwork(project, dockerfile, stage);
      reason |= hostNetwork.isPresent();
      String assumption = systemWrite.isPresent()
          ? "; its start script writes " + systemWrite.get() + ", a system file only root can"
              + " write, so root is what the design leans on (a file whose content is known at"
              + " build time could be written there instead)"
          : cliTool.isPresent()
          ? "; " + cliTool.get() + ", so no long-running process keeps root;"
              + " what it writes into mounted host directories is root's there, so run it with"
              + " --user where that matters"
          : logAgent.isPresent()
          ? "; it runs " + logAgent.get() + ", a log agent whose documented use is reading the"
              + " host's log files, journal or container logs mounted into it, which are root's"
              + " on the host, so berth takes root for its design; if it only receives logs over"
              + " the network, run it as a user"
          : once.isPresent()
          ? "; the repository runs this image only as a one-off command (docker run --rm, -it for"
              + " a terminal session, or a job a script or CI step waits for), so this matters only"
              + " where it also runs as a service"
          : dockerCli.isPresent()
              ? "; the image installs the Docker CLI, so berth takes it for a client of the host's"
                  + " Docker daemon through its socket, where root adds little to what the socket"
                  + " already gives; if it reaches the daemon otherwise, run it as a user of the"
                  + " socket's group"
              : rootTool.isPresent()
                  ? "; the image installs " + rootTool.get().name() + ", which "
                      + rootTool.get().does() + ", so berth takes"
                      + " root for its design; if that tool only runs at build time, add a USER"
                  : example.isPresent()
                      ? "; it is an example image (its path says '" + example.get() + "'), which"
                          + " matters where someone deploys the example as it is"
                  : hostNetwork.isPresent()
                      ? "; every compose service that runs it runs it privileged on the host's"
                          + " network, as a VPN, DHCP or packet-capture tool that works on the"
                          + " host's interfaces is run, so berth takes root for its design; if"
                          + " its program only serves, drop privileged and run it as a user"
                      : unknownProgram(project, dockerfile, stage);
      // What a warning rests on besides the program's needs: that the image runs as a service
      // (the judges' DEBATABLE verdicts are mostly images that do not: tools, development or
      // example images nothing here marks as such).
      if (!reason) assumption += SERVICE_ASSUMPTION;
      RuleContext.Report r = root.get().report(which, stage, ctx, assumption);
      once.ifPresent(first -> r.related(first.range(), "the repository runs the image once here"));
      dockerCli.ifPresent(at -> r.related(at, "the Docker CLI is installed here"));
      rootTool.ifPresent(t -> r.related(t.at(), "installed here"));
      hostNetwork.ifPresent(at -> r.related(at, "runs it on the host's network, privileged"));
      // any of the reasons above makes it a note
      if (reason) r.severity(Severity.NOTE);
    }
  }

  private static final String YOLK_HOME = "/home/container";

  /**
   * The stage's last WORKDIR, when it is /home/container: the directory Wings mounts each server's
   * files at and yolks work in (pterodactyl/yolks: `WORKDIR /home/container`, with `USER container`
   * in most), a name no other convention uses.
   */
  private static Optional<Instruction> pterodactylLayout(Stage stage) {
    Optional<Instruction> workdir = Optional.empty();
    for (Instruction i : stage.instructions()) {
      if (i instanceof Instruction.Workdir w) {
        workdir = w.path().text().replaceAll("/+$", "").equals(YOLK_HOME)
            ? Optional.of(i) : Optional.empty();
      }
    }
    return workdir;
  }

  /**
   * Every container of the stage runs a command-line tool (all of its processes are one) or an
   * interactive shell to run it from (ente's CLI image, whose compose service runs /bin/sh with
   * a tty for `docker compose exec ... ./ente-cli`), or whose own command only asks its program
   * for its help ({@link Container#helpByDefault}); why it is a tool, when at least one runs it.
   */
  private static Optional<String> commandLineTool(Project project, Dockerfile df, Stage stage) {
    // An image that declares a port is meant to serve (ejabberdctl foreground, kubectl proxy):
    // not taken for a command-line tool's image whatever its program.
    Optional<dev.berth.image.StageSimulation> sim =
        dev.berth.image.ImageSimulation.of(project).stage(df, stage);
    if (sim.isEmpty()) return Optional.empty();
    for (var s = sim; s.isPresent(); s = s.get().parent()) {
      if (s.get().stage().last(Instruction.Expose.class).isPresent()) return Optional.empty();
    }
    List<Container> containers = Containers.of(project).of(df, stage);
    Optional<String> first = Optional.empty();
    for (Container c : containers) {
      Optional<String> tool = c.commandLineTool().map(t -> "its program, " + t + ", is a"
              + " command-line tool that does one task per run and exits (the program catalog)")
          .or(() -> servedElsewhere(project, df) ? Optional.empty()
              : c.helpByDefault().map(t -> "its own command only asks its program, " + t
              + ", for its help, as a command-line tool's image does (each real run names its"
              + " command)"));
      if (tool.isEmpty() && !c.interactive()) return Optional.empty();
      if (first.isEmpty()) first = tool;
    }
    return first;
  }

  /**
   * The repository runs the image as a service somewhere: a compose service that pulls it and
   * publishes a port or restarts it (vimagick's ffmpeg relays and kcptun server: `restart:
   * unless-stopped`), or a {@code docker run} of it that publishes one. Its own help-printing
   * command then says nothing of how it runs.
   */
  private static boolean servedElsewhere(Project project, Dockerfile df) {
    return pulling(project, df).stream().anyMatch(s -> !s.ports().isEmpty()
            || s.definition().get("restart").filter(r -> r instanceof YamlScalar y
                && !y.value().equals("no")).isPresent())
        || RepoImages.of(project).shownRuns(df).stream()
            .anyMatch(dev.berth.evidence.ImageRun::publishesPort);
  }

  /**
   * The stage's root verdict, unless root is no finding there: an ENTRYPOINT script starts as
   * root to fix ownership and then drops privileges; root is by design; the image is a base
   * built here for other Dockerfiles, or a build whose result is only ever exported as files (no
   * container runs it as it is). Each question is asked only when the previous ones leave
   * something to report, so containers are built and the repository read only then.
   */
  private static Optional<Verdict> reportable(Project project, Dockerfile df, Stage stage) {
    if (EntrypointScripts.of(project).dropsPrivileges(df, stage) == Answer.YES) {
      return Optional.empty();
    }
    Optional<Verdict> root = judge(project, df, stage, 0);
    if (root.isEmpty() || byDesign(project, df, stage)
        || root.get() instanceof RepoBase rb && runsBaseDrop(project, df, stage, rb)
        || (project.dockerfiles().size() > 1 && RepoImages.of(project).onlyBaseOf(df).isPresent())
        || exportedOnly(project, df)) {
      return Optional.empty();
    }
    return root;
  }

  /**
   * Root only through the repository's own base image, whose ENTRYPOINT script drops privileges
   * ({@link EntrypointScripts#dropsPrivileges}), and the stage runs that very script: it declares
   * the same ENTRYPOINT or none, no CMD of its own (or one the script hands to the switch
   * whatever it is: YoutubeDL-Material's Dockerfile.heroku, `CMD ["npm","start"]` on a base whose
   * script ends in `exec gosu "$UID:$GID" "$@"`), and nothing writes to the script's path
   * (chatgpt-on-wechat's Dockerfile: FROM the image docker/Dockerfile.latest builds, ENTRYPOINT
   * ["/entrypoint.sh"], the base's script, which ends in `su agent`).
   */
  private static boolean runsBaseDrop(Project project, Dockerfile df, Stage stage, RepoBase rb) {
    Optional<Dockerfile> base = project.dockerfile(rb.built().dockerfile());
    if (base.isEmpty() || base.get().finalStage().isEmpty() || base.get() == df) return false;
    Stage top = base.get().finalStage().get();
    if (EntrypointScripts.of(project).dropsPrivileges(base.get(), top) != Answer.YES) {
      return false;
    }
    Optional<Fact<List<String>>> theirs =
        Stages.of(project).of(base.get()).get(top.index()).entrypoint();
    // the script by its absolute path: a name looked up on PATH may be another file here
    if (theirs.isEmpty() || !theirs.get().known() || theirs.get().value().isEmpty()
        || !theirs.get().value().get(0).startsWith("/")) {
      return false;
    }
    String script = theirs.get().value().get(0);
    List<StageFacts> facts = Stages.of(project).of(df);
    StageFacts mine = facts.get(stage.index());
    if (mine.entrypoint().isPresent() && !(mine.entrypoint().get().known()
        && mine.entrypoint().get().value().equals(theirs.get().value()))) {
      return false;
    }
    // a CMD of its own may take the script down another branch than the one that drops (an
    // ENTRYPOINT resets the CMD to none, which berth records as an empty one)
    // ... unless the script hands whatever it is given to the user switch
    if (mine.cmd().filter(c -> !c.known() || !c.value().isEmpty()).isPresent()
        && EntrypointScripts.of(project).dropsWhateverTheCommand(base.get(), top) != Answer.YES) {
      return false;
    }
    for (Stage s : df.lineage(stage)) {
      StageFacts f = facts.get(s.index());
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.FileTransfer t) {
          String d = t.destination().text();
          Optional<String> wd = f.stepBefore(i).map(dev.berth.dockerfile.StepContext::workdir)
              .filter(Fact::known).map(Fact::value);
          Optional<String> dest = d.contains("$") ? Optional.empty()
              : d.startsWith("/") ? Optional.of(d) : wd.map(w -> w + "/" + d);
          if (dest.isEmpty() || writesTo(Paths.normalize(dest.get()), script)) return false;
        } else if (i instanceof Instruction.Run r && r.fullText().contains(script)) {
          return false; // a RUN that names the script may rewrite it
        }
      }
    }
    return true;
  }

  /** A COPY/ADD destination that is {@code path} or a directory above it. */
  private static boolean writesTo(String destination, String path) {
    String d = destination.endsWith("/") && destination.length() > 1
        ? destination.substring(0, destination.length() - 1) : destination;
    return d.equals(path) || d.equals("/") || path.startsWith(d + "/");
  }

  /**
   * A statement that the program gives up root itself: "drops itself/privileges/root", "drops
   * ... to uid/user N" (a third-person "drops", not a "TODO: drop privileges"; root as a noun,
   * not "root-owned" or "root CA files").
   */
  private static final java.util.regex.Pattern DROPS_ROOT = java.util.regex.Pattern.compile(
      "\\bdrops\\s++(?:itself|(?:its\\s++)?+privileges|privs"
          + "|root(?![-\\w])(?!\\s++(?:ca|certs?|certificates?|owned|files?)\\b))"
          + "|\\bdrops\\b[^.;]{0,60}?\\bto\\s++(?:uid|user|gid)\\b",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /** A negation right before the statement ("never drops", "no longer drops", "doesn't"). */
  private static final java.util.regex.Pattern NEGATED = java.util.regex.Pattern.compile(
      "(?:\\bnever|\\bnot|\\bno\\s++longer|n't|\\bnor)\\s++(?:\\w++\\s++)?+$",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * A comment inside the stage that says its program drops root itself ({@link #DROPS_ROOT}),
   * read with the comment lines right below it (a sentence may run over lines).
   */
  private static Optional<dev.berth.dockerfile.Comment> statedDrop(Dockerfile df, Stage stage) {
    int from = stage.range().startLine();
    int to = stage.range().endLine();
    List<dev.berth.dockerfile.Comment> inStage = df.comments().stream()
        .filter(c -> c.range().startLine() > from && c.range().startLine() <= to).toList();
    for (int i = 0; i < inStage.size(); i++) {
      StringBuilder text = new StringBuilder(inStage.get(i).text());
      for (int j = i + 1; j < inStage.size() && j <= i + 2
          && inStage.get(j).range().startLine() == inStage.get(j - 1).range().startLine() + 1;
          j++) {
        text.append(' ').append(inStage.get(j).text());
      }
      java.util.regex.Matcher m = DROPS_ROOT.matcher(text);
      while (m.find()) {
        String before = text.substring(Math.max(0, m.start() - 30), m.start());
        if (!NEGATED.matcher(before).find()) return Optional.of(inStage.get(i));
      }
    }
    return Optional.empty();
  }

  /** Words of a Dockerfile's name that make it the non-root variant of another. */
  private static final java.util.regex.Pattern NON_ROOT_WORD = java.util.regex.Pattern.compile(
      "[-_.](?:nonroot|non-root|rootless|unprivileged)(?=$|[-_.])",
      java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern ROOT_WORD = java.util.regex.Pattern.compile(
      "(?:^|[-_.])root(?=$|[-_.])", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Why root is this variant's choice, when the repository shows it: another Dockerfile of the
   * same directory whose name is this one's with a non-root word added
   * ({@code Dockerfile-release-nonroot}, {@code Dockerfile.rootless}) and that runs as a known
   * non-root user, or a name with the word root in it ({@code root-with-sshd.Dockerfile}).
   */
  private static Optional<String> rootVariant(Project project, Dockerfile df) {
    String name = dev.berth.context.Paths.name(df.path());
    // non-root, non_root, nonroot and rootless name the opposite
    String rootWords = name.replaceAll("(?i)non[-_]?root|rootless", "");
    if (ROOT_WORD.matcher(rootWords).find()) {
      return Optional.of("the file's name says it is the variant that runs as root");
    }
    String dir = Paths.dir(df.path());
    for (Dockerfile other : project.dockerfiles()) {
      if (other == df || !Paths.dir(other.path()).equals(dir)) continue;
      String otherName = dev.berth.context.Paths.name(other.path());
      java.util.regex.Matcher m = NON_ROOT_WORD.matcher(otherName);
      if (!m.find() || !(otherName.substring(0, m.start()) + otherName.substring(m.end()))
          .equals(name) || !runsAsKnownNonRoot(project, other)) {
        continue;
      }
      return Optional.of("the repository keeps a non-root variant of it, " + other.path());
    }
    return Optional.empty();
  }

  /**
   * The final stage of {@code df} runs as a user known not to be root: its USER, or with none,
   * its base image's default user as the catalog knows it (distroless {@code :nonroot}).
   */
  private static boolean runsAsKnownNonRoot(Project project, Dockerfile df) {
    Optional<Stage> last = df.finalStage();
    if (last.isEmpty() || df.windows()) return false;
    List<StageFacts> facts = Stages.of(project).of(df);
    StageFacts f = facts.get(last.get().index());
    if (f.user().isPresent()) {
      return f.user().get().known() && !f.user().get().value().root();
    }
    StageFacts root = f.chainRoot(facts).orElse(f);
    return root.baseName().known() && BaseImageCatalog.standard().lookup(root.baseName().value())
        .filter(b -> !isRoot(b.defaultUser())).isPresent();
  }

  /** The base Dockerfile a {@link RepoBase} verdict goes through is itself reported. */
  private static boolean reportedAtBase(Project project, RepoBase rb) {
    Optional<Dockerfile> base = project.dockerfile(rb.built().dockerfile());
    if (base.isEmpty() || base.get().finalStage().isEmpty() || base.get().windows()) return false;
    return reportable(project, base.get(), base.get().finalStage().get()).isPresent();
  }

  /**
   * The assumption a finding rests on when no process of the stage's containers is a program the
   * catalog knows (jq, an entrypoint script berth reads but cannot follow) or more than an
   * interpreter of the project's own script: berth cannot tell
   * whether that program needs root, so the message says it takes it that it does not.
   */
  private static String unknownProgram(Project project, Dockerfile df, Stage stage) {
    List<Container> containers = Containers.of(project).of(df, stage);
    // An interpreter running the project's own script (python main.py, node server.js) is known
    // as a program, but what the script needs is not (mailcow's dockerapi drives the Docker
    // socket from main.py).
    // Wrappers (tini, env, sh -c, npm run) only start what follows them: they say nothing of what
    // the program needs (zigbee2mqtt's tini -- node index.js).
    boolean unknown = !containers.isEmpty() && containers.stream().allMatch(c ->
        c.processes().stream().allMatch(p -> p.program().isEmpty() || p.program()
            .flatMap(i -> i.program().runs()).filter(r -> r == Program.Runs.INTERPRETER
                || r == Program.Runs.ARGUMENTS || r == Program.Runs.SHELL
                || r == Program.Runs.SCRIPT).isPresent()));
    return unknown ? "; berth does not know what its program needs, so this assumes root is not"
        + " one of its needs" : "";
  }

  /**
   * Root on purpose: a development or test image (by its path or stage name, because it runs
   * a development server the catalog knows: next dev, manage.py runserver, or because every
   * compose service that builds it bind-mounts its build context over the image), an image that
   * defines no program of its own (a build or tool image running its base's shell), or a
   * container whose program starts as root and drops privileges itself (nginx, php-fpm, the
   * database images, gosu in an entrypoint script, supervisord {@code user=}; unknown for a
   * supervisord whose programs berth cannot list) or cannot work without root (cron), or a
   * container that runs nothing but {@code sleep} ({@link Container#idle}), or only an
   * interpreter or shell given nothing to run ({@link Container#interactive}: a runtime image
   * such as the official python image, whose CMD is the REPL) or an init given no command
   * ({@link Container#givenNothingToRun}: {@code ENTRYPOINT ["/tini", "--"]} alone). Every
   * container of the stage must be such a case.
   */
  private static boolean byDesign(Project project, Dockerfile df, Stage stage) {
    DevelopmentImages dev = DevelopmentImages.standard();
    if (dev.matches(df, stage)) return true;
    if (devContainerOnly(project, df, stage)) return true;
    // A GitHub container action: GitHub runs it as root and asks for no USER.
    if (ContainerActions.buildsAction(project, df)) return true;
    // The rootfs of a Docker managed plugin (loki's docker-driver): the engine runs the plugin
    // by the config.json beside it, never the image by its USER.
    if (DockerPlugins.of(project).rootfsOf(df.path()).isPresent()) return true;
    // An ONBUILD image (docker-library's node:onbuild): its triggers run in the builds FROM it,
    // which bring the program and decide the user; the image is made to be built on.
    if (stage.instructions().stream().anyMatch(i -> i instanceof Instruction.OnBuild)) return true;
    // A compose file that runs the build stage (not the last one, which ships) is a development
    // setup: the toolchain and sources are the point (awesome-compose's `target: builder`).
    if (df.finalStage().filter(l -> l != stage).isPresent()
        && stage.name().filter(dev::buildStage).isPresent()) {
      return true;
    }
    if (pulledForRootUse(project, df) || variantOfRootUse(project, df)
        || pulledAsUser(project, df)) {
      return true;
    }
    // A development container: every service that builds it runs the host's checkout in it.
    if (ComposeBuilds.of(project).sourceMounted(df.path())) return true;
    List<Container> containers = Containers.of(project).of(df, stage);
    if (containers.isEmpty()) return false;
    StageFacts f = Stages.of(project).of(df).get(stage.index());
    boolean runByName = runsItsProgram(project, df);
    boolean rootUseByRun = rootUseByRun(project, df);
    boolean programlessChain = programlessChain(project, df, stage, 0);
    for (Container c : containers) {
      // No program of its own, or only an interpreter's prompt: what runs is brought by images
      // built FROM it or by the command line, unless the repository runs it by name itself.
      boolean noProgram = !c.ownProgram() || !c.overridesProcess() && programlessChain;
      boolean rootOnPurpose = ((noProgram || c.interactive() || c.givenNothingToRun())
              && !runByName)
          || c.mayDropPrivileges() && !c.backgroundKeepsRoot() || c.needsRoot()
          || c.runsDevelopmentServer() || c.idle() || c.changesOwnersOnly()
          || developmentStartScript(c)
          || entrypointNotFollowed(c) || hostAgent(c)
          || rootUseOf(c) || socketClient(c) || rootUseByRun && c.service().isEmpty()
          || serviceSetsUser(c)
          || deviceClient(c)
          || (!c.overridesProcess() && c.processes().stream().allMatch(p -> p.program().isEmpty())
              && declaredProgramNeedsRoot(f));
      if (!rootOnPurpose) return false;
    }
    return true;
  }

  /**
   * No stage of the image's chain sets ENTRYPOINT or CMD, through the bases the repository
   * builds itself (scrypted's vendor bases: `FROM ghcr.io/koush/scrypted-common:noble-nvidia`,
   * built from Dockerfile.full on ubuntu:noble, none declaring a program), down to a base the
   * catalog knows: only that base's shell or interpreter would run, as for a build or tool image
   * FROM a known image ({@link Container#ownProgram}). An unknown base may run a program of its
   * own.
   */
  private static boolean programlessChain(Project project, Dockerfile df, Stage stage,
      int depth) {
    if (depth >= MAX_BASE_DEPTH) return false;
    List<Stage> lineage = df.lineage(stage); // this stage first, the one FROM an image last
    for (Stage s : lineage) {
      if (s.last(Instruction.Entrypoint.class).isPresent()
          || s.last(Instruction.Cmd.class).isPresent()) {
        return false;
      }
    }
    Stage root = lineage.isEmpty() ? stage : lineage.get(lineage.size() - 1);
    Optional<String> image = Stages.of(project).of(df).get(root.index()).baseName().knownValue();
    if (image.isEmpty()) return false;
    if (BaseImageCatalog.standard().lookup(image.get()).isPresent()) return true;
    Optional<Dockerfile> base = baseBuild(project, df, root, image.get())
        .flatMap(b -> project.dockerfile(b.dockerfile()));
    return base.isPresent()
        && programlessChain(project, base.get(), base.get().finalStage().get(), depth + 1);
  }

  /**
   * A Dev Container: only Dev Container configurations build this stage (no compose service
   * builds the Dockerfile, nothing runs its image by name, and each configuration's
   * {@code build.target} is this stage, or absent for the last one), for the developer's editor
   * to work in; never shipped.
   */
  private static boolean devContainerOnly(Project project, Dockerfile df, Stage stage) {
    List<DevContainer> configs = RepoEvidence.of(project).devContainersOnly(df.path());
    boolean last = df.finalStage().filter(s -> s == stage).isPresent();
    return !configs.isEmpty() && configs.stream().allMatch(d -> d.builds(stage.name(), last))
        && ComposeBuilds.of(project).uses(df.path()).isEmpty()
        && RepoImages.of(project).shownRuns(df).isEmpty()
        && !RepoImages.of(project).kubernetesRunsAsRoot(df);
  }

  /**
   * The container starts a shell script whose own file name has a development or test word
   * (development-images.yaml): brocoders/nestjs-boilerplate's `CMD
   * ["/opt/startup.relational.dev.sh"]`, beside its `.ci.sh` and `.test.sh` twins, which migrates
   * and seeds demo data. Only the file name: a directory such as /usr/local says nothing.
   */
  private static boolean developmentStartScript(Container c) {
    return c.process().filter(p -> p.programIndex() < p.argv().size()).map(p -> {
      String exe = p.argv().get(p.programIndex());
      String name = exe.substring(exe.lastIndexOf('/') + 1);
      return name.endsWith(".sh") && name.length() > 3
          && DevelopmentImages.standard().matches(name.substring(0, name.length() - 3));
    }).orElse(false);
  }

  /**
   * A compose service that runs privileged in the host's PID namespace is a host agent (a
   * profiler, tracer or monitor): it sees and instruments the host's processes, which only root
   * with every capability can (docs.docker.com reference compose-file services: `pid: host`,
   * `privileged`; capabilities(7): a non-root process loses its capabilities at execve).
   * Privileged alone is not enough: it is often granted for no reason.
   */
  private static boolean hostAgent(Container c) {
    return c.service().filter(s -> privilegedIn(s, "pid")).isPresent();
  }

  /** The service runs privileged in the host's namespace of this kind ({@code pid: host}). */
  private static boolean privilegedIn(dev.berth.compose.Service s, String namespace) {
    var d = s.definition();
    boolean privileged = d.get("privileged").filter(p -> p instanceof YamlScalar y
        && y.value().equalsIgnoreCase("true")).isPresent();
    return privileged && d.get(namespace).filter(p -> p instanceof YamlScalar y
        && y.value().equals("host")).isPresent();
  }

  /**
   * Every compose service that runs the image, built or pulled (at least one), runs it
   * privileged in the host's network namespace: it most likely works on the host's interfaces
   * (a VPN client, a DHCP or PXE server, a packet capture: vimagick's openconnect, dnsmonster,
   * pxe), but a home server's compose file grants both to plain applications too, so this is a
   * note that states it, not silence.
   */
  private static Optional<dev.berth.source.Range> privilegedOnHostNetwork(Project project,
      Dockerfile df, Stage stage) {
    List<dev.berth.compose.Service> services = new java.util.ArrayList<>(pulling(project, df));
    for (Container c : Containers.of(project).of(df, stage)) {
      if (c.service().isEmpty()) continue;
      services.add(c.service().get());
    }
    if (services.isEmpty()
        || !services.stream().allMatch(s -> privilegedIn(s, "network_mode"))) {
      return Optional.empty();
    }
    return services.get(0).definition().get("network_mode").map(n -> n.range());
  }

  /**
   * The compose service runs the container as another user ({@code user: "1000:1000"},
   * element-docker-demo's init service: {@code user: $USER_ID:$GROUP_ID}, which its setup
   * writes to .env as the host user's ids): the image's root default does not apply there. An
   * explicit root ({@code 0}, {@code root}, {@code 0:0}) is still root.
   */
  private static boolean serviceSetsUser(Container c) {
    return c.composeUser().isPresent() && setsUser(c.composeUser().get().value());
  }

  /** A compose {@code user:} that is not root ({@code 0}, {@code root}, with any group). */
  private static boolean setsUser(String user) {
    String u = user.strip();
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    // an empty name is a variable the setup fills in (element-docker-demo's
    // `user: $USER_ID:$GROUP_ID`, written to .env by its setup): unknown, so not taken for root
    return !name.equals("0") && !name.equals("root");
  }

  /**
   * Every {@code docker run} of the image the repository shows (its README's, its scripts') gives
   * it the Docker socket: watchtower's README runs containrrr/watchtower, which goreleaser builds
   * from dockerfiles/Dockerfile, with {@code --volume /var/run/docker.sock:/var/run/docker.sock}.
   * Root is then by design, as for a compose service given the socket ({@link #socketClient}).
   * A run with {@code --privileged} or {@code --device} is the same case: host devices a non-root
   * process cannot use (umbrel's usb-installer build.sh runs its ISO builder image
   * {@code --privileged} to make loop devices).
   */
  private static boolean rootUseByRun(Project project, Dockerfile df) {
    List<dev.berth.evidence.ImageRun> runs = RepoImages.of(project).shownRuns(df);
    int counted = 0;
    for (dev.berth.evidence.ImageRun r : runs) {
      // a run with --entrypoint runs another program of the image (localstack's Makefile runs
      // its test suite in the S3 image, with the socket the tests need): it says nothing of
      // what the image's own program needs
      if (r.replacesEntrypoint()) continue;
      counted++;
      boolean socket = false;
      // only docker run's own options: words after the image are the container's command
      // (`docker run -p 8000:8000 transcriber --device cpu`)
      for (dev.berth.evidence.Value w : r.options()) {
        String v = w.value().orElse("");
        socket |= v.startsWith("/var/run/docker.sock:") || v.startsWith("/run/docker.sock:")
            || v.startsWith("/var/run/docker.sock") && v.length() == "/var/run/docker.sock".length()
            || v.contains("source=/var/run/docker.sock") || v.contains("src=/var/run/docker.sock")
            || v.equals("--privileged") || v.equals("--privileged=true") || v.equals("--device")
            || v.startsWith("--device=");
      }
      if (!socket) return false;
    }
    return counted > 0;
  }

  /**
   * The container's compose service gives it the Docker socket, and the image prepares no other
   * user for it (no member of a {@code docker} group): whoever holds the socket can start a
   * privileged container with the host's root filesystem (BTH602's finding), so root inside this
   * container adds nothing to what it can do, and the host's docker group id, the one way to
   * reach the socket without root, is not something the image can know. Laradock's jenkins image
   * adds jenkins to a docker group and then forgets to switch back from root: still reported.
   */
  private static boolean socketClient(Container c) {
    return c.service().filter(dev.berth.compose.Service::mountsDockerSocket).isPresent()
        && !socketUserPrepared(c.view().filesystem().accounts());
  }

  /**
   * The container's compose service hands it a host device ({@code devices:}, a Z-Wave or Zigbee
   * stick, a serial port) and no group or user to reach it with ({@code group_add:},
   * {@code user:}): the device node keeps the host's owner and group (docs.docker.com run
   * --device), whose group id the image cannot know, so root is how the program opens it
   * (zwave-js-ui's compose example).
   */
  private static boolean deviceClient(Container c) {
    return c.service().filter(FinalUserRoot::deviceClient).isPresent();
  }

  private static boolean deviceClient(dev.berth.compose.Service s) {
    var d = s.definition();
    boolean devices = d.get("devices").filter(n -> n instanceof dev.berth.compose.yaml.YamlSeq q
        && !q.items().isEmpty()).isPresent();
    return devices && d.get("group_add").isEmpty() && d.get("user").isEmpty();
  }

  /**
   * Nothing contradicts taking an image with the Docker CLI for a client of the host's socket:
   * the image prepares no user of a docker group (laradock's jenkins adds jenkins to one, then
   * ends as root: reported), no compose service that runs it goes without the socket, and the
   * repository's compose files, if any, give some service the socket (khoj's leave the mount
   * commented out: reported).
   */
  private static boolean dockerClientBySocket(Project project, Dockerfile df, Stage stage) {
    List<Container> containers = Containers.of(project).of(df, stage);
    for (Container c : containers) {
      if (socketUserPrepared(c.view().filesystem().accounts())) return false;
      if (c.service().isPresent()
          && !c.service().get().mountsDockerSocket()) {
        return false;
      }
    }
    // Compose files that give no service the socket (khoj's leaves the mount commented out):
    // the repository's own way to run its images says nothing of a socket.
    boolean anySocket = project.composeProjects().stream()
        .flatMap(cp -> cp.services().values().stream())
        .anyMatch(dev.berth.compose.Service::mountsDockerSocket);
    if (!project.composeProjects().isEmpty() && !anySocket) return false;
    return pulling(project, df).stream()
        .allMatch(dev.berth.compose.Service::mountsDockerSocket);
  }

  /**
   * The compose services that pull an image the repository builds from {@code df} (one of the
   * Dockerfiles that may have built it: the service may run this one).
   */
  private static List<dev.berth.compose.Service> pulling(Project project, Dockerfile df) {
    List<dev.berth.compose.Service> out = new java.util.ArrayList<>();
    for (dev.berth.compose.ComposeProject cp : project.composeProjects()) {
      for (dev.berth.compose.Service s : cp.services().values()) {
        if (s.build().isEmpty() && s.image().isPresent()
            && (RepoImages.of(project).runCandidates(s.image().get().value()).stream()
                .anyMatch(b -> b.dockerfile().equals(df.path()))
                || namedForItsDirectory(project, s, df))) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /**
   * A compose file beside the Dockerfile (one of its directory's) pulls the image
   * named for that directory, under an owner the repository names its images so in more than one
   * directory: an image collection's usage examples (vimagick/dockerfiles' mpd/docker-compose.yml
   * runs `image: vimagick/mpd`, the image Docker Hub builds from mpd/Dockerfile;
   * ffmpeg/arm/docker-compose.yml runs easypi/ffmpeg-arm), though no build of the repository
   * names the image. An official image (no owner) or an owner used once says nothing of the
   * Dockerfile beside it.
   */
  private static boolean namedForItsDirectory(Project project, dev.berth.compose.Service s,
      Dockerfile df) {
    Optional<String> owner = ownerNamedForDirectory(project, s);
    if (owner.isEmpty() || !Paths.dir(s.name().range().file()).equals(Paths.dir(df.path()))) {
      return false;
    }
    int directories = 0;
    for (dev.berth.compose.ComposeProject cp : project.composeProjects()) {
      for (dev.berth.compose.Service other : cp.services().values()) {
        if (ownerNamedForDirectory(project, other).equals(owner) && ++directories >= 2) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The owner of the image a service pulls (no build), when the image's name is its compose
   * file's directory's (or parent-directory's, `ffmpeg-arm` in ffmpeg/arm/) and that directory
   * holds a Dockerfile. With several (vimagick's pptp/Dockerfile and pptp/Dockerfile.debian),
   * each is a variant of the image, run the way the compose file runs it.
   */
  private static Optional<String> ownerNamedForDirectory(Project project,
      dev.berth.compose.Service s) {
    if (s.build().isPresent() || s.image().isEmpty()) return Optional.empty();
    String dir = Paths.dir(s.name().range().file());
    if (dir.isEmpty() || dir.equals(".") || project.dockerfiles().stream()
        .noneMatch(d -> Paths.dir(d.path()).equals(dir))) {
      return Optional.empty();
    }
    String image = s.image().get().value().replaceFirst("@.*$", "");
    int slash = image.lastIndexOf('/');
    if (slash <= 0) return Optional.empty();
    String name = image.substring(slash + 1).replaceFirst(":.*$", "")
        .toLowerCase(java.util.Locale.ROOT);
    String here = Paths.fileName(dir).toLowerCase(java.util.Locale.ROOT);
    String parent = Paths.fileName(Paths.dir(dir)).toLowerCase(java.util.Locale.ROOT);
    boolean named = name.equals(here) || !parent.isEmpty() && name.equals(parent + "-" + here);
    return named ? Optional.of(image.substring(0, slash)) : Optional.empty();
  }

  /** The accounts of the Dockerfile's last stage as built (none known when it has no stage). */
  private static dev.berth.image.Accounts finalAccounts(Project project, Dockerfile df) {
    List<dev.berth.image.StageSimulation> stages = ImageSimulation.of(project).stages(df);
    return stages.isEmpty() ? dev.berth.image.Accounts.empty(false)
        : stages.get(stages.size() - 1).finalFilesystem().accounts();
  }

  private static boolean socketUserPrepared(dev.berth.image.Accounts accounts) {
    return accounts.group("docker").filter(g -> g.members().stream()
        .anyMatch(m -> !m.equals("root"))).isPresent();
  }

  /** The container's compose service runs it the way only root can use ({@link #rootUse}). */
  private static boolean rootUseOf(Container c) {
    return c.service().filter(FinalUserRoot::rootUse).isPresent();
  }

  /**
   * The compose services that pull the image the repository builds from this Dockerfile (its CI
   * pushes {@code ghcr.io/wg-easy/wg-easy}, which the compose file runs) all run it the way only
   * root can use ({@link #rootUse}) or give it the Docker socket ({@link #socketClient}): the
   * image is made to run as root.
   */
  private static boolean pulledForRootUse(Project project, Dockerfile df) {
    List<dev.berth.compose.Service> services = pulling(project, df);
    for (dev.berth.compose.Service s : services) {
      if (!rootUse(s) && !deviceClient(s)
          && !(s.mountsDockerSocket() && !socketUserPrepared(finalAccounts(project, df)))) {
        return false;
      }
    }
    return !services.isEmpty();
  }

  /**
   * The compose services that pull the image the repository builds from this Dockerfile and the
   * {@code docker run}s of it its scripts do or its READMEs show (at least one of them) all run
   * it as another user ({@link #setsUser}, {@link #runAsUser}), and the repository neither
   * builds it in a compose file nor runs it as root in a Kubernetes manifest (yusing/godoxy: its
   * reusable workflow pushes ghcr.io/yusing/godoxy, which the deployment compose.example.yml
   * runs with {@code user: ${GODOXY_UID:-1000}:...}; home-gallery's README runs its image with
   * {@code -u $(id -u):$(id -g)}):
   * where the repository deploys it, root does not apply, as for a service that builds it
   * ({@link #serviceSetsUser}).
   */
  private static boolean pulledAsUser(Project project, Dockerfile df) {
    List<dev.berth.compose.Service> services = pulling(project, df);
    List<dev.berth.evidence.ImageRun> runs = RepoImages.of(project).shownRuns(df);
    return !(services.isEmpty() && runs.isEmpty())
        && services.stream().allMatch(s -> s.user().map(u -> setsUser(u.value())).orElse(false))
        && runs.stream().allMatch(FinalUserRoot::runAsUser)
        && ComposeBuilds.of(project).uses(df.path()).isEmpty()
        && !RepoImages.of(project).kubernetesRunsAsRoot(df);
  }

  /**
   * The {@code docker run} gives a user that is not root: a fixed one, or one chosen where it
   * runs (home-gallery's README: {@code -u $(id -u):$(id -g)}, the host's user).
   */
  private static boolean runAsUser(dev.berth.evidence.ImageRun r) {
    return r.user().map(u -> u.value().map(FinalUserRoot::setsUser).orElse(true)).orElse(false);
  }

  /**
   * A variant of an image the repository's compose services run the way only root can use
   * ({@link #pulledForRootUse}): another Dockerfile of the same directory whose final stage starts
   * the very same command (zwave-js-ui's docker/Dockerfile.debian and Dockerfile.contrib beside
   * docker/Dockerfile, whose published image the compose example hands the Z-Wave stick). The
   * variant runs the same program for the same use, so its design is the same.
   */
  private static boolean variantOfRootUse(Project project, Dockerfile df) {
    // A Dockerfile compose runs itself is judged by those containers, not by a sibling's.
    if (!ComposeBuilds.of(project).uses(df.path()).isEmpty() || !pulling(project, df).isEmpty()) {
      return false;
    }
    Optional<List<String>> mine = startCommand(project, df);
    if (mine.isEmpty()) return false;
    String dir = Paths.dir(df.path());
    for (Dockerfile other : project.dockerfiles()) {
      if (other == df || !Paths.dir(other.path()).equals(dir) || other.windows()) continue;
      if (startCommand(project, other).equals(mine) && runForRootUse(project, other)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every compose service that pulls or builds the image of {@code df} hands it a host device
   * or the Docker socket with no user of its group prepared (watchtower's docker-compose.yml
   * builds Dockerfile.dev-self-contained with the socket).
   */
  private static boolean runForRootUse(Project project, Dockerfile df) {
    List<dev.berth.compose.Service> services = new java.util.ArrayList<>(pulling(project, df));
    ComposeBuilds.of(project).uses(df.path()).forEach(u -> services.add(u.service()));
    // Only uses no other user can have: a host device, the Docker socket. Capabilities say less
    // of the program (a debug variant's SYS_PTRACE is no design of the production image's).
    return !services.isEmpty() && services.stream().allMatch(s -> deviceClient(s)
        || s.mountsDockerSocket() && !socketUserPrepared(finalAccounts(project, df)));
  }

  /**
   * ENTRYPOINT + CMD of the final stage, when known and declared by the Dockerfile itself (an
   * inherited default such as the node image's {@code node} says nothing of the program).
   */
  private static Optional<List<String>> startCommand(Project project, Dockerfile df) {
    Optional<Stage> last = df.finalStage();
    if (last.isEmpty()) return Optional.empty();
    StageFacts f = Stages.of(project).of(df).get(last.get().index());
    if (f.entrypoint().filter(e -> !e.known()).isPresent()
        || f.cmd().filter(c -> !c.known()).isPresent()) {
      return Optional.empty();
    }
    boolean declaredHere = f.entrypoint().or(f::cmd).flatMap(Fact::setBy)
        .filter(r -> r.file().equals(df.path())).isPresent();
    return declaredHere ? f.startCommand().filter(c -> !c.isEmpty()) : Optional.empty();
  }

  /**
   * A compose service whose container only root can use as configured: it adds capabilities
   * ({@code cap_add: [NET_ADMIN, SYS_MODULE]}: wg-easy brings up a WireGuard interface), which
   * only root keeps (capabilities(7), "Transformation of capabilities during execve()": a process
   * whose user is not root starts the program with an empty effective set). The Docker socket is
   * {@link #socketClient}'s.
   */
  private static boolean rootUse(dev.berth.compose.Service s) {
    return s.definition().get("cap_add").filter(n -> n instanceof
        dev.berth.compose.yaml.YamlSeq q && !q.items().isEmpty()).isPresent();
  }

  /**
   * The repository runs the image by name, and not only with an inert command in place of its
   * own: umbrel's usb-installer build.sh runs `docker run -d usb-installer /bin/true` just to
   * `docker export` the container's filesystem as a root filesystem.
   */
  private static boolean runsItsProgram(Project project, Dockerfile df) {
    if (!RepoImages.of(project).runs(df)) return false;
    List<dev.berth.evidence.ImageRun> shown = RepoImages.of(project).shownRuns(df);
    return shown.isEmpty() || !shown.stream().allMatch(r -> dev.berth.runtime.ScriptCommands
        .standard().inert(r.command().stream().map(w -> w.value().orElse("")).toList()));
  }

  /**
   * An entrypoint script berth could not follow to the command it is given (its CMD): what
   * finally runs, and whether it switches users, is unknown (mailcow's dovecot and sogo images
   * start supervisord through a bash entrypoint whose constructs berth's parser does not model).
   */
  private static boolean entrypointNotFollowed(Container c) {
    if (c.processes().size() != 1) return false;
    Proc only = c.processes().get(0);
    if (only.program().isPresent() || only.argv().size() < 2) return false;
    String exe = only.name();
    return exe.endsWith(".sh") || exe.contains("entrypoint");
  }

  /**
   * Every build of the Dockerfile the repository runs exports files ({@code --output}) and no
   * compose service builds it: the image is never made, so nothing runs as root.
   */
  private static boolean exportedOnly(Project project, Dockerfile df) {
    if (!ComposeBuilds.builds(project, df).isEmpty() || RepoImages.of(project).runs(df)) {
      return false;
    }
    List<DockerBuild> builds = RepoEvidence.of(project).buildsOf(df.path());
    return !builds.isEmpty() && builds.stream().allMatch(DockerBuild::filesOnly);
  }

  /**
   * The Dockerfile's own ENTRYPOINT or CMD names a program that drops privileges or needs root,
   * when berth cannot tell what runs (the base image's ENTRYPOINT is unknown, an entrypoint
   * script it cannot read or parse stands in front): taken as intended, since the finding would
   * rest on a guess.
   */
  private static boolean declaredProgramNeedsRoot(StageFacts f) {
    boolean declared = false;
    for (Optional<Fact<List<String>>> argv : List.of(f.entrypoint(), f.cmd())) {
      if (argv.isEmpty() || !argv.get().known() || argv.get().value().isEmpty()) continue;
      for (List<String> command : commands(argv.get().value())) {
        declared |= dropsOrNeedsRoot(command);
      }
      // A server the script leaves running in the background as root (apisix-docker's all-in-one
      // `(nohup etcd >/tmp/etcd.log 2>&1 &) && ... openresty`): openresty drops, etcd does not.
      if (backgroundKeepsRoot(argv.get().value())) return false;
    }
    return declared;
  }

  /** Wrappers that only start the command after them, in the background or detached. */
  private static final Set<String> DETACHING = Set.of("nohup", "setsid", "exec");

  /**
   * A shell-form command starts something in the background ({@code cmd &}) that keeps root
   * there ({@link dev.berth.runtime.Container#serverKeepingRoot}).
   */
  private static boolean backgroundKeepsRoot(List<String> argv) {
    for (SimpleCommand c : shellForm(argv).orElse(List.of())) {
      if (!c.background()) continue;
      List<String> words = words(c);
      while (!words.isEmpty() && DETACHING.contains(words.get(0))) {
        words = words.subList(1, words.size());
      }
      if (words.isEmpty()) continue;
      if (dev.berth.runtime.Container.serverKeepingRoot(words,
          ProgramCatalog.standard().match(words, Optional.empty()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The command lines an ENTRYPOINT or CMD runs: itself, or for shell form ({@code /bin/sh -c
   * SCRIPT}, or the stage's SHELL such as {@code bash -o pipefail -c}) each simple command of the
   * script, {@code exec} dropped (FreshRSS: {@code ([ -z "$CRON_MIN" ] || cron) && . envvars &&
   * exec apache2 -D FOREGROUND}).
   */
  private static List<List<String>> commands(List<String> argv) {
    Optional<List<SimpleCommand>> script = shellForm(argv);
    if (script.isEmpty()) return List.of(argv);
    List<List<String>> out = new java.util.ArrayList<>();
    for (SimpleCommand c : script.get()) {
      List<String> words = words(c);
      if (!words.isEmpty() && words.get(0).equals("exec")) words = words.subList(1, words.size());
      if (!words.isEmpty()) out.add(words);
    }
    return out;
  }

  /** The simple commands of a shell-form ENTRYPOINT or CMD ({@code sh -c SCRIPT}), if it is one. */
  private static Optional<List<SimpleCommand>> shellForm(List<String> argv) {
    int n = argv.size();
    if (n < 3 || !argv.get(n - 2).equals("-c") || !argv.get(0).endsWith("sh")) {
      return Optional.empty();
    }
    return Optional.of(ShellScript.parse(argv.get(n - 1)).commands());
  }

  /** A command's words, {@code ?} for one whose value is not known. */
  private static List<String> words(SimpleCommand c) {
    return c.words().stream().map(w -> w.value().orElse("?")).toList();
  }

  private static boolean dropsOrNeedsRoot(List<String> argv) {
    Optional<Invocation> i = ProgramCatalog.standard().match(argv, Optional.empty());
    Optional<Program> p = i.map(Invocation::program);
    return p.isPresent() && (p.get().dropsPrivileges().isPresent() || p.get().needsRoot().isPresent()
        || i.get().runsAs().filter(u -> !Invocation.root(u)).isPresent()
        // a process manager whose programs it cannot read: who they run as is unknown, as for
        // one whose configuration is not in the image (Container#supervisedProgramsUnknown);
        // docassemble's CMD supervisord on its own unknown base, programs as www-data and root
        || p.get().runs().filter(r -> r == Program.Runs.SUPERVISOR
            || r == Program.Runs.SCANDIR).isPresent());
  }

  /** Why a stage runs as root: its own USER, or a base image (maybe one built here) that does. */
  private sealed interface Verdict {
    /** @param assumption appended to the message: what the finding's weight rests on */
    RuleContext.Report report(String which, Stage judged, RuleContext ctx, String assumption);
  }

  /** The stage chain sets USER root (or 0) at {@code at} (a USER, or a parent's ONBUILD USER). */
  private record RootUser(Range at, String name) implements Verdict {
    @Override
    public RuleContext.Report report(String which, Stage judged, RuleContext ctx,
        String assumption) {
      return ctx.report(at, messageRoot(which, name) + assumption);
    }
  }

  /** No USER anywhere down to {@code base}, an image the catalog knows to run as root. */
  private record RootBase(String base) implements Verdict {
    @Override
    public RuleContext.Report report(String which, Stage judged, RuleContext ctx,
        String assumption) {
      return ctx.report(judged.from().range(), messageMissing(which, base) + assumption);
    }
  }

  /** No USER down to {@code image}, built in this repository, whose own verdict is {@code inner}. */
  private record RepoBase(String image, RepoImages.Built built, Verdict inner, Range innerAt)
      implements Verdict {
    @Override
    public RuleContext.Report report(String which, Stage judged, RuleContext ctx,
        String assumption) {
      return ctx.report(judged.from().range(),
              messageRepoBase(which, image, built.dockerfile()) + assumption)
          .related(innerAt, inner instanceof RootUser u ? "sets USER " + u.name()
              : inner instanceof RootBase b
                  ? "sets no USER; its base image '" + b.base() + "' runs as root"
                  // a base of a base built here too (synapse's complement image)
                  : inner instanceof RepoBase rb ? "sets no USER; its base image '" + rb.image()
                      + "', built in this repository from " + rb.built().dockerfile()
                      + ", runs as root"
                  : "runs as root")
          .related(built.evidence(), "the repository builds '" + image + "' from "
              + built.dockerfile() + " here");
    }
  }

  /**
   * The USER the stage resolves to (through ARGs, parent stages and their ONBUILD triggers), or
   * when none is set, the base image at the root of its FROM chain.
   */
  private static Optional<Verdict> judge(Project project, Dockerfile dockerfile, Stage stage,
      int depth) {
    List<StageFacts> facts = Stages.of(project).of(dockerfile);
    StageFacts f = facts.get(stage.index());
    if (f.user().isPresent()) {
      Fact<UserSpec> user = f.user().get();
      if (!user.known() || !user.value().root()) return Optional.empty();
      String name = user.value().user() + user.value().group().map(g -> ":" + g).orElse("");
      return Optional.of(new RootUser(user.setBy().orElse(stage.from().range()), name));
    }
    return externalBase(project, dockerfile, f.chainRoot(facts).orElse(f), depth);
  }

  private static Optional<Verdict> externalBase(Project project, Dockerfile dockerfile,
      StageFacts f, int depth) {
    Stage s = f.stage();
    Optional<Verdict> inRepo = repoBase(project, dockerfile, s, depth);
    if (inRepo.isPresent() || !f.baseName().known()) return inRepo;
    String image = f.baseName().value();
    // Only a base image the catalog knows to run as root is judged: an unknown image may
    // well set its own USER (grafana, chainguard, bitnami, ...), so it is an unknown, not a no.
    Optional<BaseImage> base = BaseImageCatalog.standard().lookup(image);
    if (base.isEmpty() || !isRoot(base.get().defaultUser())) return Optional.empty();
    return Optional.of(new RootBase(image));
  }

  /**
   * A base image another Dockerfile of this repository builds: the image that runs is that
   * Dockerfile's final stage with this one on top, so it is judged through it. The FROM is read
   * with its ARG defaults; when the repository passes that ARG another value, the base is unknown.
   */
  private static Optional<Verdict> repoBase(Project project, Dockerfile dockerfile, Stage s,
      int depth) {
    if (depth >= MAX_BASE_DEPTH || project.dockerfiles().size() < 2) return Optional.empty();
    String raw = s.from().image().text();
    if (!raw.contains("$") && BaseImageCatalog.standard().lookup(raw).isPresent()) {
      return Optional.empty();
    }
    Optional<String> image = Stages.of(project).of(dockerfile).get(s.index()).baseName()
        .knownValue();
    if (image.isEmpty() || BaseImageCatalog.standard().lookup(image.get()).isPresent()) {
      return Optional.empty();
    }
    Optional<RepoImages.Built> built = baseBuild(project, dockerfile, s, image.get());
    if (built.isEmpty()) return Optional.empty();
    Dockerfile base = project.dockerfile(built.get().dockerfile()).orElseThrow();
    Stage top = base.finalStage().orElseThrow();
    return judge(project, base, top, depth + 1).map(v -> new RepoBase(image.get(),
        built.get(), v, v instanceof RootUser u ? u.at() : top.from().range()));
  }

  /**
   * The build of another Dockerfile of the repository that makes {@code image}, the base of
   * stage {@code s}: the image is that Dockerfile's final stage, unless a build of this one
   * passes the ARG its FROM is written with (then the base is unknown).
   */
  private static Optional<RepoImages.Built> baseBuild(Project project, Dockerfile dockerfile,
      Stage s, String image) {
    return RepoImages.of(project).builtFrom(image)
        .filter(b -> project.dockerfile(b.dockerfile())
            .filter(d -> d != dockerfile && d.finalStage().isPresent()).isPresent())
        .filter(b -> !argOverridden(project, dockerfile, s));
  }

  /**
   * A build of this Dockerfile in the repository that passes a value for an ARG the root USER
   * instruction is written with ({@code USER "$USER_ID:$USER_ID"}).
   */
  private static Optional<DockerBuild> userArgPassed(Project project, Dockerfile dockerfile,
      RootUser root) {
    Optional<String> text = dockerfile.instructions().stream()
        .filter(i -> i instanceof Instruction.User u && u.range().equals(root.at()))
        .map(i -> ((Instruction.User) i).user().text()).findFirst();
    if (text.isEmpty() || !text.get().contains("$")) return Optional.empty();
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(dockerfile.path())) {
      for (var arg : b.buildArgs().entrySet()) {
        String name = arg.getKey();
        if ((text.get().contains("$" + name) || text.get().contains("${" + name))
            && arg.getValue().filter(v -> !isRoot(v)).isPresent()) {
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  /** The repository builds this Dockerfile passing a value for an ARG its FROM uses. */
  private static boolean argOverridden(Project project, Dockerfile dockerfile, Stage s) {
    String text = s.from().image().text();
    if (!text.contains("$")) return false;
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(dockerfile.path())) {
      for (String arg : b.buildArgs().keySet()) {
        if (text.contains("$" + arg) || text.contains("${" + arg)) return true;
      }
    }
    return false;
  }

  static boolean isRoot(String user) {
    String u = user.trim();
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.equals("root") || name.equals("0");
  }

  public static String messageRoot(String which, String user) {
    return which + " sets USER " + user + ": the container's process runs as root";
  }

  public static String messageRepoBase(String which, String image, String builtFrom) {
    return which + " sets no USER and its base image '" + image + "', built from " + builtFrom
        + " in this repository, runs as root: the container's process runs as root";
  }

  public static String messageMissing(String which, String baseImage) {
    return which + " sets no USER and its base image '" + baseImage + "' runs as root: "
        + "the container's process runs as root";
  }
}
