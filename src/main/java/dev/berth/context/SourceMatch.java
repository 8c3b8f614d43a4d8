package dev.berth.context;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * What one COPY/ADD source (or {@code RUN --mount=type=bind} source) finds in its build context.
 *
 * @param source the source as written
 * @param range where it is written
 * @param resolved the context-relative path BuildKit looks up: cleaned inside the context root,
 *     so {@code ../x} becomes {@code x} ("" = the context root)
 * @param outcome what was found
 * @param files context-relative files the builder copies (clean-clone view) when matched
 * @param excludedBy the .dockerignore pattern hiding it, for {@link Outcome#EXCLUDED}
 * @param gitIgnoredBy the .gitignore rule making it developer-only, for
 *     {@link Outcome#DEVELOPER_ONLY}, or that ignores a {@link Outcome#GENERATED} path
 * @param elsewhere root-relative path where the source really is, for
 *     {@link Outcome#OUTSIDE_CONTEXT}
 */
public record SourceMatch(
    String source,
    Range range,
    String resolved,
    Outcome outcome,
    List<String> files,
    Optional<DockerIgnore.Pattern> excludedBy,
    Optional<GitIgnore.Rule> gitIgnoredBy,
    Optional<String> elsewhere) {

  public SourceMatch {
    files = List.copyOf(files);
  }

  public enum Outcome {
    /** Found: the build copies {@link #files()}. */
    MATCHED,
    /** A wildcard that matches nothing; BuildKit allows this and copies nothing. */
    EMPTY_WILDCARD,
    /** Not in the repository at all: the build fails ("not found"). */
    MISSING,
    /** Exists, but above the context directory (or reached with ".."): the build fails. */
    OUTSIDE_CONTEXT,
    /** Exists in the context directory but the .dockerignore excludes it: the build fails. */
    EXCLUDED,
    /** Exists only where git-ignored files exist: builds on a developer machine, fails in CI. */
    DEVELOPER_ONLY,
    /**
     * Not in the repository, but something on the host is expected to make it before the build:
     * git ignores the path (a build output such as {@code dist/}, a local {@code .env}), a
     * repository script writes it, or the project is built earlier in the same script, recipe
     * or job. Not a certain failure.
     */
    GENERATED,
    /** Comes from a stage, an image, a URL or a git repository, not the context. */
    NOT_FROM_CONTEXT,
    /** Variables, quoting, a remote context, an unread ignore file: no judgement. */
    UNKNOWN
  }

  /** True when BuildKit would fail the build for this source. */
  public boolean fails() {
    return outcome == Outcome.MISSING || outcome == Outcome.OUTSIDE_CONTEXT
        || outcome == Outcome.EXCLUDED;
  }

  static SourceMatch of(String source, Range range, String resolved, Outcome outcome) {
    return new SourceMatch(source, range, resolved, outcome, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
