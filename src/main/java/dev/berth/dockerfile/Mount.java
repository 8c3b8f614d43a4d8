package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code RUN --mount=type=...,k=v} flag; {@code options} excludes {@code type}. */
public record Mount(String type, Map<String, String> options, Range range) {
  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }
}
