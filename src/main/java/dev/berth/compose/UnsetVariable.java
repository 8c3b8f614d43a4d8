package dev.berth.compose;

import dev.berth.source.Range;

/**
 * A variable a Compose value needs but no source defines ({@code .env}, {@code --env-file}, the
 * process environment when enabled). {@code required} for {@code ${V:?msg}} / {@code ${V?msg}}.
 */
public record UnsetVariable(String name, Range range, boolean required, String message) {}
