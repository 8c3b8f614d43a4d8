package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.runtime.Runner;
import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.runtime.AppWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
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
        + ", which " + Why.user(who) + " cannot write, so it fails with 'Permission denied'";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    if (!c.fromCompose()) return;
    for (StartWrites.Write w : StartWrites.of(c)) {
      if (!w.underHome()) {
        judge(ctx, c, w.proc(), Runner.of(c, w), w.path(), w.entry().what(), false,
            Optional.empty());
      }
    }
    for (AppWrites.Write w : AppWrites.of(project, c)) {
      judge(ctx, c, w.proc(), Runner.of(c, w.proc()), w.path(), w.what(), w.makesDirectory(),
          Optional.of(w.at()));
    }
  }

  /**
   * One write of {@code p}: a program's (the catalog's) is reported at the mount; one of the
   * application's own code (its script's {@code open(..., 'a')}) at the call {@code at}, the
   * one place that names the path, with the mount as related location.
   */
  private static void judge(RuleContext ctx, Container c, Proc p, Runner run, String path,
      String what, boolean makesDirectory, Optional<Range> at) {
    ContainerView view = c.view();
    if (!run.judged()) return;
    if (makesDirectory && view.filesystem().lookup(path).exists() == Answer.YES) return;
    Access a = view.filesystem().canWrite(run.who(), path);
    if (!a.denied()) return;
    String blocking = a.blockingPath().orElseThrow();
    Optional<ContainerView.Mount> m = RuntimeWrites.runtimeVolumeAt(view, blocking);
    if (m.isEmpty() || !ctx.first(m.get().range())) return;
    ImageFilesystem image = c.stage().finalFilesystem();
    boolean created = image.lookup(blocking).exists() == Answer.NO;
    Range where = at.orElse(m.get().range());
    RuleContext.Report r = ctx.report(where, message(p.display()
        + at.map(x -> " (" + x.file() + ")").orElse(""), path + " (" + what + ")",
        Why.volume(m.get()), blocking, created, m.get().noCopy(), Why.blocking(a), run.who()));
    if (at.isPresent()) {
      r.related(m.get().range(), Why.volume(m.get()) + " is mounted at " + blocking + " here");
    }
    if (!created && !m.get().noCopy()) Why.origin(r, blocking, image.node(blocking), c.stage());
    Why.starts(r, p);
    Why.related(r, run, where);
  }
}
