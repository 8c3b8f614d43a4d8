package dev.berth.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.rules.RuleInfo;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SonarQube's generic issue import format (since SonarQube 10.3, {@code
 * sonar.externalIssuesReportPaths}): {@code rules} (id, name, description, engineId,
 * cleanCodeAttribute, impacts) and {@code issues} (ruleId, primaryLocation, secondaryLocations).
 * berth's categories map to software qualities (bug: RELIABILITY with attribute LOGICAL,
 * security: SECURITY with TRUSTWORTHY, style: MAINTAINABILITY with CONVENTIONAL) and severities
 * to impact severities (error HIGH, warning MEDIUM, note LOW, the three every version accepts).
 *
 * <p>Sonar's columns are 0-based offsets with an exclusive end, and an import fails on a range
 * that is empty or runs past its line. So a range keeps its columns only when berth holds the
 * file's text and the columns are inside their lines and not empty; otherwise the issue is on
 * whole lines. Related locations in files berth did not read are left out, for the same reason.
 * Suppressed findings are left out; paths are root-relative (set {@code sonar.projectBaseDir}
 * to the root).
 */
public final class SonarqubeReporter implements Reporter {
  static final String ENGINE = "berth";

  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode doc = mapper.createObjectNode();
    ArrayNode rules = doc.putArray("rules");
    ArrayNode issues = doc.putArray("issues");
    Map<String, ObjectNode> seen = new LinkedHashMap<>();
    for (Finding f : analysis.active()) {
      seen.computeIfAbsent(f.rule().id(), id -> rule(rules.addObject(), f));
      ObjectNode issue = issues.addObject();
      issue.put("ruleId", f.rule().id());
      location(issue.putObject("primaryLocation"), f.message(), f.range(), project);
      ArrayNode secondary = mapper.createArrayNode();
      for (Related r : f.related()) {
        if (project.source(r.range().file()).isEmpty()) continue;
        location(secondary.addObject(), r.message(), r.range(), project);
      }
      if (!secondary.isEmpty()) issue.set("secondaryLocations", secondary);
    }
    out.write(mapper.writeValueAsBytes(doc));
    out.write('\n');
    out.flush();
  }

  private static ObjectNode rule(ObjectNode o, Finding f) {
    RuleInfo r = f.rule();
    o.put("id", r.id());
    o.put("name", r.name());
    o.put("description", r.summary() + " " + r.helpUri());
    o.put("engineId", ENGINE);
    o.put("cleanCodeAttribute", switch (r.category()) {
      case BUG -> "LOGICAL";
      case SECURITY -> "TRUSTWORTHY";
      case STYLE -> "CONVENTIONAL";
    });
    ObjectNode impact = o.putArray("impacts").addObject();
    impact.put("softwareQuality", switch (r.category()) {
      case BUG -> "RELIABILITY";
      case SECURITY -> "SECURITY";
      case STYLE -> "MAINTAINABILITY";
    });
    // A severity set in .berth.yaml applies to every finding of the rule: the finding's is the rule's.
    impact.put("severity", switch (f.severity()) {
      case ERROR -> "HIGH";
      case WARNING -> "MEDIUM";
      case NOTE -> "LOW";
    });
    return o;
  }

  private static void location(ObjectNode o, String message, Range r, Project project) {
    o.put("message", message);
    o.put("filePath", r.file());
    ObjectNode range = o.putObject("textRange");
    Optional<SourceFile> src = project.source(r.file());
    int lines = src.map(SourceFile::lineCount).orElse(Integer.MAX_VALUE);
    range.put("startLine", Math.min(r.startLine(), lines));
    range.put("endLine", Math.min(r.endLine(), lines));
    if (src.isPresent() && r.endLine() <= lines && columnsFit(src.get(), r)) {
      range.put("startColumn", r.startColumn() - 1);
      range.put("endColumn", r.endColumn() - 1);
    }
  }

  private static boolean columnsFit(SourceFile s, Range r) {
    boolean empty = r.startLine() == r.endLine() && r.startColumn() == r.endColumn();
    int startLength = s.lineEnd(r.startLine()) - s.lineStart(r.startLine());
    int endLength = s.lineEnd(r.endLine()) - s.lineStart(r.endLine());
    return !empty && r.startColumn() - 1 <= startLength && r.endColumn() - 1 <= endLength;
  }
}
