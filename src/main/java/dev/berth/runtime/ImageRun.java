package dev.berth.runtime;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One image as it runs, for the rules that judge every stage (an intermediate stage can be run
 * too): each stage no Compose service runs, as {@code docker run} starts it, then each service's
 * container.
 */
public record ImageRun(StageSimulation sim, ContainerView view, Optional<ContainerProcess> process,
    Runner runner) {

  public static List<ImageRun> of(Project project, Dockerfile df) {
    List<ImageRun> out = new ArrayList<>();
    Containers containers = Containers.of(project);
    Set<Integer> run = containers.stagesRun(df);
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      if (run.contains(sim.stage().index())) continue;
      ContainerView view = ContainerView.of(sim);
      out.add(new ImageRun(sim, view, ContainerProcess.of(sim),
          new Runner(view.identity(), sim, Optional.empty(), false)));
    }
    for (Container c : containers.composed(df)) {
      out.add(new ImageRun(c.stage(), c.view(), c.process(), Runner.of(c)));
    }
    return out;
  }
}
