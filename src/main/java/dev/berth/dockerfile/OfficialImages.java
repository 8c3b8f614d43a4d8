package dev.berth.dockerfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Names of Docker Official Images (data: {@code berth/images/official-images.txt}). */
public final class OfficialImages {
  private static final Set<String> NAMES = load();

  private OfficialImages() {}

  /** True when {@code name} (lower case, no registry, no tag) is an official image repository. */
  public static boolean contains(String name) {
    return NAMES.contains(name);
  }

  private static Set<String> load() {
    Set<String> names = new HashSet<>();
    try (InputStream in = OfficialImages.class.getResourceAsStream(
            "/berth/images/official-images.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }
}
