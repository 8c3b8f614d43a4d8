package dev.berth.evidence;

import dev.berth.source.Range;
import java.util.List;

/**
 * A {@code docker run} / {@code docker create} / {@code podman run} command: which image is run
 * is one of its words (options are not interpreted, so every word is kept).
 */
public record ImageRun(Range range, SourceKind source, List<Value> words) {
  public ImageRun {
    words = List.copyOf(words);
  }
}
