package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * GitHub Actions workflow commands, one per line:
 * {@code ::error file=app/Dockerfile,line=3,col=16,endLine=3,endColumn=21,title=BTH901 ...::message}.
 * The runner turns each into an annotation on the pull request's diff; no upload, no permission.
 *
 * <p>Escaping is the Actions toolkit's ({@code @actions/core} {@code command.ts}): in the message
 * {@code %}, CR and LF become {@code %25}, {@code %0D}, {@code %0A}; in property values
 * {@code :} and {@code ,} also become {@code %3A} and {@code %2C}, since they end a property.
 * Columns are sent only for a one-line range, as the toolkit documents ("cannot be sent when
 * startLine and endLine are different"); the end column is berth's, exclusive. Paths are
 * root-relative, which is what the runner needs when the root is the checkout. Suppressed
 * findings are left out; a file berth could not analyse is an {@code error} annotation too, a
 * skipped one a {@code notice}.
 */
public final class GithubReporter implements Reporter {
  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    for (Finding f : analysis.active()) {
      String level = switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case NOTE -> "notice";
      };
      w.write(command(level, f.range(), f.rule().id() + " " + f.rule().name(), f.message()));
    }
    for (Diagnostic d : analysis.diagnostics()) {
      w.write(command(d.isError() ? "error" : "notice", d.range(),
          d.isError() ? "berth could not analyse this file" : "berth did not lint this", d.message()));
    }
    w.flush();
  }

  static String command(String level, Range r, String title, String message) {
    StringBuilder b = new StringBuilder("::").append(level).append(' ');
    boolean hasFile = !r.file().isEmpty() && !r.file().equals(".");
    if (hasFile) {
      b.append("file=").append(property(r.file()))
          .append(",line=").append(r.startLine());
      if (r.startLine() == r.endLine()) b.append(",col=").append(r.startColumn());
      b.append(",endLine=").append(r.endLine());
      if (r.startLine() == r.endLine()) b.append(",endColumn=").append(r.endColumn());
      b.append(',');
    }
    b.append("title=").append(property(title));
    return b.append("::").append(data(message)).append('\n').toString();
  }

  /** A message: {@code %}, CR, LF escaped; other control characters made visible. */
  static String data(String s) {
    return TerminalText.safe(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
  }

  /** A property value: as a message, plus {@code :} and {@code ,}. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
