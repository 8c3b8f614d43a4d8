package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.SchemaViolation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.Set;

@RuleMeta(id = "BTH101", summary = "Compose file does not match the Compose specification",
    severity = Severity.ERROR, category = Category.BUG)
public final class ComposeSchemaViolation implements ProjectRule {

  public static String message(String violation) {
    return violation + "; docker compose refuses to load the project";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    // A file shared by several projects (an override used twice) is reported once per position.
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (SchemaViolation v : p.schemaViolations()) {
        if (seen.add(v.range() + v.message())) ctx.report(v.range(), message(v.message()));
      }
    }
  }
}
