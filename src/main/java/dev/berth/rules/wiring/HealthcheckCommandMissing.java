package dev.berth.rules.wiring;

import dev.berth.compose.Located;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.wiring.ProbeTools;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A healthcheck (compose {@code healthcheck.test} or a Dockerfile HEALTHCHECK) whose first command
 * is one the image is known not to have: {@code curl} in {@code python:*-slim}, a shell in
 * distroless. The probe then exits 127 every time, the container never becomes healthy and every
 * {@code depends_on: condition: service_healthy} on it fails.
 *
 * <p>Known only when the base image is listed in {@code probe-tools.yaml} and nothing in the
 * stages the image is built from could have added the command: a RUN, COPY or ADD that names it,
 * a package install with a variable in it, a script or {@code make} run, a COPY from another
 * image, and compose bind mounts over bin directories or a command that names it all make the
 * rule silent.
 */
@RuleMeta(id = "BTH710",
    summary = "healthcheck runs a command the image does not have",
    severity = Severity.ERROR, category = Category.BUG)
public final class HealthcheckCommandMissing implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    for (HealthProbes.Probe probe : HealthProbes.all(project)) {
      Optional<Missing> m = missing(probe);
      if (m.isPresent()) report(ctx, probe.at(), probe.who(), m.get().tool(), m.get().image());
    }
  }

  /** The command a probe runs that its image is known not to have, and that image. */
  record Missing(String tool, ImageCommands.Image image) {}

  /**
   * What this rule reports for {@code probe}, if anything. BTH711 asks too: a curl the image
   * lacks is the probe's one cause, whatever its options.
   */
  static Optional<Missing> missing(HealthProbes.Probe probe) {
    Optional<ImageCommands.Image> image = probe.service().isPresent() && probe.service().get().build().isEmpty()
        ? probe.service().get().image().map(Located::value).flatMap(ref -> ProbeTools.standard()
            .lookup(ref).map(e -> new ImageCommands.Image(ref, e, Optional.empty(), List.of())))
        : probe.stage().flatMap(st -> ImageCommands.chainImage(probe.dockerfile().get(), st));
    if (image.isEmpty()) return Optional.empty();
    boolean ownShell = image.get().chain().stream()
        .anyMatch(st -> !st.all(Instruction.Shell.class).isEmpty());
    Optional<String> tool = missing(probe.test(), image.get(), ownShell);
    if (tool.isEmpty() || probe.service().map(s -> ImageCommands.serviceMayProvide(s, tool.get())).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(new Missing(tool.get(), image.get()));
  }

  private static void report(RuleContext ctx, Range at, String who, String tool,
      ImageCommands.Image image) {
    String what = tool.equals("sh")
        ? "runs its healthcheck through /bin/sh (CMD-SHELL), but the image has no shell"
        : "runs '" + tool + "' in its healthcheck, but the image does not have it";
    RuleContext.Report r = ctx.report(at, who + " " + what + ": '" + image.base()
        + "' ships without it (" + image.entry().source() + ") and the build installs nothing"
        + " that provides it; the probe fails every time, so the container never becomes healthy");
    image.chain().stream().filter(st -> st.from().image().text().equals(image.base()))
        .findFirst().ifPresent(st -> r.related(st.from().image().range(),
            "image built from '" + image.base() + "' here"));
  }

  /** The command the probe needs and the image lacks, if known. */
  private static Optional<String> missing(List<String> test, ImageCommands.Image image,
      boolean ownShell) {
    if (test.size() < 2) return Optional.empty();
    Set<String> absent = image.entry().absent();
    if (test.get(0).equals("CMD-SHELL") && absent.contains("sh") && !ownShell
        && !ImageCommands.mentioned(image, "sh")) {
      return Optional.of("sh");
    }
    Optional<List<String>> command = HealthProbes.command(test);
    if (command.isEmpty() || command.get().isEmpty() || command.get().get(0).contains("$")) {
      return Optional.empty();
    }
    String name = HealthProbes.basename(command.get().get(0));
    if (!absent.contains(name) || name.equals("sh") || ImageCommands.mentioned(image, name)) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

}
