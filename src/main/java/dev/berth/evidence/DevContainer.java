package dev.berth.evidence;

import dev.berth.source.Range;

/**
 * A Dev Container configuration ({@code .devcontainer/devcontainer.json},
 * {@code .devcontainer/NAME/devcontainer.json} or {@code .devcontainer.json}) that builds an
 * image from a Dockerfile of the repository (containers.dev/implementors/json_reference,
 * {@code build.dockerfile}).
 *
 * @param range where the Dockerfile is named
 * @param dockerfile the root-relative Dockerfile
 * @param target {@code build.target}: the stage it builds, when not the last
 * @param overridesCommand the container is started with the Dev Containers CLI's own keep-alive
 *     command instead of the image's: {@code overrideCommand} is not {@code false} (its default
 *     for a Dockerfile-based configuration is {@code true}; devcontainers/cli singleContainer.ts
 *     runs {@code --entrypoint /bin/sh} with a {@code trap "exit 0" 15} loop, and appends the
 *     image's ENTRYPOINT and CMD only when it is {@code false})
 */
public record DevContainer(Range range, String dockerfile, java.util.Optional<String> target,
    boolean overridesCommand) {

  /**
   * It builds this stage: no {@code build.target} (the last stage) with {@code finalStage}, or
   * the target names it (BuildKit matches stage names without regard to case).
   */
  public boolean builds(java.util.Optional<String> stageName, boolean finalStage) {
    return target.isEmpty() ? finalStage
        : stageName.filter(n -> n.equalsIgnoreCase(target.get())).isPresent();
  }
}
