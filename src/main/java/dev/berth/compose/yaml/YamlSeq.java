package dev.berth.compose.yaml;

import dev.berth.source.Range;
import java.util.List;

public record YamlSeq(List<YamlNode> items, Range range, String tag) implements YamlNode {
  public YamlSeq {
    items = List.copyOf(items);
  }
}
