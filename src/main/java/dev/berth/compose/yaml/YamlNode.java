package dev.berth.compose.yaml;

import dev.berth.source.Range;

/**
 * An immutable YAML node with the range of the text it came from. A node reached through an
 * alias or a {@code <<} merge key keeps the range of the anchor definition, where the text is.
 */
public sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {
  Range range();

  /** Custom tag such as {@code !reset} or {@code !override}; empty when the node has none. */
  String tag();

  default boolean hasTag(String t) {
    return tag().equals(t);
  }
}
