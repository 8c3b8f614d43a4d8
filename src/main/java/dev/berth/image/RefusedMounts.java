package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mounts an image's own entrypoint refuses at start, from {@code berth/images/refused-mounts.yaml}
 * (each entry with its source): the official postgres image from 18 on exits when
 * {@code /var/lib/postgresql/data} is a mount point.
 */
public final class RefusedMounts {
  private static final String RESOURCE = "/berth/images/refused-mounts.yaml";

  /**
   * One refusal.
   *
   * @param command the program the check runs for (an option as the first word runs it too)
   * @param unlessEnv variables that skip the check when the container sets them
   * @param what how a message names the image
   * @param error the start of what the entrypoint prints as it exits
   * @param instead what to do instead
   */
  public record Refusal(List<String> names, Pattern tags, String command, String mount,
      List<String> unlessEnv, String what, String error, String instead) {
    public Refusal {
      names = List.copyOf(names);
      unlessEnv = List.copyOf(unlessEnv);
    }
  }

  private final List<Refusal> refusals;

  private RefusedMounts(List<Refusal> refusals) {
    this.refusals = List.copyOf(refusals);
  }

  private static final class Standard {
    static final RefusedMounts INSTANCE = load();
  }

  public static RefusedMounts standard() {
    return Standard.INSTANCE;
  }

  /** The refusals of the image {@code ref}; none for an image pinned only by a digest. */
  public List<Refusal> of(ImageRef ref) {
    if (ref.tag().isEmpty()) return List.of();
    return refusals.stream()
        .filter(r -> r.names().stream().anyMatch(n -> BaseImageCatalog.nameMatches(n,
            ref.repository())))
        .filter(r -> r.tags().matcher(ref.tag().get()).matches())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static RefusedMounts load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(RefusedMounts.class,
        RESOURCE);
    List<Refusal> out = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("refusals")) {
      Map<String, Object> e = (Map<String, Object>) o;
      if (String.valueOf(e.getOrDefault("source", "")).isBlank()) {
        throw new IllegalStateException(RESOURCE + ": entry without source");
      }
      out.add(new Refusal(DataResources.strings(e.get("names")),
          Pattern.compile(String.valueOf(e.get("tags"))), String.valueOf(e.get("command")),
          String.valueOf(e.get("mount")), DataResources.strings(e.get("unless-env")),
          String.valueOf(e.get("what")), String.valueOf(e.get("error")),
          String.valueOf(e.get("instead"))));
    }
    return new RefusedMounts(out);
  }
}
