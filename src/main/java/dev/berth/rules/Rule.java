package dev.berth.rules;

/**
 * Marker for every rule. A rule is a small final class annotated with {@link RuleMeta} that
 * implements exactly one of the narrow interfaces ({@link DockerfileRule}, {@link ProjectRule}, …).
 * Rules are pure: they read the model and its facts and report through the context; they never
 * read files, parse text or keep state between calls.
 */
public interface Rule {}
