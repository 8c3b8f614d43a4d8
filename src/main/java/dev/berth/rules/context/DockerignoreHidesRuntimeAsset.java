package dev.berth.rules.context;

import dev.berth.image.Answer;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.DockerIgnore;
import dev.berth.context.Paths;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.framework.DjangoSettings;
import dev.berth.framework.FrameworkFacts;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;

/**
 * The build copies the application (its settings module arrives in the image), but the
 * .dockerignore drops a directory the framework is configured to read at run time, so the image
 * starts without its templates or static files. The build itself succeeds, which is why this is
 * only found in production ("TemplateDoesNotExist", collectstatic finding nothing).
 */
@RuleMeta(
    id = "BTH320",
    summary = "The .dockerignore excludes a directory the app's framework reads at run time",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class DockerignoreHidesRuntimeAsset implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    FrameworkFacts frameworks = FrameworkFacts.of(project);
    if (frameworks.django().isEmpty() || dockerfile.stages().isEmpty()) return;
    BuildContexts contexts = BuildContexts.of(project);
    ContextNames.Once once = new ContextNames.Once(ctx);
    for (BuildContext context : contexts.forDockerfile(dockerfile.path())) {
      Optional<ContextFiles> files = contexts.files(context);
      if (files.isEmpty() || context.dockerIgnore().isEmpty() || !context.known()) continue;
      String dir = files.get().dir();
      for (DjangoSettings settings : frameworks.django()) {
        Optional<String> settingsInContext = within(dir, settings.file());
        if (settingsInContext.isEmpty()
            || files.get().excludedBy(settingsInContext.get()).isPresent()) {
          continue; // the app is not shipped from this context: nothing to judge
        }
        for (DjangoSettings.AssetDir asset : settings.dirs()) {
          Optional<String> assetInContext = within(dir, asset.path());
          if (assetInContext.isEmpty()
              || !project.fileTree().isDirectory(asset.path())) {
            continue;
          }
          Optional<DockerIgnore.Pattern> pattern = files.get().excludedBy(assetInContext.get());
          if (pattern.isEmpty()) continue;
          copyShipping(dockerfile, contexts, context, settingsInContext.get(),
              assetInContext.get())
              .filter(c -> !madeBeforeCopy(project, dockerfile, c, assetInContext.get()))
              .map(Shipping::copy)
              .ifPresent(copy -> once.report(pattern.get().range(),
                  message(pattern.get().display(), asset.path(), asset.setting(),
                      settings.file()) + ContextNames.assumption(context), context)
              .ifPresent(r -> {
                r.related(asset.range(), "Django reads " + asset.path() + " (" + asset.setting()
                        + ")")
                    .related(copy.range(), "the app is copied into the image here, without "
                        + asset.path());
                ContextNames.relate(r, context);
              }));
        }
      }
    }
  }

  public static String message(String pattern, String dir, String setting, String settingsFile) {
    return "the .dockerignore pattern `" + pattern + "` keeps `" + dir + "` out of the image, but "
        + settingsFile + " lists it in " + setting + ": the build succeeds and Django fails at "
        + "run time without it";
  }

  /** A COPY/ADD and the context path its matched source names. */
  private record Shipping(Instruction.FileTransfer copy, String source) {}

  /**
   * The last COPY/ADD whose matched source would carry both the settings module and the asset
   * dir: the one of the latest stage, which is the image that runs (an assets stage copying the
   * checkout too comes earlier).
   */
  private static Optional<Shipping> copyShipping(Dockerfile df,
      BuildContexts contexts, BuildContext context, String settings, String asset) {
    Optional<Shipping> last = Optional.empty();
    for (Stage stage : df.stages()) {
      for (Instruction.FileTransfer t : stage.all(Instruction.FileTransfer.class)) {
        if (t.from().isPresent()) continue;
        for (SourceMatch m : contexts.sourceOutcomes(context, t)) {
          if (m.outcome() == SourceMatch.Outcome.MATCHED && covers(m.resolved(), settings)
              && covers(m.resolved(), asset)) {
            last = Optional.of(new Shipping(t, m.resolved()));
          }
        }
      }
    }
    return last;
  }

  /**
   * Whether the image has the asset directory before the COPY that would have carried it: made
   * by the build itself (nickjj's docker-django-example runs {@code mkdir -p public} in
   * {@code /app}, then fills {@code /public} from an assets stage), so excluding the checkout's
   * copy (built assets on a developer's machine) is deliberate.
   */
  private static boolean madeBeforeCopy(Project project, Dockerfile df, Shipping s,
      String asset) {
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      if (!sim.stage().instructions().contains(s.copy())) continue;
      Optional<StageSimulation.Step> before = sim.before(s.copy());
      if (before.isEmpty()) return false;
      String cwd = before.get().workdir().orElse("/");
      String dest = ImageFilesystem.resolve(cwd, s.copy().destination().text());
      String rel = s.source().isEmpty() ? asset : Paths.relativize(s.source(), asset);
      if (rel == null) return false;
      String inImage = rel.isEmpty() ? dest : ImageFilesystem.resolve(dest, rel);
      return before.get().filesystem().lookup(inImage).exists() == Answer.YES;
    }
    return false;
  }

  private static boolean covers(String dir, String path) {
    return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }

  private static Optional<String> within(String contextDir, String path) {
    return Optional.ofNullable(Paths.relativize(contextDir, path)).filter(r -> !r.isEmpty());
  }
}
