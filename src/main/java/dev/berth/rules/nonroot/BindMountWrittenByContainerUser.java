package dev.berth.rules.nonroot;

import dev.berth.image.ContainerView;
import dev.berth.runtime.Runner;
import dev.berth.image.Identity;
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
 * A non-root container user writes into a bind mount of a project directory. Host files belong
 * to whoever checked the project out, on Linux usually uid 1000; a user with another uid (a
 * {@code --system} user, 10001, …) cannot write there. The host owner is not knowable offline,
 * hence a note.
 */
@RuleMeta(
    id = "BTH207",
    summary = "A non-root container user writes into a bind-mounted host directory it likely does not own",
    severity = Severity.NOTE,
    category = Category.BUG)
public final class BindMountWrittenByContainerUser implements ContainerRule {
  /** The uid of the first user on most Linux hosts, which owns a checked-out project. */
  static final int USUAL_HOST_UID = 1000;

  public static String message(String what, String path, String source, String target, Identity who) {
    return what + " writes to " + path + " in the bind mount of " + source + " at " + target + " as "
        + who.describe("user") + ", but files there belong to the host user (usually uid "
        + USUAL_HOST_UID + " on Linux), so the write fails with 'Permission denied' unless the"
        + " host directory is writable by uid " + who.uid().getAsInt();
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    if (!c.fromCompose()) return;
    for (StartWrites.Write w : ConfiguredWrites.of(project, c)) {
      Runner run = Runner.of(c, w);
      if (w.underHome() || !run.judged() || run.who().uid().getAsInt() == USUAL_HOST_UID) continue;
      Optional<ContainerView.Mount> m = MountEffects.bindContaining(c.view(), w.path());
      if (m.isEmpty() || m.get().readOnly() || m.get().source().isEmpty()) continue;
      RuleContext.Report r = ctx.once(m.get().range(), message(w.proc().display(),
          w.path() + " (" + w.entry().what() + ")", m.get().source().get(), m.get().target(),
          run.who()));
      if (r == null) continue;
      Why.starts(r, w.proc());
      Why.related(r, run, m.get().range());
    }
  }
}
