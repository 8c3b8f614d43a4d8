package dev.berth.rules.nonroot;

import dev.berth.runtime.Runner;
import dev.berth.image.Access;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
import dev.berth.wiring.ConfiguredWrites;
import dev.berth.source.Range;
import java.util.Optional;

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
public final class RuntimePathNotWritable implements ContainerRule {

  /** @param who the runtime user as the message names it */
  static String message(String what, String path, String who, String blocking) {
    return what + " writes to " + path + ", but " + who + " cannot write "
        + blocking + ", so it fails with 'Permission denied'";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    for (StartWrites.Write w : ConfiguredWrites.of(project, c)) {
      if (w.underHome()) continue; // BTH209 judges HOME
      Proc p = w.proc();
      Runner run = Runner.of(c, w);
      Optional<Access> a = run.judged()
          ? RootOwned.denied(c.view(), run.who(), w.path()) : Optional.empty();
      if (a.isEmpty()) continue;
      // A program the base image starts is changed where the user is set.
      Range where = run.composeUserRange().or(() -> p.source().baseImage()
          ? c.imageUserRange() : Optional.empty()).orElse(p.source().range());
      RuleContext.Report r = RootOwned.report(ctx, where, message(p.source().label() + " runs "
          + p.display() + ", which", w.path() + " (" + w.entry().what() + ")", run.named(),
          a.get().blocking()), a.get(), run);
      if (r == null) continue;
      Why.chain(r, p);
      if (run.composeUser().isPresent()) {
        r.related(p.start().at(), p.start().what());
      }
    }
  }
}
