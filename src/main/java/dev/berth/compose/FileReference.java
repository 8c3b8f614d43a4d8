package dev.berth.compose;

import java.util.Optional;

/** A service's use of a top-level secret or config (short or long syntax). */
public record FileReference(Located<String> source, Optional<Located<String>> target) {}
