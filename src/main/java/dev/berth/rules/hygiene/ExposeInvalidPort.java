package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.PortSpec;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.Word;
import dev.berth.image.RunScripts;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.dockerfile.StagesBuilt;
import java.util.BitSet;
import java.util.Optional;

/**
 * An EXPOSE value BuildKit refuses when it dispatches the stage: a port outside 0–65535, a
 * protocol other than tcp/udp/sctp, a reversed range, a missing port
 * (dockerfile2llb/convert_expose.go). Values with unknown variables and stages the build does not
 * run are not judged.
 */
@RuleMeta(
    id = "BTH512",
    summary = "EXPOSE gives a port or protocol BuildKit refuses, so the build fails",
    severity = Severity.ERROR,
    category = Category.BUG,
    aliases = {"DL3011"})
public final class ExposeInvalidPort implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BitSet built = StagesBuilt.indexes(dockerfile, project);
    Expander ex = new Expander(dockerfile.escape());
    for (StageFacts f : RunScripts.of(project).stages(dockerfile)) {
      if (!built.get(f.stage().index())) continue;
      for (Instruction i : f.stage().instructions()) {
        if (!(i instanceof Instruction.Expose expose)) continue;
        for (Word w : expose.ports()) {
          Expansion e = ex.words(w.text(), f.varsBefore(i));
          if (!e.known()) continue;
          for (String port : e.words()) {
            Optional<String> error = PortSpec.buildKitError(port);
            if (error.isPresent()) {
              ctx.report(w.range(), message(port, error.get()));
              break;
            }
          }
        }
      }
    }
  }

  public static String message(String port, String error) {
    return "EXPOSE " + port + " is not a valid port: BuildKit fails the build with \"" + error
        + "\" (ports are 0-65535, protocols tcp, udp or sctp)";
  }
}
