package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BuildKit's NoEmptyContinuation ({@code parser.Parse}): a blank line inside a line continuation.
 * BuildKit skips it today and says that such lines will become errors. One finding per
 * instruction at its first blank line (BuildKit reports the instruction's last line), the other
 * blank lines of the same instruction related. A comment line there is not blank.
 */
@RuleMeta(
    id = "BTH011",
    summary = "A blank line inside a line continuation, which BuildKit will refuse in the future",
    severity = Severity.WARNING,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"NoEmptyContinuation"})
public final class EmptyContinuationLine implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    if (dockerfile.emptyContinuations().isEmpty()) return;
    Map<Instruction, List<Range>> byInstruction = new LinkedHashMap<>();
    int next = 0;
    List<Range> blanks = dockerfile.emptyContinuations();
    for (Instruction i : dockerfile.instructions()) {
      while (next < blanks.size() && blanks.get(next).startLine() < i.range().startLine()) next++;
      while (next < blanks.size() && blanks.get(next).startLine() <= i.range().endLine()) {
        byInstruction.computeIfAbsent(i, k -> new ArrayList<>()).add(blanks.get(next++));
      }
    }
    for (Map.Entry<Instruction, List<Range>> e : byInstruction.entrySet()) {
      List<Range> lines = e.getValue();
      RuleContext.Report r = ctx.report(lines.get(0), message(e.getKey().name(), lines.size()));
      for (Range l : lines.subList(1, lines.size())) r.related(l, "another blank line");
      List<TextEdit> edits = new ArrayList<>();
      for (Range l : lines) {
        edits.add(new TextEdit(new Range(l.file(), l.startLine(), 1, l.startLine() + 1, 1), ""));
      }
      r.fix("Delete the blank line" + (lines.size() == 1 ? "" : "s"),
          edits.toArray(TextEdit[]::new));
    }
  }

  public static String message(String instruction, int count) {
    return (count == 1 ? "blank line" : count + " blank lines") + " inside the line continuation"
        + " of " + instruction + ": BuildKit skips " + (count == 1 ? "it" : "them")
        + " now but will refuse empty continuation lines in a future release";
  }
}
