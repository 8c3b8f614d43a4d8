package dev.berth.rules.hygiene;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.ImageRef;
import dev.berth.image.WithdrawnImages;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An image a registry no longer serves ({@code berth/images/withdrawn-images.yaml}: Bitnami's
 * versioned {@code docker.io/bitnami/*} images, gone since 2025), pulled by a Compose service or
 * named by a Dockerfile's FROM: the pull fails, so {@code docker compose up} or the build stops
 * before anything runs. A service that builds its image names the build's tag, not a pull, and
 * is left alone; so is a reference whose tag is unknown or pinned only by a digest.
 */
@RuleMeta(
    id = "BTH524",
    summary = "The image is no longer served by its registry, so pulling it fails",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class WithdrawnImage implements ProjectRule {
  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> seen = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        if (s.build().isPresent() || s.image().isEmpty()) continue;
        Located<String> image = s.image().get();
        if (!seen.add(image.range())) continue;
        withdrawal(image.value()).ifPresent(w -> ctx.report(image.range(),
            message("service '" + s.serviceName() + "' pulls " + image.value(), w)));
      }
    }
    for (Dockerfile df : project.dockerfiles()) {
      for (BaseImages.Base b : BaseImages.of(df, project)) {
        String ref = b.stage().baseName().value();
        withdrawal(ref).ifPresent(w -> ctx.report(b.stage().stage().from().image().range(),
            message("the stage is built FROM " + b.describe(), w)));
      }
    }
  }

  private static Optional<WithdrawnImages.Withdrawal> withdrawal(String reference) {
    return ImageRef.parse(reference).flatMap(WithdrawnImages.standard()::of);
  }

  public static String message(String what, WithdrawnImages.Withdrawal w) {
    return what + ", which its registry no longer serves (" + w.what() + "): the pull fails with"
        + " \"not found\" and nothing that needs it starts; " + w.instead();
  }
}
