package dev.berth.evidence;

import dev.berth.compose.ComposeLoader;
import dev.berth.source.Diagnostic;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * The repository deploys its compose files with Coolify: a {@code coolify.json} at its root that
 * names Coolify's schema ({@code "$schema": "https://cdn.coollabs.io/coolify/coolify.schema.json"},
 * coolify-examples), or a compose file written in Coolify's dialect (which berth skips:
 * {@link ComposeLoader}). Coolify's parser then rewrites every compose file it deploys: each named
 * volume a service uses is renamed to {@code <uuid>_<name>} and declared at the top level
 * (coollabsio/coolify bootstrap/helpers/shared.php, {@code $topLevelVolumes->put($name, ...)}),
 * so a volume the file forgets to declare is no error there.
 */
public final class Coolify {
  /** coolify.json is a few hundred bytes; anything larger is not that file. */
  private static final long MAX_BYTES = 64 * 1024;

  /** @param at the file that shows it: coolify.json, or the Coolify-dialect compose file */
  public record Deploys(Range at, String why) {}

  private final Optional<Deploys> root;
  private final java.util.List<Deploys> dialect;

  private Coolify(Optional<Deploys> root, java.util.List<Deploys> dialect) {
    this.root = root;
    this.dialect = dialect;
  }

  /**
   * Whether Coolify deploys the compose file {@code composeFile}: a root coolify.json speaks for
   * the whole repository; a Coolify-dialect compose file only for the files of its directory (a
   * repository may keep one file for Coolify beside the ones docker compose runs).
   */
  public static Optional<Deploys> deploys(Project project, String composeFile) {
    Coolify c = project.fact(Coolify.class, Coolify::compute);
    return c.root.or(() -> c.dialect.stream()
        .filter(d -> dev.berth.context.Paths.parent(d.at().file())
            .equals(dev.berth.context.Paths.parent(composeFile)))
        .findFirst());
  }

  private static Coolify compute(Project project) {
    Optional<Deploys> root = Optional.empty();
    if (project.fileTree().isFile("coolify.json")
        && SafeRead.read(project.root(), project.fileTree(), "coolify.json", MAX_BYTES)
            instanceof SafeRead.Text t && t.file().text().contains("coolify.schema.json")) {
      root = Optional.of(new Deploys(Range.wholeFile("coolify.json"),
          "its coolify.json names Coolify's schema"));
    }
    java.util.List<Deploys> dialect = new java.util.ArrayList<>();
    for (Diagnostic d : project.diagnostics()) {
      if (d.kind() == Diagnostic.Kind.SKIPPED && d.message().startsWith(ComposeLoader.COOLIFY)) {
        dialect.add(new Deploys(d.range(), "`" + d.range().file() + "` beside it is written in"
            + " Coolify's dialect"));
      }
    }
    return new Coolify(root, java.util.List.copyOf(dialect));
  }
}
