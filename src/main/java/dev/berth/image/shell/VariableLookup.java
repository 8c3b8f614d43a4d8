package dev.berth.image.shell;

import java.util.Map;
import java.util.Optional;

/**
 * Where a variable's value comes from (Dockerfile ARG/ENV in scope, shell assignments earlier in
 * the same RUN). Empty means "not known", which is different from "set to the empty string".
 */
@FunctionalInterface
public interface VariableLookup {
  Optional<String> value(String name);

  VariableLookup NONE = name -> Optional.empty();

  static VariableLookup of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return name -> Optional.ofNullable(copy.get(name));
  }

  /** This lookup first, then {@code fallback}. */
  default VariableLookup orElse(VariableLookup fallback) {
    return name -> {
      Optional<String> v = value(name);
      return v.isPresent() ? v : fallback.value(name);
    };
  }
}
