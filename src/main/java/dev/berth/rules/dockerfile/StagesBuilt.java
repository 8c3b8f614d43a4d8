package dev.berth.rules.dockerfile;

import dev.berth.context.StageGraph;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.project.Project;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The stages a build of a Dockerfile runs: those the default target (the last stage) reaches, and
 * those each compose {@code build.target} reaches. BuildKit never dispatches the others, so what
 * their instructions would do is not judged.
 */
public final class StagesBuilt {
  private StagesBuilt() {}

  public static List<Stage> of(Dockerfile df, Project project) {
    BitSet built = indexes(df, project);
    return df.stages().stream().filter(s -> built.get(s.index())).toList();
  }

  /**
   * The built stages' indexes: what a rule asks "is this stage built?" of. A {@code List<Stage>}
   * answers that by comparing whole records, one per stage, which made a 10,000-stage file take
   * seconds per rule.
   */
  public static BitSet indexes(Dockerfile df, Project project) {
    BitSet stages = new BitSet();
    StageGraph.reachable(df, Optional.empty()).forEach(s -> stages.set(s.index()));
    for (Stage target : Containers.stagesBuilt(project, df)) {
      StageGraph.reachable(df, Optional.of(String.valueOf(target.index())))
          .forEach(s -> stages.set(s.index()));
    }
    return stages;
  }
}
