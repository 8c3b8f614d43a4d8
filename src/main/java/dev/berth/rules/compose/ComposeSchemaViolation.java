package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.SchemaViolation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleMeta(id = "BTH101", summary = "Compose file does not match the Compose specification",
    severity = Severity.ERROR, category = Category.BUG)
public final class ComposeSchemaViolation implements ProjectRule {

  public static String message(String violation) {
    return violation + "; docker compose refuses to load the project";
  }

  /** One cause seen at several places of a file: the first place, and how many more. */
  public static String message(String violation, int morePlaces) {
    if (morePlaces == 0) return message(violation);
    return violation + ", and the same at " + morePlaces + " more place"
        + (morePlaces == 1 ? "" : "s") + "; docker compose refuses to load the project";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    // A file shared by several projects (an override used twice) is reported once per position,
    // and one cause (the same wrong type, value or key at the same place of the schema) once
    // per file, its other places as related locations.
    Set<String> seen = new HashSet<>();
    Map<String, List<SchemaViolation>> byCause = new LinkedHashMap<>();
    for (ComposeProject p : project.composeProjects()) {
      for (SchemaViolation v : p.schemaViolations()) {
        if (!seen.add(v.range() + v.message())) continue;
        byCause.computeIfAbsent(v.range().file() + "\u0000" + v.cause(), k -> new ArrayList<>())
            .add(v);
      }
    }
    for (List<SchemaViolation> same : byCause.values()) {
      same.sort(Comparator.comparing(SchemaViolation::range));
      SchemaViolation first = same.get(0);
      RuleContext.Report r = ctx.report(first.range(), message(first.message(), same.size() - 1));
      for (SchemaViolation other : same.subList(1, same.size())) {
        r.related(other.range(), other.message());
      }
    }
  }
}
