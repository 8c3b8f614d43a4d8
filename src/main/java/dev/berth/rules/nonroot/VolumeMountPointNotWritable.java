package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.runtime.Runner;
import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.ContainerWrites;
import dev.berth.wiring.ConfiguredWrites;
import dev.berth.source.Range;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;

/**
 * Seed 000: a Compose volume mounted where the runtime user must write, but the mount point
 * belongs to root: the image never had the path (Docker creates it root-owned, 0755), or the new
 * volume copied a root-owned image directory. Only for programs whose writes are known.
 */
@RuleMeta(
    id = "BTH206",
    summary = "A volume is mounted where the non-root runtime user writes, but its mount point belongs to root",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class VolumeMountPointNotWritable implements ContainerRule {

  public static String message(String what, String path, String volume, String target,
      boolean created, boolean noCopy, String blocking, Identity who) {
    String why = noCopy
        ? "it is mounted with nocopy, so Docker copies nothing from the image and the mount point"
            + " stays owned by root (mode 0755)"
        : created
        ? "the image has no " + target + ", so Docker creates the mount point owned by root (mode 0755)"
        : "a new volume starts as a copy of the image's " + blocking;
    return what + " writes to " + path + " in " + volume + " mounted at " + target + ", but " + why
        + ", which " + who.describe("user") + " cannot write, so it fails with 'Permission denied'";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    if (!c.fromCompose()) return;
    for (ContainerWrites.Write w : ContainerWrites.of(project, c,
        ConfiguredWrites.of(project, c))) {
      judge(ctx, c, w);
    }
  }

  /**
   * One write: a program's (the catalog's) is reported at the mount; one of the application's
   * own code (its script's {@code open(..., 'a')}) at the call, the one place that names the
   * path, with the mount as related location.
   */
  private static void judge(RuleContext ctx, Container c, ContainerWrites.Write w) {
    ContainerView view = c.view();
    Runner run = w.runner();
    if (!run.judged()) return;
    if (w.makesDirectory() && view.filesystem().lookup(w.path()).exists() == Answer.YES) return;
    Access a = view.filesystem().canWrite(run.who(), w.path());
    if (!a.denied()) return;
    String blocking = a.blockingPath().orElseThrow();
    Optional<ContainerView.Mount> m = RuntimeWrites.runtimeVolumeAt(view, blocking);
    if (m.isEmpty() || !ctx.first(m.get().range())) return;
    ImageFilesystem image = c.stage().finalFilesystem();
    boolean created = image.lookup(blocking).exists() == Answer.NO;
    Range where = w.at().orElse(m.get().range());
    RuleContext.Report r = ctx.report(where, message(w.proc().display()
        + w.at().map(x -> " (" + x.file() + ")").orElse(""), w.path() + " (" + w.what() + ")",
        m.get().volumeName(), blocking, created, m.get().noCopy(), a.blocking(), run.who()));
    if (w.at().isPresent()) {
      r.related(m.get().range(), m.get().volumeName() + " is mounted at " + blocking + " here");
    }
    if (!created && !m.get().noCopy()) Why.origin(r, blocking, image.node(blocking), c.stage());
    Why.starts(r, w.proc());
    Why.related(r, run, where);
  }
}
