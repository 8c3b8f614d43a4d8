package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Category;
import dev.berth.rules.Finding;
import dev.berth.rules.Fix;
import dev.berth.rules.Related;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * gcc-style lines ({@code path:line:col: severity BTHnnn message [name]}) that editors and CI
 * problem matchers understand, related locations indented below as notes. With colour, findings
 * are grouped by file (a blank line between files) and severities are coloured; paths stay on
 * every line so they remain clickable. Suppressed findings are only counted. Names and messages
 * pass through {@link TerminalText}: a file cannot write control characters or lines of its own.
 *
 * <p>Style must not drown bugs: at most {@code stylePerFile} style findings are printed per file
 * (the first ones, in file order), and a line after the file's findings says how many more were
 * held back; the summary counts them too. Bug and security findings are always printed, and the
 * held-back findings still count for the exit status. SARIF and JSON always hold every finding.
 */
public final class TextReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String CYAN = "\u001b[1;36m";

  private final DisplayPaths paths;
  private final boolean color;
  private final boolean quiet;
  private final OptionalInt stylePerFile;

  public TextReporter(DisplayPaths paths, boolean color, boolean quiet) {
    this(paths, color, quiet, OptionalInt.of(dev.berth.config.BerthConfig.STYLE_PER_FILE));
  }

  /** @param stylePerFile style findings printed per file; empty prints every one */
  public TextReporter(DisplayPaths paths, boolean color, boolean quiet, OptionalInt stylePerFile) {
    this.paths = paths;
    this.color = color;
    this.quiet = quiet;
    this.stylePerFile = stylePerFile;
  }

  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    List<Finding> active = analysis.active();
    String previousFile = null;
    int styleShown = 0;
    int heldBack = 0;
    int heldBackInFile = 0;
    for (Finding f : active) {
      if (previousFile != null && !previousFile.equals(f.range().file())) {
        if (heldBackInFile > 0) w.write(heldBack(previousFile, heldBackInFile));
        if (color) w.write('\n');
        styleShown = 0;
        heldBackInFile = 0;
      }
      previousFile = f.range().file();
      if (f.rule().category() == Category.STYLE && stylePerFile.isPresent()
          && styleShown++ >= stylePerFile.getAsInt()) {
        heldBack++;
        heldBackInFile++;
        continue;
      }
      w.write(finding(f));
      for (Related r : f.related()) {
        w.write("  " + location(r.range()) + ": " + paint(CYAN, "note") + ": "
            + TerminalText.safe(r.message()) + "\n");
      }
      for (Fix fix : f.fixes()) {
        w.write("  " + paint(DIM, "fix") + ": " + TerminalText.safe(fix.description()) + "\n");
      }
    }
    if (heldBackInFile > 0) w.write(heldBack(previousFile, heldBackInFile));
    if (!quiet) {
      if (color && !active.isEmpty()) w.write('\n');
      w.write(summary(analysis, project.files().size()) + (heldBack == 0 ? ""
          : ", " + plural(heldBack, "style finding") + " not shown (--all shows them)") + "\n");
    }
    w.flush();
  }

  private String heldBack(String file, int count) {
    return paint(BOLD, TerminalText.safe(paths.show(file))) + ": " + paint(CYAN, "note") + ": "
        + plural(count, "more style finding") + " in this file not shown (--all shows them)\n";
  }

  private String finding(Finding f) {
    return location(f.range()) + ": " + severity(f.severity()) + " " + paint(DIM, f.rule().id())
        + " " + TerminalText.safe(f.message()) + " " + paint(DIM, "[" + f.rule().name() + "]")
        + "\n";
  }

  private String location(Range r) {
    return paint(BOLD, TerminalText.safe(paths.show(r.file()))) + ":" + r.startLine() + ":"
        + r.startColumn();
  }

  private String severity(Severity s) {
    String code = switch (s) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
    return paint(code, s.sarifLevel());
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  /**
   * {@code 3 findings (1 error, 2 warnings, 0 notes) in 2 of 41 files linted, 1 suppressed}; a clean
   * run still says how many files it looked at, so "nothing found" never hides "nothing linted".
   */
  static String summary(Analysis analysis, int linted) {
    List<Finding> active = analysis.active();
    long errors = active.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = active.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long notes = active.stream().filter(f -> f.severity() == Severity.NOTE).count();
    Set<String> files = new LinkedHashSet<>();
    active.forEach(f -> files.add(f.range().file()));
    long suppressed = analysis.findings().size() - active.size();
    String tail = (suppressed > 0 ? ", " + suppressed + " suppressed" : "");
    if (active.isEmpty()) return "0 findings in " + plural(linted, "file") + " linted" + tail;
    return plural(active.size(), "finding") + " (" + plural(errors, "error") + ", "
        + plural(warnings, "warning") + ", " + plural(notes, "note") + ") in " + files.size()
        + " of " + plural(linted, "file") + " linted" + tail;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
