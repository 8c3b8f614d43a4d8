package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Service;
import dev.berth.image.ImageRef;
import dev.berth.image.StartRefusals;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Compose service that runs a published image as it is, whose {@code command} hands the
 * image's server an option that version no longer knows ({@code berth/images/start-refusals.yaml}):
 * {@code --default-authentication-plugin=mysql_native_password}, copied from guides written for
 * MySQL 8.0, stops mysql:8.4 and later before it starts. A command that appears in several file
 * combinations is reported when each of them refuses it.
 */
@RuleMeta(
    id = "BTH112",
    summary = "The command passes an option the image's server no longer knows, so it exits",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class OptionRefusedByImage implements ProjectRule {

  private record Hit(Service service, String option, StartRefusals.Option refusal) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    Map<Range, List<Hit>> byCommand = new LinkedHashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      if (!cp.servicesAsWritten()) continue;
      for (Service s : cp.services().values()) {
        if (s.command().isEmpty()) continue;
        byCommand.computeIfAbsent(s.command().get().range(), k -> new ArrayList<>())
            .add(hit(s).orElse(null));
      }
    }
    for (var e : byCommand.entrySet()) {
      if (e.getValue().contains(null)) continue;
      Hit h = e.getValue().get(0);
      ctx.report(e.getKey(), message(h.service().serviceName(), h.service().image().get().value(),
              h.option(), h.refusal()))
          .related(h.service().image().get().range(), "the image, "
              + h.refusal().images().what());
    }
  }

  /** The first refused option of the service's command, when its image is known to refuse it. */
  private static Optional<Hit> hit(Service s) {
    Optional<ImageRef> ref = AsPublished.image(s);
    if (ref.isEmpty()) return Optional.empty();
    for (StartRefusals.Option r : StartRefusals.standard().options(ref.get())) {
      if (!AsPublished.runs(s, r.images().command())) continue;
      for (String word : s.command().get().value()) {
        if (!word.startsWith("--")) continue;
        String name = word.substring(2).split("=", 2)[0];
        if (r.options().contains(name)) return Optional.of(new Hit(s, word, r));
      }
    }
    return Optional.empty();
  }

  public static String message(String service, String image, String option,
      StartRefusals.Option r) {
    return "service '" + service + "' starts " + image + " (" + r.images().what() + ") with "
        + option + ", an option its " + r.images().command() + " no longer knows: the container"
        + " exits at start (\"" + r.images().error() + "\"); " + r.images().instead();
  }
}
