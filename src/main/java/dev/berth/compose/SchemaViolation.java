package dev.berth.compose;

import dev.berth.source.Range;

/**
 * The merged, interpolated model breaks the Compose JSON schema at {@code path}
 * (e.g. "services.web.ports.0"): an unknown key, a wrong type, a bad value.
 *
 * @param cause what was broken, independent of where: the schema location and the kind of
 *     failure with the offending type, value or key. Violations with the same cause are one
 *     mistake repeated (the same wrong value in every service, a key the schema lacks).
 */
public record SchemaViolation(String path, Range range, String message, String cause) {}
