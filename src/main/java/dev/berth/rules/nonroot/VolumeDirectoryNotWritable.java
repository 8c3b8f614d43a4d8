package dev.berth.rules.nonroot;

import dev.berth.compose.Located;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code VOLUME} of the image whose directory belongs to root and is not writable by the
 * runtime user: each new anonymous volume starts as a copy of that directory, owner and mode
 * included, so the user cannot write the volume.
 */
@RuleMeta(
    id = "BTH211",
    summary = "A VOLUME directory belongs to root, so every new volume there is not writable by the runtime user",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class VolumeDirectoryNotWritable implements DockerfileRule {

  public static String message(String path, Identity who, String blocking) {
    return "VOLUME " + path + " starts with the owner and mode of " + blocking + ", which "
        + Why.who(who) + " cannot write, so writes to the volume fail with 'Permission denied'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    Containers containers = Containers.of(project);
    Set<Integer> run = containers.stagesRun(df);
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      // A stage a Compose service runs is judged as that service's container.
      if (run.contains(sim.stage().index())) continue;
      volumes(df, ctx, reported, sim, ContainerView.of(sim), Optional.empty());
    }
    for (Container c : containers.composed(df)) {
      volumes(df, ctx, reported, c.stage(), c.view(), c.composeUser());
    }
  }

  private static void volumes(Dockerfile df, RuleContext ctx, Set<Range> reported,
      StageSimulation sim, ContainerView view, Optional<Located<String>> composeUser) {
    Identity who = view.identity();
    if (who.uid().isEmpty() || who.isRoot()) return;
    for (StageSimulation.VolumeDecl v : sim.volumes()) {
      // A runtime mount over the VOLUME path replaces the anonymous volume.
      boolean covered = view.mounts().stream().anyMatch(m -> m.range() != v.range()
          && ImageFilesystem.normalize(m.target()).equals(v.path()));
      if (covered) continue;
      Access a = view.filesystem().canWrite(who, v.path());
      if (a.denied() && a.blockingPath().filter(v.path()::equals).isPresent()) {
        RootOwned.report(df, ctx, reported, v.range(), message(v.path(), who,
            Why.path(v.path(), a.blockingNode().orElseThrow())), who, a, sim, composeUser, null);
      }
    }
  }
}
