package dev.berth.image;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed image reference, normalised the way Docker Hub names work: {@code python},
 * {@code docker.io/library/python} and {@code index.docker.io/library/python} are the same
 * repository.
 *
 * @param repository registry host included except for Docker Hub ({@code gcr.io/distroless/base})
 * @param tag the tag; {@code latest} when neither tag nor digest is given, empty when only a
 *     digest pins the image
 */
public record ImageRef(String repository, Optional<String> tag, Optional<String> digest) {

  /** Parses {@code [registry/]path[:tag][@digest]}; empty when the text is not a reference. */
  public static Optional<ImageRef> parse(String text) {
    String s = text.trim();
    if (s.isEmpty() || s.contains("$") || s.chars().anyMatch(Character::isWhitespace)) {
      return Optional.empty();
    }
    Optional<String> digest = Optional.empty();
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(s.substring(at + 1));
      s = s.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = Optional.of(s.substring(colon + 1));
      s = s.substring(0, colon);
    }
    if (s.isEmpty()) return Optional.empty();
    String repo = s.toLowerCase(Locale.ROOT);
    for (String hub : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
      if (repo.startsWith(hub)) repo = repo.substring(hub.length());
    }
    if (repo.startsWith("library/")) repo = repo.substring("library/".length());
    if (tag.isEmpty() && digest.isEmpty()) tag = Optional.of("latest");
    return Optional.of(new ImageRef(repo, tag, digest));
  }

  @Override
  public String toString() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
