package dev.berth.evidence;

import dev.berth.compose.Build;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.ComposeBuilds;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * Build arguments whose value is the building host's: a Compose build arg written with a
 * variable ({@code GID: ${GID}}) or without a value ({@code - GID}), which Compose looks up in
 * its environment, or a {@code --build-arg GID} of the repository's own scripts and CI passed
 * without a value or with a variable. A default in the Dockerfile alone is the author's choice.
 */
public final class HostBuildArgs {
  private HostBuildArgs() {}

  /** Where a build of {@code df} passes {@code arg} from its environment, if any does. */
  public static Optional<Range> passedAt(Project project, Dockerfile df, String arg) {
    for (Build b : ComposeBuilds.builds(project, df)) {
      if (b.argsFromEnvironment().contains(arg)) return Optional.of(b.args().get(arg).range());
    }
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(df.path())) {
      Optional<String> v = b.buildArgs().get(arg);
      if (v != null && v.isEmpty()) return Optional.of(b.range());
    }
    return Optional.empty();
  }
}
