package dev.berth.rules.dockerfile;

import dev.berth.source.DataResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Search-path variables whose empty entry changes nothing that matters, from
 * {@code berth/images/search-paths.yaml} (each entry with its source): what reads the list, and
 * what it makes of the entry.
 */
final class SearchPaths {
  private static final String RESOURCE = "/berth/images/search-paths.yaml";
  private static final Map<String, String> HARMLESS = load();

  private SearchPaths() {}

  /** What reads the list {@code name} and does with an empty entry, when that is harmless. */
  static Optional<String> harmlessEmptyEntry(String name) {
    return Optional.ofNullable(HARMLESS.get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(SearchPaths.class, RESOURCE);
    Map<String, String> out = new HashMap<>();
    for (Map<String, Object> e
        : DataResources.sourcedEntries(doc, "harmless-empty-entry", RESOURCE)) {
      String reader = String.valueOf(e.get("reader")).strip();
      for (Object n : (List<Object>) e.get("names")) out.put(String.valueOf(n), reader);
    }
    return Map.copyOf(out);
  }
}
