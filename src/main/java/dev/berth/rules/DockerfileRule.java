package dev.berth.rules;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;

/** A rule that looks at one Dockerfile at a time (with the project available for facts). */
public interface DockerfileRule extends Rule {
  void check(Dockerfile dockerfile, Project project, RuleContext ctx);
}
