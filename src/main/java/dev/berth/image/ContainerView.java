package dev.berth.image;

import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a running container sees: the final filesystem of a stage with the runtime's mounts laid
 * over it, run as the runtime user. Compose will supply the overrides (user:, volumes:, tmpfs:,
 * working_dir:); a plain {@code docker run} uses {@link #of(StageSimulation)}, where each VOLUME
 * of the image becomes an anonymous volume.
 *
 * <p>Docker's volume rules (docs.docker.com/engine/storage/volumes, "Populate a volume using a
 * container"): a new named or anonymous volume mounted over a directory that exists in the image
 * is first filled with that directory's content, owner and mode; over a path the image lacks, the
 * mount point is created owned by root, 0755. Bind mounts show host files whose owner berth cannot
 * know. tmpfs mounts are root-owned 1777 unless a mode is given.
 */
public final class ContainerView {
  private final StageSimulation stage;
  private final ImageFilesystem fs;
  private final Optional<String> user;
  private final Identity identity;
  private final Optional<String> workdir;
  private final List<Mount> mounts;

  /**
   * One runtime mount. {@code mode} applies to tmpfs only; {@code range} is where it is declared;
   * {@code source} is as written; {@code hostPath} is a bind source relative to the project root
   * (when inside it).
   */
  public record Mount(Kind kind, String target, Optional<String> source, OptionalInt mode,
      boolean readOnly, Range range, Optional<String> hostPath, boolean noCopy) {
    public enum Kind { BIND, VOLUME, ANONYMOUS_VOLUME, TMPFS }

    /**
     * @param noCopy a volume mounted with {@code nocopy}: Docker copies neither the image's
     *     content nor its owner and mode into it
     */
    public Mount(Kind kind, String target, Optional<String> source, OptionalInt mode,
        boolean readOnly, Range range, Optional<String> hostPath) {
      this(kind, target, source, mode, readOnly, range, hostPath, false);
    }

    public Mount(Kind kind, String target, Optional<String> source, OptionalInt mode,
        boolean readOnly, Range range) {
      this(kind, target, source, mode, readOnly, range, Optional.empty());
    }

    /** How messages name a volume: {@code volume data}, or {@code an anonymous volume}. */
    public String volumeName() {
      return kind == Kind.VOLUME ? "volume " + source.orElse("") : "an anonymous volume";
    }
  }

  private ContainerView(StageSimulation stage, ImageFilesystem fs, Optional<String> user,
      Identity identity, Optional<String> workdir, List<Mount> mounts) {
    this.stage = stage;
    this.fs = fs;
    this.user = user;
    this.identity = identity;
    this.workdir = workdir;
    this.mounts = List.copyOf(mounts);
  }

  /** The container as {@code docker run IMAGE} starts it: VOLUMEs become anonymous volumes. */
  public static ContainerView of(StageSimulation stage) {
    return of(stage, Optional.empty(), List.of(), Optional.empty());
  }

  /**
   * @param userOverride {@code user:} / {@code --user}; empty keeps the image's USER
   * @param mounts runtime mounts, in declaration order
   * @param workingDir {@code working_dir:} override
   */
  public static ContainerView of(StageSimulation stage, Optional<String> userOverride,
      List<Mount> mounts, Optional<String> workingDir) {
    return of(stage, userOverride, mounts, workingDir, false);
  }

  /**
   * @param extraGroups the runtime adds supplementary groups ({@code group_add:}, {@code
   *     --group-add}): group permissions of the runtime user are then unknown
   */
  public static ContainerView of(StageSimulation stage, Optional<String> userOverride,
      List<Mount> mounts, Optional<String> workingDir, boolean extraGroups) {
    StageSimulation.Step last = stage.last();
    ImageFilesystem image = last.filesystem();
    Optional<String> user = userOverride.isPresent() ? userOverride : last.user();
    List<Mount> all = new ArrayList<>(mounts);
    for (StageSimulation.VolumeDecl v : stage.volumes()) {
      boolean covered = mounts.stream().anyMatch(m -> ImageFilesystem.normalize(m.target()).equals(v.path()));
      if (!covered) {
        all.add(new Mount(Mount.Kind.ANONYMOUS_VOLUME, v.path(), Optional.empty(), OptionalInt.empty(),
            false, v.range(), Optional.empty()));
      }
    }
    ImageFilesystem.Editor ed = image.edit();
    int step = Integer.MAX_VALUE - 1;
    for (Mount m : all) {
      String target = ImageFilesystem.normalize(m.target());
      Origin o = Origin.at(m.range(), describe(m), step);
      switch (m.kind()) {
        case BIND -> {
          ed.unknownPath(target, o);
        }
        case TMPFS -> {
          ed.unknownPath(target, o);
          ed.put(target, Node.dir(0, 0, m.mode().orElse(01777), true, o));
        }
        case VOLUME, ANONYMOUS_VOLUME -> {
          ImageFilesystem.Lookup l = image.lookup(target);
          if (m.noCopy()) {
            // Nothing is copied in: the local driver's new directory, root's and 0755, empty.
            ed.remove(target, o);
            ed.mkdir(ImageFilesystem.parent(target), true, 0, 0, 0755, o);
            ed.put(target, Node.dir(0, 0, 0755, true, o));
          } else if (l.exists() == Answer.YES && l.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false)) {
            Node n = l.node().get();
            // Content copied in with its owners: the mount point keeps the image directory's
            // owner and mode, and its origin (that is what decides access).
            ed.put(target, n);
          } else if (l.exists() == Answer.NO) {
            ed.mkdir(ImageFilesystem.parent(target), true, 0, 0, 0755, o);
            ed.put(target, Node.dir(0, 0, 0755, true, o));
          } else {
            ed.unknownPath(target, o);
          }
        }
      }
    }
    ImageFilesystem viewFs = ed.freeze();
    Identity resolved = user.map(u -> Identity.resolve(u, viewFs.accounts()))
        .orElse(new Identity("?", OptionalInt.empty(), OptionalInt.empty(), Set.of(), false));
    Identity id = extraGroups ? new Identity(resolved.spec(), resolved.uid(), resolved.gid(),
        resolved.groups(), false) : resolved;
    Optional<String> wd = workingDir.isPresent()
        ? workingDir.map(w -> ImageFilesystem.resolve(last.workdir().orElse("/"), w))
        : last.workdir();
    return new ContainerView(stage, viewFs, user, id, wd, all);
  }

  private static String describe(Mount m) {
    return switch (m.kind()) {
      case BIND -> "bind mount of " + m.source().orElse("a host path");
      case VOLUME -> "volume " + m.source().orElse("") + (m.noCopy() ? " (nocopy)" : "");
      case ANONYMOUS_VOLUME -> "anonymous volume";
      case TMPFS -> "tmpfs";
    };
  }

  public StageSimulation stage() {
    return stage;
  }

  public ImageFilesystem filesystem() {
    return fs;
  }

  /** The runtime USER as written; empty when unknown. */
  public Optional<String> user() {
    return user;
  }

  public Identity identity() {
    return identity;
  }

  public Optional<String> workdir() {
    return workdir;
  }

  public List<Mount> mounts() {
    return mounts;
  }

  public Map<String, String> env() {
    return stage.last().env();
  }

  /** A runtime mount at the path of VOLUME {@code v} replaces the anonymous volume it makes. */
  public boolean mountedOver(StageSimulation.VolumeDecl v) {
    return mounts.stream().anyMatch(m -> m.range() != v.range()
        && ImageFilesystem.normalize(m.target()).equals(v.path()));
  }

  /** Where an executable name resolves through PATH, and whether this user can run it. */
  public Resolution resolveExecutable(String name) {
    return resolveExecutable(name, stage.last().variables().value("PATH"));
  }

  public Resolution resolveExecutable(String name, Optional<String> pathVar) {
    return Resolution.resolve(fs, stage.base(), identity, name, pathVar, workdir);
  }

  /**
   * The bare command {@code name} is the base image's own: PATH finds it where the base image
   * catalog has it. A program of that name the build put earlier on PATH may be anything, and a
   * name berth cannot resolve is unknown (false).
   */
  public boolean runsBaseCommand(String name) {
    Optional<String> base = stage.base().flatMap(b -> Optional.ofNullable(b.commands().get(name)))
        .map(ImageFilesystem::normalize);
    Resolution r = resolveExecutable(name);
    return base.isPresent() && r.found() == Answer.YES && r.path().equals(base);
  }

  /**
   * For {@code python -m module}: the other user's site directory ({@code H/.local/lib}) that is
   * the only place the module can be, when this user's interpreter will not look there (another
   * HOME) or cannot enter it. Empty unless every other place is known not to have it: no system,
   * venv or prefix install in the build, no PYTHONPATH/PYTHONUSERBASE, nothing berth did not
   * understand, and the module is a known PyPI package.
   */
  public Optional<String> pythonModuleOnlyInForeignUserSite(String module, BaseImageCatalog catalog) {
    if (!catalog.isThirdPartyPythonModule(module) || stage.base().isEmpty()
        || identity.uid().isEmpty() || fs.unknownEffectAfter(0)) {
      return Optional.empty();
    }
    StageSimulation.Step last = stage.last();
    for (String v : List.of("PYTHONPATH", "PYTHONUSERBASE", "PYTHONHOME", "VIRTUAL_ENV")) {
      if (last.env().containsKey(v) || last.unknownVars().contains(v)) return Optional.empty();
    }
    Optional<String> home = last.variables().value("HOME");
    if (home.isEmpty() && !last.unknownVars().contains("HOME")) {
      String name = user.map(u -> u.contains(":") ? u.substring(0, u.indexOf(':')) : u).orElse("");
      home = fs.accounts().user(name).map(UserAccount::home);
    }
    if (home.isEmpty()) return Optional.empty();
    String ownSite = ImageFilesystem.resolve(home.get(), ".local/lib");
    Optional<String> foreign = Optional.empty();
    for (Map.Entry<String, Node> e : fs.nodes().entrySet()) {
      Node n = e.getValue();
      String path = e.getKey();
      boolean installed = n.populated() || (n.kind() == Node.Kind.UNKNOWN && path.endsWith("/lib"));
      if (!installed) continue;
      if (path.endsWith("/.local/lib") && !path.equals(ownSite)) {
        if (foreign.isEmpty()) foreign = Optional.of(path);
        continue;
      }
      if (path.endsWith("/lib") || path.equals("/usr/bin") || path.equals(ownSite)) {
        return Optional.empty(); // another interpreter-visible install may hold the module
      }
    }
    return foreign;
  }
}
