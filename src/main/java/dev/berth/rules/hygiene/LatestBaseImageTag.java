package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/** A base image tagged {@code :latest} without a digest: it moves with every release. */
@RuleMeta(
    id = "BTH501",
    summary = "FROM uses the 'latest' tag, which moves to each new release of the base image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3007"})
public final class LatestBaseImageTag implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (BaseImages.Base b : BaseImages.of(dockerfile, project)) {
      if (b.ref().tag().filter("latest"::equals).isPresent() && b.ref().digest().isEmpty()) {
        ctx.report(b.stage().stage().from().image().range(), message(b.describe(), b.ref().name()));
      }
    }
  }

  public static String message(String image, String name) {
    return "base image " + image + " follows ':latest', so the same Dockerfile builds on a "
        + "different base after each release; name a version (" + name + ":<version>) or a digest";
  }
}
