package dev.berth.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * GitLab's Code Quality report ({@code artifacts:reports:codequality}): a JSON array with, per
 * active finding, the fields GitLab documents as required: {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity} ({@code info}, {@code minor},
 * {@code major}, {@code critical}, {@code blocker}), {@code location.path} and
 * {@code location.lines.begin}. The fingerprint is berth's own (rule, file, trimmed line text,
 * occurrence), so an issue keeps its identity while lines move and two identical issues stay two;
 * GitLab compares them between the merge request and its target branch. Files berth could not
 * analyse are not issues of the code: they show in the job log and in the exit code 2.
 */
public final class GitlabReporter implements Reporter {
  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<Finding> active = analysis.active();
    List<String> fingerprints = Fingerprints.of(project, active);
    ArrayNode issues = mapper.createArrayNode();
    for (int i = 0; i < active.size(); i++) {
      Finding f = active.get(i);
      ObjectNode o = issues.addObject();
      o.put("description", f.message());
      o.put("check_name", f.rule().id());
      o.put("fingerprint", Fingerprints.hex(fingerprints.get(i)));
      o.put("severity", switch (f.severity()) {
        case ERROR -> "critical";
        case WARNING -> "major";
        case NOTE -> "minor";
      });
      ObjectNode location = o.putObject("location");
      location.put("path", f.range().file());
      location.putObject("lines").put("begin", f.range().startLine());
    }
    out.write(mapper.writeValueAsBytes(issues));
    out.write('\n');
    out.flush();
  }
}
