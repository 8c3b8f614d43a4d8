package dev.berth.rules.nonroot;

import dev.berth.image.Answer;
import dev.berth.runtime.Runner;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.ContainerWrites;
import dev.berth.wiring.ConfiguredWrites;
import java.util.List;

/**
 * Seed 000's neighbour: a named or anonymous Compose volume at a path the image does not have, in
 * a container that runs as a non-root user. Docker has nothing to copy into the new volume, so
 * its mount point stays root's (0755) and the user cannot create anything in it. When berth knows
 * a program writes there, BTH206 reports the write; this rule covers the volumes whose writes it
 * does not know, which are mounted to be written all the same.
 */
@RuleMeta(
    id = "BTH210",
    summary = "A volume is mounted at a path the image lacks, so it is owned by root, in a container running as a non-root user",
    severity = Severity.WARNING,
    category = Category.BUG)
public final class VolumeMountedRootOwned implements ContainerRule {

  public static String message(String volume, String target, Identity who, boolean noCopy) {
    String why = noCopy
        ? " with nocopy, so Docker copies neither the image's content nor its owner into the new"
            + " volume and the mount point stays owned by root (mode 0755): "
        : ", which the image does not have, so Docker creates the mount point owned by root"
            + " (mode 0755) and copies nothing into the new volume: ";
    return volume + " is mounted at " + target + why + who.describe("user")
        + " cannot create files in it";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    if (!c.fromCompose()) return;
    Runner run = Runner.of(c);
    // Unknown user, root, or a program that starts as root and switches users itself (gosu,
    // su-exec, a server image that drops privileges): the volume's owner is not the question.
    if (!run.judged() || c.mayDropPrivileges()) return;
    ImageFilesystem image = c.stage().finalFilesystem();
    List<ContainerWrites.Write> writes = null; // read once, when a mount needs it
    for (ContainerView.Mount m : c.view().mounts()) {
      if (m.readOnly()) continue;
      String target = ImageFilesystem.normalize(m.target());
      // Named volumes berth cannot follow (external, shared, driver options) are
      // modelled as binds and not found here; VOLUMEs of the Dockerfile exist in the image.
      if (RuntimeWrites.runtimeVolumeAt(c.view(), target).filter(x -> x == m).isEmpty()) {
        continue;
      }
      // Only a path the image surely lacks (COPY . . or an unknown base may bring it), or a
      // nocopy volume, which gets nothing from the image.
      if (!m.noCopy() && image.lookup(target).exists() != Answer.NO) continue;
      // A write berth knows of there (a program's or the app's code) is BTH206's to judge.
      if (writes == null) {
        writes = ContainerWrites.of(project, c, ConfiguredWrites.of(project, c));
      }
      if (writes.stream().anyMatch(w -> w.in(target))) continue;
      String message = message(m.volumeName(), target, run.who(), m.noCopy());
      // `- /app/node_modules`: an anonymous volume over a dependency directory is the usual mask
      // that keeps a bind-mounted checkout's own node_modules out; whether anything installs
      // packages there at run time berth does not know (hotosm's Python backend kept a copy of
      // its frontend's mask, where nothing writes)
      boolean mask = m.kind() == ContainerView.Mount.Kind.ANONYMOUS_VOLUME
          && target.endsWith("/node_modules");
      if (mask) {
        message += "; it is an anonymous volume over node_modules, which usually only hides a"
            + " bind-mounted checkout's own, and berth knows no program that installs packages"
            + " there at run time (one would fail)";
      }
      RuleContext.Report r = ctx.report(m.range(), message);
      if (mask) r.severity(Severity.NOTE);
      Why.related(r, run, m.range());
    }
  }
}
