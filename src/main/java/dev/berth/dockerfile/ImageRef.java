package dev.berth.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference ({@code [registry/]path[:tag][@digest]}) normalised like Docker's
 * distribution/reference: no registry means {@code docker.io}, a single-component Docker Hub name
 * gets {@code library/}. The first component is a registry only when it contains '.' or ':' or is
 * {@code localhost}.
 *
 * @param registry e.g. {@code docker.io}, {@code ghcr.io}, {@code localhost:5000}
 * @param path repository path without registry, e.g. {@code library/python}
 * @param tag the tag if written ({@code latest} is <em>not</em> filled in; see {@link #effectiveTag})
 * @param digest e.g. {@code sha256:...}
 */
public record ImageRef(String original, String registry, String path, Optional<String> tag,
    Optional<String> digest) {

  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");

  /** Parses a reference; empty when Docker would reject it ("invalid reference format"). */
  public static Optional<ImageRef> parse(String ref) {
    if (ref == null || ref.isEmpty() || ref.length() > 4096) return Optional.empty();
    String rest = ref;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String d = rest.substring(at + 1);
      // sha512 is 135 characters; the bound keeps the regex's group loop shallow
      if (d.length() > 256 || !DIGEST.matcher(d).matches()) return Optional.empty();
      digest = Optional.of(d);
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String t = rest.substring(colon + 1);
      if (!TAG.matcher(t).matches()) return Optional.empty();
      tag = Optional.of(t);
      rest = rest.substring(0, colon);
    }
    // Docker: "repository name must not be more than 255 characters" (domain and path)
    if (rest.length() > 255) return Optional.empty();
    String registry = DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase(Locale.ROOT))) {
        if (!DOMAIN.matcher(first).matches()) return Optional.empty();
        registry = first;
        path = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io")) registry = DOCKER_HUB;
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) path = "library/" + path;
    if (path.isEmpty() || path.length() > 255) return Optional.empty();
    for (String c : path.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) return Optional.empty();
    }
    return Optional.of(new ImageRef(ref, registry, path, tag, digest));
  }

  /** {@code FROM scratch}: the empty image. */
  public static boolean isScratch(String ref) {
    return ref.equals("scratch");
  }

  /** The tag Docker pulls: the written tag, else {@code latest} when there is no digest either. */
  public Optional<String> effectiveTag() {
    if (tag.isPresent()) return tag;
    return digest.isPresent() ? Optional.empty() : Optional.of("latest");
  }

  public boolean dockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** {@code python} for {@code docker.io/library/python}: the official-image short name. */
  public Optional<String> officialName() {
    return dockerHub() && path.startsWith("library/")
        ? Optional.of(path.substring("library/".length())) : Optional.empty();
  }

  /** Last path component, e.g. {@code node} for {@code ghcr.io/acme/node}. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Fully qualified form, e.g. {@code docker.io/library/python:3.12}. */
  public String canonical() {
    return registry + "/" + path + tag.map(t -> ":" + t).orElse("")
        + digest.map(d -> "@" + d).orElse("");
  }

  /**
   * The index of the earlier stage a FROM image names, as BuildKit resolves it: the (expanded)
   * base name equals the name of a stage defined before {@code beforeIndex}. Stage indexes are not
   * accepted in FROM.
   */
  public static Optional<Integer> earlierStage(String baseName, List<Stage> stages,
      int beforeIndex) {
    if (stages instanceof StageList l) return l.lastBefore(baseName, beforeIndex);
    for (int i = Math.min(beforeIndex, stages.size()) - 1; i >= 0; i--) {
      Optional<String> n = stages.get(i).name();
      if (n.isPresent() && n.get().equals(baseName)) return Optional.of(i);
    }
    return Optional.empty();
  }
}
