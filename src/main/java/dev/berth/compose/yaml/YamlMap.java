package dev.berth.compose.yaml;

import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mapping with string keys, in document order, keys unique. */
public record YamlMap(List<Entry> entries, Range range, String tag) implements YamlNode {

  public record Entry(YamlScalar key, YamlNode value) {
    public String name() {
      return key.value();
    }
  }

  public YamlMap {
    entries = List.copyOf(entries);
  }

  public Optional<YamlNode> get(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) return Optional.of(e.value());
    }
    return Optional.empty();
  }

  public Optional<Entry> entry(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) return Optional.of(e);
    }
    return Optional.empty();
  }

  public List<String> keys() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) out.add(e.name());
    return out;
  }

  public YamlMap with(String key, YamlScalar keyNode, YamlNode value) {
    List<Entry> out = new ArrayList<>(entries);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equals(key)) {
        out.set(i, new Entry(out.get(i).key(), value));
        return new YamlMap(out, range, tag);
      }
    }
    out.add(new Entry(keyNode, value));
    return new YamlMap(out, range, tag);
  }

  public YamlMap without(String key) {
    List<Entry> out = new ArrayList<>(entries);
    out.removeIf(e -> e.name().equals(key));
    return new YamlMap(out, range, tag);
  }
}
