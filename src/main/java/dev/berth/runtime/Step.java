package dev.berth.runtime;

import dev.berth.source.Range;

/** One link of how a container reaches a process: where it is written and what it does there. */
public record Step(Range at, String what) {}
