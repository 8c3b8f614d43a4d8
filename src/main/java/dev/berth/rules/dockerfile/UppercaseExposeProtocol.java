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
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's ExposeProtoCasing ({@code dockerfile2llb/convert_expose.go}): a protocol such as
 * {@code 80/TCP}. BuildKit lower-cases it for the image config; a protocol that is not tcp, udp or
 * sctp in any case fails the build instead, which is not this rule's finding.
 */
@RuleMeta(
    id = "BTH025",
    summary = "An EXPOSE protocol is not lower-case",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"ExposeProtoCasing"})
public final class UppercaseExposeProtocol implements DockerfileRule {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (ExposeEntries e : ExposeEntries.of(dockerfile)) {
      String lower = e.proto().toLowerCase(Locale.ROOT);
      if (e.proto().equals(lower) || !PROTOCOLS.contains(lower)) continue;
      RuleContext.Report r = ctx.report(e.word().range(), message(e.raw()));
      if (e.verbatim()) {
        String fixed = e.raw().substring(0, e.raw().length() - e.proto().length()) + lower;
        r.fix("Write " + fixed, new TextEdit(e.word().range(), fixed));
      }
    }
  }

  public static String message(String raw) {
    return "protocol in EXPOSE " + raw + " is not lower-case";
  }
}
