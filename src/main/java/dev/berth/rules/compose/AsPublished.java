package dev.berth.rules.compose;

import dev.berth.compose.EnvFileRef;
import dev.berth.compose.Service;
import dev.berth.context.Paths;
import dev.berth.image.ImageRef;
import dev.berth.project.FileTree;
import java.util.List;
import java.util.Optional;

/** A Compose service that runs a published image as it is: what its container starts with. */
final class AsPublished {
  private AsPublished() {}

  /** The image, when the service neither builds it nor replaces its entrypoint. */
  static Optional<ImageRef> image(Service s) {
    if (s.build().isPresent() || s.image().isEmpty() || s.entrypoint().isPresent()) {
      return Optional.empty();
    }
    return ImageRef.parse(s.image().get().value());
  }

  /**
   * The image's entrypoint starts {@code program}: no command (the image's own), the program
   * itself, or an option (which official entrypoints prepend the program to).
   */
  static boolean runs(Service s, String program) {
    if (s.command().isEmpty()) return true;
    List<String> argv = s.command().get().value();
    return argv.isEmpty() || argv.get(0).equals(program) || argv.get(0).startsWith("-");
  }

  /** Every env_file was read, so the service's environment is all there is (or it has none). */
  static boolean envFilesRead(FileTree tree, Service s) {
    for (EnvFileRef ref : s.envFiles()) {
      String v = ref.path().value();
      if (v.startsWith("/") || v.startsWith("~") || v.contains("$")) return false;
      String p = Paths.clean(v);
      if (p.equals("..") || p.startsWith("../")) return false;
      Optional<FileTree.Entry> e = tree.get(p.equals(".") ? "" : p);
      // A missing optional file adds nothing; a missing required one is BTH307's finding.
      if (e.isPresent() ? e.get().kind() != FileTree.Kind.FILE : ref.required()) return false;
    }
    return true;
  }
}
