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
import java.util.List;

/**
 * BuildKit's MultipleInstructionsDisallowed ({@code validateUsedOnce}), hadolint's DL4003 (CMD),
 * DL4004 (ENTRYPOINT) and DL3012 (HEALTHCHECK): a stage sets CMD, ENTRYPOINT or HEALTHCHECK more
 * than once, so all but the last are dead. Counted per stage, as BuildKit does (a stage built on
 * another may set its own). One finding per stage and instruction, at the first ignored one; the
 * other ignored ones and the one that takes effect are related.
 */
@RuleMeta(
    id = "BTH018",
    summary = "A stage sets CMD, ENTRYPOINT or HEALTHCHECK more than once; only the last is used",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012"})
public final class SupersededInstruction implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      judge(stage.all(Instruction.Entrypoint.class), ctx);
      judge(stage.all(Instruction.Cmd.class), ctx);
      judge(stage.all(Instruction.Healthcheck.class), ctx);
    }
  }

  private static void judge(List<? extends Instruction> all, RuleContext ctx) {
    if (all.size() < 2) return;
    Instruction last = all.get(all.size() - 1);
    Instruction first = all.get(0);
    RuleContext.Report r = ctx.report(first.keyword().range(),
        message(first.keyword().text(), all.size() - 1, last.range().startLine()));
    for (Instruction i : all.subList(1, all.size() - 1)) {
      r.related(i.keyword().range(), "also ignored");
    }
    r.related(last.keyword().range(), "the " + last.name() + " that takes effect");
  }

  public static String message(String name, int ignored, int lastLine) {
    return (ignored == 1 ? "this " + name + " is ignored"
        : "this and " + (ignored - 1) + " more " + name + " instructions are ignored")
        + ": the " + name + " on line " + lastLine + " in the same stage replaces it";
  }
}
