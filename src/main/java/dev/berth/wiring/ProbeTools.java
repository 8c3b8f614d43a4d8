package dev.berth.wiring;

import dev.berth.image.ImageRef;
import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Probe commands (curl, wget, a shell) that official images are known not to ship, from
 * {@code berth/wiring/probe-tools.yaml}. Only absence is data; everything else is unknown.
 */
public final class ProbeTools {

  /** One catalog row: the commands an image family lacks and where that was read. */
  public record Entry(List<String> names, Pattern tags, Set<String> absent, String source) {}

  private static final ProbeTools STANDARD = load("/berth/wiring/probe-tools.yaml");

  private final List<Entry> entries;
  private final Map<String, List<String>> providedBy;

  private ProbeTools(List<Entry> entries, Map<String, List<String>> providedBy) {
    this.entries = List.copyOf(entries);
    this.providedBy = Map.copyOf(providedBy);
  }

  /**
   * The package-name prefixes whose install may provide {@code command} ({@code postgresql} for
   * {@code pg_isready}); the command's own name when the catalog lists none.
   */
  public List<String> providers(String command) {
    return providedBy.getOrDefault(command, List.of(command));
  }

  public static ProbeTools standard() {
    return STANDARD;
  }

  /** The row for an image reference; empty when the image is not listed (unknown). */
  public Optional<Entry> lookup(String reference) {
    Optional<ImageRef> ref = ImageRef.parse(reference);
    if (ref.isEmpty() || ref.get().tag().isEmpty()) return Optional.empty();
    for (Entry e : entries) {
      if (e.names().stream().noneMatch(n -> nameMatches(n, ref.get().repository()))) continue;
      if (e.tags().matcher(ref.get().tag().get()).matches()) return Optional.of(e);
    }
    return Optional.empty();
  }

  private static boolean nameMatches(String pattern, String repository) {
    String regex = Pattern.quote(pattern).replace("*", "\\E[^/]*\\Q");
    return repository.matches(regex);
  }

  @SuppressWarnings("unchecked")
  private static ProbeTools load(String resource) {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ProbeTools.class, resource);
    List<Entry> out = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("images")) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(new Entry(((List<Object>) m.get("names")).stream().map(String::valueOf).toList(),
          Pattern.compile(String.valueOf(m.get("tags"))),
          Set.copyOf(((List<Object>) m.get("absent")).stream().map(String::valueOf).toList()),
          String.valueOf(m.get("source")).trim()));
    }
    Map<String, List<String>> providers = new java.util.HashMap<>();
    Object pb = doc.get("provided-by");
    if (pb instanceof Map<?, ?> pm) {
      pm.forEach((k, v) -> providers.put(String.valueOf(k),
          ((List<Object>) v).stream().map(String::valueOf).toList()));
    }
    return new ProbeTools(out, providers);
  }
}
