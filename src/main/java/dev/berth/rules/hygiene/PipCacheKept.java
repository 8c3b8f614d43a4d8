package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * {@code pip install} in a shipped stage without {@code --no-cache-dir}, {@code
 * PIP_NO_CACHE_DIR}, a cache mount or a later removal of the cache: pip's download cache stays in
 * the image.
 */
@RuleMeta(
    id = "BTH506",
    summary = "pip install keeps its download cache in the image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3042"})
public final class PipCacheKept implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    PackageCaches.PIP.check(dockerfile, project, ctx, p -> message());
  }

  public static String message() {
    return "'pip install' keeps every downloaded wheel in ~/.cache/pip, which this RUN leaves in "
        + "the image; add --no-cache-dir (or set PIP_NO_CACHE_DIR=1, or mount a cache there)";
  }
}
