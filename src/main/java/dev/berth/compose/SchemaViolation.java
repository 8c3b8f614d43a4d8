package dev.berth.compose;

import dev.berth.source.Range;

/**
 * The merged, interpolated model breaks the Compose JSON schema at {@code path}
 * (e.g. "services.web.ports.0"): an unknown key, a wrong type, a bad value.
 */
public record SchemaViolation(String path, Range range, String message) {}
