package dev.berth.compose;

import java.util.Optional;

/** {@code deploy.resources} limits and reservations; memory in bytes. */
public record ResourceLimits(Optional<Located<Long>> memoryLimit,
    Optional<Located<String>> cpusLimit, Optional<Located<Long>> memoryReservation,
    Optional<Located<String>> cpusReservation) {

  public static final ResourceLimits NONE =
      new ResourceLimits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
