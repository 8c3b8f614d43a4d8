package dev.berth.compose;

import dev.berth.image.ImageRef;
import dev.berth.source.DataResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Servers that are versions, forks or extended builds of one another
 * ({@code berth/compose/server-families.yaml}): MySQL and MariaDB, Elasticsearch and OpenSearch,
 * PostgreSQL and PostGIS. Two services of one family on one host port are a choice of server.
 */
public final class ServerFamilies {
  private static final String RESOURCE = "/berth/compose/server-families.yaml";

  /** Family name by image repository. */
  private final Map<String, String> byRepository;

  private ServerFamilies(Map<String, String> byRepository) {
    this.byRepository = Map.copyOf(byRepository);
  }

  private static final class Standard {
    static final ServerFamilies INSTANCE = load();
  }

  public static ServerFamilies standard() {
    return Standard.INSTANCE;
  }

  /** The family of the image a reference names, if the catalog lists its repository. */
  public Optional<String> familyOf(String reference) {
    return ImageRef.parse(reference).map(ImageRef::repository).map(byRepository::get);
  }

  @SuppressWarnings("unchecked")
  private static ServerFamilies load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ServerFamilies.class,
        RESOURCE);
    Map<String, String> out = new HashMap<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, "families", RESOURCE)) {
      String family = String.valueOf(e.get("name"));
      List<String> names = DataResources.strings(e.get("names"));
      for (String n : names) {
        if (out.putIfAbsent(n, family) != null) {
          throw new IllegalStateException(RESOURCE + ": " + n + " is in two families");
        }
      }
    }
    return new ServerFamilies(out);
  }
}
