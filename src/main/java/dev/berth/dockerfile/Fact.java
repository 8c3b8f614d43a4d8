package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.Optional;

/**
 * A resolved value with its provenance.
 *
 * @param value best effort: references to unknown variables stay as written ({@code $VERSION})
 * @param known false when the value depends on something berth cannot know (an ARG without
 *     default, a build arg, the base image's environment); rules should stay silent then
 * @param setBy the instruction that set it (possibly in a parent stage); empty for defaults
 */
public record Fact<T>(T value, boolean known, Optional<Range> setBy) {
  public static <T> Fact<T> byDefault(T value) {
    return new Fact<>(value, true, Optional.empty());
  }

  public static <T> Fact<T> setBy(T value, boolean known, Range range) {
    return new Fact<>(value, known, Optional.of(range));
  }
}
