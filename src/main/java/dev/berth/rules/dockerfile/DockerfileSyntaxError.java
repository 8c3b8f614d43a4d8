package dev.berth.rules.dockerfile;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileParser;
import dev.berth.context.Paths;
import dev.berth.project.Project;
import dev.berth.project.TestData;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;

/**
 * A Dockerfile BuildKit refuses to parse, which berth read: each parse error is one finding on its
 * line (the loader does not also report it as a diagnostic, so it is printed once and
 * {@code --fail-level} governs it).
 */
@RuleMeta(
    id = "BTH001",
    summary = "The Dockerfile does not parse; BuildKit would refuse to build it",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH,
    judgesUnparsableFiles = true)
public final class DockerfileSyntaxError implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    java.util.Optional<String> frontend = dockerfile.customFrontend();
    for (Diagnostic d : dockerfile.diagnostics()) {
      if (d.kind() != Diagnostic.Kind.PARSE_ERROR) continue;
      // `# syntax=devthefuture/dockerfile-x`: BuildKit hands the file to that frontend, whose
      // language has instructions of its own (INCLUDE): an instruction berth does not know is
      // the frontend's to judge (manyfold's Dockerfiles)
      if (frontend.isPresent() && d.message().startsWith("unknown instruction")) continue;
      java.util.Optional<BuildContext> built = BuildContexts.of(project)
          .forDockerfile(dockerfile.path()).stream().filter(DockerfileSyntaxError::declared)
          .findFirst();
      if (!d.message().equals(DockerfileParser.NO_INSTRUCTIONS)) {
        // A test's input that nothing builds (crazy-max/diun's
        // pkg/dockerfile/fixtures/invalid.Dockerfile, which its parser tests read): broken on
        // purpose, as far as berth can tell.
        java.util.Optional<String> data = testInput(project, dockerfile);
        RuleContext.Report r = ctx.report(d.range(), message(d.message())
            + data.map(DockerfileSyntaxError::testInputAssumption).orElse(""));
        if (data.isPresent()) r.severity(Severity.NOTE);
        continue;
      }
      RuleContext.Report r = ctx.report(d.range(), message(d.message())
          + built.map(c -> "; " + builder(c) + " builds it").orElse(PLACEHOLDER));
      if (built.isEmpty()) r.severity(Severity.NOTE);
      built.ifPresent(c -> c.definedAt().stream().findFirst()
          .ifPresent(at -> r.related(at, "built here")));
    }
  }

  static final String PLACEHOLDER = "; nothing in the repository builds it (no compose build, "
      + "script, CI step or .berth.yaml entry names it), so berth takes it for a placeholder";

  /**
   * A context someone declared. A file of comments only that nothing builds is a placeholder a
   * generator leaves where it made no Dockerfile (postgis/docker-postgis's update.sh writes "#
   * placeholder Dockerfile" for a version with no Debian package): Docker would refuse it, but
   * nobody asks Docker to, so it is a note.
   */
  /**
   * The test data directory a Dockerfile nothing declares a build of is in: a test's input,
   * maybe broken on purpose (crazy-max/diun's pkg/dockerfile/fixtures/invalid.Dockerfile,
   * super-linter's test/linters/dockerfile_hadolint/bad/Dockerfile); empty otherwise.
   */
  public static java.util.Optional<String> testInput(Project project, Dockerfile dockerfile) {
    boolean built = BuildContexts.of(project).forDockerfile(dockerfile.path()).stream()
        .anyMatch(DockerfileSyntaxError::declared);
    return built ? java.util.Optional.empty() : TestData.directory(Paths.parent(dockerfile.path()));
  }

  /** The assumption a finding on a {@link #testInput} states. */
  public static String testInputAssumption(String directory) {
    return "; it is in the test data directory `" + directory + "` and nothing in the"
        + " repository builds it, so it may be a test's input, broken on purpose";
  }

  private static boolean declared(BuildContext c) {
    return c.origin() != BuildContext.Origin.ASSUMED && c.origin() != BuildContext.Origin.INFERRED;
  }

  private static String builder(BuildContext c) {
    return switch (c.origin()) {
      case COMPOSE -> "compose service '" + c.name() + "'";
      case CONFIG -> "the .berth.yaml context '" + c.name() + "'";
      default -> "the repository";
    };
  }

  public static String message(String parseError) {
    return "Dockerfile parse error: " + parseError;
  }
}
