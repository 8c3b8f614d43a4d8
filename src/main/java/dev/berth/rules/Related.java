package dev.berth.rules;

import dev.berth.source.Range;

/** A secondary location that explains a finding ("the stage is declared here"). */
public record Related(Range range, String message) {}
