package dev.berth.image;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.project.Project;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The project fact: each Dockerfile's stages resolved once ({@link StageResolver}: USER, WORKDIR,
 * ENV, ARG, SHELL, ENTRYPOINT/CMD, parent stage, ONBUILD triggers), with the ENV and WORKDIR the
 * base-image catalog knows for external bases. The simulation and the rules read these; a build
 * with build arguments (a Compose {@code build.args}) is resolved once per set of arguments.
 */
public final class Stages {
  private final BaseImageCatalog catalog;
  private final Map<Dockerfile, List<StageFacts>> plain =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Dockerfile, Map<Map<String, String>, List<StageFacts>>> withArgs =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private Stages(BaseImageCatalog catalog) {
    this.catalog = catalog;
  }

  public static Stages of(Project project) {
    return project.fact(Stages.class, p -> new Stages(BaseImageCatalog.standard()));
  }

  /** Every stage of {@code df}, by index, with ARG defaults. */
  public List<StageFacts> of(Dockerfile df) {
    List<StageFacts> known = plain.get(df);
    if (known != null) return known;
    List<StageFacts> facts = resolve(df, Map.of(), catalog);
    plain.putIfAbsent(df, facts);
    return plain.get(df);
  }

  /**
   * Every stage of {@code df} built with these build arguments (a null value: passed from the
   * environment, unknown).
   */
  public List<StageFacts> of(Dockerfile df, Map<String, String> buildArgs) {
    if (buildArgs.isEmpty()) return of(df);
    Map<Map<String, String>, List<StageFacts>> byArgs =
        withArgs.computeIfAbsent(df, k -> new java.util.concurrent.ConcurrentHashMap<>());
    Map<String, String> key = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(buildArgs));
    return byArgs.computeIfAbsent(key, a -> resolve(df, a, catalog));
  }

  /** The last stage, which {@code docker build} builds without a target. */
  public Optional<StageFacts> last(Dockerfile df) {
    List<StageFacts> all = of(df);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public static List<StageFacts> resolve(Dockerfile df, Map<String, String> buildArgs,
      BaseImageCatalog catalog) {
    return List.copyOf(StageResolver.resolve(df, buildArgs, bases(catalog)));
  }

  /** The catalog's ENV and WORKDIR of an external base image. */
  static Function<String, Optional<StageResolver.BaseConfig>> bases(BaseImageCatalog catalog) {
    return ref -> catalog.lookup(ref)
        .map(b -> new StageResolver.BaseConfig(b.env(), b.workdir(), false));
  }
}
