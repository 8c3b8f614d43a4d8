package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.runtime.Runner;
import dev.berth.image.ContainerView;
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
 * The application itself writes a path of the image that belongs to root: a log file or SQLite
 * database its configuration names, or a file or directory its code creates ({@code open(p, 'a')},
 * {@code os.makedirs}, {@code fs.writeFileSync}), e.g. {@code ./uploads} in a {@code WORKDIR /app}
 * made by root while the container runs as {@code USER app}. Reported where the app names the
 * path; the step that gave the directory its owner and the USER are the chain. A volume mounted
 * there is BTH206's question.
 */
@RuleMeta(
    id = "BTH212",
    summary = "The application writes a path in the image that belongs to root and is not writable by the runtime user",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class AppFileNotWritable implements ContainerRule {

  /** @param what {@code gunicorn (shop/settings.py)}; @param kind {@code open(..., 'a')} */
  public static String message(String what, String path, String kind, String who,
      String blocking, String failure) {
    return what + " writes " + path + " (" + kind + "), but " + who + " cannot write " + blocking
        + ", so " + failure;
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    ContainerView view = c.view();
    for (AppFiles.AppFile f : AppFiles.of(project, c)) {
      Runner run = Runner.of(c, f.proc());
      if (!run.judged()) continue;
      for (String path : f.toWrite(view.filesystem())) {
        Optional<Access> a = RootOwned.denied(view, run.who(), path);
        if (a.isEmpty()) continue;
        RuleContext.Report r = RootOwned.report(ctx, f.at(), message(f.label(), f.path(),
            f.what(), run.named(), a.get().blocking(), f.kind().failure), a.get(), run);
        if (r != null) Why.starts(r, f.proc());
        break;
      }
    }
  }
}
