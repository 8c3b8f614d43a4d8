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
  /** @param needsEntry an entry the list must also have for the empty one to be harmless */
  record Reader(String reads, Optional<String> needsEntry) {}

  private static final Map<String, Reader> HARMLESS = load();

  private SearchPaths() {}

  /**
   * What reads the list {@code name} and does with an empty entry, when that is harmless in a
   * list with these {@code entries}.
   */
  static Optional<String> harmlessEmptyEntry(String name, List<String> entries) {
    Reader r = HARMLESS.get(name);
    if (r == null || r.needsEntry().filter(e -> !entries.contains(e)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(r.reads());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Reader> load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(SearchPaths.class, RESOURCE);
    Map<String, Reader> out = new HashMap<>();
    for (Map<String, Object> e
        : DataResources.sourcedEntries(doc, "harmless-empty-entry", RESOURCE)) {
      Reader reader = new Reader(String.valueOf(e.get("reader")).strip(),
          Optional.ofNullable(e.get("needs-entry")).map(String::valueOf));
      for (Object n : (List<Object>) e.get("names")) out.put(String.valueOf(n), reader);
    }
    return Map.copyOf(out);
  }
}
