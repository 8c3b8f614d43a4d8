package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What published images refuse as they start, from {@code berth/images/start-refusals.yaml} (each
 * entry with its source): a mount their entrypoint exits on (postgres 18 and later with
 * {@code /var/lib/postgresql/data} a mount point) and options their server no longer knows
 * (MySQL 8.4's mysqld and {@code --default-authentication-plugin}).
 */
public final class StartRefusals {
  private static final String RESOURCE = "/berth/images/start-refusals.yaml";

  /**
   * Which images a refusal applies to, and how a message names them.
   *
   * @param command the program the refusal concerns (an option as the first word of the
   *     container's command runs it too)
   * @param what how a message names the image
   * @param error the start of what the container prints as it exits
   * @param instead what to do instead
   */
  public record Images(List<String> names, Pattern tags, String command, String what,
      String error, String instead) {
    public Images {
      names = List.copyOf(names);
    }

    boolean matches(ImageRef ref) {
      return ref.tag().isPresent()
          && names.stream().anyMatch(n -> BaseImageCatalog.nameMatches(n, ref.repository()))
          && tags.matcher(ref.tag().get()).matches();
    }
  }

  /** A mount target the image's entrypoint exits on, unless one of {@code unlessEnv} is set. */
  public record Mount(Images images, String mount, List<String> unlessEnv) {
    public Mount {
      unlessEnv = List.copyOf(unlessEnv);
    }
  }

  /** Options (without their leading dashes) the image's server refuses as unknown. */
  public record Option(Images images, List<String> options) {
    public Option {
      options = List.copyOf(options);
    }
  }

  private final List<Mount> mounts;
  private final List<Option> options;

  private StartRefusals(List<Mount> mounts, List<Option> options) {
    this.mounts = List.copyOf(mounts);
    this.options = List.copyOf(options);
  }

  private static final class Standard {
    static final StartRefusals INSTANCE = load();
  }

  public static StartRefusals standard() {
    return Standard.INSTANCE;
  }

  /** The mounts image {@code ref} refuses; none for an image pinned only by a digest. */
  public List<Mount> mounts(ImageRef ref) {
    return mounts.stream().filter(m -> m.images().matches(ref)).toList();
  }

  /** The options image {@code ref}'s server refuses; none for an image pinned only by a digest. */
  public List<Option> options(ImageRef ref) {
    return options.stream().filter(o -> o.images().matches(ref)).toList();
  }

  @SuppressWarnings("unchecked")
  private static StartRefusals load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(StartRefusals.class,
        RESOURCE);
    return new StartRefusals(
        entries(doc, "mounts", (e, images) -> new Mount(images, String.valueOf(e.get("mount")),
            DataResources.strings(e.get("unless-env")))),
        entries(doc, "options", (e, images) -> new Option(images,
            DataResources.strings(e.get("options")))));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> entries(Map<String, Object> doc, String key,
      java.util.function.BiFunction<Map<String, Object>, Images, T> make) {
    List<T> out = new ArrayList<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, key, RESOURCE)) {
      Function<String, String> s = k -> String.valueOf(e.get(k));
      Images images = new Images(DataResources.strings(e.get("names")),
          Pattern.compile(s.apply("tags")), s.apply("command"), s.apply("what"),
          s.apply("error"), s.apply("instead"));
      out.add(make.apply(e, images));
    }
    return out;
  }
}
