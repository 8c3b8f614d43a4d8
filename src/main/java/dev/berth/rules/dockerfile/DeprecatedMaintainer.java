package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;

/**
 * BuildKit's MaintainerDeprecated ({@code instructions/parse.go}) and hadolint's DL4000: the
 * MAINTAINER instruction, deprecated since Docker 1.13 in favour of a label.
 */
@RuleMeta(
    id = "BTH014",
    summary = "MAINTAINER is deprecated; the author belongs in a label",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"MaintainerDeprecated", "DL4000"})
public final class DeprecatedMaintainer implements DockerfileRule {
  static final String LABEL = "org.opencontainers.image.authors";

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Instruction i : dockerfile.instructions()) {
      if (!(i instanceof Instruction.Maintainer m)) continue;
      String author = m.text().text().replace("\\", "\\\\").replace("\"", "\\\"");
      String label = (m.keyword().text().equals("maintainer") ? "label" : "LABEL") + " " + LABEL
          + "=\"" + author + "\"";
      ctx.report(m.keyword().range().union(m.text().range()), message())
          .fix("Replace with " + label, new TextEdit(m.keyword().range().union(m.text().range()),
              label));
    }
  }

  public static String message() {
    return "MAINTAINER is deprecated: set the label " + LABEL + " instead";
  }
}
