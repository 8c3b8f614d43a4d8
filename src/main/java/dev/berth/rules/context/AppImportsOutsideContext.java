package dev.berth.rules.context;

import dev.berth.context.AppImports;
import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.OutsideImport;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Application code the build copies that needs files outside the build context: Node
 * dependencies with {@code file:}/{@code link:} paths or {@code workspace:} versions whose
 * workspace root is above the context, Python code that adds a directory above the context to
 * {@code sys.path} or imports a package that exists only outside it (see {@link AppImports}).
 * The build or the container fails the first time that code runs.
 */
@RuleMeta(
    id = "BTH308",
    summary = "Application code imports from outside the build context",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.MEDIUM)
public final class AppImportsOutsideContext implements ProjectRule {

  /**
   * One finding per cause: the same dependency line that several Dockerfiles copy (SpacetimeDB's
   * keynote-2 benchmark images, four Dockerfiles of one context) is reported once, at the first
   * Dockerfile's build, the others related locations.
   */
  @Override
  public void check(Project project, RuleContext ctx) {
    AppImports imports = AppImports.of(project);
    Map<String, Cause> byCause = new HashMap<>();
    for (Dockerfile dockerfile : project.dockerfiles()) {
      if (dockerfile.unparsable()) continue;
      for (BuildContext build : BuildContexts.of(project).forDockerfile(dockerfile.path())) {
        if (!build.known()) continue; // an assumed context: what is "outside" it is a guess
        for (OutsideImport i : imports.outside(build)) {
          // a base image berth does not know (opengpts' migration image FROM the project's own
          // langchain/open-gpts, whose /backend/app it inherits) may hold the package
          if (i.kind() == OutsideImport.Kind.PYTHON_IMPORT && !baseKnown(project, dockerfile)) {
            continue;
          }
          // Every workspace: dependency of one package.json fails for one reason, the workspace
          // root outside the context (overleaf's services: a dozen each): one finding, the
          // other dependencies its related locations.
          String key = i.kind() == OutsideImport.Kind.NODE_WORKSPACE_DEPENDENCY
              ? "workspace\n" + i.range().file() + "\n" + i.target()
              : i.range() + "\n" + i.reference();
          Cause first = byCause.get(key);
          if (first != null) {
            if (first.ranges().add(i.range())) {
              first.report().related(i.range(), "`" + i.reference() + "` needs it too");
            }
            if (first.dockerfiles().add(dockerfile.path())) {
              first.report().related(Range.wholeFile(dockerfile.path()),
                  "another Dockerfile that copies `" + i.file() + "`");
            }
            continue;
          }
          // only where the other build's context holds what this one misses
          Optional<BuildContexts.Elsewhere> elsewhere = BuildContexts.of(project)
              .madeElsewhere(build).filter(o -> o.context().equals(".")
                  || i.target().filter(t -> t.equals(o.context()) || o.holds(t)).isPresent());
          String message = message(i, build) + ContextNames.assumption(build)
              + elsewhere.map(BuildContexts.Elsewhere::assumption).orElse("");
          RuleContext.Report r = ctx.report(i.range(), message);
          elsewhere.ifPresent(o -> r.severity(Severity.NOTE).related(o.at(), o.relation()));
          byCause.put(key, new Cause(r, new java.util.HashSet<>(java.util.Set.of(
              dockerfile.path())), new java.util.HashSet<>(java.util.Set.of(i.range()))));
          ContextNames.relate(r, build);
          i.target().ifPresent(t -> r.related(Range.wholeFile(TreePaths.show(t)),
              "outside the build context"));
          r.related(Range.wholeFile(dockerfile.path()), "Dockerfile that copies `" + i.file()
              + "`");
        }
      }
    }
  }

  /** A finding and the Dockerfiles it already names. */
  private record Cause(RuleContext.Report report, java.util.Set<String> dockerfiles,
      java.util.Set<Range> ranges) {}

  /**
   * The final stage is built on an image berth knows: one of its catalog, or a Docker Official
   * Image (python, node), which holds no application package.
   */
  private static boolean baseKnown(Project project, Dockerfile dockerfile) {
    java.util.List<dev.berth.dockerfile.StageFacts> facts =
        dev.berth.image.Stages.of(project).of(dockerfile);
    if (facts.isEmpty()) return false;
    dev.berth.dockerfile.StageFacts last = facts.get(facts.size() - 1);
    dev.berth.dockerfile.StageFacts root = last.chainRoot(facts).orElse(last);
    if (!root.baseName().known()) return false;
    String name = root.baseName().value();
    if (dev.berth.image.BaseImageCatalog.standard().lookup(name).isPresent()) return true;
    // ImageRef drops docker.io/ and library/, as the official images' names are written
    return dev.berth.image.ImageRef.parse(name).map(dev.berth.image.ImageRef::repository)
        .filter(dev.berth.dockerfile.OfficialImages::contains).isPresent();
  }

  public static String message(OutsideImport i, BuildContext build) {
    String context = ContextNames.context(build);
    String target = i.target().map(t -> "`" + TreePaths.show(t) + "`")
        .orElse("a directory above the project root");
    switch (i.kind()) {
      case NODE_PATH_DEPENDENCY:
        return "`" + i.file() + "` depends on `" + i.reference() + "`, which points at " + target
            + ", outside " + context + ", so the package install in the image fails: the "
            + "directory is not there";
      case NODE_WORKSPACE_DEPENDENCY:
        return "`" + i.file() + "` depends on `" + i.reference() + "`, but the workspace root "
            + target + " is outside " + context + ", so the package install in the image cannot "
            + "resolve the workspace package";
      case PYTHON_SYS_PATH:
        return "`" + i.file() + "` adds " + target + " to the import path (`" + i.reference()
            + "`), but that directory is outside " + context + ": in the image it holds none of "
            + "the modules the code imports from it";
      default:
        return "`" + i.file() + "` imports `" + i.reference() + "`, a package that exists only at "
            + target + ", outside " + context + ", and is not a declared dependency, so the "
            + "container fails with ModuleNotFoundError";
    }
  }
}
