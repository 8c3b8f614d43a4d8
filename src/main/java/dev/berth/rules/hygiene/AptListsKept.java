package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * {@code apt-get update} in a RUN of a shipped stage that does not remove /var/lib/apt/lists
 * afterwards (nor mounts a cache there): the lists stay in the image's layer.
 */
@RuleMeta(
    id = "BTH504",
    summary = "apt-get update leaves the package lists in the image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3009"})
public final class AptListsKept implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    PackageCaches.APT_LISTS.check(dockerfile, project, ctx, AptListsKept::message);
  }

  public static String message(String program) {
    return "'" + program + " update' downloads the package lists into /var/lib/apt/lists and this "
        + "RUN does not remove them, so the image keeps them (tens of MB); end the RUN with "
        + "'&& rm -rf /var/lib/apt/lists/*'";
  }
}
