package dev.berth.rules.security;

import dev.berth.dockerfile.ImageRef;
import dev.berth.source.DataResources;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Debian and Ubuntu releases whose apt is older than 1.5, from
 * {@code berth/images/apt-releases.yaml}: there an insecure repository is listed with a warning,
 * and {@code --allow-unauthenticated} installs its packages unchecked.
 */
final class OldApt {
  private static final String RESOURCE = "/berth/images/apt-releases.yaml";

  private record Release(String distribution, List<String> codenames, List<String> numbers) {}

  private static final class Loaded {
    static final List<Release> RELEASES = load();
  }

  private OldApt() {}

  /**
   * The image is such a release: a word of its tag is one of the codenames
   * ({@code node:8-stretch}, {@code debian:jessie-slim}), or it is the distribution's own image
   * with the release number as the tag's first word ({@code ubuntu:16.04}, {@code debian:9-slim}).
   */
  static boolean is(ImageRef image) {
    String tag = image.effectiveTag().orElse("").toLowerCase(Locale.ROOT);
    List<String> words = List.of(tag.split("-"));
    String name = image.officialName().orElse("");
    for (Release r : Loaded.RELEASES) {
      if (words.stream().anyMatch(r.codenames()::contains)) return true;
      // Debian's point releases keep the release's major number (9.13 is stretch); Ubuntu's
      // numbers are year.month, whole
      String number = words.get(0);
      if (name.equals("debian") && number.contains(".")) {
        number = number.substring(0, number.indexOf('.'));
      }
      if (name.equals(r.distribution()) && r.numbers().contains(number)) return true;
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<Release> load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(OldApt.class, RESOURCE);
    return DataResources.sourcedEntries(doc, "releases", RESOURCE).stream()
        .map(e -> new Release(String.valueOf(e.get("distribution")),
            DataResources.strings(e.get("codenames")), DataResources.strings(e.get("numbers"))))
        .toList();
  }
}
