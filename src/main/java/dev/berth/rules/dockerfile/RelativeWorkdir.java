package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BuildKit's WorkdirRelativePath ({@code dispatchWorkdir}) and hadolint's DL3000: a relative
 * WORKDIR before any absolute WORKDIR in the stage or the stages it is built on, so it lands under
 * whatever working directory the base image has. Like BuildKit only the first one is reported
 * (fixing it fixes the later ones); unlike hadolint, a relative WORKDIR after an absolute one is
 * fine. The path is judged after variable expansion; a path with a value berth cannot know is not
 * judged. Windows paths ({@code C:\app}, {@code \app}) are absolute.
 */
@RuleMeta(
    id = "BTH016",
    summary = "A relative WORKDIR with no absolute WORKDIR before it depends on the base image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"WorkdirRelativePath", "DL3000"})
public final class RelativeWorkdir implements DockerfileRule {
  private static final Pattern ABSOLUTE = Pattern.compile("^(/|\\\\|[A-Za-z]:[\\\\/]).*");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    List<StageFacts> facts = StageResolver.resolve(dockerfile);
    List<Boolean> setAtEnd = new ArrayList<>();
    for (StageFacts stage : facts) {
      boolean set = stage.parent().map(setAtEnd::get).orElse(false);
      for (Instruction i : stage.stage().instructions()) {
        if (!(i instanceof Instruction.Workdir w)) continue;
        Expansion path = ex.word(w.path().text(), stage.varsBefore(i));
        if (!path.known()) {
          set = true; // unknown: neither judged nor judged after
          continue;
        }
        if (!set && !ABSOLUTE.matcher(path.value()).matches()) {
          ctx.report(w.path().range(), message(path.value()));
        }
        set = true;
      }
      setAtEnd.add(set);
    }
  }

  public static String message(String path) {
    return "WORKDIR '" + path + "' is relative and no absolute WORKDIR comes before it: it lands"
        + " under the base image's working directory, which can change with the image";
  }
}
