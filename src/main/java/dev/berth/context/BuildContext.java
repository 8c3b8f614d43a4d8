package dev.berth.context;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * One image build: which directory the builder receives, which Dockerfile it runs and which
 * {@code .dockerignore} filters the directory. A Dockerfile built by several compose services has
 * one BuildContext per service.
 *
 * @param name what to call the build in messages: a compose service name or the Dockerfile path
 * @param location the context directory (or an unknown remote/outside context)
 * @param dockerfile root-relative path of the Dockerfile
 * @param target the stage built with {@code --target}, if any
 * @param origin who decided this context
 * @param definedAt where the context was declared (compose {@code build:} keys); empty for the
 *     default of a lone Dockerfile
 * @param ignore the ignore file BuildKit applies
 */
public record BuildContext(
    String name,
    ContextLocation location,
    String dockerfile,
    Optional<String> target,
    Origin origin,
    List<Range> definedAt,
    IgnoreFile ignore) {

  public BuildContext {
    definedAt = List.copyOf(definedAt);
  }

  public enum Origin {
    /** Nobody chose: a Dockerfile linted on its own builds with its own directory as context. */
    DOCKERFILE_DIRECTORY,
    /**
     * Nobody chose, and the Dockerfile's sources only resolve from an ancestor directory, so it
     * is taken to be built from there ({@code docker build -f apps/web/Dockerfile .}).
     */
    INFERRED,
    /** A compose service's {@code build:} section. */
    COMPOSE,
    /** An explicit entry in {@code .berth.yaml}. */
    CONFIG
  }

  /** The ignore file that applies, as BuildKit picks it. */
  public sealed interface IgnoreFile {
    /** Neither {@code <Dockerfile>.dockerignore} nor {@code <context>/.dockerignore} exists. */
    record None() implements IgnoreFile {}

    record Read(DockerIgnore file) implements IgnoreFile {}

    /** The file exists but its text is not available: the filtering is unknown. */
    record Unreadable(String path) implements IgnoreFile {}
  }

  /** The local context directory, if the context is local. */
  public Optional<String> localDir() {
    return location instanceof ContextLocation.Local l ? Optional.of(l.dir()) : Optional.empty();
  }

  public Optional<DockerIgnore> dockerIgnore() {
    return ignore instanceof IgnoreFile.Read r ? Optional.of(r.file()) : Optional.empty();
  }

  /** A range standing for the context directory itself, for related locations. */
  public Optional<Range> directoryRange() {
    return localDir().map(d -> Range.wholeFile(d.isEmpty() ? "." : d));
  }
}
