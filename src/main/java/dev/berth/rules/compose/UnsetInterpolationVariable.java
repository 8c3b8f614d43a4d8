package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.UnsetVariable;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashSet;
import java.util.Set;

/**
 * Looks at {@code .env} and {@code --env-file} (and the process environment only when berth is
 * asked to use it), so the answer does not depend on the shell berth runs in.
 */
@RuleMeta(id = "BTH107", summary = "A variable is interpolated but never set and has no default",
    severity = Severity.WARNING, category = Category.BUG)
public final class UnsetInterpolationVariable implements ProjectRule {

  public static String message(UnsetVariable v) {
    if (v.required()) {
      return "variable " + v.name() + " is required here but not set in .env"
          + (v.message().isEmpty() ? "" : " (" + v.message() + ")")
          + "; docker compose refuses the project unless the shell sets it";
    }
    return "variable " + v.name() + " is not set in .env and has no default; Compose "
        + "substitutes an empty string unless the shell sets it (use ${" + v.name()
        + ":-default} or ${" + v.name() + ":?message})";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (UnsetVariable v : p.unsetVariables()) {
        if (seen.add(v.range() + v.name())) ctx.report(v.range(), message(v));
      }
    }
  }
}
