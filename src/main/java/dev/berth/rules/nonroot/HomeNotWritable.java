package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.runtime.Runner;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.MountEffects;
import dev.berth.runtime.Container;
import dev.berth.runtime.StartWrites;
import dev.berth.wiring.ConfiguredWrites;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;

/**
 * A program writes under $HOME at start, as the program catalog says ({@code uv run}'s cache,
 * {@code pip install --user}, {@code npm ci}/{@code npm install}'s cache — npm only warns about
 * its log file, but installing without a writable cache fails with EACCES — yarn's cache,
 * jupyter's runtime files, caddy's data),
 * but the runtime user's HOME does not exist: a {@code --system} user created without a home
 * directory, {@code /nonexistent}, or a uid with no /etc/passwd entry (HOME=/). The user cannot
 * create it, so the program fails with 'Permission denied'.
 */
@RuleMeta(
    id = "BTH209",
    summary = "The program writes under $HOME, but the runtime user's home directory does not exist",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class HomeNotWritable implements ContainerRule {

  public static String message(String label, String what, String path, Identity who, String home,
      String blocking) {
    return label + " runs " + what + ", which writes to " + path + ", but HOME of "
        + who.describe("user") + " is " + home + ", which does not exist, and that user cannot"
        + " create it in " + blocking + ", so it fails with 'Permission denied'";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    for (StartWrites.Write w : ConfiguredWrites.of(project, c)) {
      // A program with its own user (gosu, supervisord user=) has that user's HOME.
      if (w.underHome() && w.proc().user().isEmpty() && w.user().isEmpty()) judge(ctx, c, w);
    }
  }

  /** The program catalog's write under {@code ~} of one program, against the user's HOME. */
  private void judge(RuleContext ctx, Container c, StartWrites.Write w) {
    ContainerView view = c.view();
    Runner run = Runner.of(c, w.proc());
    Identity who = run.who();
    if (!run.judged()) return;
    Optional<MountEffects.Home> home =
        MountEffects.missingHome(view, c.env().runtime().contains("HOME"));
    if (home.isEmpty()) return;
    String h = home.get().path();
    ImageFilesystem fs = view.filesystem();
    String path = ImageFilesystem.resolve(h, w.path());
    // HOME is missing: the program must create it first, in its parent directory.
    Access a = h.equals("/") ? fs.canWrite(who, path) : fs.canWrite(who, h);
    if (!a.denied() || a.blockingNode().map(n -> !n.exists()).orElse(true)) return;
    ContainerProcess.Source src = w.proc().source();
    RuleContext.Report r = ctx.once(src.range(), message(src.label(), w.proc().display(), path,
        who, h.equals("/") ? "/ (no /etc/passwd entry)" : h, a.blocking()));
    if (r == null) return;
    home.get().account().flatMap(u -> u.createdBy()).ifPresent(made ->
        r.related(made, "the user is created here with home " + h + ", which is never made"));
    Why.chain(r, w.proc());
    Why.related(r, run, src.range());
  }
}
