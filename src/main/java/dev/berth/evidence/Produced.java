package dev.berth.evidence;

import dev.berth.source.Range;

/**
 * A path some repository command creates or writes ({@code mkdir -p dist}, {@code cp x dist/},
 * {@code go build -o bin/app}): a file a Dockerfile copies from there may not be in git.
 *
 * @param path root-relative
 * @param how the command, for messages
 * @param from what it copies, moves or links to {@code path} ({@code cp SRC DEST},
 *     {@code ln -s SRC DEST} with exactly these two operands), root-relative, when known
 * @param parts the files a concatenation joins into {@code path}, in order ({@code cat Dockerfile
 *     preview/Dockerfile.append > preview/Dockerfile.generated}), root-relative; empty otherwise
 */
public record Produced(Range range, String path, String how, java.util.Optional<String> from,
    java.util.List<String> parts) {
  /**
   * The {@code how} of an archive's extraction ({@code tar -x} in a Docker Hub hook):
   * {@code path} is the directory it fills with files whose names the command does not say.
   */
  public static final String EXTRACTED = "tar -x";

  public Produced {
    parts = java.util.List.copyOf(parts);
  }

  public Produced(Range range, String path, String how, java.util.Optional<String> from) {
    this(range, path, how, from, java.util.List.of());
  }
}
