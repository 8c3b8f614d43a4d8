package dev.berth.evidence;

import dev.berth.source.Range;

/**
 * A path some repository command creates or writes ({@code mkdir -p dist}, {@code cp x dist/},
 * {@code go build -o bin/app}): a file a Dockerfile copies from there may not be in git.
 *
 * @param path root-relative
 * @param how the command, for messages
 */
public record Produced(Range range, String path, String how) {}
