package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.RunScripts;
import dev.berth.runtime.Containers;
import dev.berth.project.Project;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stages whose layers end up in an image that is shipped: the final stage (or each compose
 * {@code build.target}) and every stage it is built FROM. A builder stage that is only a source
 * of {@code COPY --from} is not among them: what it leaves behind (package caches, apt lists) is
 * not in the image anybody runs.
 */
public final class ImageStages {
  private ImageStages() {}

  public static Set<Integer> of(Dockerfile df, Project project) {
    Set<Integer> out = new HashSet<>();
    List<StageFacts> facts = RunScripts.of(project).stages(df);
    if (facts.isEmpty()) return out;
    Set<Stage> tops = new HashSet<>(Containers.stagesBuilt(project, df));
    tops.add(df.stages().get(df.stages().size() - 1));
    for (Stage top : tops) {
      Optional<Integer> at = Optional.of(top.index());
      while (at.isPresent() && at.get() < facts.size() && out.add(at.get())) {
        at = facts.get(at.get()).parent();
      }
    }
    return out;
  }
}
