package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.ArgDecl;
import dev.berth.dockerfile.Comment;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;

/**
 * BuildKit's experimental InvalidDefinitionDescription ({@code validateDefinitionDescription}):
 * the comment right above a named FROM or an ARG, which {@code docker build --call=outline} and
 * {@code --call=targets} show as its description, does not start with the stage or argument name.
 * BuildKit runs it only when the Dockerfile asks ({@code # check=experimental=
 * InvalidDefinitionDescription} or {@code experimental=all}, in the directive or in a
 * {@code # check=} comment above the instruction), and so does berth. The comments are BuildKit's:
 * those after the previous instruction (blank lines do not end them; an empty {@code #} line
 * does), judged by the last one's first word.
 */
@RuleMeta(
    id = "BTH024",
    summary = "The comment above a stage or ARG does not start with its name (opt-in in BuildKit)",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"InvalidDefinitionDescription"})
public final class InvalidDefinitionDescription implements DockerfileRule {
  static final String CHECK = "InvalidDefinitionDescription";

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    boolean file = dockerfile.checkOptions().map(o -> o.enables(CHECK)).orElse(false);
    for (Instruction i : dockerfile.instructions()) {
      List<String> keys;
      if (i instanceof Instruction.From f && f.stageName().isPresent()) {
        keys = List.of(f.stageName().get().text().toLowerCase(java.util.Locale.ROOT));
      } else if (i instanceof Instruction.Arg a) {
        keys = a.declarations().stream().map(ArgDecl::name).map(w -> w.text()).toList();
      } else {
        continue;
      }
      boolean enabled = file || dockerfile.checkOptions(i).map(o -> o.enables(CHECK))
          .orElse(false);
      if (!enabled || keys.isEmpty()) continue;
      List<Comment> comments = dockerfile.commentsBefore(i);
      if (comments.isEmpty()) continue;
      Comment last = comments.get(comments.size() - 1);
      if (keys.contains(last.text().split(" ", -1)[0])) continue;
      String example = keys.size() == 1 ? keys.get(0) : "<arg_key>";
      ctx.report(i.keyword().range(), message(i.name(), example))
          .related(last.range(), "the comment BuildKit takes as its description");
    }
  }

  public static String message(String instruction, String example) {
    return "the comment above this " + instruction + " does not describe it: descriptions "
        + "(shown by docker build --call=outline) start with the name, '# " + example
        + " <description>'; separate other comments with an empty '#' line";
  }

}
