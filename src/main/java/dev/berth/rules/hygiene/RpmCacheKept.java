package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * {@code yum}/{@code dnf}/{@code microdnf}/{@code zypper install} in a shipped stage with no
 * {@code clean all} (or removal of its cache directory) later in the same RUN.
 */
@RuleMeta(
    id = "BTH507",
    summary = "yum, dnf or zypper install leaves its metadata cache in the image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3032", "DL3040", "DL3036"})
public final class RpmCacheKept implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    PackageCaches.RPM.check(dockerfile, project, ctx, RpmCacheKept::message);
  }

  public static String message(String program) {
    String clean = program.equals("zypper") ? "zypper clean --all" : program + " clean all";
    return "'" + program + " install' keeps repository metadata and packages under /var/cache, "
        + "and this RUN does not clean them, so they stay in the image; end the RUN with '&& "
        + clean + "'";
  }
}
