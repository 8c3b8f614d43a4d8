package dev.berth.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code build}, short ({@code build: ./dir}) or long form.
 *
 * @param context as written after interpolation (a path rewritten relative to the root, or a URL)
 * @param contextPath the root-relative directory when the context is a local path ("." = root);
 *     empty for remote contexts
 * @param args build args; a value is empty for {@code - NAME} entries without "="
 * @param secrets top-level secrets the build mounts ({@code RUN --mount=type=secret})
 * @param argsFromEnvironment the build args whose value the environment supplies: written with a
 *     variable ({@code GID: ${GID:-1000}}) or without a value ({@code - GID}), which Compose looks
 *     up in its environment
 */
public record Build(Located<String> context, Optional<String> contextPath,
    Optional<Located<String>> dockerfile, Optional<Located<String>> dockerfileInline,
    Optional<Located<String>> target, Map<String, Located<Optional<String>>> args,
    Map<String, Located<String>> additionalContexts, List<FileReference> secrets,
    java.util.Set<String> argsFromEnvironment) {

  public Build {
    args = Map.copyOf(args);
    argsFromEnvironment = java.util.Set.copyOf(argsFromEnvironment);
    additionalContexts = Map.copyOf(additionalContexts);
    secrets = List.copyOf(secrets);
  }

  /** Root-relative Dockerfile path for a local context without inline Dockerfile. */
  public Optional<String> dockerfilePath() {
    if (contextPath.isEmpty() || dockerfileInline.isPresent()) return Optional.empty();
    String name = dockerfile.map(Located::value).orElse("Dockerfile");
    return Optional.of(Paths.resolve(contextPath.get(), name));
  }
}
