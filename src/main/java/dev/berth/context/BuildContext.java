package dev.berth.context;

import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
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
 * @param origin who decided this context, and so how far rules may trust it
 * @param definedAt where the context was declared (compose {@code build:} keys) or evidenced (the
 *     {@code docker build} line, workflow step, Bake target); empty when inferred or assumed
 * @param ignore the ignore file BuildKit applies
 * @param buildArgs compose {@code build.args}; a value is empty when it comes from the
 *     environment at build time (unknown); empty map when none were given
 * @param namedContexts compose {@code additional_contexts}: {@code COPY --from=<name>} and
 *     {@code FROM <name>} refer to these, not to a stage or an image
 * @param inlineDockerfile the Dockerfile is compose {@code dockerfile_inline} text: {@code
 *     dockerfile} is then a synthetic name with no file behind it
 */
public record BuildContext(
    String name,
    ContextLocation location,
    String dockerfile,
    Optional<String> target,
    Origin origin,
    List<Range> definedAt,
    IgnoreFile ignore,
    Map<String, Optional<String>> buildArgs,
    Map<String, NamedContext> namedContexts,
    boolean inlineDockerfile) {

  public BuildContext {
    definedAt = List.copyOf(definedAt);
    buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    namedContexts = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(namedContexts));
  }

  /** A build without compose extras (a lone Dockerfile, tests). */
  public BuildContext(String name, ContextLocation location, String dockerfile,
      Optional<String> target, Origin origin, List<Range> definedAt, IgnoreFile ignore) {
    this(name, location, dockerfile, target, origin, definedAt, ignore, Map.of(), Map.of(), false);
  }

  /**
   * One compose {@code additional_contexts} entry.
   *
   * @param location a local directory or an unknown (image, another service, URL)
   * @param definedAt the value in the compose file
   * @param ignore {@code <dir>/.dockerignore} of a local named context
   */
  public record NamedContext(String name, ContextLocation location, Range definedAt,
      IgnoreFile ignore) {}

  /** The named context a {@code --from} / {@code FROM} reference means, if any. */
  public Optional<NamedContext> namedContext(String reference) {
    return Optional.ofNullable(namedContexts.get(reference));
  }

  /**
   * How the context was learned. Declared ({@link #COMPOSE}, {@link #CONFIG}) and
   * {@link #EVIDENCED} contexts are known; an {@link #INFERRED} one is proven by the Dockerfile
   * itself, and findings on it say so; an {@link #ASSUMED} one is a guess, and rules that depend
   * on the context stay silent on it.
   */
  public enum Origin {
    /** A compose service's {@code build:} section. */
    COMPOSE,
    /** An explicit entry in {@code .berth.yaml}. */
    CONFIG,
    /**
     * The repository builds it this way: a {@code docker build} in a script, Makefile or
     * package.json, a CI step, a Bake target or Skaffold artifact ({@link #definedAt()}).
     */
    EVIDENCED,
    /**
     * Nobody declares it, and of the Dockerfile's directory and the directories above it, this
     * is the only one holding every file the Dockerfile copies.
     */
    INFERRED,
    /**
     * Nobody declares it and nothing proves it: several directories would do (or none does).
     * The Dockerfile's own directory stands in for it.
     */
    ASSUMED
  }

  /** True unless the context is a guess ({@link Origin#ASSUMED}). */
  public boolean known() {
    return origin != Origin.ASSUMED;
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

  /**
   * From the identifying components only (equal contexts have equal ones): contexts are cache
   * keys, and the record's own hash would walk every build arg, named context and ignore file,
   * and link a generated method per component type on first use (start-up time).
   */
  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + dockerfile.hashCode()) * 31 + definedAt.hashCode();
  }
}
