package dev.berth.compose;

/**
 * One {@code depends_on} entry.
 *
 * @param service the named service, with the range of the name
 * @param condition service_started (default), service_healthy or service_completed_successfully
 * @param required false when {@code required: false}
 */
public record Dependency(Located<String> service, Located<String> condition, boolean required,
    boolean restart) {}
