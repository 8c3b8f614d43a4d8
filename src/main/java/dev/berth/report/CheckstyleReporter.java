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
 * Checkstyle's XML report, as its {@code XMLLogger} writes it and as CI plugins (Jenkins
 * warnings-ng, reviewdog, Bitbucket, ...) read it: {@code <checkstyle version>}, one
 * {@code <file name>} per linted file (clean ones included), one
 * {@code <error line column severity message source>} per active finding. Severities are
 * checkstyle's words ({@code error}, {@code warning}, {@code info}); {@code source} is
 * {@code berth.BTHnnn}, the way checkstyle names a check by its module. A file berth could not
 * analyse gets an {@code error} with source {@code berth}; paths are root-relative.
 */
public final class CheckstyleReporter implements Reporter {
  /** The checkstyle format version written; 4.3 is what hadolint and ESLint write. */
  static final String FORMAT_VERSION = "4.3";

  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.write("<checkstyle version=\"" + FORMAT_VERSION + "\">\n");
    for (Map.Entry<String, ReportedFiles.Entry> e : ReportedFiles.of(analysis, project).byPath()
        .entrySet()) {
      w.write("  <file name=\"" + Xml.escape(e.getKey()) + "\">\n");
      for (Finding f : e.getValue().findings()) {
        String severity = switch (f.severity()) {
          case ERROR -> "error";
          case WARNING -> "warning";
          case NOTE -> "info";
        };
        w.write(error(f.range().startLine(), f.range().startColumn(), severity, f.message(),
            "berth." + f.rule().id()));
      }
      for (Diagnostic d : e.getValue().diagnostics()) {
        w.write(error(d.range().startLine(), d.range().startColumn(),
            d.isError() ? "error" : "info", d.message(), "berth"));
      }
      w.write("  </file>\n");
    }
    w.write("</checkstyle>\n");
    w.flush();
  }

  private static String error(int line, int column, String severity, String message,
      String source) {
    return "    <error line=\"" + line + "\" column=\"" + column + "\" severity=\"" + severity
        + "\" message=\"" + Xml.escape(message) + "\" source=\"" + Xml.escape(source) + "\"/>\n";
  }
}
