package dev.berth.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.rules.Fix;
import dev.berth.rules.Related;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * berth's own JSON, documented in {@code docs/json-format.md}: flat, stable, versioned. Fields
 * are only ever added; a breaking change bumps {@code version}.
 */
public final class JsonReporter implements Reporter {
  public static final int FORMAT_VERSION = 1;

  private final String toolVersion;

  public JsonReporter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    out.write(mapper.writeValueAsBytes(document(mapper, analysis)));
    out.write('\n');
    out.flush();
  }

  private ObjectNode document(ObjectMapper mapper, Analysis analysis) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("version", FORMAT_VERSION);
    ObjectNode tool = doc.putObject("tool");
    tool.put("name", "berth");
    tool.put("version", toolVersion);
    ArrayNode findings = doc.putArray("findings");
    for (Finding f : analysis.findings()) {
      ObjectNode o = findings.addObject();
      o.put("ruleId", f.rule().id());
      o.put("ruleName", f.rule().name());
      o.put("severity", f.severity().sarifLevel());
      o.put("category", f.rule().category().tag());
      o.put("message", f.message());
      span(o, f.range());
      ArrayNode related = o.putArray("related");
      for (Related r : f.related()) {
        ObjectNode ro = related.addObject();
        span(ro, r.range());
        ro.put("message", r.message());
      }
      ArrayNode fixes = o.putArray("fixes");
      for (Fix fix : f.fixes()) {
        ObjectNode fo = fixes.addObject();
        fo.put("description", fix.description());
        ArrayNode edits = fo.putArray("edits");
        for (TextEdit e : fix.edits()) {
          ObjectNode eo = edits.addObject();
          span(eo, e.range());
          eo.put("replacement", e.replacement());
        }
      }
      o.put("suppressed", f.suppressed());
      if (f.suppression().isPresent() && !f.suppression().get().justification().isBlank()) {
        o.put("justification", f.suppression().get().justification());
      } else {
        o.putNull("justification");
      }
    }
    ArrayNode diagnostics = doc.putArray("diagnostics");
    for (Diagnostic d : analysis.diagnostics()) {
      ObjectNode o = diagnostics.addObject();
      o.put("file", d.range().file());
      o.put("line", d.range().startLine());
      o.put("column", d.range().startColumn());
      o.put("kind", d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      o.put("message", d.message());
    }
    return doc;
  }

  private static void span(ObjectNode o, Range r) {
    o.put("file", r.file());
    o.put("line", r.startLine());
    o.put("column", r.startColumn());
    o.put("endLine", r.endLine());
    o.put("endColumn", r.endColumn());
  }
}
