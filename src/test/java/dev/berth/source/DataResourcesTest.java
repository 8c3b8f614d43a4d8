package dev.berth.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The packed twins the build writes give exactly the tree the YAML gives. */
class DataResourcesTest {

  @Test
  void everyPackedResourceIsOnTheClassPathAndEqualsItsYaml() throws IOException {
    for (String r : DataResources.PACKED) {
      try (InputStream in = DataResources.class.getResourceAsStream(r + DataResources.SUFFIX)) {
        assertNotNull(in, r + DataResources.SUFFIX + " missing: the build's pack step did not run");
      }
      // packed from the bytes on the class path (the build just packed them)
      byte[] source;
      try (InputStream in = DataResources.class.getResourceAsStream(r)) {
        source = in.readAllBytes();
      }
      try (InputStream in = DataResources.class.getResourceAsStream(r + DataResources.SUFFIX)) {
        assertTrue(DataResources.read(in, DataResources.checksum(source)).isPresent(), r);
      }
      Object yaml = DataResources.yaml(DataResources.class, r);
      assertEquals(yaml, DataResources.tree(DataResources.class, r), r);
      // key order is kept too (the catalogs' first matching entry wins)
      assertEquals(String.valueOf(yaml), String.valueOf(DataResources.tree(DataResources.class, r)));
    }
  }

  /**
   * Every knowledge file shipped under src/main/resources/berth is packed: one read with
   * snakeyaml at run time costs a one-file run tens of milliseconds of cold parser code.
   */
  @Test
  void everyBundledYamlOrJsonFileIsPacked() throws IOException {
    java.nio.file.Path base = java.nio.file.Path.of("src/main/resources");
    List<String> found;
    try (var files = java.nio.file.Files.walk(base.resolve("berth"))) {
      found = files.map(p -> "/" + base.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json"))
          .sorted().toList();
    }
    assertTrue(found.size() >= DataResources.PACKED.size(), found.toString());
    assertEquals(found, DataResources.PACKED.stream().sorted().toList(),
        "add new knowledge files to DataResources.PACKED and read them with DataResources.tree");
  }

  @Test
  void everyKindOfValueRoundTrips() throws IOException {
    Map<Object, Object> m = new LinkedHashMap<>();
    char[] big = new char[70_000];
    Arrays.fill(big, 'é');
    m.put("z", new String(big));
    m.put("a", new ArrayList<>(List.of(1, 5_000_000_000L, 2.5, true, false, "ü")));
    m.put("nothing", null);
    m.put(7, Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataResources.write(m, 42L, out);
    Object back = DataResources.read(new ByteArrayInputStream(out.toByteArray()), 42L).orElseThrow();
    assertEquals(m, back);
    // packed from other bytes: not used
    assertEquals(Optional.empty(),
        DataResources.read(new ByteArrayInputStream(out.toByteArray()), 43L));
    assertEquals(List.of("z", "a", "nothing", 7), new ArrayList<>(((Map<?, ?>) back).keySet()));
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(IOException.class,
        () -> DataResources.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0, 'S'}), 0L));
    assertThrows(IllegalArgumentException.class,
        () -> DataResources.write(new Object(), 0L, new ByteArrayOutputStream()));
  }
}
