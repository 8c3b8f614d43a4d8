package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.source.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JUnit XML, in the shape CI test-report views read (GitLab's {@code artifacts:reports:junit},
 * Jenkins, Azure): {@code <testsuites>} holding one {@code <testsuite>} per linted file; each
 * active finding is a {@code <testcase>} with a {@code <failure>} (its message, type the rule id,
 * text the text-format line), a file berth could not analyse is a test case with an
 * {@code <error>}, and a clean file is one passing test case named after the file, so the report
 * counts what was checked. Counts ({@code tests}, {@code failures}, {@code errors}) are given on
 * every suite and on the root, as the Ant/Jenkins schema has them; no times, since berth does not
 * time files.
 */
public final class JunitReporter implements Reporter {
  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    Map<String, ReportedFiles.Entry> files = ReportedFiles.of(analysis, project).byPath();
    int tests = 0;
    int failures = 0;
    int errors = 0;
    StringBuilder suites = new StringBuilder();
    for (Map.Entry<String, ReportedFiles.Entry> e : files.entrySet()) {
      String file = e.getKey().isEmpty() ? "berth" : e.getKey();
      int f = e.getValue().findings().size();
      int d = (int) e.getValue().diagnostics().stream().filter(Diagnostic::isError).count();
      int n = Math.max(1, f + d);
      tests += n;
      failures += f;
      errors += d;
      suites.append("  <testsuite name=\"").append(Xml.escape(file)).append("\" tests=\"")
          .append(n).append("\" failures=\"").append(f).append("\" errors=\"").append(d)
          .append("\" skipped=\"0\">\n");
      for (Finding x : e.getValue().findings()) {
        String where = file + ":" + x.range().startLine() + ":" + x.range().startColumn();
        suites.append("    <testcase classname=\"").append(Xml.escape(file)).append("\" name=\"")
            .append(Xml.escape(x.rule().id() + " " + where)).append("\" file=\"")
            .append(Xml.escape(file)).append("\" line=\"").append(x.range().startLine())
            .append("\">\n      <failure message=\"").append(Xml.escape(x.message()))
            .append("\" type=\"").append(x.rule().id()).append("\">")
            .append(Xml.escape(where + ": " + x.severity().sarifLevel() + " " + x.rule().id() + " "
                + x.message() + " [" + x.rule().name() + "]"))
            .append("</failure>\n    </testcase>\n");
      }
      for (Diagnostic x : e.getValue().diagnostics()) {
        if (!x.isError()) continue;
        suites.append("    <testcase classname=\"").append(Xml.escape(file))
            .append("\" name=\"could not analyse\" file=\"").append(Xml.escape(file))
            .append("\" line=\"").append(x.range().startLine()).append("\">\n      <error message=\"")
            .append(Xml.escape(x.message())).append("\" type=\"")
            .append(x.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .append("\">").append(Xml.escape(x.oneLine())).append("</error>\n    </testcase>\n");
      }
      if (f + d == 0) {
        suites.append("    <testcase classname=\"").append(Xml.escape(file)).append("\" name=\"")
            .append(Xml.escape(file)).append("\" file=\"").append(Xml.escape(file))
            .append("\"/>\n");
      }
      suites.append("  </testsuite>\n");
    }
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.write("<testsuites name=\"berth\" tests=\"" + tests + "\" failures=\"" + failures
        + "\" errors=\"" + errors + "\">\n");
    w.write(suites.toString());
    w.write("</testsuites>\n");
    w.flush();
  }
}
