package dev.berth.evidence;

import dev.berth.compose.Build;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.ComposeBuilds;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.List;
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

  /**
   * The name of the host variable a build feeds {@code arg} from, where berth can read it: the
   * variable of a compose build arg ({@code GID: ${GID:-1000}} gives GID; {@code - GID} gives the
   * argument's own name); empty when no compose build feeds it or the text does not say.
   */
  public static Optional<String> variable(Project project, Dockerfile df, String arg) {
    for (Build b : ComposeBuilds.builds(project, df)) {
      if (!b.argsFromEnvironment().contains(arg)) continue;
      // from the argument's own place on the line: `{ USER_ID: "${UID}", GROUP_ID: "${GID}" }`
      Optional<String> written = project.writtenFrom(b.args().get(arg).range());
      if (written.isEmpty()) return Optional.empty();
      // the first variable Compose's interpolation looks up there
      List<String> names = new java.util.ArrayList<>();
      dev.berth.compose.Interpolation.apply(written.get(), n -> {
        names.add(n);
        return Optional.empty();
      });
      return Optional.of(names.isEmpty() ? arg : names.get(0));
    }
    return Optional.empty();
  }
}
