package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images a registry no longer serves, from {@code berth/images/withdrawn-images.yaml} (each entry
 * with its source): pulling one fails, so nothing that needs it starts.
 */
public final class WithdrawnImages {
  private static final String RESOURCE = "/berth/images/withdrawn-images.yaml";

  /** One withdrawal: which references, how a message names it, what to use instead. */
  public record Withdrawal(List<String> names, Pattern tags, String what, String instead) {
    public Withdrawal {
      names = List.copyOf(names);
    }
  }

  private final List<Withdrawal> entries;

  private WithdrawnImages(List<Withdrawal> entries) {
    this.entries = List.copyOf(entries);
  }

  private static final class Standard {
    static final WithdrawnImages INSTANCE = load();
  }

  public static WithdrawnImages standard() {
    return Standard.INSTANCE;
  }

  /** The withdrawal {@code ref} falls under; empty when it is served, or not known not to be. */
  public Optional<Withdrawal> of(ImageRef ref) {
    if (ref.tag().isEmpty() || ref.digest().isPresent()) return Optional.empty();
    return entries.stream()
        .filter(w -> w.names().stream().anyMatch(n -> BaseImageCatalog.nameMatches(n,
            ref.repository())))
        .filter(w -> w.tags().matcher(ref.tag().get()).matches())
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static WithdrawnImages load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(WithdrawnImages.class,
        RESOURCE);
    List<Withdrawal> out = new ArrayList<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, "withdrawn", RESOURCE)) {
      out.add(new Withdrawal(DataResources.strings(e.get("names")),
          Pattern.compile(String.valueOf(e.get("tags"))), String.valueOf(e.get("what")),
          String.valueOf(e.get("instead"))));
    }
    return new WithdrawnImages(out);
  }
}
