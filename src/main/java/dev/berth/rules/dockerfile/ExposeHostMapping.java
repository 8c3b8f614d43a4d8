package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;

/**
 * BuildKit's ExposeInvalidFormat ({@code dockerfile2llb/convert_expose.go}): an EXPOSE entry with
 * an IP address or a host port ({@code 8080:80}, {@code 127.0.0.1:80:80}). BuildKit keeps only
 * the container port for the image and drops the rest; it announces that this will become an
 * error. A warning: the mapping the author wrote never happens, and the syntax is scheduled to
 * fail builds.
 */
@RuleMeta(
    id = "BTH026",
    summary = "EXPOSE with an IP address or host port, which is ignored and will become an error",
    severity = Severity.WARNING,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"ExposeInvalidFormat"})
public final class ExposeHostMapping implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (ExposeEntries e : ExposeEntries.of(dockerfile)) {
      if (e.ip().isEmpty() && e.host().isEmpty()) continue;
      RuleContext.Report r = ctx.report(e.word().range(), message(e.raw(), e.container()));
      if (e.verbatim()) {
        r.fix("Expose only " + e.container(), new TextEdit(e.word().range(), e.container()));
      }
    }
  }

  public static String message(String raw, String container) {
    return "EXPOSE " + raw + " is not a port mapping: the image only exposes " + container
        + " and the address and host port are ignored (publish with docker run -p or compose "
        + "ports:); BuildKit will refuse this form in a future release";
  }
}
