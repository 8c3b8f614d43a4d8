package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
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
    for (Diagnostic d : dockerfile.diagnostics()) {
      if (d.kind() == Diagnostic.Kind.PARSE_ERROR) {
        ctx.report(d.range(), message(d.message()));
      }
    }
  }

  public static String message(String parseError) {
    return "Dockerfile parse error: " + parseError;
  }
}
