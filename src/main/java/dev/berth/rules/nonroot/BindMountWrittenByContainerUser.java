package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.MountEffects;
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
public final class BindMountWrittenByContainerUser implements DockerfileRule {
  /** The uid of the first user on most Linux hosts, which owns a checked-out project. */
  static final int USUAL_HOST_UID = 1000;

  public static String message(String what, String path, String source, String target, Identity who) {
    return what + " writes to " + path + " in the bind mount of " + source + " at " + target + " as "
        + Why.user(who) + ", but files there belong to the host user (usually uid " + USUAL_HOST_UID
        + " on Linux), so the write fails with 'Permission denied' unless the host directory is"
        + " writable by uid " + who.uid().getAsInt();
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
        if (who.uid().isEmpty() || who.isRoot() || who.uid().getAsInt() == USUAL_HOST_UID) continue;
        Optional<ContainerView.Mount> m = MountEffects.bindContaining(view, w.path());
        if (m.isEmpty() || m.get().readOnly() || m.get().source().isEmpty()
            || !reported.add(m.get().range())) {
          continue;
        }
        RuleContext.Report r = ctx.report(m.get().range(), message(p.display(),
            w.path() + " (" + w.entry().what() + ")", m.get().source().get(), m.get().target(), who));
        r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
        Why.chain(r, p);
        if (p.user().isEmpty()) Why.runsAs(r, who, c.stage(), c.composeUser(), m.get().range());
      }
    }
  }
}
