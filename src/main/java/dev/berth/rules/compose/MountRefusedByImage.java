package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageRef;
import dev.berth.image.StartRefusals;
import dev.berth.project.FileTree;
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
 * A Compose service that runs an image as it is published, with a mount the image's entrypoint
 * refuses at start ({@code berth/images/start-refusals.yaml}): postgres 18 and later exit when
 * {@code /var/lib/postgresql/data} is a mount point, the path every guide written before 18 gave.
 * Judged only when everything the check depends on is known: the image and its tag, the command
 * (none, or the catalog's program, or an option), no {@code entrypoint}, no {@code volumes_from},
 * and an environment without the variables that skip the check (every env_file read). A mount
 * that appears in several file combinations is reported when it is refused in each of them.
 */
@RuleMeta(
    id = "BTH111",
    summary = "A volume is mounted where the image's entrypoint refuses one, so the container exits",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class MountRefusedByImage implements ProjectRule {

  /** One refused mount of one service in one file combination. */
  private record Hit(Service service, Located<String> image, StartRefusals.Mount refusal,
      Range mount) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    // Per mount place: the hit in each combination that has it, or null where it is not refused.
    Map<Range, List<Hit>> byMount = new LinkedHashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      if (!cp.servicesAsWritten()) continue;
      for (Service s : cp.services().values()) {
        List<Hit> hits = hits(project.fileTree(), s);
        for (Range r : mountRanges(s)) {
          Optional<Hit> hit = hits.stream().filter(h -> h.mount().equals(r)).findFirst();
          byMount.computeIfAbsent(r, k -> new ArrayList<>()).add(hit.orElse(null));
        }
      }
    }
    for (List<Hit> hits : byMount.values()) {
      if (hits.contains(null)) continue;
      Hit h = hits.get(0);
      ctx.report(h.mount(), message(h.service().serviceName(), h.image().value(), h.refusal()))
          .related(h.image().range(), "the image, " + h.refusal().images().what());
    }
  }

  private static List<Range> mountRanges(Service s) {
    List<Range> out = new ArrayList<>();
    s.volumes().forEach(m -> out.add(m.range()));
    s.tmpfs().forEach(t -> out.add(t.range()));
    return out;
  }

  /** The service's mounts its image refuses, when every fact the refusal depends on is known. */
  private static List<Hit> hits(FileTree tree, Service s) {
    Optional<ImageRef> ref = AsPublished.image(s);
    if (ref.isEmpty() || !s.volumesFrom().isEmpty() || !AsPublished.envFilesRead(tree, s)) {
      return List.of();
    }
    List<Hit> out = new ArrayList<>();
    for (StartRefusals.Mount r : StartRefusals.standard().mounts(ref.get())) {
      if (!AsPublished.runs(s, r.images().command())) continue;
      if (r.unlessEnv().stream().anyMatch(s.environment()::containsKey)) continue;
      for (Mount m : s.volumes()) {
        if (ImageFilesystem.normalize(m.target().value()).equals(r.mount())) {
          out.add(new Hit(s, s.image().get(), r, m.range()));
        }
      }
      for (Located<String> t : s.tmpfs()) {
        String target = t.value().split(":", 2)[0];
        if (ImageFilesystem.normalize(target).equals(r.mount())) {
          out.add(new Hit(s, s.image().get(), r, t.range()));
        }
      }
    }
    return out;
  }

  public static String message(String service, String image, StartRefusals.Mount r) {
    return "service '" + service + "' mounts a volume at " + r.mount() + ", and " + image + " ("
        + r.images().what() + ") refuses to start when that path is a mount point: the container"
        + " exits at its first start (\"" + r.images().error() + "\"); " + r.images().instead();
  }
}
