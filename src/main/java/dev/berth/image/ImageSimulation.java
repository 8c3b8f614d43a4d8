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

/**
 * The project fact: every stage of every Dockerfile simulated once, with no build arguments.
 * Rules get it with {@code ImageSimulation.of(project)}.
 */
public final class ImageSimulation implements FactDiagnostics {
  private final Map<Dockerfile, List<StageSimulation>> byFile;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private ImageSimulation(Map<Dockerfile, List<StageSimulation>> byFile, List<Dockerfile> order) {
    this.byFile = byFile;
    // A bound of the expander: reported where it was first hit in each file, once per message
    // (a spent budget fails every later word the same way).
    Set<String> seen = new HashSet<>();
    for (Dockerfile df : order) {
      for (StageSimulation sim : byFile.get(df)) {
        for (dev.berth.dockerfile.LimitHit h : sim.limitHits()) {
          if (!seen.add(h.at().file() + "\0" + h.message())) continue;
          diagnostics.add(new Diagnostic(h.at(), Diagnostic.Kind.LIMIT, h.message()));
        }
      }
    }
  }

  /** Bounds hit (expansion, FROM chain): the simulation went on with unknown values. */
  @Override
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public static ImageSimulation of(Project project) {
    return project.fact(ImageSimulation.class, p -> {
      BaseImageCatalog catalog = BaseImageCatalog.standard();
      Map<Dockerfile, List<StageSimulation>> all = new IdentityHashMap<>();
      for (Dockerfile df : p.dockerfiles()) {
        all.put(df, simulate(df, Stages.of(p).of(df), catalog));
      }
      return new ImageSimulation(all, p.dockerfiles());
    });
  }

  public static ImageSimulation compute(List<Dockerfile> dockerfiles, BaseImageCatalog catalog) {
    Map<Dockerfile, List<StageSimulation>> all = new IdentityHashMap<>();
    for (Dockerfile df : dockerfiles) all.put(df, simulate(df, catalog, Map.of()));
    return new ImageSimulation(all, dockerfiles);
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
    return byFile.getOrDefault(df, List.of());
  }

  public Optional<StageSimulation> stage(Dockerfile df, Stage stage) {
    return stages(df).stream().filter(s -> s.stage() == stage).findFirst();
  }
}
