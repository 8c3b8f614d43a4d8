package dev.berth.source;

/** Replace the text in {@code range} with {@code replacement} (an insertion when the range is empty). */
public record TextEdit(Range range, String replacement) {}
