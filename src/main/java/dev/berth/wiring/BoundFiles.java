package dev.berth.wiring;

import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.image.ImageFilesystem;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.Optional;

/** Project files a container sees through a bind mount. */
final class BoundFiles {
  private BoundFiles() {}

  /**
   * The project file a bind mount of {@code hostPath} on {@code target} shows at {@code path}
   * ({@code target} itself or a path under it), when the host path is a relative one inside the
   * project and the file can be read.
   */
  static Optional<SourceFile> hostFile(Project project, Optional<String> hostPath, String target,
      String path) {
    if (hostPath.isEmpty()) return Optional.empty();
    String host = hostPath.get();
    if (host.startsWith("/") || host.startsWith("..")) return Optional.empty();
    String rel = path.equals(target) ? host : host + path.substring(target.length());
    return AppSources.of(project).read(ImageFilesystem.normalize("/" + rel).substring(1));
  }

  /**
   * What a Compose service's volumes show at {@code path}: empty when no mount covers it; a
   * present empty when one does but berth reads no project file there (a named volume, a host
   * path outside the project, a mount below {@code path}).
   */
  static Optional<Optional<SourceFile>> forService(Project project, Service s, String path) {
    for (Mount m : s.volumes()) {
      String t = ImageFilesystem.normalize(m.target().value());
      if (!path.equals(t) && !path.startsWith(t + "/") && !t.startsWith(path + "/")) continue;
      if (m.type() != Mount.Type.BIND || !path.startsWith(t)) return Optional.of(Optional.empty());
      return Optional.of(hostFile(project, m.hostPath(), t, path));
    }
    return Optional.empty();
  }
}
