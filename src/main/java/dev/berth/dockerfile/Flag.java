package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.Optional;

/** An instruction flag such as {@code --from=builder}; {@code name} has no leading dashes. */
public record Flag(String name, Optional<String> value, Range range) {

  /** The value, or "" for a bare boolean flag like {@code --link}. */
  public String valueOrEmpty() {
    return value.orElse("");
  }
}
