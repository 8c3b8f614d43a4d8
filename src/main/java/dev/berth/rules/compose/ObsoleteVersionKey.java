package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.source.TextEdit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@RuleMeta(id = "BTH108", summary = "The top-level version key is obsolete",
    severity = Severity.NOTE, category = Category.STYLE,
    aliases = {"dclint no-version-field"})
public final class ObsoleteVersionKey implements ProjectRule {

  public static String message(String version) {
    return "'version: " + version + "' is obsolete: Compose ignores it and warns on every run";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Located<String> v : p.versions()) {
        if (!seen.add(v.range())) continue;
        RuleContext.Report r = ctx.report(v.range(), message(v.value()));
        Optional<SourceFile> src = project.source(v.range().file());
        int line = v.range().startLine();
        if (src.isPresent() && v.range().startColumn() == 1 && v.range().endLine() == line
            && line < src.get().lineCount()) {
          r.fix("Remove the version line",
              new TextEdit(new Range(v.range().file(), line, 1, line + 1, 1), ""));
        }
      }
    }
  }
}
