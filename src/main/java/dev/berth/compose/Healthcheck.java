package dev.berth.compose;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * A service healthcheck. {@code test} is empty when only timings are set (the image's HEALTHCHECK
 * command then applies); {@code disabled} for {@code disable: true} or {@code test: ["NONE"]}.
 */
public record Healthcheck(Optional<Located<List<String>>> test, boolean disabled,
    Optional<Located<String>> interval, Optional<Located<String>> timeout,
    Optional<Located<String>> startPeriod, Optional<Located<String>> retries, Range range) {}
