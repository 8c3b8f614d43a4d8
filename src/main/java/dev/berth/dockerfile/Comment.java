package dev.berth.dockerfile;

import dev.berth.source.Range;

/** A comment line (text after '#', trimmed); parser directives are not comments. */
public record Comment(String text, Range range) {}
