package dev.berth.rules.context;

import dev.berth.compose.ComposeInvocation;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.ComposeTestData;
import dev.berth.compose.MissingFile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code include} entry or an {@code extends.file} that names a compose file that is not
 * there: compose-go reads both while loading, so every command on the project fails. Read from
 * the project's facts ({@link ComposeProject#missingFiles()}); the loader resolves the path as
 * Compose does. A path made with a variable nothing sets is not judged, nor one git ignores or a
 * command of the repository makes (generated before the run).
 */
@RuleMeta(
    id = "BTH310",
    summary = "An included or extended compose file does not exist, so Compose refuses the project",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class ComposeFileMissing implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      // A fragment's relative paths are its unknown base's project directory's.
      if (!cp.servicesAsWritten()) continue;
      // One cause, one finding: the services extending the same missing file are related.
      Map<String, RuleContext.Report> byPath = new HashMap<>();
      for (MissingFile m : cp.missingFiles()) {
        if (cp.blanked(m.written().range()) || TreePaths.madeOnHost(project, m.resolved(), false)) continue;
        if (!reported.add(m.written().range())) continue;
        RuleContext.Report first = byPath.get(m.resolved());
        if (first != null) {
          first.related(m.written().range(), "names the same file");
          continue;
        }
        Optional<String> testData = ComposeTestData.directory(cp);
        RuleContext.Report r = ctx.report(m.written().range(),
            message(m.include(), m.resolved(), cp.projectDirectory())
                + testData.map(ComposeTestData::assumption).orElse(""));
        if (testData.isPresent()) r.severity(Severity.NOTE);
        r.related(Range.wholeFile(TreePaths.show(cp.projectDirectory())),
            "the project directory, which relative paths are read from");
        for (ComposeInvocation run : cp.invocations()) {
          r.related(run.where(), "runs the project from this directory");
        }
        byPath.put(m.resolved(), r);
      }
    }
  }

  public static String message(boolean include, String resolved, String projectDir) {
    return (include ? "included file `" : "extends.file `") + resolved + "` does not exist"
        + (projectDir.isEmpty() ? "" : " (read from project directory `" + projectDir + "`)")
        + ", so Compose refuses the project (\"no such file or directory\")";
  }
}
