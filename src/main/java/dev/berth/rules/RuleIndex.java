package dev.berth.rules;

import dev.berth.source.DataResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule's {@link RuleMeta}, written down at build time so that a run reads no annotation.
 * The first annotation read of a JVM generates a proxy class and starts the annotation parser,
 * which no start-up archive keeps: about 40 ms of a 0.45 s one-file run (bench/RESULTS.md).
 *
 * <p>The build ({@link #main}, at Maven's process-classes phase, after compiling) writes
 * {@code berth/rules/index.packed} from the compiled classes' annotations. It is read only when
 * berth runs from its jar, which the build makes from those same classes after this step; run
 * from a directory of classes (tests, an IDE that compiles without the build step) the
 * annotations are read, so an edited annotation is never answered stale. {@code RuleIndexTest}
 * checks that the index says what the annotations say.
 */
public final class RuleIndex {
  static final String RESOURCE = "/berth/rules/index.packed";
  private static final long CHECKSUM = 0x52554c45L; // not packed from a source file: fixed

  private RuleIndex() {}

  /** What the annotation says, by rule class name; empty when berth does not run from a jar. */
  private static final class Loaded {
    static final Map<String, Map<String, Object>> BY_CLASS = load();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> load() {
    try {
      var source = RuleIndex.class.getProtectionDomain().getCodeSource();
      if (source == null || !source.getLocation().getPath().endsWith(".jar")) return Map.of();
      try (InputStream in = RuleIndex.class.getResourceAsStream(RESOURCE)) {
        if (in == null) return Map.of();
        return DataResources.read(in, CHECKSUM).map(t -> (Map<String, Map<String, Object>>) t)
            .orElse(Map.of());
      }
    } catch (IOException | RuntimeException e) {
      return Map.of(); // the annotations answer instead
    }
  }

  /** The rule's metadata from the index, if berth runs from a jar that has it. */
  static Optional<Map<String, Object>> entry(Class<?> type) {
    return Optional.ofNullable(Loaded.BY_CLASS.get(type.getName()));
  }

  /** {@link RuleMeta#judgesUnparsableFiles()} for the rule's class. */
  static boolean judgesUnparsableFiles(Class<?> type) {
    Optional<Map<String, Object>> e = entry(type);
    if (e.isPresent()) return (Boolean) e.get().get("judgesUnparsableFiles");
    return annotation(type).judgesUnparsableFiles();
  }

  static RuleMeta annotation(Class<?> type) {
    RuleMeta meta = type.getAnnotation(RuleMeta.class);
    if (meta == null) throw new IllegalStateException(type.getName() + " lacks @RuleMeta");
    return meta;
  }

  /** The index entry of one rule class, from its annotation. */
  static Map<String, Object> describe(Class<?> type) {
    RuleMeta m = annotation(type);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", m.id());
    e.put("summary", m.summary());
    e.put("severity", m.severity().name());
    e.put("category", m.category().name());
    e.put("precision", m.precision().name());
    e.put("aliases", List.of(m.aliases()));
    e.put("enabledByDefault", m.enabledByDefault());
    e.put("securitySeverity", m.securitySeverity());
    e.put("judgesUnparsableFiles", m.judgesUnparsableFiles());
    return e;
  }

  /** Every registered rule's entry, by class name. */
  static Map<String, Object> describeAll() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (Rule r : Registry.all()) all.put(r.getClass().getName(), describe(r.getClass()));
    return all;
  }

  /** Writes the index under the classes directory {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]).resolve(RESOURCE.substring(1));
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      DataResources.write(describeAll(), CHECKSUM, out);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
