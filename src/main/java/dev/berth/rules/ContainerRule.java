package dev.berth.rules;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;

/**
 * A rule as a function of one container ({@link Containers}): each Compose service built from
 * the Dockerfile, and the image {@code docker run} starts when no service builds its last stage.
 */
public interface ContainerRule extends DockerfileRule {
  void check(Container container, Project project, RuleContext ctx);

  @Override
  default void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Container c : Containers.of(project).of(dockerfile)) check(c, project, ctx);
  }
}
