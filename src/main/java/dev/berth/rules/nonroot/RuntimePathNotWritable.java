package dev.berth.rules.nonroot;

import dev.berth.compose.Located;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.RuntimeWrites;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A program the container runs writes, as it starts, a path that belongs to root and is not
 * writable by the user it runs as: the {@code .venv} {@code uv run} syncs, the {@code .next}
 * cache of {@code next start}, the {@code celerybeat-schedule} file celery beat keeps in its
 * working directory (seeds 000, 003). What each program writes is the program catalog's; silent
 * when an ENTRYPOINT script may fix ownership.
 */
@RuleMeta(
    id = "BTH204",
    summary = "A program the container runs writes a path owned by root and not writable to the runtime user",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class RuntimePathNotWritable implements DockerfileRule {

  /** @param who the runtime user as the message names it */
  static String message(String what, String path, String who, String blocking) {
    return what + " writes to " + path + ", but " + who + " cannot write "
        + blocking + ", so it fails with 'Permission denied'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Container c : Containers.of(project).of(df)) {
      ContainerView view = c.view();
      for (StartWrites.Write w : StartWrites.of(c)) {
        if (w.underHome()) continue; // BTH209 judges HOME
        Proc p = w.proc();
        Identity who = c.identityOf(p);
        if (who.uid().isEmpty() || who.isRoot()) continue;
        Access a = view.filesystem().canWrite(who, w.path());
        // A volume mount point is BTH206's finding.
        if (!a.denied()
            || RuntimeWrites.runtimeVolumeAt(view, a.blockingPath().orElseThrow()).isPresent()) {
          continue;
        }
        Optional<Located<String>> composeUser =
            p.user().isEmpty() ? c.composeUser() : Optional.empty();
        // A program the base image starts is changed where the user is set.
        Range where = composeUser.map(Located::range).or(() -> p.source().baseImage()
            ? c.imageUserRange() : Optional.empty()).orElse(p.source().range());
        RuleContext.Report r = RootOwned.report(df, ctx, reported, where, message(
            p.source().label() + " runs " + p.display() + ", which",
            w.path() + " (" + w.entry().what() + ")",
            composeUser.isPresent() ? Why.user(who) : Why.who(who),
            Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow())), who, a,
            c.stage(), composeUser, p);
        if (r == null) continue;
        Why.chain(r, p);
        if (composeUser.isPresent()) {
          r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
        }
      }
    }
  }
}
