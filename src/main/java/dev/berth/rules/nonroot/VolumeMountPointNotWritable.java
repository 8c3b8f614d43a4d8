package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.runtime.AppWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.Set;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
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
public final class VolumeMountPointNotWritable implements DockerfileRule {

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
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Container c : Containers.of(project).composed(df)) {
      ContainerView view = c.view();
      for (StartWrites.Write w : StartWrites.of(c)) {
        if (w.underHome()) continue;
        Proc p = w.proc();
        Identity who = c.identityOf(p);
        if (who.uid().isEmpty() || who.isRoot()) continue;
        Access a = view.filesystem().canWrite(who, w.path());
        if (!a.denied()) continue;
        String blocking = a.blockingPath().orElseThrow();
        Optional<ContainerView.Mount> m = RuntimeWrites.runtimeVolumeAt(view, blocking);
        if (m.isEmpty() || !reported.add(m.get().range())) continue;
        ImageFilesystem image = c.stage().finalFilesystem();
        boolean created = image.lookup(blocking).exists() == Answer.NO;
        String volume = m.get().kind() == ContainerView.Mount.Kind.VOLUME
            ? "volume " + m.get().source().orElse("") : "an anonymous volume";
        RuleContext.Report r = ctx.report(m.get().range(), message(p.display(),
            w.path() + " (" + w.entry().what() + ")", volume, blocking, created, m.get().noCopy(),
            Why.path(blocking, a.blockingNode().orElseThrow()), who));
        if (!created && !m.get().noCopy()) Why.origin(r, blocking, image.node(blocking), c.stage());
        r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
        Why.chain(r, p);
        if (p.user().isEmpty()) Why.runsAs(r, who, c.stage(), c.composeUser(), m.get().range());
      }
      for (AppWrites.Write w : AppWrites.of(project, c)) {
        appWrite(ctx, reported, c, w);
      }
    }
  }

  /**
   * A write of the application's own code (its script's {@code open(..., 'a')}): reported at
   * the call, the one place that names the path, with the mount and the user as the chain.
   */
  private static void appWrite(RuleContext ctx, Set<Range> reported, Container c,
      AppWrites.Write w) {
    ContainerView view = c.view();
    Proc p = w.proc();
    Identity who = c.identityOf(p);
    if (who.uid().isEmpty() || who.isRoot()) return;
    if (w.makesDirectory() && view.filesystem().lookup(w.path()).exists() == Answer.YES) return;
    Access a = view.filesystem().canWrite(who, w.path());
    if (!a.denied()) return;
    String blocking = a.blockingPath().orElseThrow();
    Optional<ContainerView.Mount> m = RuntimeWrites.runtimeVolumeAt(view, blocking);
    if (m.isEmpty() || !reported.add(m.get().range())) return;
    ImageFilesystem image = c.stage().finalFilesystem();
    boolean created = image.lookup(blocking).exists() == Answer.NO;
    String volume = m.get().kind() == ContainerView.Mount.Kind.VOLUME
        ? "volume " + m.get().source().orElse("") : "an anonymous volume";
    RuleContext.Report r = ctx.report(w.at(), message(p.display() + " (" + w.at().file() + ")",
        w.path() + " (" + w.what() + ")", volume, blocking, created, m.get().noCopy(),
        Why.path(blocking, a.blockingNode().orElseThrow()), who));
    r.related(m.get().range(), volume + " is mounted at " + blocking + " here");
    if (!created && !m.get().noCopy()) Why.origin(r, blocking, image.node(blocking), c.stage());
    r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
    Why.chain(r, p);
    if (p.user().isEmpty()) Why.runsAs(r, who, c.stage(), c.composeUser(), w.at());
  }
}
