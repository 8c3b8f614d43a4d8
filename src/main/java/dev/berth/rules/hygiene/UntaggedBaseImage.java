package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.evidence.RepoImages;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * A base image named without a tag or digest: Docker pulls {@code :latest}, a different image
 * whenever its maintainers publish one. An image whose name comes from an ARG is judged by the
 * ARG's default (hadolint skips every {@code $} image). An image one Dockerfile of the repository
 * builds is that build, not a pull, and is left alone.
 */
@RuleMeta(
    id = "BTH500",
    summary = "FROM names a base image without a tag or digest, so the build gets whatever latest is",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3006"})
public final class UntaggedBaseImage implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (BaseImages.Base b : BaseImages.of(dockerfile, project)) {
      // An image the repository builds itself is the local build, not a pull of ':latest'.
      boolean local = RepoImages.of(project)
          .builtFrom(b.ref().registry() + "/" + b.ref().path()).isPresent();
      if (b.ref().tag().isEmpty() && b.ref().digest().isEmpty() && !local) {
        ctx.report(b.stage().stage().from().image().range(), message(b.describe(), b.ref().name()));
      }
    }
  }

  public static String message(String image, String name) {
    return "base image " + image + " has no tag, so every build pulls whatever ':latest' is on "
        + "that day; name a version (" + name + ":<version>) or a digest";
  }
}
