package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.SchemaViolation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@RuleMeta(id = "BTH101", summary = "Compose file does not match the Compose specification",
    severity = Severity.ERROR, category = Category.BUG)
public final class ComposeSchemaViolation implements ProjectRule {

  public static String message(String violation) {
    return violation + "; docker compose refuses to load the project";
  }

  /**
   * One cause seen at several places of a file: the first place, how many more services or keys
   * use the very same value there (an anchor, a merge key), and how many other places.
   */
  public static String message(String violation, int moreUses, int morePlaces) {
    String uses = moreUses == 0 ? "" : " (as are " + moreUses + " more use"
        + (moreUses == 1 ? "" : "s") + " of this value)";
    String places = morePlaces == 0 ? "" : ", and the same at " + morePlaces + " more place"
        + (morePlaces == 1 ? "" : "s");
    return message(violation + uses + places);
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
      // the same text reached from several services (an anchor) is one place
      Map<Range, List<SchemaViolation>> byPlace = new TreeMap<>();
      for (SchemaViolation v : same) byPlace.computeIfAbsent(v.range(), r -> new ArrayList<>()).add(v);
      List<List<SchemaViolation>> places = new ArrayList<>(byPlace.values());
      SchemaViolation first = places.get(0).get(0);
      RuleContext.Report r = ctx.report(first.range(),
          message(first.message(), places.get(0).size() - 1, places.size() - 1));
      for (List<SchemaViolation> other : places.subList(1, places.size())) {
        r.related(other.get(0).range(), other.get(0).message());
      }
    }
  }
}
