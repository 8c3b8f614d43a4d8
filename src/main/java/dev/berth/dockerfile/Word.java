package dev.berth.dockerfile;

import dev.berth.source.Range;

/**
 * One token of an instruction as BuildKit sees it: continuation lines joined, JSON strings decoded
 * (exec form), shell-form text kept with its quotes. Variable expansion is not applied here;
 * see {@link Expander}.
 */
public record Word(String text, Range range) {}
