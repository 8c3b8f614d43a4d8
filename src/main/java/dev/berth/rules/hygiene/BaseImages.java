package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.ImageRef;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.RunScripts;
import dev.berth.project.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * The external base image of each stage as BuildKit pulls it: FROM expanded with the global ARGs
 * (their defaults, or compose build args), stages and {@code scratch} left out, and references
 * that still hold an unknown variable left out too.
 */
final class BaseImages {
  private BaseImages() {}

  record Base(StageFacts stage, ImageRef ref) {
    /** The reference as written, with where its value came from when a variable gave it. */
    String describe() {
      String written = stage.stage().from().image().text();
      return written.equals(ref.original()) ? "'" + written + "'"
          : "'" + written + "' (" + ref.original() + ")";
    }
  }

  /**
   * The catalog entry of the external image a stage is built on, through the stages it is built
   * FROM; empty for an image the catalog does not know or a reference with unknown variables.
   */
  static java.util.Optional<dev.berth.image.BaseImage> catalogBase(StageFacts stage,
      List<StageFacts> all) {
    java.util.Optional<StageFacts> root = stage.chainRoot(all);
    if (root.isEmpty()) return java.util.Optional.empty();
    StageFacts f = root.get();
    if (!f.baseName().known() || !f.baseName().unset().isEmpty()) return java.util.Optional.empty();
    return dev.berth.image.BaseImageCatalog.standard().lookup(f.baseName().value());
  }

  static List<Base> of(Dockerfile df, Project project) {
    List<Base> out = new ArrayList<>();
    for (StageFacts f : RunScripts.of(project).stages(df)) {
      if (f.parent().isPresent() || f.scratch() || !f.baseName().known()
          || !f.baseName().unset().isEmpty()) {
        continue;
      }
      ImageRef.parse(f.baseName().value()).ifPresent(r -> out.add(new Base(f, r)));
    }
    return out;
  }
}
