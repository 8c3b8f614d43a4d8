package dev.berth.image;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.Expander;
import dev.berth.project.FactDiagnostics;
import dev.berth.project.Project;
import dev.berth.source.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The project fact: every stage of every Dockerfile simulated once, with no build arguments.
 * Rules get it with {@code ImageSimulation.of(project)}.
 */
public final class ImageSimulation implements FactDiagnostics {
  private final List<Dockerfile> order;
  private final Map<Dockerfile, Integer> index = new IdentityHashMap<>();
  /** How one Dockerfile is simulated (from the project's resolved stages, or on its own). */
  private final java.util.function.Function<Dockerfile, List<StageSimulation>> simulator;
  private final AtomicReferenceArray<List<StageSimulation>> byFile;

  private ImageSimulation(List<Dockerfile> order,
      java.util.function.Function<Dockerfile, List<StageSimulation>> simulator) {
    this.order = List.copyOf(order);
    this.simulator = simulator;
    this.byFile = new AtomicReferenceArray<>(this.order.size());
    for (int i = 0; i < this.order.size(); i++) index.putIfAbsent(this.order.get(i), i);
  }

  /**
   * Expansions that hit a bound: the simulation went on with unknown values. Reported where it
   * was first hit in each file, once per message (a spent budget fails every later word the same
   * way), in Dockerfile order; every Dockerfile is simulated by then.
   */
  @Override
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Dockerfile df : order) {
      for (StageSimulation sim : stages(df)) {
        for (dev.berth.dockerfile.LimitHit h : sim.limitHits()) {
          if (!seen.add(h.at().file() + "\0" + h.message())) continue;
          out.add(new Diagnostic(h.at(), Diagnostic.Kind.LIMIT, h.message()));
        }
      }
    }
    return out;
  }

  public static ImageSimulation of(Project project) {
    return project.fact(ImageSimulation.class, p -> {
      BaseImageCatalog catalog = BaseImageCatalog.standard();
      return new ImageSimulation(p.dockerfiles(),
          df -> simulate(df, Stages.of(p).of(df), catalog));
    });
  }

  /**
   * The simulation of {@code dockerfiles}, each simulated on first request: rules judging
   * different Dockerfiles in parallel then simulate them in parallel.
   */
  public static ImageSimulation compute(List<Dockerfile> dockerfiles, BaseImageCatalog catalog) {
    return new ImageSimulation(dockerfiles, df -> simulate(df, catalog, Map.of()));
  }

  /** Simulates every stage of one Dockerfile, earlier stages first. */
  public static List<StageSimulation> simulate(Dockerfile df, BaseImageCatalog catalog,
      Map<String, String> buildArgs) {
    return simulate(df, Stages.resolve(df, buildArgs, catalog), catalog);
  }

  /** Simulates every stage of one Dockerfile from its resolved stages, earlier stages first. */
  public static List<StageSimulation> simulate(Dockerfile df, List<StageFacts> facts,
      BaseImageCatalog catalog) {
    Map<Integer, StageSimulation> done = new HashMap<>();
    List<StageSimulation> out = new ArrayList<>();
    Expander expander = new Expander(df.escape());
    for (StageFacts f : facts) {
      Stage s = f.stage();
      StageSimulation sim = StageSimulation.run(df, f, i -> Optional.ofNullable(done.get(i)), ref -> {
        // COPY --from may only name stages defined before this one.
        Optional<Stage> named = df.stage(ref);
        return named.filter(n -> n.index() < s.index()).map(n -> done.get(n.index()));
      }, catalog, expander);
      done.put(s.index(), sim);
      out.add(sim);
    }
    return List.copyOf(out);
  }

  public List<StageSimulation> stages(Dockerfile df) {
    Integer i = index.get(df);
    if (i == null) return List.of();
    List<StageSimulation> done = byFile.get(i);
    if (done == null) {
      // Two threads asking at once both simulate; the result is the same, the first is kept.
      byFile.compareAndSet(i, null, simulator.apply(df));
      done = byFile.get(i);
    }
    return done;
  }

  public Optional<StageSimulation> stage(Dockerfile df, Stage stage) {
    return stages(df).stream().filter(s -> s.stage() == stage).findFirst();
  }

  /**
   * The stage of {@code df} a {@code COPY --from} names, by name (case-insensitively, as BuildKit
   * matches stage names) or by index; empty when it names an image or a named build context.
   */
  public Optional<StageSimulation> stageNamed(Dockerfile df, String from) {
    for (StageSimulation s : stages(df)) {
      if (s.stage().name().filter(from::equalsIgnoreCase).isPresent()
          || String.valueOf(s.stage().index()).equals(from)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
