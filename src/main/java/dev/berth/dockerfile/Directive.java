package dev.berth.dockerfile;

import dev.berth.source.Range;

/** A parser directive at the top of the file: {@code # syntax=}, {@code # escape=}, {@code # check=}. */
public record Directive(String name, String value, Range range) {}
