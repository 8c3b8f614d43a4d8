package dev.berth.evidence;

import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image build the repository runs: a {@code docker build} / {@code docker buildx build} /
 * {@code podman build} command line, a {@code docker/build-push-action} step, a Bake target or a
 * Skaffold artifact.
 *
 * @param range where it is written (the command, the step's {@code file:}/{@code context:}, the
 *     target block)
 * @param tool what runs it, for messages ("docker build", "docker/build-push-action")
 * @param cwd the directory the command runs in
 * @param dockerfile root-relative Dockerfile path, when known ({@code -f} resolved against the
 *     working directory, else {@code <context>/Dockerfile})
 * @param context root-relative context directory, when known
 * @param target {@code --target}, if given
 * @param buildArgs {@code --build-arg}s; an empty value is unknown (from the environment, a
 *     variable)
 * @param tags {@code -t}/{@code tags:}
 * @param builtAfter an earlier command of the same script, recipe, job or target chain that
 *     builds the project ({@code npm run build}, {@code mvn package}): files the Dockerfile copies
 *     may be its output
 * @param filesOnly {@code --output} exports the result as files (a path, {@code type=local} or
 *     {@code type=tar}) and neither {@code --load} nor {@code --push} is given: no image is made,
 *     so no container runs the final stage (docs.docker.com build/exporters/local-tar)
 */
public record DockerBuild(
    Range range,
    SourceKind source,
    String tool,
    Cwd cwd,
    Value dockerfile,
    Value context,
    Optional<Value> target,
    Map<String, Optional<String>> buildArgs,
    List<Value> tags,
    Optional<Range> builtAfter,
    boolean filesOnly) {

  public DockerBuild {
    buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    tags = List.copyOf(tags);
  }

  /** The same build of another Dockerfile from another context (a path resolved later). */
  DockerBuild withPaths(Value dockerfile, Value context) {
    return new DockerBuild(range, source, tool, cwd, dockerfile, context, target, buildArgs, tags,
        builtAfter, filesOnly);
  }

  /** The same build run from {@code cwd} after {@code builtAfter} (a Bake file's run). */
  DockerBuild withRun(Cwd cwd, Optional<Range> builtAfter) {
    return new DockerBuild(range, source, tool, cwd, dockerfile, context, target, buildArgs, tags,
        builtAfter, filesOnly);
  }

  /** A build that makes an image (every reader but the command line's {@code --output}). */
  public DockerBuild(Range range, SourceKind source, String tool, Cwd cwd, Value dockerfile,
      Value context, Optional<Value> target, Map<String, Optional<String>> buildArgs,
      List<Value> tags, Optional<Range> builtAfter) {
    this(range, source, tool, cwd, dockerfile, context, target, buildArgs, tags, builtAfter,
        false);
  }
}
