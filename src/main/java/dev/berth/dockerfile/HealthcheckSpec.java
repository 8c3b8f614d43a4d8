package dev.berth.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A resolved HEALTHCHECK as it lands in the image config.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args...]} (exec form) or {@code ["CMD-SHELL",
 *     script]} (shell form)
 */
public record HealthcheckSpec(List<String> test, Optional<Duration> interval,
    Optional<Duration> timeout, Optional<Duration> startPeriod, Optional<Duration> startInterval,
    Optional<Integer> retries) {

  public HealthcheckSpec {
    test = List.copyOf(test);
  }

  public boolean none() {
    return !test.isEmpty() && test.get(0).equals("NONE");
  }
}
