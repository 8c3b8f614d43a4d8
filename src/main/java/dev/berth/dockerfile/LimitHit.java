package dev.berth.dockerfile;

import dev.berth.source.Range;

/** A word whose expansion hit one of the expander's bounds, and which bound: its value is unknown. */
public record LimitHit(Range at, String message) {}
