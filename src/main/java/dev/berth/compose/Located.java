package dev.berth.compose;

import dev.berth.source.Range;

/** A model value and the range of the text it came from (the anchor, override or included file). */
public record Located<T>(T value, Range range) {}
