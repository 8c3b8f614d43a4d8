package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * {@code apk add} without {@code --no-cache} in a shipped stage, with no later removal of
 * /var/cache/apk in the same RUN: the package index stays in the image.
 */
@RuleMeta(
    id = "BTH505",
    summary = "apk add without --no-cache leaves the package index in the image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3019"})
public final class ApkCacheKept implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    PackageCaches.APK.check(dockerfile, project, ctx, p -> message());
  }

  public static String message() {
    return "'apk add' without --no-cache stores the package index in /var/cache/apk, which this "
        + "RUN keeps in the image; use 'apk add --no-cache'";
  }
}
