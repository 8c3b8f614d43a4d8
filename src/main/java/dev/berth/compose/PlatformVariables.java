package dev.berth.compose;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variables a hosting platform sets when it runs a compose file named for it, from
 * {@code berth/compose/platform-variables.yaml} (each entry with its source): Azure App Service's
 * {@code WEBAPP_STORAGE_HOME} in a {@code docker-compose-azure.yml}.
 */
public final class PlatformVariables {
  private static final String RESOURCE = "/berth/compose/platform-variables.yaml";

  private record Entry(String platform, Set<String> names, Set<String> words) {}

  private static final List<Entry> ENTRIES = load();

  private PlatformVariables() {}

  /** The platform that sets {@code name} where it runs the compose file at {@code path}. */
  public static Optional<String> setBy(String name, String path) {
    List<String> words = List.of(path.toLowerCase(Locale.ROOT).split("[/._-]+"));
    for (Entry e : ENTRIES) {
      if (e.names().contains(name) && words.stream().anyMatch(e.words()::contains)) {
        return Optional.of(e.platform());
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<Entry> load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(PlatformVariables.class,
        RESOURCE);
    List<Entry> out = new ArrayList<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, "variables", RESOURCE)) {
      out.add(new Entry(String.valueOf(e.get("platform")),
          Set.copyOf(DataResources.strings(e.get("names"))),
          Set.copyOf(DataResources.strings(e.get("words")))));
    }
    return List.copyOf(out);
  }
}
