package dev.berth.dockerfile;

import dev.berth.source.Range;

/** One pair of ENV or LABEL; {@code value} is raw text (quotes kept, not yet expanded). */
public record KeyValue(Word key, Word value, Range range) {}
