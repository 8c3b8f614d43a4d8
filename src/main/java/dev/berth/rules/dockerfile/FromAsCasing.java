package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.Locale;

/** Mirrors BuildKit's FromAsCasing: an all-upper FROM wants AS, an all-lower from wants as. */
@RuleMeta(
    id = "BTH005",
    summary = "The 'as' keyword does not match the casing of 'FROM'",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"FromAsCasing"})
public final class FromAsCasing implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      Instruction.From from = stage.from();
      if (from.asKeyword().isEmpty()) continue;
      Word as = from.asKeyword().get();
      String kw = from.keyword().text();
      boolean upper = kw.equals(kw.toUpperCase(Locale.ROOT));
      boolean lower = kw.equals(kw.toLowerCase(Locale.ROOT));
      String wanted = upper ? "AS" : lower ? "as" : null;
      if (wanted == null || as.text().equals(wanted)) continue;
      ctx.report(as.range(), message(as.text(), kw))
          .fix("Write '" + wanted + "'", new TextEdit(as.range(), wanted));
    }
  }

  public static String message(String as, String from) {
    return "'" + as + "' and '" + from + "' keywords' casing do not match";
  }
}
