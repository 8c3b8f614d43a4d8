package dev.berth.compose;

import dev.berth.source.DataResources;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * App platforms (Umbrel, Runtipi) that start the compose file of an app directory on top of a
 * compose base of their own, from {@code berth/compose/platforms.yaml} (each entry with its
 * source): what the base and the platform's environment add (a proxy service's image, the network
 * the apps join, every variable) is not in the repository, so the app's file is a layer whose
 * base berth does not see.
 */
public final class AppPlatforms {
  private static final String RESOURCE = "/berth/compose/platforms.yaml";

  /**
   * One platform: its manifest beside the app's compose file, a string the manifest must hold,
   * and the services its base defines besides the app's.
   */
  public record Platform(String name, String manifest, Optional<String> manifestContains,
      List<String> services) {
    public Platform {
      services = List.copyOf(services);
    }
  }

  private final List<Platform> platforms;

  private AppPlatforms(List<Platform> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  private static final class Standard {
    static final AppPlatforms INSTANCE = load();
  }

  public static AppPlatforms standard() {
    return Standard.INSTANCE;
  }

  /**
   * The platform whose manifest is in {@code dir} ({@code names}: the directory's names;
   * {@code read}: a file's text, for the manifests that must hold a string).
   */
  public Optional<Platform> of(List<String> names, String dir,
      Function<String, Optional<SourceFile>> read) {
    for (Platform p : platforms) {
      if (!names.contains(p.manifest())) continue;
      if (p.manifestContains().isEmpty() || read.apply(Paths.resolve(dir, p.manifest()))
          .filter(f -> f.text().contains(p.manifestContains().get())).isPresent()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static AppPlatforms load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(AppPlatforms.class,
        RESOURCE);
    List<Platform> out = new ArrayList<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, "platforms", RESOURCE)) {
      out.add(new Platform(String.valueOf(e.get("name")), String.valueOf(e.get("manifest")),
          Optional.ofNullable((String) e.get("manifest-contains")),
          DataResources.strings(e.get("services"))));
    }
    return new AppPlatforms(out);
  }
}
