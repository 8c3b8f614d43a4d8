package dev.berth.rules.dockerfile;

import dev.berth.context.StageGraph;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.project.Project;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stages a build of a Dockerfile runs: those the default target (the last stage) reaches, and
 * those each compose {@code build.target} reaches. BuildKit never dispatches the others, so what
 * their instructions would do is not judged.
 */
public final class StagesBuilt {
  private StagesBuilt() {}

  public static List<Stage> of(Dockerfile df, Project project) {
    Set<Integer> stages = new HashSet<>();
    StageGraph.reachable(df, Optional.empty()).forEach(s -> stages.add(s.index()));
    for (Stage target : Containers.stagesBuilt(project, df)) {
      StageGraph.reachable(df, Optional.of(String.valueOf(target.index())))
          .forEach(s -> stages.add(s.index()));
    }
    return df.stages().stream().filter(s -> stages.contains(s.index())).toList();
  }
}
