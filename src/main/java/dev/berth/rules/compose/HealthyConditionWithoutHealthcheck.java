package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Dependency;
import dev.berth.compose.Healthcheck;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.BaseImageCatalog;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fires when the healthcheck is disabled in compose, or absent from both compose and the
 * Dockerfile the service is built from (its stage chain). A service that only names an image is
 * unknown (the image may declare HEALTHCHECK) and stays silent.
 */
@RuleMeta(id = "BTH103",
    summary = "depends_on waits for service_healthy on a service that has no healthcheck",
    severity = Severity.ERROR, category = Category.BUG)
public final class HealthyConditionWithoutHealthcheck implements ProjectRule {

  public static String message(String from, String to, String why) {
    return waits(from, to, why) + ", so docker compose up fails with 'container " + to
        + " has no healthcheck configured'";
  }

  private static String waits(String from, String to, String why) {
    return "service '" + from + "' waits for '" + to + "' to be healthy, but '" + to + "' " + why;
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      // A fragment's services are partial: the unknown base may give the healthcheck (a platform's
      // base only adds services).
      if (!p.servicesAsWritten()) continue;
      for (Service s : p.services().values()) {
        for (Dependency d : s.dependsOn()) {
          if (!d.condition().value().equals("service_healthy")) continue;
          Optional<Service> to = p.service(d.service().value());
          if (to.isEmpty()) continue;
          Optional<String> why = missingHealthcheck(project, to.get());
          if (why.isPresent() && seen.add(d.condition().range().toString())) {
            String from = s.serviceName();
            String target = to.get().serviceName();
            RuleContext.Report r = ctx.report(d.condition().range(), d.required()
                ? message(from, target, why.get())
                // `required: false`: Compose logs `optional dependency "bar" failed to start` and
                // starts the service anyway (docker/compose pkg/compose/convergence.go, its e2e
                // TestUpWithDependencyNotRequired): the wait does nothing, nothing fails.
                : waits(from, target, why.get()) + "; the dependency is `required: false`, so"
                    + " docker compose only warns and starts '" + from + "' without waiting");
            if (!d.required()) r.severity(dev.berth.rules.Severity.NOTE);
            to.get().healthcheck().ifPresentOrElse(
                h -> r.related(h.range(), "healthcheck disabled here"),
                () -> r.related(to.get().name().range(), "'" + to.get().serviceName()
                    + "' is defined here"));
          }
        }
      }
    }
  }

  private static boolean knownWithoutHealthcheck(String image) {
    return !image.contains("$") && BaseImageCatalog.standard().lookup(image).isPresent();
  }

  private static Optional<String> missingHealthcheck(Project project, Service to) {
    Optional<Healthcheck> hc = to.healthcheck();
    if (hc.isPresent() && hc.get().disabled()) return Optional.of("disables its healthcheck");
    if (hc.isPresent() && hc.get().test().isPresent()) return Optional.empty();
    if (to.build().isEmpty()) {
      // Only an image the catalog knows is judged: the official images declare no HEALTHCHECK
      // (docker-library policy); anything else may bring its own.
      Optional<String> image = to.image().map(Located::value);
      if (image.isEmpty() || image.get().contains("$") || !knownWithoutHealthcheck(image.get())) {
        return Optional.empty();
      }
      return Optional.of("has no healthcheck in compose and its image '" + image.get()
          + "' declares none");
    }
    Optional<String> path = to.build().get().dockerfilePath();
    Optional<Dockerfile> df = path.flatMap(project::dockerfile);
    if (df.isEmpty() || !df.get().diagnostics().isEmpty()) return Optional.empty();
    Optional<Stage> stage = to.build().get().target()
        .map(t -> df.get().stage(t.value())).orElse(df.get().finalStage());
    if (stage.isEmpty()) return Optional.empty();
    List<Stage> lineage = df.get().lineage(stage.get());
    for (Stage cur : lineage) {
      Optional<Instruction.Healthcheck> h = cur.last(Instruction.Healthcheck.class);
      if (h.isPresent()) {
        return h.get().none() ? Optional.of("sets HEALTHCHECK NONE in " + df.get().path())
            : Optional.empty();
      }
    }
    // HEALTHCHECK is inherited from the base image: judge only bases the catalog knows.
    String base = lineage.get(lineage.size() - 1).from().image().text();
    if (!base.equalsIgnoreCase("scratch") && !knownWithoutHealthcheck(base)) return Optional.empty();
    return Optional.of("has no healthcheck in compose or in " + df.get().path());
  }
}
