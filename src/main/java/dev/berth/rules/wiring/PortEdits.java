package dev.berth.rules.wiring;

import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.source.TextEdit;
import java.util.Optional;

/**
 * The text edit that puts another port into a healthcheck's URL, made only when the edit is
 * unambiguous: the text to change occurs exactly once in the range where the finding's value is
 * written (a compose {@code healthcheck.test}, a HEALTHCHECK).
 */
final class PortEdits {
  private PortEdits() {}

  /** Writes {@code port} into {@code url} (replacing its port, or adding one after its host). */
  static Optional<TextEdit> inUrl(Project project, Range within, LocalUrl url, int port) {
    return at(project, within, url.text()).map(start -> url.explicitPort()
        ? new TextEdit(span(project, within, start + url.portStart(), start + url.portEnd()),
            String.valueOf(port))
        : new TextEdit(span(project, within, start + url.portStart(), start + url.portStart()),
            ":" + port));
  }

  private static Range span(Project project, Range within, int start, int end) {
    return project.source(within.file()).orElseThrow().range(start, end);
  }

  /** The offset of the only occurrence of {@code needle} inside {@code within}. */
  private static Optional<Integer> at(Project project, Range within, String needle) {
    Optional<SourceFile> f = project.source(within.file());
    if (f.isEmpty() || needle.isEmpty() || within.endLine() > f.get().lineCount()) {
      return Optional.empty();
    }
    String text = f.get().text();
    int from = f.get().offset(within.startLine(), within.startColumn());
    int to = f.get().offset(within.endLine(), within.endColumn());
    if (from < 0 || to > text.length() || from > to) return Optional.empty();
    int first = text.indexOf(needle, from);
    if (first < 0 || first + needle.length() > to) return Optional.empty();
    int second = text.indexOf(needle, first + 1);
    if (second >= 0 && second + needle.length() <= to) return Optional.empty();
    return Optional.of(first);
  }
}
