package dev.berth.image;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.LimitHit;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StepContext;
import dev.berth.dockerfile.UserSpec;
import dev.berth.dockerfile.Word;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.image.shell.VariableLookup;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One stage replayed instruction by instruction into an {@link ImageFilesystem}: who owns each
 * path, its mode, the accounts, USER, WORKDIR and ENV after every step. Facts BuildKit behaviour
 * rests on (checked in moby/buildkit frontend/dockerfile/dockerfile2llb at 73ed682):
 * <ul>
 *   <li>WORKDIR creates missing directories, parents included, mode 0755, owned by the current
 *       USER ({@code dispatchWorkdir}: {@code llb.Mkdir(wd, 0755, WithParents, WithUser(user))}).
 *   <li>COPY/ADD without {@code --chown} pass no owner to the copy, so files keep their source
 *       owner: 0:0 for the build context (the client sends ids as 0; the Dockerfile reference
 *       says "created with UID and GID of 0"), the source stage's owners for
 *       {@code --from=stage} ({@code dispatchCopy}; solver/llbsolver/file/backend_unix.go
 *       {@code mapUserToChowner} returns the old owner when no user is given); missing
 *       destination parents are created 0755 for the chown user. {@code --chown=user} alone sets
 *       the GID to the UID's number (Dockerfile reference, "COPY --chown").
 *   <li>An existing destination directory keeps its own owner and mode; only entries the copy
 *       creates get new ones (tonistiigi/fsutil copy/copy.go, {@code copyDirectoryOnly}).
 * </ul>
 */
public final class StageSimulation {
  private final Stage stage;
  private final Optional<BaseImage> base;
  private final Optional<StageSimulation> parent;
  private final List<Step> steps;
  private final List<AccountEvent> accountEvents;
  private final List<VolumeDecl> volumes;
  private final BuildState initial;
  private final List<LimitHit> limitHits;
  /** How many FROM steps lead from an image to this stage (0: FROM an image). */
  private final int chain;

  /**
   * The state after one instruction.
   *
   * @param user USER in effect (empty when unknown)
   * @param identity credentials of that user resolved against the accounts at this point
   */
  public record Step(Instruction instruction, int number, ImageFilesystem filesystem,
      Optional<String> user, Identity identity, Optional<String> workdir, Map<String, String> env,
      Set<String> unknownVars) {

    /** Known variables (ARG/ENV) at this point. */
    public VariableLookup variables() {
      return name -> unknownVars.contains(name) ? Optional.empty() : Optional.ofNullable(env.get(name));
    }
  }

  /** A VOLUME path, expanded. */
  public record VolumeDecl(String path, Range range, int step) {}

  private StageSimulation(Stage stage, Optional<BaseImage> base, Optional<StageSimulation> parent,
      List<Step> steps, List<AccountEvent> events, List<VolumeDecl> volumes, BuildState initial,
      List<LimitHit> limitHits) {
    this.limitHits = List.copyOf(limitHits);
    this.chain = parent.map(p -> p.chain + 1).orElse(0);
    this.stage = stage;
    this.base = base;
    this.parent = parent;
    this.steps = List.copyOf(steps);
    this.accountEvents = List.copyOf(events);
    this.volumes = List.copyOf(volumes);
    this.initial = initial;
  }

  public Stage stage() {
    return stage;
  }

  /** The catalog entry of the base image (through parent stages); empty when unknown. */
  public Optional<BaseImage> base() {
    return base;
  }

  /** The stage this one starts from ({@code FROM builder}), when it does. */
  public Optional<StageSimulation> parent() {
    return parent;
  }

  /** The stage at the start of the FROM chain: the one whose FROM brings in the base image. */
  public StageSimulation root() {
    StageSimulation root = this;
    while (root.parent.isPresent()) root = root.parent.get();
    return root;
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * The first step from {@code steps().get(from)} on after which the user, or with {@code group}
   * the group, {@code name} surely exists: the instruction that creates it.
   */
  public Optional<Step> creating(String name, boolean group, int from) {
    for (Step s : steps.subList(from, steps.size())) {
      if (s.filesystem().accounts().has(name, group) == Answer.YES) return Optional.of(s);
    }
    return Optional.empty();
  }

  public List<AccountEvent> accountEvents() {
    return accountEvents;
  }

  /** VOLUMEs of this stage and the stages it is built FROM, oldest first (a loop: a FROM chain
   * can be thousands of stages long). */
  public List<VolumeDecl> volumes() {
    java.util.Deque<List<VolumeDecl>> chain = new java.util.ArrayDeque<>();
    for (StageSimulation s = this; s != null; s = s.parent.orElse(null)) chain.push(s.volumes);
    List<VolumeDecl> all = new ArrayList<>();
    chain.forEach(all::addAll);
    return all;
  }

  /** The filesystem before the first instruction after FROM. */
  public ImageFilesystem initialFilesystem() {
    return steps.isEmpty() ? finalFilesystem() : steps.get(0).filesystem();
  }

  public Step last() {
    return steps.get(steps.size() - 1);
  }

  public ImageFilesystem finalFilesystem() {
    return last().filesystem();
  }

  /** The state right after {@code instruction} (which must belong to this stage). */
  public Optional<Step> after(Instruction instruction) {
    return steps.stream().filter(s -> s.instruction() == instruction).findFirst();
  }

  /** The state right after the instruction of this stage written at {@code range}. */
  public Optional<Step> after(Range range) {
    return stage.instructions().stream().filter(i -> i.range().equals(range)).findFirst()
        .flatMap(this::after);
  }

  /** The state right before {@code instruction}. */
  public Optional<Step> before(Instruction instruction) {
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).instruction() == instruction) return Optional.of(steps.get(i - 1));
    }
    return Optional.empty();
  }

  // ---- replay --------------------------------------------------------------------------------

  /**
   * Replays one stage from its resolved facts ({@link Stages}: USER, WORKDIR, ARG and ENV before
   * each instruction, the parent stage, the ONBUILD triggers that ran at FROM). {@code earlier}
   * gives the simulations of earlier stages by index (for {@code FROM stage}), {@code stages} by
   * name (for {@code COPY --from}); {@code expander} is shared by one Dockerfile's replay so that
   * its total bound holds.
   */
  static StageSimulation run(Dockerfile dockerfile, StageFacts facts,
      java.util.function.IntFunction<Optional<StageSimulation>> earlier,
      java.util.function.Function<String, Optional<StageSimulation>> stages,
      BaseImageCatalog catalog, Expander expander) {
    return new Replay(dockerfile, facts, earlier, stages, catalog, expander).run();
  }

  /** Words of this stage whose expansion hit a bound; their values are unknown. */
  public List<LimitHit> limitHits() {
    return limitHits;
  }

  private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "ash");

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Beyond this many instructions a stage is not simulated further (hostile input). */
  static final int MAX_STEPS = dev.berth.dockerfile.StageResolver.MAX_STEPS;
  static final String STAGE_TOO_LONG = "stage longer than " + MAX_STEPS + " instructions, "
      + "berth's limit; what it does from here on is unknown to berth";
  static final String IMAGE_TOO_BIG = "the image holds " + ImageFilesystem.MAX_NODES
      + " paths, berth's limit; paths this instruction and later ones create are unknown to berth";
  /**
   * A stage further than this many FROMs from an image starts from an unknown image: every
   * question about a container walks its FROM chain, and each stage keeps its own filesystem.
   */
  public static final int MAX_CHAIN = 64;
  static final String CHAIN_TOO_LONG = "FROM chain longer than " + MAX_CHAIN
      + " stages, berth's limit; this stage starts from an image unknown to berth";

  private static final class Replay {
    private final Dockerfile df;
    private final Stage stage;
    private final StageFacts facts;
    private final java.util.function.IntFunction<Optional<StageSimulation>> earlier;
    private final java.util.function.Function<String, Optional<StageSimulation>> stages;
    private final BaseImageCatalog catalog;
    private final Expander expander;
    private final List<LimitHit> limitHits = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<AccountEvent> events = new ArrayList<>();
    private final List<VolumeDecl> volumes = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>();
    private Optional<BaseImage> base = Optional.empty();
    private Optional<StageSimulation> parent = Optional.empty();
    private ImageFilesystem fs;
    private BuildState state;
    private int number;
    /** The base image's catalog entry is unknown: its USER, PATH and HOME are unknown too. */
    private boolean unknownBase;
    /** Pathname expansion for the stage's RUNs, with one bound on what they list. */
    private final Globs globs = new Globs();

    Replay(Dockerfile df, StageFacts facts,
        java.util.function.IntFunction<Optional<StageSimulation>> earlier,
        java.util.function.Function<String, Optional<StageSimulation>> stages,
        BaseImageCatalog catalog, Expander expander) {
      this.df = df;
      this.stage = facts.stage();
      this.facts = facts;
      this.earlier = earlier;
      this.stages = stages;
      this.catalog = catalog;
      this.expander = expander;
      this.limitHits.addAll(facts.limitHits());
    }

    StageSimulation run() {
      startFrom(stage.from());
      BuildState start = state;
      record(stage.from());
      List<Instruction> all = stage.instructions();
      for (int k = 0; k < all.size(); k++) {
        Instruction i = all.get(k);
        number++;
        state = stateAt(facts.before(k));
        if (number <= MAX_STEPS) {
          boolean wasFull = fs.full();
          apply(i, facts.before(k + 1));
          // said once, where it happens (a child stage inherits a full image silently)
          if (!wasFull && fs.full()) limitHits.add(new LimitHit(i.range(), IMAGE_TOO_BIG));
        } else if (number == MAX_STEPS + 1) {
          limitHits.add(new LimitHit(i.range(), STAGE_TOO_LONG));
          ImageFilesystem.Editor ed = fs.edit();
          ed.unknownEffect(origin(i, "not simulated: stage longer than " + MAX_STEPS
              + " instructions, berth's limit"));
          ed.accounts(ed.accounts().incomplete());
          fs = ed.freeze();
        }
        state = stateAt(facts.before(k + 1));
        record(i);
      }
      return new StageSimulation(stage, base, parent, steps, events, volumes, start, limitHits);
    }

    /**
     * The build state the resolved facts give before an instruction: USER (the base image's
     * when the Dockerfile sets none), WORKDIR, the known variables and the unknown ones.
     */
    private BuildState stateAt(StepContext c) {
      // Consecutive instructions mostly share their context (only ENV, ARG, USER, WORKDIR and
      // SHELL change it), and each state copies the whole environment.
      if (c.equals(lastContext)) return lastState;
      lastContext = c;
      lastState = newStateAt(c);
      return lastState;
    }

    private StepContext lastContext;
    private BuildState lastState;

    private BuildState newStateAt(StepContext c) {
      Optional<String> user = c.user().isPresent()
          ? Optional.of(c.user().get()).filter(Fact::known).map(f -> spec(f.value()))
          : base.map(BaseImage::defaultUser);
      Optional<String> wd = c.workdir().known() ? Optional.of(c.workdir().value()) : Optional.empty();
      Map<String, String> env = new java.util.LinkedHashMap<>();
      Set<String> unknown = new java.util.HashSet<>();
      c.vars().asMap().forEach((k, v) -> {
        if (v.isPresent()) env.put(k, v.get());
        else unknown.add(k);
      });
      // An unknown image may set PATH and HOME (and anything else: the world stays open).
      if (unknownBase) {
        for (String n : List.of("PATH", "HOME")) if (!env.containsKey(n)) unknown.add(n);
      }
      boolean posix = c.shell().setBy().isPresent()
          ? POSIX_SHELLS.contains(baseName(c.shell().value().isEmpty() ? "" : c.shell().value().get(0)))
          : base.map(b -> b.shell().isPresent()).orElse(true);
      return new BuildState(user, wd, env, unknown, posix);
    }

    private static String spec(UserSpec u) {
      return u.user() + u.group().map(g -> ":" + g).orElse("");
    }

    private int step() {
      // Steps of parent stages come first: continue their numbering so "later" stays meaningful.
      return stage.index() * 10_000 + number + 1;
    }

    private void record(Instruction i) {
      Identity id = state.user().map(u -> Identity.resolve(u, fs.accounts()))
          .orElse(new Identity("?", OptionalInt.empty(), OptionalInt.empty(), Set.of(), false));
      steps.add(new Step(i, number, fs, state.user(), id, state.workdir(), state.env(),
          state.unknownVars()));
    }

    /**
     * The filesystem FROM starts with: the parent stage's, the catalog's image, or an unknown
     * one. A parent stage's ONBUILD triggers then run, each in the build state the facts give
     * before it.
     */
    private void startFrom(Instruction.From from) {
      Optional<StageSimulation> p = facts.parent().flatMap(i -> earlier.apply(i));
      if (p.isPresent() && p.get().chain >= MAX_CHAIN) {
        limitHits.add(new LimitHit(from.range(), CHAIN_TOO_LONG));
        fs = ImageFilesystem.unknown();
        unknownBase = true;
      } else if (p.isPresent()) {
        parent = p;
        base = p.get().base();
        fs = p.get().finalFilesystem();
        unknownBase = base.isEmpty();
      } else {
        base = facts.parent().isPresent() ? Optional.empty()
            : facts.baseName().knownValue().flatMap(catalog::lookup);
        fs = base.map(ImageFilesystem::of).orElseGet(ImageFilesystem::unknown);
        unknownBase = base.isEmpty();
      }
      List<Instruction> triggers = facts.triggers();
      for (int k = 0; k < triggers.size(); k++) {
        state = stateAt(facts.triggerSteps().get(k));
        apply(triggers.get(k), k + 1 < triggers.size() ? facts.triggerSteps().get(k + 1)
            : facts.before(0));
      }
      state = stateAt(facts.before(0));
    }

    private Origin origin(Instruction i, String what) {
      return Origin.at(i.range(), what, step());
    }

    private Optional<String> expand(Word w) {
      return expand(w, state.vars());
    }

    private Optional<String> expand(Word w, Vars vars) {
      return expand(w.text(), w.range(), vars);
    }

    /**
     * The Dockerfile's own expander over what the replay knows. A name the replay has no value
     * for may be set by the base image or a build arg, so it is unknown rather than unset
     * (open world): the result is then unknown, as is a value beyond the expander's bounds
     * (recorded in {@link #limitHits}).
     */
    private Optional<String> expand(String text, Range at, Vars vars) {
      Expansion e = expander.word(text, vars.openWorld(true));
      if (Expander.limitHit(e)) {
        limitHits.add(new LimitHit(at, e.error().orElseThrow() + "; the value is unknown to berth"));
      }
      return e.knownValue();
    }

    private Identity identity() {
      return state.user().map(u -> Identity.resolve(u, fs.accounts()))
          .orElse(new Identity("?", OptionalInt.empty(), OptionalInt.empty(), Set.of(), false));
    }

    /**
     * The filesystem effect of one instruction; variables, USER and WORKDIR come from the facts
     * ({@code after}: the state the instruction leaves).
     */
    private void apply(Instruction i, StepContext after) {
      if (i instanceof Instruction.Workdir w) {
        workdir(w, after);
      } else if (i instanceof Instruction.Volume v) {
        for (Word w : v.paths()) {
          Optional<String> p = expand(w);
          if (p.isPresent()) {
            volumes.add(new VolumeDecl(ImageFilesystem.resolve(state.workdir().orElse("/"), p.get()),
                w.range(), step()));
          }
        }
      } else if (i instanceof Instruction.FileTransfer t) {
        transfer(t);
      } else if (i instanceof Instruction.Run r) {
        run(r);
      }
    }

    private void workdir(Instruction.Workdir w, StepContext after) {
      if (!after.workdir().known()) return;
      String dir = ImageFilesystem.normalize(after.workdir().value());
      // `/` exists in every image, and BuildKit's Mkdir leaves an existing directory as it is
      // (casibase's riscv64.Dockerfile: WORKDIR / on a base berth does not know)
      if (dir.equals("/")) return;
      if (ImageFilesystem.tooDeep(dir)) {
        limitHits.add(new LimitHit(w.path().range(), "WORKDIR deeper than "
            + ImageFilesystem.MAX_DEPTH + " components, berth's limit; what is under it is unknown "
            + "to berth"));
      }
      Identity who = identity();
      ImageFilesystem.Editor ed = fs.edit();
      if (who.uid().isPresent() && who.gid().isPresent()) {
        ed.mkdir(dir, true, who.uid().getAsInt(), who.gid().getAsInt(), 0755,
            origin(w, "WORKDIR as " + state.user().orElse("?")));
      } else if (fs.lookup(dir).exists() != Answer.YES) {
        ed.unknownPath(dir, origin(w, "WORKDIR"));
      }
      fs = ed.freeze();
    }

    private void transfer(Instruction.FileTransfer t) {
      ImageFilesystem.Editor ed = fs.edit();
      Origin o = origin(t, t.name() + (t.chown().isPresent() ? " --chown=" + t.chown().get() : "")
          + " (as " + t.chown().orElse("root") + ")");
      Optional<String> destRaw = expand(t.destination());
      Optional<String> cwd = state.workdir();
      if (destRaw.isEmpty() || (!destRaw.get().startsWith("/") && cwd.isEmpty())) {
        ed.unknownEffect(o);
        fs = ed.freeze();
        return;
      }
      String dest = ImageFilesystem.resolve(cwd.orElse("/"), destRaw.get());
      // `.`, `..`, `/` and the working directory (WORKDIR made it) are directories whatever the
      // base image: `WORKDIR /` then `COPY manager .` (kubebuilder's operator images) puts
      // /manager there and leaves / as it was.
      boolean destIsDir = destRaw.get().endsWith("/") || t.sources().size() + t.heredocs().size() > 1
          || destRaw.get().equals(".") || destRaw.get().equals("..") || destRaw.get().endsWith("/.")
          || destRaw.get().endsWith("/..") || dest.equals("/")
          || cwd.map(c -> ImageFilesystem.resolve("/", c)).filter(dest::equals).isPresent()
          || (fs.lookup(dest).exists() == Answer.YES
              && fs.lookup(dest).node().map(n -> n.kind() == Node.Kind.DIR).orElse(false));
      OptionalInt uid = OptionalInt.empty();
      OptionalInt gid = OptionalInt.empty();
      boolean ownerUnknown = false;
      if (t.chown().isPresent()) {
        Optional<String> spec = expand(t.chown().get(), t.range(), state.vars());
        Identity owner = spec.map(s -> chownIdentity(s, fs.accounts()))
            .orElse(new Identity("?", OptionalInt.empty(), OptionalInt.empty(), Set.of(), false));
        uid = owner.uid();
        gid = owner.gid();
        ownerUnknown = uid.isEmpty() || gid.isEmpty();
      }
      OptionalInt mode = OptionalInt.empty();
      if (t.chmod().isPresent()) {
        mode = Modes.parse(t.chmod().get()).map(f -> f.apply(OptionalInt.empty(), false))
            .orElse(OptionalInt.empty());
      }
      int parentUid = uid.orElse(0);
      int parentGid = gid.orElse(0);
      if (!ownerUnknown) {
        String parentDir = destIsDir ? dest : ImageFilesystem.parent(dest);
        if (fs.lookup(parentDir).exists() != Answer.YES) {
          ed.mkdir(parentDir, true, parentUid, parentGid, 0755, o);
        }
      }
      Optional<String> from = t.from().flatMap(f -> expand(f, t.range(), state.vars()));
      Optional<StageSimulation> source = from.flatMap(stages);
      ed.accounts(accountsAfterCopy(ed.accounts(), t, dest, destIsDir, source));
      if (from.isPresent() && source.isEmpty()) {
        // Another image: its files and owners are unknown.
        ed.unknownPath(dest, o);
        fs = ed.freeze();
        return;
      }
      for (Heredoc h : t.heredocs()) {
        String p = destIsDir ? ImageFilesystem.resolve(dest, h.delimiter()) : dest;
        placeFile(ed, p, uid, gid, ownerUnknown, mode.isPresent() ? mode : OptionalInt.of(0644), o);
      }
      for (Word w : t.sources()) {
        Optional<String> src = expand(w);
        if (src.isEmpty() || src.get().matches(".*[*?\\[].*")) {
          // A glob or unknown name: what lands where is not known, but it lands as this owner.
          if (destIsDir && !ownerUnknown && fs.lookup(dest).exists() != Answer.NO) {
            ed.populate(dest, parentUid, parentGid, o);
          } else {
            ed.unknownPath(dest, o);
          }
          continue;
        }
        if (source.isPresent()) {
          String srcPath = ImageFilesystem.resolve(source.get().last().workdir().orElse("/"), src.get());
          ImageFilesystem srcFs = source.get().finalFilesystem();
          ImageFilesystem.Lookup l = srcFs.lookup(srcPath);
          boolean srcDir = l.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false);
          String target = destIsDir && !srcDir
              ? ImageFilesystem.resolve(dest, srcPath.substring(srcPath.lastIndexOf('/') + 1)) : dest;
          if (l.exists() == Answer.UNKNOWN && destIsDir && !ownerUnknown) {
            // Not known to be a file: a directory's contents would land in dest itself, so
            // dest/<name> is not the only place that changed (Unleash's COPY --from=builder
            // /unleash/build /unleash/ of what a pnpm script made).
            ed.contentsUnknown(dest, o);
          } else if (l.exists() != Answer.YES || ownerUnknown) {
            ed.unknownPath(target, o);
          } else {
            ed.copyTree(srcFs, srcPath, target, uid, gid, mode, o);
          }
          continue;
        }
        if (t instanceof Instruction.Add && src.get().matches("(?i)(https?|git)://.*|git@.*")) {
          String target = destIsDir ? ImageFilesystem.resolve(dest,
              src.get().substring(src.get().lastIndexOf('/') + 1)) : dest;
          // ADD <url> writes the download 0600 unless --chmod (docs: "ADD ... from a URL").
          placeFile(ed, target, uid, gid, ownerUnknown, mode.isPresent() ? mode : OptionalInt.of(0600), o);
          continue;
        }
        contextSource(ed, t, src.get(), dest, destIsDir, uid, gid, ownerUnknown, mode, o);
      }
      fs = ed.freeze();
    }

    /**
     * The accounts after a COPY/ADD that may write /etc/passwd or /etc/group (scratch images get
     * their users this way: {@code COPY --from=build /etc/passwd /etc/passwd}). The file copied
     * from a stage berth simulates brings that stage's users (or groups); any other write to
     * them, or to a directory holding them, leaves the accounts unknown.
     */
    private Accounts accountsAfterCopy(Accounts current, Instruction.FileTransfer t, String dest,
        boolean destIsDir, Optional<StageSimulation> source) {
      Accounts out = current;
      List<Optional<String>> sources = new ArrayList<>();
      t.sources().forEach(w -> sources.add(expand(w)));
      t.heredocs().forEach(h -> sources.add(Optional.of(h.delimiter())));
      // A directory's contents land in the destination itself: at / or /etc they may hold them.
      boolean holding = dest.equals("/") || dest.equals("/etc");
      for (Optional<String> src : sources) {
        String name = src.map(x -> x.replaceAll("/+$", ""))
            .map(x -> x.substring(x.lastIndexOf('/') + 1)).orElse("?");
        String target = destIsDir ? ImageFilesystem.resolve(dest, name) : dest;
        boolean passwd = target.equals("/etc/passwd");
        boolean group = target.equals("/etc/group");
        if (!passwd && !group && !holding) continue;
        Optional<Accounts> from = source
            .filter(x -> passwd || group)
            .filter(x -> src.map(v -> ImageFilesystem.resolve(
                x.last().workdir().orElse("/"), v)).filter(target::equals).isPresent())
            .map(x -> x.finalFilesystem().accounts());
        if (from.isEmpty()) {
          out = out.incomplete();
        } else if (passwd) {
          out = new Accounts(from.get().users(), out.groups(),
              out.complete() && from.get().complete());
        } else {
          out = new Accounts(out.users(), from.get().groups(),
              out.complete() && from.get().complete());
        }
      }
      return out;
    }

    /**
     * {@code --chown} resolves names against the image's /etc/passwd and /etc/group; a user
     * without a group gets the same number as GID (docs.docker.com, Dockerfile reference, "COPY
     * --chown": "a username without groupname or a UID without GID will use the same numeric UID
     * as the GID").
     */
    private static Identity chownIdentity(String spec, Accounts accounts) {
      Identity id = Identity.resolve(spec, accounts);
      if (!spec.contains(":")) return new Identity(spec, id.uid(), id.uid(), Set.of(), true);
      return id;
    }

    /**
     * A file or directory from the build context. Whether a name is a file or a directory is
     * not known here, except {@code .} and names ending in '/', so the destination is marked
     * with its owner for unlisted children. Directories from the context are taken as 0755:
     * git does not keep group/other write bits.
     */
    private void contextSource(ImageFilesystem.Editor ed, Instruction.FileTransfer t, String src,
        String dest, boolean destIsDir, OptionalInt uid, OptionalInt gid, boolean ownerUnknown,
        OptionalInt mode, Origin o) {
      boolean srcIsDir = src.equals(".") || src.endsWith("/") || src.equals("./");
      if (ownerUnknown) {
        ed.unknownPath(dest, o);
        return;
      }
      int u = uid.orElse(0);
      int g = gid.orElse(0);
      if (srcIsDir) {
        Optional<Node> existing = ed.get(dest);
        boolean exists = fs.lookup(dest).exists() == Answer.YES;
        if (exists && existing.isPresent() && existing.get().kind() == Node.Kind.DIR) {
          // Contents are copied into an existing directory, which keeps its owner and mode even
          // with --chown (tonistiigi/fsutil copy/copy.go: copyDirectoryOnly does not touch an
          // existing target at the top level). Children with unknown names get the owner.
          Node d = existing.get();
          forgetUnder(ed, dest, u, g, o);
          ed.put(dest, d.withChildOwner(OptionalInt.of(u), OptionalInt.of(g)).withPopulated(d.origin()));
        } else {
          ed.unknownPath(dest, o);
          ed.put(dest, new Node(Node.Kind.DIR, OptionalInt.of(u), OptionalInt.of(g),
              mode.isPresent() ? mode : OptionalInt.of(0755), false, OptionalInt.of(u),
              OptionalInt.of(g), true, Optional.empty(), o));
        }
        return;
      }
      String name = src.substring(src.lastIndexOf('/', src.length() - 2) + 1);
      String target = destIsDir ? ImageFilesystem.resolve(dest, name) : dest;
      ed.unknownPath(target, o);
      // File or directory: owner known, mode and kind not.
      ed.put(target, new Node(Node.Kind.UNKNOWN, OptionalInt.of(u), OptionalInt.of(g), mode, false,
          OptionalInt.of(u), OptionalInt.of(g), true, Optional.empty(), o));
    }

    /**
     * Paths already under a directory that a context copy fills may be overwritten by entries
     * of the same name (with the copy's owner). A node that already has that owner and the
     * modes a context copy gives stays as it is, with unknown contents; others become unknown.
     */
    private static void forgetUnder(ImageFilesystem.Editor ed, String dir, int uid, int gid, Origin o) {
      List<String> kids = ed.view().nodes().keySet().stream()
          .filter(k -> k.startsWith(dir + "/")).toList();
      for (String k : kids) {
        Optional<Node> n = ed.get(k);
        if (n.isEmpty() || !n.get().exists()) continue;
        Node node = n.get();
        boolean sameOwner = node.uid().equals(OptionalInt.of(uid)) && node.gid().equals(OptionalInt.of(gid));
        boolean dirLikeCopy = node.kind() == Node.Kind.DIR && node.mode().equals(OptionalInt.of(0755));
        if (sameOwner && dirLikeCopy) {
          ed.put(k, node.withChildOwner(node.childUid().isPresent() ? node.childUid() : OptionalInt.of(uid),
              node.childGid().isPresent() ? node.childGid() : OptionalInt.of(gid)).withPopulated(node.origin()));
        } else {
          ed.unknownPath(k, o);
        }
      }
    }

    private void placeFile(ImageFilesystem.Editor ed, String p, OptionalInt uid, OptionalInt gid,
        boolean ownerUnknown, OptionalInt mode, Origin o) {
      if (ownerUnknown) {
        ed.unknownPath(p, o);
        return;
      }
      ed.put(p, new Node(Node.Kind.FILE, OptionalInt.of(uid.orElse(0)), OptionalInt.of(gid.orElse(0)),
          mode, true, OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), o));
    }

    private void run(Instruction.Run r) {
      ImageFilesystem.Editor ed = fs.edit();
      Origin o = origin(r, "RUN as " + state.user().orElse("?"));
      Optional<ShellScript> script = RunScript.parse(r);
      if (script.isEmpty() || !state.posixShell()) {
        ed.unknownEffect(o);
        ed.accounts(ed.accounts().incomplete());
        fs = ed.freeze();
        return;
      }
      RunScript.Locator locator = RunScript.locator(df, r, script);
      java.util.function.Function<ShellWord, Range> locate = w -> locator.range(w.start(), w.end());
      CommandInterpreter ci = new CommandInterpreter(ed, base, identity(),
          state.user().orElse("?"), state.workdir(), state.env(), state.unknownVars(), settings, o,
          events, locate, r.range(), globs);
      ci.run(script.get());
      fs = ed.freeze();
    }
  }
}
