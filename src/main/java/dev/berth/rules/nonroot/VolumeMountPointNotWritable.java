package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
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
      boolean created, String blocking, Identity who) {
    String why = created
        ? "the image has no " + target + ", so Docker creates the mount point owned by root (mode 0755)"
        : "a new volume starts as a copy of the image's " + blocking;
    return what + " writes to " + path + " in " + volume + " mounted at " + target + ", but " + why
        + ", which " + Why.user(who) + " cannot write, so it fails with 'Permission denied'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (Container c : Containers.of(project).composed(df)) {
      ContainerView view = c.view();
      Identity who = view.identity();
      if (who.uid().isEmpty() || who.isRoot() || c.process().isEmpty() || view.workdir().isEmpty()) {
        continue;
      }
      ContainerProcess proc = c.process().get();
      int i = proc.programIndex();
      if (i >= proc.argv().size() || Why.entrypointScript(proc, i)) continue;
      List<String> argv = proc.argv().subList(i, proc.argv().size());
      Optional<RuntimeWrites.Write> w = RuntimeWrites.atStart(argv, view.workdir().get(), c.stage());
      if (w.isEmpty()) continue;
      Access a = view.filesystem().canWrite(who, w.get().path());
      if (!a.denied()) continue;
      String blocking = a.blockingPath().orElseThrow();
      Optional<ContainerView.Mount> m = RuntimeWrites.runtimeVolumeAt(view, blocking);
      if (m.isEmpty()) continue;
      ImageFilesystem image = c.stage().finalFilesystem();
      boolean created = image.lookup(blocking).exists() == Answer.NO;
      String volume = m.get().kind() == ContainerView.Mount.Kind.VOLUME
          ? "volume " + m.get().source().orElse("") : "an anonymous volume";
      RuleContext.Report r = ctx.report(m.get().range(), message(w.get().what(), w.get().path(),
          volume, blocking, created, Why.path(blocking, a.blockingNode().orElseThrow()), who));
      if (!created) Why.origin(r, blocking, image.node(blocking), c.stage());
      ContainerProcess.Source src = proc.source(i);
      r.related(src.range(), src.label() + " starts " + w.get().what() + " here");
      Why.runsAs(r, who, c.stage(), c.composeUser(), m.get().range());
    }
  }
}
