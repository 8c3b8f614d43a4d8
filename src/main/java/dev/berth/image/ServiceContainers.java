package dev.berth.image;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Resource;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project fact for Compose: every service whose image is built from a Dockerfile of the
 * project, as the container Compose really starts. The stage is {@code build.target} or the last
 * one; the build uses the service's {@code build.args}; {@code user:}, {@code volumes:},
 * {@code tmpfs:}, {@code working_dir:}, {@code entrypoint:} and {@code command:} are laid over the
 * image through {@link ContainerView} and {@link ContainerProcess}.
 *
 * <p>Services berth cannot follow are left out (not guessed): inline or remote Dockerfiles, a
 * target that is not a stage, a build arg passed from the environment for an ARG the Dockerfile
 * declares.
 */
public final class ServiceContainers {
  private final Project project;
  private final BaseImageCatalog catalog;
  private final Map<String, List<ServiceContainer>> byDockerfile = new ConcurrentHashMap<>();

  /**
   * One service's container.
   *
   * @param user the service's {@code user:}, when it overrides the image's USER with another
   *     value
   * @param overridesProcess the service sets {@code entrypoint:} or {@code command:}
   */
  public record ServiceContainer(ComposeProject compose, Service service, Dockerfile dockerfile,
      StageSimulation stage, ContainerView view, Optional<ContainerProcess> process,
      Optional<Located<String>> user, boolean overridesProcess) {

    /** Where the image's own runtime USER is set, if in this Dockerfile. */
    public Optional<Range> imageUserRange() {
      for (StageSimulation s = stage; s != null; s = s.parent().orElse(null)) {
        Optional<Instruction.User> u = s.stage().last(Instruction.User.class);
        if (u.isPresent()) return Optional.of(u.get().range());
      }
      return Optional.empty();
    }
  }

  private ServiceContainers(Project project, BaseImageCatalog catalog) {
    this.project = project;
    this.catalog = catalog;
  }

  public static ServiceContainers of(Project project) {
    return project.fact(ServiceContainers.class,
        p -> new ServiceContainers(p, BaseImageCatalog.standard()));
  }

  /**
   * Containers built from {@code df}, in compose order. Computed on first request for each
   * Dockerfile, so that rules judging different Dockerfiles in parallel simulate in parallel.
   */
  public List<ServiceContainer> of(Dockerfile df) {
    if (project.dockerfile(df.path()).orElse(null) != df) return List.of();
    return byDockerfile.computeIfAbsent(df.path(), k -> compute(df));
  }

  /** Every container, in compose order. */
  public List<ServiceContainer> all() {
    List<ServiceContainer> out = new ArrayList<>();
    for (ComposeBuilds.Use u : ComposeBuilds.of(project).all()) {
      Optional<Dockerfile> df = u.build().dockerfilePath().flatMap(project::dockerfile);
      if (df.isEmpty()) continue;
      for (ServiceContainer c : of(df.get())) {
        if (c.service() == u.service() && c.compose() == u.compose()) out.add(c);
      }
    }
    return out;
  }

  private List<ServiceContainer> compute(Dockerfile df) {
    List<ServiceContainer> out = new ArrayList<>();
    if (df.stages().isEmpty()) return out;
    for (ComposeBuilds.Use u : ComposeBuilds.of(project).uses(df.path())) {
      ComposeProject cp = u.compose();
      Service s = u.service();
      Build b = u.build();
      Optional<Map<String, String>> args = buildArgs(b, df);
      if (args.isEmpty()) continue;
      Optional<Stage> stage = b.target().isPresent()
          ? df.stage(b.target().get().value())
          : Optional.of(df.stages().get(df.stages().size() - 1));
      if (stage.isEmpty()) continue;
      List<StageSimulation> sims = b.args().isEmpty()
          ? ImageSimulation.of(project).stages(df)
          : ImageSimulation.simulate(df, catalog, args.get());
      StageSimulation sim = sims.stream().filter(x -> x.stage().index() == stage.get().index())
          .findFirst().orElse(null);
      if (sim == null) continue;
      List<ContainerView.Mount> mounts = new ArrayList<>();
      Map<String, Integer> volumeUse = volumeUse(cp);
      for (Mount m : s.volumes()) mounts.add(mount(m, cp, volumeUse, s.definition()));
      for (Located<String> t : s.tmpfs()) mounts.add(tmpfs(t));
      ContainerView view = ContainerView.of(sim, s.user().map(Located::value), mounts,
          s.workingDir().map(Located::value), s.definition().get("group_add").isPresent());
      Optional<ContainerProcess.Override> ep = s.entrypoint()
          .map(e -> new ContainerProcess.Override("entrypoint", e.value(), false, e.range()));
      Optional<ContainerProcess.Override> cmd = s.command()
          .map(c -> new ContainerProcess.Override("command", c.value(), false, c.range()));
      Optional<ContainerProcess> proc = ContainerProcess.of(sim, ep, cmd, view.identity());
      // A user: equal to the image's USER changes nothing: findings stay on the Dockerfile.
      Optional<Located<String>> user = s.user()
          .filter(u2 -> !Optional.of(u2.value()).equals(sim.last().user()));
      out.add(new ServiceContainer(cp, s, df, sim, view, proc, user,
          ep.isPresent() || cmd.isPresent()));
    }
    return List.copyOf(out);
  }

  /** The stages of {@code df} some service runs (judge those through the services). */
  public Set<Integer> stagesRun(Dockerfile df) {
    Set<Integer> out = new HashSet<>();
    for (ServiceContainer c : of(df)) out.add(c.stage().stage().index());
    return out;
  }

  /**
   * The stages of {@code df} that Compose services build and run ({@code build.target}, else the
   * last stage); empty when no service builds this Dockerfile (then {@code docker build} builds
   * the last stage). Needs no simulation.
   */
  public static Set<Stage> stagesBuilt(Project project, Dockerfile df) {
    Set<Stage> out = new java.util.LinkedHashSet<>();
    if (df.stages().isEmpty()) return out;
    for (Build b : ComposeBuilds.builds(project, df)) {
      if (b.target().isPresent()) {
        df.stage(b.target().get().value()).ifPresent(out::add);
      } else {
        out.add(df.stages().get(df.stages().size() - 1));
      }
    }
    return out;
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
   * first user: not external, the local driver without options, no {@code nocopy}, and no other
   * service mounting it. Otherwise its content is unknown (a bind-like mount).
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
        if (m.source().isEmpty()) {
          return new ContainerView.Mount(ContainerView.Mount.Kind.ANONYMOUS_VOLUME, target,
              Optional.empty(), OptionalInt.empty(), m.readOnly(), r);
        }
        String name = m.source().get().value();
        Resource res = cp.volumes().get(name);
        boolean plain = res != null && !res.external() && res.driver().isEmpty()
            && !hasKey(res.definition(), "driver_opts") && use.getOrDefault(name, 0) == 1
            && !noCopy(definition, r);
        return new ContainerView.Mount(plain ? ContainerView.Mount.Kind.VOLUME
            : ContainerView.Mount.Kind.BIND, target, Optional.of(name), OptionalInt.empty(),
            m.readOnly(), r);
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
      Optional<YamlNode> v = e.get().get("volume");
      return v.isPresent() && hasKey(v.get(), "nocopy");
    }
    if (service.get("volumes").orElse(null) instanceof dev.berth.compose.yaml.YamlSeq seq) {
      for (YamlNode n : seq.items()) {
        if (n instanceof YamlScalar sc && sc.range().equals(r)) {
          String[] parts = sc.value().split(":");
          return parts.length > 2 && parts[parts.length - 1].contains("nocopy");
        }
      }
    }
    return false;
  }

  private static boolean hasKey(YamlNode n, String key) {
    return n instanceof YamlMap m && m.get(key).isPresent();
  }
}
