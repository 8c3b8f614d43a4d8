package dev.berth.rules.context;

import dev.berth.compose.EnvFileErrors;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import java.util.List;

/**
 * A line of an env file Compose reads (the project's {@code .env}, a service's
 * {@code env_file}) that its dotenv parser refuses: a word that is no variable name
 * ({@code ./friendica.conf}), an invalid name before {@code =}, a quote left open. Compose stops
 * with the parser's error before it creates anything; berth read the file and knows why, so this
 * is a finding, not input it could not read.
 */
@RuleMeta(
    id = "BTH309",
    summary = "An env file Compose reads has a line its parser refuses",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH)
public final class EnvFileSyntaxError implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    EnvFileErrors errors = project.fact(EnvFileErrors.class,
        p -> new EnvFileErrors(List.of()));
    for (Diagnostic d : errors.errors()) {
      ctx.report(d.range(), message(d.message()));
    }
  }

  public static String message(String what) {
    return what + "; Compose's dotenv parser refuses the file, so docker compose stops before"
        + " it starts anything: write the line as NAME=value, or make it a comment with #";
  }
}
