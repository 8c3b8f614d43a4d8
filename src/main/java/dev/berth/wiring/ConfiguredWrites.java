package dev.berth.wiring;

import dev.berth.image.ImageFilesystem;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.StartWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container's programs write as they start ({@link StartWrites}), with the paths a
 * program's own configuration moves put where it says: nginx's {@code pid} and
 * {@code client_body_temp_path} (a non-root nginx image sets them to /tmp in the nginx.conf it
 * copies). A write whose configuration berth cannot read (a COPY of a file missing from the
 * context, an include it cannot list) is unknown and left out; one the configuration does not
 * set keeps the program's default.
 */
public final class ConfiguredWrites {
  private ConfiguredWrites() {}

  public static List<StartWrites.Write> of(Project project, Container c) {
    List<StartWrites.Write> out = new ArrayList<>();
    for (StartWrites.Write w : StartWrites.of(c)) {
      Optional<String> by = w.entry().setBy();
      if (by.isEmpty()) {
        out.add(w);
        continue;
      }
      Map<String, List<String>> settings =
          Listeners.of(project).of(c).settings().get(w.proc());
      if (settings == null) continue; // its configuration is unknown
      List<String> set = settings.get(by.get());
      if (set == null) {
        out.add(w);
        continue;
      }
      // The directive's first value is the path (client_body_temp_path PATH [levels]); one
      // relative to nginx's prefix or holding a variable is left out.
      if (set.isEmpty() || !set.get(0).startsWith("/") || set.get(0).contains("$")) continue;
      out.add(new StartWrites.Write(w.proc(), w.entry(), ImageFilesystem.normalize(set.get(0)),
          false, w.user()));
    }
    return out;
  }
}
