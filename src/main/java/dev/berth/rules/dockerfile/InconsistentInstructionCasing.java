package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BuildKit's ConsistentInstructionCasing ({@code validateCommandCasing}): the instruction keywords
 * of the stages (FROM and what follows; BuildKit does not look at ARGs before the first FROM)
 * vote for upper or lower case (a mixed-case keyword does not vote; a tie is upper case), and
 * every keyword not in the majority's case is inconsistent. One cause per file: one finding at the
 * first such keyword, the others related, and one fix for all.
 */
@RuleMeta(
    id = "BTH012",
    summary = "Instruction keywords mix upper and lower case",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"ConsistentInstructionCasing"})
public final class InconsistentInstructionCasing implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    List<Instruction> all = new ArrayList<>();
    for (Stage s : dockerfile.stages()) {
      all.add(s.from());
      all.addAll(s.instructions());
    }
    int lower = 0;
    int upper = 0;
    for (Instruction i : all) {
      String k = i.keyword().text();
      if (k.equals(k.toLowerCase(Locale.ROOT))) {
        lower++;
      } else if (k.equals(k.toUpperCase(Locale.ROOT))) {
        upper++;
      }
    }
    boolean majorityLower = lower > upper;
    List<Instruction> off = new ArrayList<>();
    for (Instruction i : all) {
      String k = i.keyword().text();
      String wanted = majorityLower ? k.toLowerCase(Locale.ROOT) : k.toUpperCase(Locale.ROOT);
      if (!k.equals(wanted)) off.add(i);
    }
    if (off.isEmpty()) return;
    Instruction first = off.get(0);
    String casing = majorityLower ? "lower-case" : "upper-case";
    RuleContext.Report r = ctx.report(first.keyword().range(),
        message(first.keyword().text(), casing, off.size()));
    List<TextEdit> edits = new ArrayList<>();
    for (Instruction i : off) {
      String k = i.keyword().text();
      if (i != first) r.related(i.keyword().range(), "'" + k + "' is not " + casing + " either");
      edits.add(new TextEdit(i.keyword().range(),
          majorityLower ? k.toLowerCase(Locale.ROOT) : k.toUpperCase(Locale.ROOT)));
    }
    r.fix("Write every keyword in " + casing, edits.toArray(TextEdit[]::new));
  }

  public static String message(String keyword, String casing, int count) {
    return "'" + keyword + "' does not follow the " + casing + " keywords of most of this file"
        + (count == 1 ? "" : " (" + (count - 1) + " more below)");
  }
}
