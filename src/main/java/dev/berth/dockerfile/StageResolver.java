package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves per-stage facts following BuildKit's dispatcher ({@code dockerfile2llb/convert.go}):
 *
 * <ul>
 *   <li>Global ARGs (before the first FROM) are visible in FROM lines only, unless re-declared in a
 *       stage with {@code ARG NAME} (which takes the global value). BuildKit's automatic platform
 *       args ({@code TARGETARCH}, {@code BUILDPLATFORM}, …) are declared with unknown values.
 *   <li>An ARG without default is declared-but-unknown (a build arg may set it); an ARG default is
 *       taken as its value unless {@code buildArgs} says otherwise.
 *   <li>{@code FROM <earlier stage name>} inherits the parent's env, ARGs (BuildKit docs: "an ARG
 *       declared in a stage is inherited by stages based on it"), user, workdir, shell, exposes,
 *       entrypoint, cmd, healthcheck and stop signal. Other bases: their own config is unknown
 *       here, so undeclared variables expand as unknown rather than empty.
 *   <li>ENV pairs of one instruction all expand against the environment before it.
 *   <li>ENTRYPOINT resets CMD unless a CMD was set earlier in the same stage.
 *   <li>{@code FROM <stage>} first runs that stage's own ONBUILD triggers (BuildKit does).
 *   <li>An external base image berth knows ({@link BaseConfig}) starts with its known ENV values
 *       and WORKDIR; its other variables stay unknown (open world).
 * </ul>
 */
public final class StageResolver {
  /** BuildKit's system.DefaultPathEnv("linux"), the PATH of a stage whose image sets none. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** BuildKit's automatic global ARGs ({@code dockerfile2llb/platform.go defaultArgs}). */
  public static final List<String> PLATFORM_ARGS = List.of("BUILDPLATFORM", "BUILDOS",
      "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS",
      "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE");
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private StageResolver() {}

  /**
   * What berth knows of an external base image's config.
   *
   * @param env ENV values the image is known to set (others may exist: they stay unknown)
   * @param workdir the image's WORKDIR (null when not known)
   * @param envComplete {@code env} is every variable the image sets (the simulation keeps the
   *     world open anyway; BuildKit-style checks of undefined variables rely on it)
   */
  public record BaseConfig(Map<String, String> env, String workdir, boolean envComplete) {
    public BaseConfig {
      env = Map.copyOf(env);
    }
  }

  /** No base image is known. */
  public static final Function<String, Optional<BaseConfig>> NO_BASES = ref -> Optional.empty();

  /** Facts for every stage, by stage index; build args unknown. */
  public static List<StageFacts> resolve(Dockerfile df) {
    return resolve(df, null);
  }

  public static List<StageFacts> resolve(Dockerfile df, Map<String, String> buildArgs) {
    return resolve(df, buildArgs, NO_BASES);
  }

  /**
   * @param buildArgs values passed with {@code --build-arg} / compose {@code build.args} (a null
   *     value means "passed from the environment", i.e. unknown); null when not known at all
   */
  /**
   * The external base images' environments as the catalog knows them, for rules that only need
   * those (a catalog whose list of a base's variables is complete).
   */
  public static List<StageFacts> resolveWithBaseEnv(Dockerfile df, Map<String, String> buildArgs,
      Function<String, Optional<Map<String, String>>> baseEnv) {
    return resolve(df, buildArgs,
        ref -> baseEnv.apply(ref).map(env -> new BaseConfig(env, null, true)));
  }

  /**
   * @param bases the config of an external base image by its (expanded) reference, when known
   */
  public static List<StageFacts> resolve(Dockerfile df, Map<String, String> buildArgs,
      Function<String, Optional<BaseConfig>> bases) {
    Expander ex = new Expander(df.escape());
    List<LimitHit> globalHits = new ArrayList<>();
    Vars global = globalArgs(df, buildArgs, ex, globalHits);
    List<StageFacts> out = new ArrayList<>();
    for (Stage stage : df.stages()) {
      StageState state = new StageState(df, ex, global, buildArgs, bases, stage, out);
      if (stage.index() == 0) state.limitHits.addAll(globalHits);
      out.add(state.run());
    }
    return out;
  }

  /** The global ARG scope FROM lines see. */
  public static Vars globalArgs(Dockerfile df, Map<String, String> buildArgs) {
    return globalArgs(df, buildArgs, new Expander(df.escape()), new ArrayList<>());
  }

  private static Vars globalArgs(Dockerfile df, Map<String, String> buildArgs, Expander ex,
      List<LimitHit> hits) {
    Map<String, Optional<String>> scope = new LinkedHashMap<>();
    for (String p : PLATFORM_ARGS) scope.put(p, Optional.empty());
    Vars global = Vars.view(scope); // filled in place: linear in the number of global ARGs
    for (Instruction.Arg arg : df.metaArgs()) {
      for (ArgDecl d : arg.declarations()) {
        String name = d.name().text();
        Optional<String> value;
        if (buildArgs != null && buildArgs.containsKey(name)) {
          value = Optional.ofNullable(buildArgs.get(name));
        } else if (d.defaultValue().isPresent()) {
          Expansion e = ex.word(d.defaultValue().get().text(), global);
          if (Expander.limitHit(e)) hits.add(hit(d.defaultValue().get().range(), e));
          value = e.knownValue().filter(v -> !PlaceholderDefaults.placeholder(v));
        } else {
          value = Optional.empty();
        }
        scope.remove(name); // a re-declaration moves to the end, as with() does
        scope.put(name, value);
      }
    }
    return Vars.ofOptional(scope);
  }

  /**
   * Instructions of one stage berth follows; the simulation reports the stage as too long, and
   * from there on its variables are unknown.
   */
  public static final int MAX_STEPS = 1000;

  /**
   * Variables berth follows in one stage (with those it inherits): every ENV and ARG snapshots
   * them for the instructions after it, so thousands of them are quadratic (hostile input).
   */
  static final int MAX_VARS = 1000;

  static final String TOO_MANY_VARS = "more than " + MAX_VARS + " variables in one stage, "
      + "berth's limit; their values from here on are unknown to berth";

  /** The variables of a stage berth stopped following (see {@link #MAX_STEPS}, {@link #MAX_VARS}). */
  private static final Vars UNTRACKED = Vars.empty().openWorld(true);

  /** Mutable state while walking one stage; produces an immutable {@link StageFacts}. */
  private static final class StageState {
    final Dockerfile df;
    final Expander ex;
    final Vars global;
    final Map<String, String> buildArgs;
    final Function<String, Optional<BaseConfig>> bases;
    final Stage stage;
    final List<StageFacts> earlier;
    final List<LimitHit> limitHits = new ArrayList<>();
    final List<Instruction> triggers = new ArrayList<>();
    final List<StepContext> triggerSteps = new ArrayList<>();

    Vars vars;
    final Map<String, Fact<String>> args = new LinkedHashMap<>();
    final Map<String, Fact<String>> env = new LinkedHashMap<>();
    final Map<String, Fact<String>> labels = new LinkedHashMap<>();
    final List<Fact<String>> volumes = new ArrayList<>();
    Optional<Fact<UserSpec>> user = Optional.empty();
    Fact<String> workdir = Fact.byDefault("/");
    Fact<List<String>> shell = Fact.byDefault(DEFAULT_SHELL);
    final List<Fact<PortSpec>> exposes = new ArrayList<>();
    Optional<Fact<List<String>>> entrypoint = Optional.empty();
    Optional<Fact<List<String>>> cmd = Optional.empty();
    Optional<Fact<HealthcheckSpec>> healthcheck = Optional.empty();
    Optional<Fact<String>> stopSignal = Optional.empty();
    boolean cmdSetHere;

    StageState(Dockerfile df, Expander ex, Vars global, Map<String, String> buildArgs,
        Function<String, Optional<BaseConfig>> bases, Stage stage, List<StageFacts> earlier) {
      this.df = df;
      this.ex = ex;
      this.global = global;
      this.buildArgs = buildArgs;
      this.bases = bases;
      this.stage = stage;
      this.earlier = earlier;
    }

    StageFacts run() {
      Expansion base = ex.word(stage.from().image().text(), global);
      if (Expander.limitHit(base)) limitHits.add(hit(stage.from().image().range(), base));
      Optional<Integer> parent = base.known()
          ? ImageRef.earlierStage(base.value(), df.stages(), stage.index())
          : Optional.empty();
      Optional<ImageRef> image = Optional.empty();
      if (parent.isPresent()) {
        StageFacts p = earlier.get(parent.get());
        inherit(p);
        // BuildKit runs the parent stage's own ONBUILD triggers first (not inherited ones).
        for (Instruction i : p.stage().instructions()) {
          if (i instanceof Instruction.OnBuild o) {
            triggers.add(o.trigger());
            triggerSteps.add(new StepContext(vars, user, workdir, shell));
            apply(o.trigger());
          }
        }
      } else {
        boolean scratch = base.known() && ImageRef.isScratch(base.value());
        Optional<BaseConfig> config = base.known() && !scratch ? bases.apply(base.value())
            : Optional.empty();
        // A base whose whole environment is known expands against exactly those variables (a
        // name nobody set is unset, not unknown); otherwise what is not listed may be set.
        // BuildKit sets PATH in a stage whose image config has none (dockerfile2llb "make sure
        // that PATH is always set": system.DefaultPathEnv), scratch's included.
        vars = config.map(c -> c.envComplete() ? Vars.of(c.env()) : Vars.of(c.env()).openWorld(true))
            .orElse(scratch ? Vars.of(Map.of("PATH", DEFAULT_PATH)) : Vars.empty().openWorld(true));
        // An unknown base image's own WORKDIR is not known here; "/" is only the usual value.
        if (!scratch) {
          workdir = config.filter(c -> c.workdir() != null).map(c -> Fact.byDefault(c.workdir()))
              .orElse(new Fact<>("/", false, Optional.empty()));
        }
        if (base.known() && !scratch) image = ImageRef.parse(base.value());
      }
      List<StepContext> before = new ArrayList<>();
      List<Instruction> all = stage.instructions();
      for (int k = 0; k < all.size(); k++) {
        if (k == MAX_STEPS) {
          // Past the simulation's limit what the stage does is unknown, its variables too:
          // each ENV copies the environment, so tracking them on is quadratic (hostile input).
          vars = UNTRACKED;
        }
        before.add(new StepContext(vars, user, workdir, shell));
        apply(all.get(k));
      }
      return new StageFacts(stage, base, parent, image, args, env, labels, volumes, user, workdir, shell, exposes,
          entrypoint, cmd, healthcheck, stopSignal, before, vars, triggers, triggerSteps, limitHits);
    }

    /** ENV or ARG sets a variable, unless berth has stopped following them in this stage. */
    void set(String name, Optional<String> value, Range at) {
      if (vars == UNTRACKED) return;
      vars = vars.with(name, value);
      if (vars.size() > MAX_VARS) {
        vars = UNTRACKED;
        limitHits.add(new LimitHit(at, TOO_MANY_VARS));
      }
    }

    void inherit(StageFacts p) {
      vars = p.varsAtEnd();
      args.putAll(p.args());
      env.putAll(p.env());
      labels.putAll(p.labels());
      volumes.addAll(p.volumes());
      user = p.user();
      workdir = p.workdir();
      shell = p.shell();
      exposes.addAll(p.exposes());
      entrypoint = p.entrypoint();
      cmd = p.cmd();
      healthcheck = p.healthcheck();
      stopSignal = p.stopSignal();
    }

    Expansion word(Word w) {
      Expansion e = ex.word(w.text(), vars);
      if (Expander.limitHit(e)) limitHits.add(hit(w.range(), e));
      return e;
    }

    void apply(Instruction i) {
      Range r = i.range();
      if (i instanceof Instruction.Env) {
        Map<String, Optional<String>> updates = new LinkedHashMap<>();
        for (KeyValue kv : ((Instruction.Env) i).pairs()) {
          Expansion k = word(kv.key());
          Expansion v = word(kv.value());
          boolean known = k.known() && v.known();
          env.remove(k.value());
          env.put(k.value(), Fact.setBy(v.value(), known, r));
          updates.put(k.value(), known ? Optional.of(v.value()) : Optional.empty());
        }
        for (Map.Entry<String, Optional<String>> e : updates.entrySet()) {
          set(e.getKey(), e.getValue(), r);
        }
      } else if (i instanceof Instruction.Label) {
        for (KeyValue kv : ((Instruction.Label) i).pairs()) {
          Expansion k = word(kv.key());
          Expansion v = word(kv.value());
          labels.remove(k.value());
          labels.put(k.value(), Fact.setBy(v.value(), k.known() && v.known(), r));
        }
      } else if (i instanceof Instruction.Volume) {
        for (Word w : ((Instruction.Volume) i).paths()) {
          Expansion e = word(w);
          volumes.add(Fact.setBy(e.value(), e.known(), r));
        }
      } else if (i instanceof Instruction.Arg) {
        for (ArgDecl d : ((Instruction.Arg) i).declarations()) arg(d, r);
      } else if (i instanceof Instruction.User) {
        Expansion e = word(((Instruction.User) i).user());
        user = Optional.of(Fact.setBy(UserSpec.parse(e.value()), e.known(), r));
      } else if (i instanceof Instruction.Workdir) {
        Expansion e = word(((Instruction.Workdir) i).path());
        boolean absolute = e.value().startsWith("/");
        String path = absolute ? e.value() : workdir.value() + "/" + e.value();
        workdir = Fact.setBy(cleanPath(path), e.known() && (absolute || workdir.known()), r);
      } else if (i instanceof Instruction.Shell) {
        shell = Fact.setBy(texts(((Instruction.Shell) i).args()), true, r);
      } else if (i instanceof Instruction.Expose) {
        for (Word w : ((Instruction.Expose) i).ports()) {
          Expansion e = ex.words(w.text(), vars);
          if (!e.known()) continue;
          for (String p : e.words()) {
            PortSpec.parse(p).ifPresent(ps -> exposes.add(Fact.setBy(ps, true, r)));
          }
        }
      } else if (i instanceof Instruction.Cmd) {
        cmd = Optional.of(Fact.setBy(execList(((Instruction.Cmd) i).command()), shell.known(), r));
        cmdSetHere = true;
      } else if (i instanceof Instruction.Entrypoint) {
        List<String> list = execList(((Instruction.Entrypoint) i).command());
        entrypoint = Optional.of(Fact.setBy(list, shell.known(), r));
        if (!cmdSetHere) cmd = Optional.of(Fact.setBy(List.of(), true, r));
      } else if (i instanceof Instruction.Healthcheck) {
        healthcheck = Optional.of(Fact.setBy(health((Instruction.Healthcheck) i), true, r));
      } else if (i instanceof Instruction.StopSignal) {
        Expansion e = word(((Instruction.StopSignal) i).signal());
        stopSignal = Optional.of(Fact.setBy(e.value(), e.known(), r));
      }
    }

    /** BuildKit's dispatchArg. */
    void arg(ArgDecl d, Range r) {
      String name = d.name().text();
      Optional<String> value;
      boolean known;
      if (buildArgs != null && buildArgs.containsKey(name)) {
        value = Optional.ofNullable(buildArgs.get(name));
        known = value.isPresent();
      } else if (d.defaultValue().isPresent()) {
        Expansion e = word(d.defaultValue().get());
        // a default that says "pass a value" (non-existing) is not the value that builds
        boolean placeholder = e.knownValue().filter(PlaceholderDefaults::placeholder).isPresent();
        value = placeholder ? Optional.empty() : e.knownValue();
        known = e.known() && !placeholder;
      } else if (global.isSet(name)) {
        value = global.value(name);
        known = !global.isUnknown(name);
      } else {
        value = Optional.empty();
        known = false;
      }
      args.remove(name);
      args.put(name, new Fact<>(value.orElse(""), known, Optional.of(r)));
      set(name, known ? value : Optional.empty(), r);
    }

    List<String> execList(Command c) {
      if (c instanceof Command.ExecForm) return texts(((Command.ExecForm) c).args());
      List<String> l = new ArrayList<>(shell.value());
      l.add(((Command.ShellForm) c).script());
      return List.copyOf(l);
    }

    HealthcheckSpec health(Instruction.Healthcheck h) {
      List<String> test = new ArrayList<>();
      if (h.none()) {
        test.add("NONE");
      } else if (h.command().get() instanceof Command.ExecForm) {
        test.add("CMD");
        test.addAll(texts(((Command.ExecForm) h.command().get()).args()));
      } else {
        test.add("CMD-SHELL");
        test.add(((Command.ShellForm) h.command().get()).script());
      }
      return new HealthcheckSpec(test, duration(h, "interval"), duration(h, "timeout"),
          duration(h, "start-period"), duration(h, "start-interval"),
          h.flag("retries").flatMap(Flag::value).flatMap(StageResolver::integer));
    }

    static Optional<Duration> duration(Instruction.Healthcheck h, String flag) {
      return h.flag(flag).flatMap(Flag::value).filter(v -> !v.isEmpty())
          .flatMap(GoDuration::parse);
    }
  }

  private static LimitHit hit(Range at, Expansion e) {
    return new LimitHit(at, e.error().orElseThrow() + "; the value is unknown to berth");
  }

  static Optional<Integer> integer(String s) {
    try {
      return Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static List<String> texts(List<Word> words) {
    List<String> l = new ArrayList<>(words.size());
    for (Word w : words) l.add(w.text());
    return List.copyOf(l);
  }

  /** Go's path.Clean for absolute paths. */
  static String cleanPath(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) continue;
      if (p.equals("..")) {
        if (!parts.isEmpty()) parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(p);
    }
    return "/" + String.join("/", parts);
  }
}
