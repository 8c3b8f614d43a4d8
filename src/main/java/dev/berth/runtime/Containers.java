package dev.berth.runtime;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Resource;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.image.Stages;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The project fact: every container berth can foresee, per Dockerfile. Each Compose service built
 * from a Dockerfile of the project is one, as Compose really starts it: the stage is
 * {@code build.target} or the last one, the build uses the service's {@code build.args}, and
 * {@code user:}, {@code volumes:}, {@code tmpfs:}, {@code working_dir:}, {@code environment},
 * {@code env_file}, {@code entrypoint:} and {@code command:} are laid over the image. The last
 * stage of a Dockerfile is one too when no service builds it: the container {@code docker run}
 * starts. Each container knows what it runs ({@link Processes}).
 *
 * <p>Services berth cannot follow are left out (not guessed): inline or remote Dockerfiles, a
 * target that is not a stage, a build arg passed from the environment for an ARG the Dockerfile
 * declares. Computed per Dockerfile on first request, so that rules judging Dockerfiles in
 * parallel build containers in parallel.
 */
public final class Containers {
  private final Project project;
  private final BaseImageCatalog catalog;
  private final Map<Dockerfile, List<Container>> byDockerfile =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  private volatile List<Container> all;
  private volatile Map<List<String>, Map<String, List<Container>>> byService;

  private Containers(Project project, BaseImageCatalog catalog) {
    this.project = project;
    this.catalog = catalog;
  }

  public static Containers of(Project project) {
    return project.fact(Containers.class, p -> new Containers(p, BaseImageCatalog.standard()));
  }

  /** The containers built from {@code df}: its services in Compose order, then the image's. */
  public List<Container> of(Dockerfile df) {
    List<Container> known = byDockerfile.get(df);
    if (known != null) return known;
    List<Container> made = compute(df);
    byDockerfile.putIfAbsent(df, made);
    return byDockerfile.get(df);
  }

  /** The containers that run stage {@code stage} of {@code df}. */
  public List<Container> of(Dockerfile df, Stage stage) {
    return of(df).stream().filter(c -> c.stage().stage().index() == stage.index()).toList();
  }

  /** The containers of Compose services built from {@code df}, in Compose order. */
  public List<Container> composed(Dockerfile df) {
    return of(df).stream().filter(Container::fromCompose).toList();
  }

  /** The stages of {@code df} some service runs (judge those through the services). */
  public Set<Integer> stagesRun(Dockerfile df) {
    Set<Integer> out = new HashSet<>();
    for (Container c : composed(df)) out.add(c.stage().stage().index());
    return out;
  }

  /**
   * The stages of {@code df} that Compose services and the repository's own builds make
   * ({@code build.target}, else the last stage; the targets of {@code docker build --target} and
   * a build-push-action's {@code target:} when no build makes the last stage); empty when nothing
   * builds this Dockerfile (then {@code docker build} builds the last stage). Needs no simulation.
   * linera-protocol's docker/Dockerfile ends in a guard stage whose RUN always fails: every build
   * of it names a target, and those stages are the images.
   */
  public static Set<Stage> stagesBuilt(Project project, Dockerfile df) {
    Set<Stage> out = new java.util.LinkedHashSet<>();
    if (df.stages().isEmpty()) return out;
    Stage last = df.stages().get(df.stages().size() - 1);
    for (Build b : ComposeBuilds.builds(project, df)) {
      if (b.target().isPresent()) {
        df.stage(b.target().get().value()).ifPresent(out::add);
      } else {
        out.add(last);
      }
    }
    // The repository's own builds' targets count only when none of its builds makes the last
    // stage: then the targets are images too, and the last stage is one unless it is a guard
    // (linera-protocol's, whose RUN fails a bare build). Beside a build of the last stage
    // a --target build is a step of the workflow (mozilla/experimenter's Makefile builds
    // `--target ui` to compile assets the last stage copies), not another image that runs.
    Set<Stage> targets = new java.util.LinkedHashSet<>();
    boolean lastBuilt = out.contains(last);
    for (dev.berth.evidence.DockerBuild b
        : dev.berth.evidence.RepoEvidence.of(project).buildsOf(df.path())) {
      // a Dev Container's build is the editor's environment, not an image that runs elsewhere
      if (b.filesOnly() || b.source() == dev.berth.evidence.SourceKind.DEV_CONTAINER) continue;
      if (b.target().isEmpty()) {
        lastBuilt = true;
      } else {
        Optional<Stage> t = b.target().get().value().flatMap(df::stage);
        // a target berth cannot read may be any stage, the last one too
        if (t.isEmpty() || t.get() == last) lastBuilt = true; else targets.add(t.get());
      }
    }
    if (lastBuilt) {
      out.add(last);
    } else if (!targets.isEmpty()) {
      out.addAll(targets);
      // the last stage stays an image someone may build with a bare `docker build` unless it
      // is a guard that fails such a build on purpose (linera's `RUN ... && exit 1`)
      if (!guard(last)) out.add(last);
    }
    return out;
  }

  /** A command that always fails, ending a RUN: {@code exit 1}, {@code false}. */
  private static final java.util.regex.Pattern FAILS = java.util.regex.Pattern.compile(
      "(?:^|&&|;|\\|\\|)\\s*+(?:exit\\s++[1-9][0-9]*+|false)\\s*+$");

  /** A stage whose RUN always fails: built only to stop a build that names no target. */
  private static boolean guard(Stage stage) {
    for (dev.berth.dockerfile.Instruction i : stage.instructions()) {
      if (i instanceof dev.berth.dockerfile.Instruction.Run r
          && FAILS.matcher(r.commandText().strip()).find()) {
        return true;
      }
    }
    return false;
  }

  /** Every container of the project, in Dockerfile order (computed once). */
  public List<Container> all() {
    List<Container> known = all;
    if (known != null) return known;
    List<Container> out = new ArrayList<>();
    for (Dockerfile df : project.dockerfiles()) out.addAll(of(df));
    return all = List.copyOf(out);
  }

  /**
   * The containers of service {@code service} of the Compose project run with {@code files} (one
   * per image it builds; none for a service that only pulls an image). Indexed once: rules ask
   * this per service, and a scan of {@link #all} per question was quadratic on large trees.
   */
  public List<Container> ofService(List<String> files, String service) {
    Map<List<String>, Map<String, List<Container>>> index = byService;
    if (index == null) {
      index = new java.util.HashMap<>();
      for (Container c : all()) {
        if (c.compose().isEmpty() || c.service().isEmpty()) continue;
        index.computeIfAbsent(c.compose().get().files(), k -> new java.util.HashMap<>())
            .computeIfAbsent(c.service().get().serviceName(), k -> new ArrayList<>()).add(c);
      }
      byService = index;
    }
    return java.util.Collections.unmodifiableList(
        index.getOrDefault(files, Map.of()).getOrDefault(service, List.of()));
  }

  /**
   * Only Dev Container configurations build the Dockerfile (nothing else of the repository does),
   * each building its last stage and starting it with the Dev Containers
   * CLI's own keep-alive command ({@code overrideCommand} not {@code false}): the image's
   * ENTRYPOINT and CMD never run (nicegui's .devcontainer/Dockerfile, `uv run` as ENTRYPOINT).
   */
  private boolean startedByDevContainersOnly(Dockerfile df, Stage last) {
    dev.berth.evidence.RepoEvidence evidence = dev.berth.evidence.RepoEvidence.of(project);
    return !evidence.devContainersOnly(df.path()).isEmpty()
        && evidence.devContainersReplaceCommand(df.path(), last.name());
  }

  private List<Container> compute(Dockerfile df) {
    List<Container> out = new ArrayList<>();
    if (df.stages().isEmpty() || df.unparsable()) return out;
    Stage last = df.stages().get(df.stages().size() - 1);
    boolean lastComposed = false;
    // The services that build df, from the index (not every service for every Dockerfile).
    Map<ComposeProject, Map<String, Integer>> volumeUses = new java.util.IdentityHashMap<>();
    for (ComposeBuilds.Use use : ComposeBuilds.of(project).uses(df.path())) {
      ComposeProject cp = use.compose();
      Service s = use.service();
      Build b = use.build();
      Optional<Map<String, String>> args = buildArgs(b, df);
      if (args.isEmpty()) continue;
      Optional<Stage> stage = b.target().isPresent()
          ? df.stage(b.target().get().value()) : Optional.of(last);
      if (stage.isEmpty()) continue;
      lastComposed |= stage.get() == last;
      List<StageSimulation> sims = b.args().isEmpty()
          ? ImageSimulation.of(project).stages(df)
          : ImageSimulation.simulate(df, Stages.of(project).of(df, args.get()), catalog);
      StageSimulation sim = sims.stream().filter(x -> x.stage().index() == stage.get().index())
          .findFirst().orElse(null);
      if (sim == null) continue;
      Map<String, Integer> volumeUse = volumeUses.computeIfAbsent(cp, Containers::volumeUse);
      List<ContainerView.Mount> mounts = new ArrayList<>();
      for (Mount m : s.volumes()) mounts.add(mount(m, cp, volumeUse, s.definition()));
      for (Located<String> t : s.tmpfs()) mounts.add(tmpfs(t));
      ContainerView view = ContainerView.of(sim, s.user().map(Located::value), mounts,
          s.workingDir().map(Located::value), s.definition().get("group_add").isPresent());
      Optional<ContainerProcess.Override> ep = s.entrypoint()
          .map(e -> new ContainerProcess.Override("entrypoint", e.value(), false, e.range()));
      Optional<ContainerProcess.Override> cmd = s.command()
          .map(c -> new ContainerProcess.Override("command", c.value(), false, c.range()));
      // A user: equal to the image's USER changes nothing: findings stay on the Dockerfile.
      Optional<Located<String>> user = s.user()
          .filter(u -> !Optional.of(u.value()).equals(sim.last().user()));
      out.add(container(df, sim, Optional.of(cp), Optional.of(s), view, ep, cmd, user,
          environment(sim, Optional.of(s)), contexts(df, Optional.of(s))));
    }
    if (!lastComposed && !startedByDevContainersOnly(df, last)) {
      List<StageSimulation> sims = ImageSimulation.of(project).stages(df);
      if (!sims.isEmpty()) {
        StageSimulation sim = sims.get(sims.size() - 1);
        out.add(container(df, sim, Optional.empty(), Optional.empty(), ContainerView.of(sim),
            Optional.empty(), Optional.empty(), Optional.empty(),
            environment(sim, Optional.empty()), contexts(df, Optional.empty())));
      }
    }
    return List.copyOf(out);
  }

  private Container container(Dockerfile df, StageSimulation sim, Optional<ComposeProject> cp,
      Optional<Service> s, ContainerView view, Optional<ContainerProcess.Override> ep,
      Optional<ContainerProcess.Override> cmd, Optional<Located<String>> user, Environment env,
      List<BuildContext> contexts) {
    // the variables Compose sets are the container's, whatever the image's ENV said
    dev.berth.image.shell.VariableLookup image = sim.last().variables();
    Optional<ContainerProcess> proc = ContainerProcess.of(sim, ep, cmd, view.identity(),
        name -> env.runtime().contains(name) ? env.value(name) : image.value(name));
    Processes.Result run = Processes.resolve(new Processes.Setting(project, df, sim, view, env,
        contexts, sim.base().map(b -> b.ref().repository()), ProgramCatalog.standard()), proc);
    return new Container(df, sim, cp, s, view, proc, user, ep.isPresent() || cmd.isPresent(), env,
        contexts, run.processes(), run.scriptDropsPrivileges(), run.edited(), run.printsOnly(),
        run.changesOwnersOnly(), run.modes(), run.systemWrite(), run.everyProgramKnown());
  }

  /** The image's environment, with Compose's env_file and environment on top. */
  private static Environment environment(StageSimulation sim, Optional<Service> s) {
    Map<String, String> known = new java.util.HashMap<>(sim.last().env());
    Set<String> unknown = new HashSet<>(sim.last().unknownVars());
    Set<String> runtime = new HashSet<>();
    if (s.isPresent()) {
      s.get().environment().forEach((k, v) -> {
        runtime.add(k);
        if (v.value().isPresent()) {
          known.put(k, v.value().get());
          unknown.remove(k);
        } else {
          known.remove(k);
          unknown.add(k);
        }
      });
    }
    return new Environment(known, unknown, runtime);
  }

  /** The build contexts of the container's image: its service's, or the Dockerfile's others. */
  private List<BuildContext> contexts(Dockerfile df, Optional<Service> s) {
    List<BuildContext> all = BuildContexts.of(project).forDockerfile(df.path());
    List<BuildContext> mine = all.stream().filter(c -> s.isPresent()
        ? c.origin() == BuildContext.Origin.COMPOSE && c.name().equals(s.get().serviceName())
        : c.origin() != BuildContext.Origin.COMPOSE).toList();
    return mine.isEmpty() ? all : mine;
  }


  /**
   * Build args with values; empty when one passed from the environment (no value) names an ARG
   * the Dockerfile declares, since its value then decides what berth would simulate.
   */
  private static Optional<Map<String, String>> buildArgs(Build b, Dockerfile df) {
    Set<String> declared = new HashSet<>();
    for (Instruction i : df.instructions()) {
      if (i instanceof Instruction.Arg a) a.declarations().forEach(d -> declared.add(d.name().text()));
    }
    Map<String, String> known = new HashMap<>();
    for (Map.Entry<String, Located<Optional<String>>> e : b.args().entrySet()) {
      Optional<String> v = e.getValue().value();
      if (v.isPresent()) {
        known.put(e.getKey(), v.get());
      } else if (declared.contains(e.getKey())) {
        return Optional.empty();
      }
    }
    return Optional.of(known);
  }

  /** How often each named volume is mounted in the project (by target). */
  private static Map<String, Integer> volumeUse(ComposeProject cp) {
    Map<String, Set<String>> targets = new HashMap<>();
    for (Service s : cp.services().values()) {
      for (Mount m : s.volumes()) {
        if (m.type() == Mount.Type.VOLUME && m.source().isPresent()) {
          targets.computeIfAbsent(m.source().get().value(), k -> new HashSet<>())
              .add(s.serviceName() + " " + m.target().value());
        }
      }
    }
    Map<String, Integer> out = new HashMap<>();
    targets.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }

  /**
   * A named volume is filled from this image only when berth can tell this container is its
   * first user: not external, the local driver without options, and no other service mounting
   * it. Otherwise its content is unknown (a bind-like mount). With {@code nocopy} such a volume
   * starts empty and root's whatever the image holds at the path.
   */
  private static ContainerView.Mount mount(Mount m, ComposeProject cp, Map<String, Integer> use,
      YamlMap definition) {
    String target = m.target().value();
    Range r = m.range();
    switch (m.type()) {
      case BIND -> {
        return new ContainerView.Mount(ContainerView.Mount.Kind.BIND, target,
            m.source().map(Located::value), OptionalInt.empty(), m.readOnly(), r, m.hostPath());
      }
      case TMPFS -> {
        boolean unknownMode = longTmpfsMode(definition, r);
        return new ContainerView.Mount(unknownMode ? ContainerView.Mount.Kind.BIND
            : ContainerView.Mount.Kind.TMPFS, target, Optional.empty(), OptionalInt.empty(),
            m.readOnly(), r);
      }
      case VOLUME -> {
        boolean noCopy = noCopy(definition, r);
        if (m.source().isEmpty()) {
          return new ContainerView.Mount(ContainerView.Mount.Kind.ANONYMOUS_VOLUME, target,
              Optional.empty(), OptionalInt.empty(), m.readOnly(), r, Optional.empty(), noCopy);
        }
        String name = m.source().get().value();
        Resource res = cp.volumes().get(name);
        boolean plain = res != null && !res.external() && res.driver().isEmpty()
            && !hasKey(res.definition(), "driver_opts") && use.getOrDefault(name, 0) == 1;
        return new ContainerView.Mount(plain ? ContainerView.Mount.Kind.VOLUME
            : ContainerView.Mount.Kind.BIND, target, Optional.of(name), OptionalInt.empty(),
            m.readOnly(), r, Optional.empty(), plain && noCopy);
      }
      default -> {
        return new ContainerView.Mount(ContainerView.Mount.Kind.BIND, target, Optional.empty(),
            OptionalInt.empty(), m.readOnly(), r);
      }
    }
  }

  /** {@code tmpfs: /run} or Docker's {@code /run:mode=1770,size=64m}. */
  private static ContainerView.Mount tmpfs(Located<String> spec) {
    String v = spec.value();
    int colon = v.indexOf(':');
    String target = colon < 0 ? v : v.substring(0, colon);
    OptionalInt mode = OptionalInt.empty();
    boolean unknown = false;
    if (colon >= 0) {
      for (String opt : v.substring(colon + 1).split(",")) {
        if (opt.startsWith("mode=")) {
          mode = octal(opt.substring(5));
          unknown = mode.isEmpty();
        }
      }
    }
    return new ContainerView.Mount(unknown ? ContainerView.Mount.Kind.BIND
        : ContainerView.Mount.Kind.TMPFS, target, Optional.empty(), mode, false, spec.range());
  }

  private static OptionalInt octal(String s) {
    return s.matches("[0-7]{1,4}") ? OptionalInt.of(Integer.parseInt(s, 8)) : OptionalInt.empty();
  }

  /** The long-syntax entry of the service's {@code volumes} declared at {@code r}. */
  private static Optional<YamlMap> longEntry(YamlMap service, Range r) {
    Optional<YamlNode> vols = service.get("volumes");
    if (vols.isEmpty() || !(vols.get() instanceof dev.berth.compose.yaml.YamlSeq seq)) {
      return Optional.empty();
    }
    for (YamlNode n : seq.items()) {
      if (n instanceof YamlMap m && m.range().equals(r)) return Optional.of(m);
    }
    return Optional.empty();
  }

  /**
   * A long-syntax tmpfs that sets {@code tmpfs.mode}: YAML may read the number as decimal or
   * octal depending on how it is written, so its mode is taken as unknown.
   */
  private static boolean longTmpfsMode(YamlMap service, Range r) {
    Optional<YamlMap> e = longEntry(service, r);
    return e.isPresent() && e.get().get("tmpfs").filter(t -> hasKey(t, "mode")).isPresent();
  }

  private static boolean noCopy(YamlMap service, Range r) {
    Optional<YamlMap> e = longEntry(service, r);
    if (e.isPresent()) {
      // compose-go types.ServiceVolumeVolume.NoCopy: a boolean
      return e.get().get("volume").filter(v -> v instanceof YamlMap)
          .flatMap(v -> ((YamlMap) v).get("nocopy"))
          .filter(n -> n instanceof YamlScalar sc && sc.value().equals("true")).isPresent();
    }
    if (service.get("volumes").orElse(null) instanceof dev.berth.compose.yaml.YamlSeq seq) {
      for (YamlNode n : seq.items()) {
        if (n instanceof YamlScalar sc && sc.range().equals(r)) {
          // compose-go format.ParseVolume: the options after the second colon, comma-separated
          String[] parts = sc.value().split(":");
          return parts.length > 2
              && java.util.Arrays.asList(parts[parts.length - 1].split(",")).contains("nocopy");
        }
      }
    }
    return false;
  }

  private static boolean hasKey(YamlNode n, String key) {
    return n instanceof YamlMap m && m.get(key).isPresent();
  }
}
