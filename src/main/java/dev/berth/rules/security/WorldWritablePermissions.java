package dev.berth.rules.security;

import dev.berth.dockerfile.Comment;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.evidence.ImageRun;
import dev.berth.evidence.RepoImages;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.DevelopmentImages;
import dev.berth.rules.Severity;
import dev.berth.rules.hygiene.CommandLine;
import dev.berth.rules.hygiene.ImageStages;
import dev.berth.rules.hygiene.Scripts;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code chmod 777} (any mode that gives "others" write without the sticky bit: 666, o+w, a+w)
 * in a RUN of a shipped stage, or {@code COPY --chmod} with such a mode: every user in the
 * container, a compromised process included, can replace what the application runs or reads.
 * Shared scratch directories ({@code /tmp}, {@code /var/tmp}, {@code /dev/shm}) and directories
 * under them, runtime state
 * (pid files, sockets and logs: under {@code /run}, {@code /var/run}, {@code /var/log}, or a
 * directory named {@code log}/{@code logs}/{@code sockets}) and modes with the sticky bit (1777)
 * are not reported: they are not what the application runs or reads. A command that also names
 * other paths is reported with those only.
 */
@RuleMeta(
    id = "BTH606",
    summary = "chmod 777 (or another world-writable mode) in the image",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    securitySeverity = "5.0")
public final class WorldWritablePermissions implements DockerfileRule {
  private static final java.util.regex.Pattern SYMBOLIC =
      java.util.regex.Pattern.compile("([ugoa]*)([+=])([rwxXst]*)");
  private static final Set<String> SCRATCH = Set.of("/tmp", "/var/tmp", "/dev/shm");
  /** FHS 3.0 §3.15 /run (runtime variable data: pid files, sockets), §5.10 /var/log. */
  private static final List<String> RUNTIME_STATE = List.of("/run/", "/var/run/", "/var/log/");
  /**
   * Caches a server fills at run time with data it fetched or rendered, never code it loads:
   * Next.js's {@code .next/cache} (nextjs.org docs, deploying/self-hosting: optimized images and
   * fetch responses "stored ... in the .next/cache directory"). Not Laravel's bootstrap/cache,
   * which holds PHP the framework includes.
   */
  private static final List<String> RUNTIME_CACHES = List.of(".next/cache");
  /**
   * Directories whose name says they hold logs or unix sockets wherever they are (wazuh's
   * engine/sockets): runtime state like /run and /var/log.
   */
  private static final Set<String> RUNTIME_NAMES = Set.of("log", "logs", "sockets", "socket",
      "sock");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Set<Integer> shipped = ImageStages.of(dockerfile, project);
    // The paths already reported in this Dockerfile: opening the same path again (factorio's
    // rootless image, `chmod ugo=rwx /opt/factorio` and later `chmod -R 777 /opt/factorio
    // /factorio`) is the same cause, a related location of the first finding.
    java.util.Map<String, RuleContext.Report> opened = new java.util.HashMap<>();
    // each stage's writable Samba shares, read once (from its smb.conf) when a chmod needs them
    java.util.Map<Integer, List<String>> sharesByStage = new java.util.HashMap<>();
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      if (!shipped.contains(site.stage().index())) continue;
      for (SimpleCommand c : site.script().commands()) {
        findChmod(c).ifPresent(f -> {
          List<String> roots = f.roots().stream()
              .filter(t -> !runtimeState(t) || holdsApplication(t, dockerfile)).toList();
          if (roots.isEmpty()) return;
          String what = (f.directoriesOnly() ? "the directories under " : "everything under ")
              + String.join(" ", roots) + " (find -exec chmod)";
          report(ctx, site.script().range(c), f.mode(), what, dockerfile,
              site.stage().stage(), project);
        });
        Optional<CommandLine> l = CommandLine.of(c, Set.of("chmod"));
        if (l.isEmpty()) continue;
        List<ShellWord> ops = l.get().operands(Set.of("reference"));
        if (ops.size() < 2) continue;
        Optional<String> mode = ops.get(0).value();
        if (mode.isEmpty() || !worldWritable(mode.get())) continue;
        // ENV and ARG values in force at the RUN (solidtime's ${ROOT}); others stay as written.
        dev.berth.dockerfile.Vars vars = site.stage().varsBefore(site.run());
        List<String> targets = ops.subList(1, ops.size()).stream()
            .map(w -> w.expand(vars::value).orElse(w.raw()))
            .filter(t -> !runtimeState(t) || holdsApplication(t, dockerfile)).toList();
        if (targets.isEmpty()) continue;
        if (unenterableNewDirectories(mode.get(), targets, site.script().commands(), c, vars)) {
          continue;
        }
        targets = targets.stream().filter(t -> !behindRootOnly(t, dockerfile, site, project))
            .toList();
        if (targets.isEmpty()) continue;
        dev.berth.source.Range at = site.script().range(c);
        // each target's absolute path when the image leaves it an empty directory: asked once,
        // for both notes below
        java.util.Map<String, String> empty = new java.util.HashMap<>();
        for (String t : targets) {
          emptyEverywhere(t, dockerfile, site, project).ifPresent(p -> empty.put(t, p));
        }
        List<String> data = new java.util.ArrayList<>();
        List<Mounted> mounts = new java.util.ArrayList<>();
        for (String t : targets) {
          if (!empty.containsKey(t)) continue;
          Optional<Mounted> m = mountOver(empty.get(t), dockerfile, site, project);
          if (m.isPresent()) {
            data.add(t);
            mounts.add(m.get());
          }
        }
        if (!data.isEmpty() && data.size() == targets.size()) {
          // whoogle's `mkdir -p /config && chmod a+w /config` then VOLUME /config: a place for
          // whatever uid runs the container to keep its data, not code or configuration the
          // image brings
          var note = ctx.report(at, opened(mode.get(), String.join(" ", data)) + ", but "
                  + (data.size() == 1 ? "it is an empty directory" : "they are empty directories")
                  + " a volume is mounted over at run time ("
                  + String.join("; ", mounts.stream().map(Mounted::what).toList())
                  + "), so berth takes the mode for a choice to let whichever uid runs the"
                  + " container keep its data there (a bind mount brings the host directory's own"
                  + " modes; a new named volume copies this one); " + GROUP_ZERO)
              .severity(Severity.NOTE);
          mounts.stream().map(Mounted::range).distinct()
              .forEach(r -> note.related(r, "the mount"));
          continue;
        }
        targets = targets.stream().filter(t -> !data.contains(t)).toList();
        // eclipse-che's `mkdir /logs /data && chmod 0777 /logs /data && chgrp -R 0 ... /data &&
        // chmod -R g+rwX ...`: empty directories the same RUN gives to group 0 with group write,
        // OpenShift's way for a random uid: data of whichever uid runs it, by design
        List<String> forAnyUid = targets.stream().filter(t -> empty.containsKey(t)
            && groupZero(empty.get(t), site.script().commands(), vars)).toList();
        if (!forAnyUid.isEmpty() && forAnyUid.size() == targets.size()) {
          ctx.report(at, opened(mode.get(), String.join(" ", forAnyUid)) + ", but "
                  + (forAnyUid.size() == 1 ? "it is an empty directory" : "they are empty"
                  + " directories") + " the same RUN also gives to group 0 with group write,"
                  + " OpenShift's way for containers run as an arbitrary uid in group 0, so berth"
                  + " takes them for the data of whichever uid runs the container; the group's"
                  + " write already serves that uid, and the mode only adds every other user")
              .severity(Severity.NOTE);
          continue;
        }
        String target = String.join(" ", targets);
        Optional<Comment> anyUid = anyUidIntent(dockerfile, site.run(), at.startLine());
        if (anyUid.isPresent()) {
          // redmine's "fix permissions for running as an arbitrary user", dawarich's "writable
          // by any user (for custom uid:gid support)": the author opens the mode for a uid no
          // chown can name. By design; what is left to say is the narrower way to do it.
          ctx.report(at, opened(mode.get(), target)
                  + ", and the comment at line "
                  + anyUid.get().range().startLine() + " says it is for running as any uid"
                  + " (docker run --user), which no chown can name, so berth takes the mode for a"
                  + " design choice; " + GROUP_ZERO)
              .severity(Severity.NOTE)
              .related(anyUid.get().range(), "the author's reason for the mode");
          continue;
        }
        Optional<dev.berth.source.Range> scriptSays = anyUidInEntrypoint(dockerfile, project);
        if (scriptSays.isPresent()) {
          // neo4j's docker-entrypoint.sh: "If we're running as root, then run as the neo4j
          // user. Otherwise docker is running with --user and we simply use that user": the
          // image is made to start as any uid, which the open mode serves
          ctx.report(at, opened(mode.get(), target)
                  + ", and the image's ENTRYPOINT script says at " + scriptSays.get().file() + ":"
                  + scriptSays.get().startLine() + " that it runs as any uid (docker run --user),"
                  + " which no chown can name, so berth takes the mode for a design choice; "
                  + GROUP_ZERO)
              .severity(Severity.NOTE)
              .related(scriptSays.get(), "the entrypoint's word on running as any uid");
          continue;
        }
        // only absolute paths, in the same stage: a relative one depends on the WORKDIR, and
        // another stage may be judged another way (a development stage's note)
        String stageKey = site.stage().stage().index() + "\u0000";
        // a directory a Samba share in the image serves writable is the share's data, which
        // every client writes (nextcloud/docker-ci's samba images: `path = /opt/samba/share`,
        // `writable = yes`, `create mode = 0777`)
        List<String> shares = sharesByStage.computeIfAbsent(site.stage().stage().index(),
            k -> sambaWritableShares(dockerfile, site, project));
        if (!shares.isEmpty()) {
          targets = targets.stream().filter(t -> shares.stream().noneMatch(sh ->
              dev.berth.context.Paths.clean(t).equals(sh)
                  || dev.berth.context.Paths.clean(t).startsWith(sh + "/"))).toList();
          if (targets.isEmpty()) continue;
          target = String.join(" ", targets);
        }
        // hi.events' startup.sh runs `chmod -R 775 /app/backend/storage` on every start, before
        // its program: the build's mode never reaches a running container
        boolean recursive = l.get().hasShort('R') || l.get().hasLong("recursive");
        List<String> resetAtStart = resetAtStart(targets, recursive, dockerfile,
            site.stage().stage(), project);
        if (!resetAtStart.isEmpty()) {
          targets = targets.stream().filter(t -> !resetAtStart.contains(t)).toList();
          if (targets.isEmpty()) continue;
          target = String.join(" ", targets);
        }
        List<String> again = targets.stream().filter(t -> t.startsWith("/")
            && opened.containsKey(stageKey + dev.berth.context.Paths.clean(t))).toList();
        for (String t : again) {
          opened.get(stageKey + dev.berth.context.Paths.clean(t)).related(at, "the mode is given"
              + " to " + t + " again here");
        }
        if (!again.isEmpty()) {
          targets = targets.stream().filter(t -> !again.contains(t)).toList();
          if (targets.isEmpty()) continue;
          target = String.join(" ", targets);
        }
        if (!runtimeUser(ctx, at, mode.get(), target, dockerfile,
            site.stage().stage(), project)) {
          RuleContext.Report r = report(ctx, at, mode.get(), target,
              dockerfile, site.stage().stage(), project);
          targets.stream().filter(t -> t.startsWith("/"))
              .forEach(t -> opened.put(stageKey + dev.berth.context.Paths.clean(t), r));
        }
      }
    }
    for (Stage stage : dockerfile.stages()) {
      if (!shipped.contains(stage.index())) continue;
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<Flag> chmod = t.flag("chmod");
        if (chmod.isPresent() && chmod.get().value().filter(
            WorldWritablePermissions::worldWritable).isPresent()) {
          if (!runtimeUser(ctx, chmod.get().range(), chmod.get().value().get(), copied(t),
              dockerfile, stage, project)) {
            report(ctx, chmod.get().range(), chmod.get().value().get(), copied(t), dockerfile,
                stage, project);
          }
        }
      }
    }
  }

  /**
   * The absolute targets every container of the stage (at least one) gives another mode, not
   * writable by others, on every start: its start script's unconditional {@code chmod} of the
   * path or, with {@code -R}, of a directory above it, run as root before any exec, and with
   * {@code -R} when the build's chmod had it.
   */
  private static List<String> resetAtStart(List<String> targets, boolean recursive, Dockerfile df,
      Stage stage, Project project) {
    List<dev.berth.runtime.Container> containers =
        dev.berth.runtime.Containers.of(project).of(df, stage);
    if (containers.isEmpty()) return List.of();
    return targets.stream().filter(t -> t.startsWith("/")).filter(t -> {
      String clean = dev.berth.context.Paths.clean(t);
      // as root (only the owner or root may chmod; the build's files are root's), recursive
      // where the build's chmod was, and taking others' write away
      return containers.stream().allMatch(c -> c.modesAtStart().stream()
          .anyMatch(m -> m.covers(clean) && (m.recursive() || !recursive)
              && m.clearsOthersWrite()
              && m.user().map(c::identityOf).orElseGet(c::identity).isRoot()));
    }).toList();
  }

  /** Where a volume is mounted over a path, and what mounts it, for the note's words. */
  private record Mounted(String what, dev.berth.source.Range range) {}

  /**
   * What mounts a volume over {@code path} (absolute) when the container runs: a VOLUME of the
   * chmod's stage or a stage built on it, a {@code volumes} entry of a compose service that
   * builds this Dockerfile, or a {@code -v}/{@code --mount} of a {@code docker run} the
   * repository does or shows for its image. Over a directory the image leaves empty
   * ({@link #emptyEverywhere}), what lands there is the container's data, brought by the mount.
   */
  private static Optional<Mounted> mountOver(String path, Dockerfile dockerfile,
      RunScripts.Site site, Project project) {
    dev.berth.image.ImageSimulation images = dev.berth.image.ImageSimulation.of(project);
    Optional<dev.berth.image.StageSimulation> sim = images.stage(dockerfile, site.stage().stage());
    for (dev.berth.image.StageSimulation s : images.stages(dockerfile)) {
      if (!builtOn(s, sim.get())) continue;
      for (var v : s.volumes()) {
        if (dev.berth.image.ImageFilesystem.normalize(v.path()).equals(path)) {
          return Optional.of(new Mounted("VOLUME " + v.path(), v.range()));
        }
      }
    }
    for (ComposeBuilds.Use u : ComposeBuilds.of(project).uses(dockerfile.path())) {
      for (dev.berth.compose.Mount m : u.service().volumes()) {
        if (dev.berth.image.ImageFilesystem.normalize(m.target().value()).equals(path)) {
          return Optional.of(new Mounted("service " + u.service().name().value() + "'s volumes",
              m.range()));
        }
      }
    }
    for (ImageRun r : RepoImages.of(project).shownRuns(dockerfile)) {
      for (String t : r.mountTargets()) {
        if (dev.berth.image.ImageFilesystem.normalize(t).equals(path)) {
          return Optional.of(new Mounted("a docker run the repository shows mounts " + t,
              r.range()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The absolute path of {@code target} when it is a directory the image leaves empty: in the
   * chmod's stage and in every stage built on it (a later stage may copy code into it), with
   * no COPY into it after the chmod (one from an image berth cannot look into leaves no node).
   */
  private static Optional<String> emptyEverywhere(String target, Dockerfile dockerfile,
      RunScripts.Site site, Project project) {
    dev.berth.image.ImageSimulation images = dev.berth.image.ImageSimulation.of(project);
    Optional<dev.berth.image.StageSimulation> sim = images.stage(dockerfile, site.stage().stage());
    if (sim.isEmpty()) return Optional.empty();
    Optional<String> cwd = sim.get().before(site.run())
        .flatMap(dev.berth.image.StageSimulation.Step::workdir);
    if (!target.startsWith("/") && cwd.isEmpty()) return Optional.empty();
    String path = dev.berth.image.ImageFilesystem.normalize(
        dev.berth.image.ImageFilesystem.resolve(cwd.orElse("/"), target));
    for (dev.berth.image.StageSimulation s : images.stages(dockerfile)) {
      if (!builtOn(s, sim.get())) continue;
      if (!emptyDirectory(s.finalFilesystem(), path, dockerfile, site, project)
          || copiedInto(s, sim.get(), site.run(), path)) {
        return Optional.empty();
      }
    }
    return Optional.of(path);
  }

  /**
   * A comment of the final stage's ENTRYPOINT script (a file of the repository) that says the
   * image runs as any uid ({@link #ANY_UID}: neo4j's "Otherwise docker is running with --user
   * and we simply use that user"), at its line.
   */
  private static Optional<dev.berth.source.Range> anyUidInEntrypoint(Dockerfile dockerfile,
      Project project) {
    if (dockerfile.finalStage().isEmpty()) return Optional.empty();
    for (dev.berth.image.EntrypointScripts.Script s : dev.berth.image.EntrypointScripts.of(project)
        .scripts(dockerfile, dockerfile.finalStage().get())) {
      if (s.file().isEmpty()) continue;
      String[] lines = s.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String t = lines[i].strip();
        if (!t.startsWith("#") || t.startsWith("#!")) continue;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        // not a warning against it: "never start this image with --user"
        if (lower.matches("(?s).*\\b(?:never|not|don't|do not|avoid|must not)\\b.*")) continue;
        if (ANY_UID.stream().anyMatch(lower::contains)) {
          return Optional.of(new dev.berth.source.Range(s.file().get(), i + 1, 1, i + 1,
              lines[i].length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A directory above the absolute target is root's and closed to everyone else in every image
   * built from the stage (no search permission for group or others: Alpine's and Debian's
   * {@code /root}, mode 0700): no other user can reach the target, whatever its own mode
   * (pentagi's {@code chmod 777 /root/.ollama}).
   */
  private static boolean behindRootOnly(String target, Dockerfile dockerfile,
      RunScripts.Site site, Project project) {
    if (!target.startsWith("/")) return false;
    dev.berth.image.ImageSimulation images = dev.berth.image.ImageSimulation.of(project);
    Optional<dev.berth.image.StageSimulation> sim = images.stage(dockerfile, site.stage().stage());
    if (sim.isEmpty()) return false;
    String path = dev.berth.image.ImageFilesystem.normalize(target);
    boolean any = false;
    for (dev.berth.image.StageSimulation s : images.stages(dockerfile)) {
      if (!builtOn(s, sim.get())) continue;
      any = true;
      boolean closed = false;
      for (String dir = dev.berth.context.Paths.parent(path); !dir.isEmpty();
          dir = dev.berth.context.Paths.parent(dir)) {
        Optional<dev.berth.image.Node> n = s.finalFilesystem().node(dir);
        if (n.isPresent() && n.get().kind() == dev.berth.image.Node.Kind.DIR
            && n.get().uid().orElse(-1) == 0 && n.get().mode().isPresent()
            && (n.get().mode().getAsInt() & 011) == 0) {
          closed = true;
          break;
        }
      }
      if (!closed) return false;
    }
    return any;
  }

  /**
   * The same script gives {@code path} to group 0 with group write (eclipse-che's
   * {@code chgrp -R 0 /home/user /logs /data && chmod -R g+rwX /home/user}, OpenShift's
   * "support arbitrary user ids" convention: such a container runs as a random uid in group 0):
   * a {@code chgrp 0} (or {@code chown USER:0}) naming it, and a {@code chmod} with group write
   * ({@code g+w}, {@code g+rwX}, {@code g=u}) naming it or a directory above it, recursively.
   */
  private static boolean groupZero(String path, List<SimpleCommand> commands,
      dev.berth.dockerfile.Vars vars) {
    boolean group = false;
    boolean write = false;
    for (SimpleCommand c : commands) {
      Optional<CommandLine> l = CommandLine.of(c, Set.of("chgrp", "chown", "chmod"));
      if (l.isEmpty() || l.get().opaque()) continue;
      List<String> words = l.get().operands(Set.of("reference")).stream()
          .map(w -> w.expand(vars::value).orElse(w.raw())).toList();
      if (words.size() < 2) continue;
      boolean recursive = l.get().args().stream().anyMatch(w -> w.raw().equals("-R")
          || w.raw().equals("--recursive"));
      boolean names = words.subList(1, words.size()).stream()
          .map(dev.berth.image.ImageFilesystem::normalize)
          .anyMatch(t -> t.equals(path) || recursive && path.startsWith(t + "/"));
      if (!names) continue;
      String first = words.get(0);
      switch (l.get().name()) {
        case "chgrp" -> group |= first.equals("0") || first.equals("root");
        case "chown" -> group |= first.endsWith(":0") || first.endsWith(":root");
        default -> write |= first.matches("g[+=][rwxX]*w[rwxX]*|g=u|[0-7]?[0-7][67][0-7]");
      }
    }
    return group && write;
  }

  /**
   * A COPY or ADD of {@code s} or a stage between it and {@code base}, after {@code chmod}, puts
   * something at or under {@code path}, or where it puts things is unknown (a COPY --from an
   * image berth cannot look into leaves no node of its own).
   */
  private static boolean copiedInto(dev.berth.image.StageSimulation s,
      dev.berth.image.StageSimulation base, Instruction.Run chmod, String path) {
    for (var p = Optional.of(s); p.isPresent(); p = p.get().parent()) {
      for (Instruction i : p.get().stage().instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        if (p.get() == base && t.range().startLine() < chmod.range().startLine()) continue;
        String dest = t.destination().text();
        Optional<String> wd = p.get().before(t).flatMap(dev.berth.image.StageSimulation.Step::workdir);
        if (dest.contains("$") || !dest.startsWith("/") && wd.isEmpty()) return true;
        String d = dev.berth.image.ImageFilesystem.normalize(
            dev.berth.image.ImageFilesystem.resolve(wd.orElse("/"), dest));
        if (d.equals(path) || d.startsWith(path + "/")) return true;
      }
      if (p.get() == base) break;
    }
    return false;
  }

  /** {@code s} is {@code base} or a stage built FROM it, directly or through others. */
  private static boolean builtOn(dev.berth.image.StageSimulation s,
      dev.berth.image.StageSimulation base) {
    for (var p = Optional.of(s); p.isPresent(); p = p.get().parent()) {
      if (p.get() == base) return true;
    }
    return false;
  }

  /**
   * A directory with no entries in {@code fs}: berth made it and lists its children, or a RUN
   * of the chmod's stage made it with mkdir on a base berth does not know (jellyfin's
   * `${IMAGE_ARCH}/debian`); nothing was copied or installed into it.
   */
  private static boolean emptyDirectory(dev.berth.image.ImageFilesystem fs, String path,
      Dockerfile dockerfile, RunScripts.Site site, Project project) {
    Optional<dev.berth.image.Node> node = fs.node(path);
    if (node.isEmpty() || node.get().populated() || node.get().childUid().isPresent()) {
      return false;
    }
    boolean listed = node.get().kind() == dev.berth.image.Node.Kind.DIR
        && node.get().childrenKnown();
    // unknown only because the base is: the node is still the one a RUN at or before the chmod
    // left (a later COPY of unknown contents over it makes it that COPY's)
    boolean madeByRun = node.get().kind() == dev.berth.image.Node.Kind.UNKNOWN
        && node.get().origin().range()
            .filter(r -> r.startLine() <= site.run().range().startLine()).isPresent()
        && madeHere(path, dockerfile, site, project);
    if (!listed && !madeByRun) return false;
    return fs.nodes().subMap(path + "/", path + "0").values().stream()
        .noneMatch(dev.berth.image.Node::exists);
  }

  /** A RUN of the chmod's stage, at or before it, makes {@code path} with mkdir. */
  private static boolean madeHere(String path, Dockerfile dockerfile, RunScripts.Site chmodSite,
      Project project) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      if (site.stage().index() != chmodSite.stage().index()) continue;
      if (site.run().range().startLine() > chmodSite.run().range().startLine()) continue;
      dev.berth.dockerfile.Vars vars = site.stage().varsBefore(site.run());
      for (SimpleCommand c : site.script().commands()) {
        if (made(c, vars).stream().anyMatch(t -> t.startsWith("/")
            && dev.berth.image.ImageFilesystem.normalize(t).equals(path))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A {@code find ROOT... -exec chmod MODE {} ;} that opens what it finds to every user. */
  private record FindChmod(String mode, List<String> roots, boolean directoriesOnly) {}

  /**
   * {@code find /home/user -type d -exec chmod 777 {} \;} (eclipse-che's server image), also
   * with {@code -execdir} or {@code +}: chmod runs on every path find selects under its starting
   * points, which are the words before the first expression word. Only literal words.
   */
  private static Optional<FindChmod> findChmod(SimpleCommand c) {
    List<String> words = new java.util.ArrayList<>();
    for (ShellWord w : c.words()) {
      Optional<String> v = w.value();
      if (v.isEmpty()) return Optional.empty();
      words.add(v.get());
    }
    if (words.isEmpty() || !words.get(0).substring(words.get(0).lastIndexOf('/') + 1)
        .equals("find")) {
      return Optional.empty();
    }
    List<String> roots = new java.util.ArrayList<>();
    int i = 1;
    while (i < words.size() && !words.get(i).startsWith("-") && !words.get(i).equals("(")
        && !words.get(i).equals("!")) {
      roots.add(words.get(i++));
    }
    boolean dirs = false;
    for (; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("-type") && i + 1 < words.size()) {
        dirs = words.get(i + 1).equals("d");
      }
      if ((w.equals("-exec") || w.equals("-execdir")) && i + 2 < words.size()
          && words.get(i + 1).substring(words.get(i + 1).lastIndexOf('/') + 1).equals("chmod")) {
        int j = i + 2;
        while (j < words.size() && words.get(j).startsWith("-") && !worldWritable(words.get(j))) {
          j++;
        }
        if (j < words.size() && worldWritable(words.get(j)) && !roots.isEmpty()) {
          return Optional.of(new FindChmod(words.get(j), roots, dirs));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The paths the image's Samba configuration ({@code /etc/samba/smb.conf}) shares writable:
   * a section's {@code path} with {@code writable}/{@code writeable = yes} or
   * {@code read only = no} (smb.conf(5)).
   */
  private static List<String> sambaWritableShares(Dockerfile dockerfile, RunScripts.Site site,
      Project project) {
    Optional<dev.berth.image.StageSimulation> sim = dev.berth.image.ImageSimulation.of(project)
        .stage(dockerfile, site.stage().stage());
    if (sim.isEmpty()) return List.of();
    Optional<String> conf = dev.berth.runtime.ImageFiles.read(project, dockerfile, sim.get(),
            dev.berth.context.BuildContexts.of(project).forDockerfile(dockerfile.path()),
            "/etc/samba/smb.conf")
        .map(dev.berth.runtime.ImageFiles.Content::text);
    if (conf.isEmpty()) return List.of();
    List<String> out = new java.util.ArrayList<>();
    String path = null;
    boolean writable = false;
    for (String raw : (conf.get() + "\n[end]").split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        if (path != null && writable) out.add(dev.berth.context.Paths.clean(path));
        path = null;
        writable = false;
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || line.startsWith("#") || line.startsWith(";")) continue;
      String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
      String value = line.substring(eq + 1).strip().toLowerCase(java.util.Locale.ROOT);
      if (key.equals("path")) path = line.substring(eq + 1).strip();
      if ((key.equals("writable") || key.equals("writeable") || key.equals("write ok"))
          && value.equals("yes") || key.equals("read only") && value.equals("no")) {
        writable = true;
      }
    }
    return out;
  }

  /** The narrower way to let any run-time uid write, said by both any-uid notes. */
  private static final String GROUP_ZERO = "group 0 with group write (chgrp -R 0, chmod -R g=u)"
      + " serves `--user N` without a group, and OpenShift's arbitrary uids, which run with group"
      + " 0, without opening it to every user";

  /**
   * An octal mode that gives others write but not search ({@code 766}) on directories the same
   * script has just made with mkdir: nobody else can enter them, let alone write in them
   * (cloudreve's {@code mkdir -p ./data/temp/aria2 && chmod -R 766 ./data/temp/aria2}); a fresh
   * directory holds no files for {@code -R} to open.
   */
  private static boolean unenterableNewDirectories(String mode, List<String> targets,
      List<SimpleCommand> commands, SimpleCommand chmod, dev.berth.dockerfile.Vars vars) {
    if (!mode.matches("[0-7]{3,4}") || (Integer.parseInt(mode, 8) & 0001) != 0) return false;
    Set<String> made = new java.util.HashSet<>();
    for (SimpleCommand c : commands) {
      if (c == chmod) break;
      made(c, vars).forEach(t -> made.add(dev.berth.context.Paths.clean(t)));
    }
    return targets.stream().allMatch(t -> made.contains(dev.berth.context.Paths.clean(t)));
  }

  /** The directories a {@code mkdir} command makes, expanded where the values are known. */
  private static List<String> made(SimpleCommand c, dev.berth.dockerfile.Vars vars) {
    return CommandLine.of(c, Set.of("mkdir"))
        .map(l -> l.operands(Set.of("m", "mode", "Z", "context")).stream()
            .map(w -> w.expand(vars::value).orElse(w.raw())).toList())
        .orElse(List.of());
  }

  /**
   * In a development or test image (its path or stage name has a word of
   * development-images.yaml: Dockerfile.dev, test/), the same mode is a note that says it assumes
   * the image never runs in production. So it is in a tool image the repository only ever runs
   * as a one-off command ({@code docker run --rm}, often with the host's {@code --user}, which
   * is why the mode is open): no long-lived process there for another one to tamper with.
   */
  private static RuleContext.Report report(RuleContext ctx, dev.berth.source.Range at,
      String mode, String target, Dockerfile dockerfile, Stage stage, Project project) {
    String message = message(mode, target);
    if (DevelopmentImages.standard().matches(dockerfile, stage)) {
      return ctx.report(at, message + "; `" + dockerfile.path() + "` is taken for a development"
          + " or test image by its name, where less is at stake as long as it never runs in"
          + " production")
          .severity(Severity.NOTE);
    }
    if (ComposeBuilds.of(project).sourceMounted(dockerfile.path())) {
      return ctx.report(at, message + "; every compose service that builds this image"
          + " bind-mounts its build context into the container (a development container running"
          + " the host's source tree), where less is at stake as long as the image never runs in"
          + " production")
          .severity(Severity.NOTE);
    }
    // every process of every container of the image runs as root (BTH007's finding, if any):
    // no other user in it can use the mode
    List<dev.berth.runtime.Container> containers =
        dev.berth.runtime.Containers.of(project).of(dockerfile, stage);
    if (!containers.isEmpty()
        && containers.stream().allMatch(dev.berth.runtime.Container::everyProcessRoot)) {
      return ctx.report(at, opened(mode, target) + ", but every process the image starts runs"
              + " as root, so no other user in the container can use the mode: it matters only"
              + " where the container is started as another user (docker run --user, compose"
              + " `user:`); " + GIVE_IT)
          .severity(Severity.NOTE);
    }
    Optional<ImageRun> once = RepoImages.of(project).onlyRunOnce(dockerfile);
    if (once.isPresent()) {
      return ctx.report(at, message + "; the repository runs this image only as a one-off"
              + " command (docker run --rm, or -it for a terminal session), where less is at"
              + " stake: this matters only where it also runs as a service")
          .severity(Severity.NOTE)
          .related(once.get().range(), "the repository runs the image once here");
    }
    return ctx.report(at, message);
  }

  /**
   * The image's ENTRYPOINT script switches to a uid given at run time (authelia's
   * {@code su-exec "${PUID}:${PGID}"}), or the repository runs the image with a {@code --user}
   * chosen where it runs (apprise-api's README: {@code --user "$(id -u):$(id -g)"}): no chown at
   * build time can name that user, so the open mode is how such images let it write. A note
   * that names the switch or the run, not a warning.
   */
  private static boolean runtimeUser(RuleContext ctx, dev.berth.source.Range at, String mode,
      String target, Dockerfile dockerfile, Stage stage, Project project) {
    Optional<String> line = dev.berth.image.EntrypointScripts.of(project)
        .switchesToRuntimeUser(dockerfile, stage);
    if (line.isEmpty()) {
      // apprise-api's README runs it with --user "$(id -u):$(id -g)": the volumes it opens are
      // for that uid, as with an entrypoint that switches to one
      Optional<dev.berth.evidence.ImageRun> run = RepoImages.of(project).runAsRuntimeUser(dockerfile);
      if (run.isEmpty()) return false;
      ctx.report(at, opened(mode, target) + ", and the repository runs the image as a user chosen"
          + " where it runs (docker run --user with a variable), which no chown at build time"
          + " can name, so berth takes the mode for a design choice; " + GROUP_ZERO)
          .severity(Severity.NOTE)
          .related(run.get().range(), "the image run as a user chosen at run time");
      return true;
    }
    ctx.report(at, opened(mode, target) + ", and the image's entrypoint switches to a uid"
        + " given at run time (`" + line.get() + "`), which no chown at build time can name, so berth takes the mode for"
        + " a design choice; chown to that uid in the entrypoint, before the switch, would keep"
        + " it to that user").severity(Severity.NOTE);
    return true;
  }

  /**
   * Phrases by which a comment says a mode is opened for whichever uid runs the image (the
   * Docker official images' "running as an arbitrary user", OpenShift's arbitrary uids). Not
   * "any user": "writable by any user" describes the open mode itself, not why.
   */
  private static final List<String> ANY_UID = List.of("arbitrary user", "arbitrary uid",
      "any uid", "custom uid", "random uid", "arbitrary non-root", "openshift",
      // pelias's "## set permissions so any user can run elasticsearch" (its compose files run
      // the image as the host user's uid:gid)
      "any user can run", "any user can start", "run as any user", "runs as any user",
      // cypress-docker-images' factory: "point Cypress at the /root/cache no matter what user
      // account is used", then `chmod 777 /root` (its images run with --user 1001 or node)
      "no matter what user",
      // WebODM's db image: "this 777 will be replaced by 700 at runtime (allows semi-arbitrary
      // "--user" values)": docker run's flag, named as the reason
      "--user");

  /**
   * A comment before the RUN (or before the RUNs directly above it, a block the comment heads),
   * or inside it before the command's line (BuildKit drops comment lines inside a continuation,
   * so they are the author's notes on the commands below them), that says the mode is for any
   * uid; the nearest one.
   */
  static Optional<Comment> anyUidIntent(Dockerfile dockerfile, Instruction.Run run,
      int commandLine) {
    List<Comment> candidates = new java.util.ArrayList<>();
    // a comment heading a block of RUNs speaks for each of them (pelias's section comment two
    // RUNs above its chmod go+w): the comments before the RUNs that directly precede this one
    List<Instruction> all = dockerfile.instructions();
    int k = all.indexOf(run);
    int first = k;
    while (first > 0 && all.get(first - 1) instanceof Instruction.Run && k - first < 8) first--;
    // the comments before the block's first RUN head it, and so does a section heading
    // (`## ...`, pelias's "## set permissions so any user can run elasticsearch") before a later
    // one; any other comment before a later RUN is about that RUN
    for (int j = first; j < k; j++) {
      for (Comment c : dockerfile.commentsBefore(all.get(j))) {
        if (j == first || c.text().startsWith("#")) candidates.add(c);
      }
    }
    candidates.addAll(dockerfile.commentsBefore(run));
    for (Comment c : dockerfile.comments()) {
      int line = c.range().startLine();
      if (line > run.range().startLine() && line < commandLine) candidates.add(c);
    }
    for (int i = candidates.size() - 1; i >= 0; i--) {
      String text = candidates.get(i).text().toLowerCase(java.util.Locale.ROOT);
      if (ANY_UID.stream().anyMatch(text::contains)) return Optional.of(candidates.get(i));
    }
    return Optional.empty();
  }

  /**
   * A directory under a scratch directory that the image puts its application in: a COPY or ADD
   * into it, or a WORKDIR in it (`COPY app/ /tmp/app/` then `CMD python /tmp/app/main.py`). Such
   * a directory is code, whatever its parent.
   */
  private static boolean holdsApplication(String target, Dockerfile df) {
    String t = target.replaceAll("/+$", "");
    if (SCRATCH.contains(t) || SCRATCH.stream().noneMatch(x -> t.startsWith(x + "/"))) {
      return false;
    }
    for (dev.berth.dockerfile.Stage st : df.stages()) {
      for (dev.berth.dockerfile.Instruction i : st.instructions()) {
        String dest = i instanceof dev.berth.dockerfile.Instruction.FileTransfer ft
            ? ft.destination().text()
            : i instanceof dev.berth.dockerfile.Instruction.Workdir w ? w.path().text() : null;
        if (dest == null) continue;
        String d = dest.replaceAll("/+$", "");
        if (d.equals(t) || d.startsWith(t + "/")) return true;
      }
    }
    return false;
  }

  /** Scratch space or runtime state (pid files, sockets, logs, caches): not code or configuration. */
  static boolean runtimeState(String path) {
    String p = path.replaceAll("/+$", "");
    // a directory under a scratch directory is scratch too (localstack's /tmp/localstack)
    if (SCRATCH.stream().anyMatch(t -> p.equals(t) || p.startsWith(t + "/"))) return true;
    String dir = p + "/";
    if (RUNTIME_STATE.stream().anyMatch(dir::startsWith)) return true;
    if (RUNTIME_CACHES.stream().anyMatch(c -> p.equals(c) || p.endsWith("/" + c))) return true;
    String last = p.substring(p.lastIndexOf('/') + 1);
    // a log, pid or socket file by its name (ohmyform's /usr/src/supervisord.log, supervisord's
    // log in its working directory): what a program writes as it runs
    return RUNTIME_NAMES.contains(last) || last.endsWith(".log") || last.endsWith(".pid")
        || last.endsWith(".sock");
  }

  /** An octal mode with the others-write bit and no sticky bit, or a symbolic o+w / a+w. */
  static boolean worldWritable(String mode) {
    if (mode.matches("[0-7]{3,4}")) {
      int m = Integer.parseInt(mode, 8);
      return (m & 0002) != 0 && (m & 01000) == 0;
    }
    for (String clause : mode.split(",")) {
      var m = SYMBOLIC.matcher(clause);
      if (m.matches() && m.group(3).contains("w") && !m.group(3).contains("t")
          && (m.group(1).contains("o") || m.group(1).contains("a"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@code COPY --chmod} gives the mode to: the copied files (and the directories copied
   * with them), never a destination directory that already exists ({@code ./}).
   */
  static String copied(Instruction.FileTransfer t) {
    String dest = t.destination().text();
    List<String> sources = t.sources().stream().map(w -> w.text()).toList();
    boolean intoDirectory = dest.endsWith("/") || dest.equals(".") || sources.size() > 1;
    if (!intoDirectory || sources.isEmpty()) return dest;
    return String.join(", ", sources) + " (copied into " + dest + ")";
  }

  /** {@code mode 777 makes /app writable by every user in the container}. */
  private static String opened(String mode, String target) {
    return "mode " + mode + " makes " + target + " writable by every user in the container";
  }

  /** The fix both the warning and the root-only note name. */
  private static final String GIVE_IT = "give it to the user that needs it (chown, COPY --chown)"
      + " with a mode like 755 or 775";

  public static String message(String mode, String target) {
    return opened(mode, target) + ": any "
        + "process, a compromised one included, can change what the application runs or reads"
        + " (berth takes the path for code, configuration or data the application trusts); "
        + GIVE_IT;
  }
}
