package dev.berth.rules.nonroot;

import dev.berth.runtime.Runner;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.AppFiles;
import dev.berth.runtime.Container;
import java.util.Optional;

/**
 * A log file or SQLite database the application's configuration names, in a directory the image
 * does not have: Python's logging and SQLite open the file but never create its directory, so
 * the app fails at start. Only judged for a container whose non-root user is known (as the
 * non-root rules it came from; root fails the same way).
 */
@RuleMeta(
    id = "BTH213",
    summary = "The application opens a log file or database in a directory the image does not have",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class AppFileDirectoryMissing implements ContainerRule {

  public static String message(String what, String path, String kind, String dir, String opener) {
    return what + " opens " + path + " (" + kind + "), but " + dir + " does not exist in the image"
        + " and " + opener + " does not create directories, so the app fails at start";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    for (AppFiles.AppFile f : AppFiles.of(project, c)) {
      Optional<String> dir = f.missingDirectory(c.view().filesystem());
      if (dir.isEmpty() || !Runner.of(c, f.proc()).judged()) continue;
      RuleContext.Report r =
          ctx.once(f.at(), message(f.label(), f.path(), f.what(), dir.get(), f.kind().opener));
      if (r != null) Why.starts(r, f.proc());
    }
  }
}
