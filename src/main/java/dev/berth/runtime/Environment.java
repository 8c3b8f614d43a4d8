package dev.berth.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's environment as far as berth knows it: the image's ENV (and the base image's, from
 * the catalog), then Compose's {@code env_file} and {@code environment} on top.
 *
 * @param known variables with known values
 * @param unknown variables set to something berth cannot know (a build arg, the shell, an
 *     unknown base image's PATH and HOME)
 * @param runtime variables Compose sets for this container, known or not
 */
public record Environment(Map<String, String> known, Set<String> unknown, Set<String> runtime) {

  public Environment {
    known = Map.copyOf(known);
    unknown = Set.copyOf(unknown);
    runtime = Set.copyOf(runtime);
  }

  public Optional<String> value(String name) {
    return unknown.contains(name) ? Optional.empty() : Optional.ofNullable(known.get(name));
  }

  /** Set to a value berth does not know. */
  public boolean isUnknown(String name) {
    return unknown.contains(name);
  }

  /** Set at all, known or not. */
  public boolean isSet(String name) {
    return known.containsKey(name) || unknown.contains(name);
  }

  /** The same with {@code extra} variables set on top (a process's own environment). */
  public Environment with(Map<String, String> extra) {
    if (extra.isEmpty()) return this;
    Map<String, String> k = new java.util.HashMap<>(known);
    Set<String> u = new java.util.HashSet<>(unknown);
    extra.forEach((n, v) -> {
      k.put(n, v);
      u.remove(n);
    });
    return new Environment(k, u, runtime);
  }
}
