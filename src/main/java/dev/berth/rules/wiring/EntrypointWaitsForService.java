package dev.berth.rules.wiring;

import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.source.Range;
import dev.berth.wiring.EntrypointWaits;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An image whose ENTRYPOINT script, on every start and before it runs the command it is given
 * ({@code exec "$@"}), waits for another service, runs database migrations or runs deployment
 * checks that fail without production settings: every container of the image does it, so a
 * one-off {@code docker compose run app manage.py shell}, a CI start-up test or a service
 * without {@code depends_on} on the database waits or fails (seed 001). A note: the design may
 * be deliberate; the message states the assumption that the service lives in another container.
 * The facts come from {@link EntrypointWaits}: commands inside if/case bodies, after
 * {@code ||}, in the background or after the hand-over are not counted.
 */
@RuleMeta(id = "BTH725",
    summary = "ENTRYPOINT script waits for another service before every command",
    severity = Severity.NOTE, category = Category.BUG)
public final class EntrypointWaitsForService implements ProjectRule {

  public static String message(String script, EntrypointWaits.Wait first) {
    String head = "ENTRYPOINT runs " + script + ", which ";
    String cmd = " ('" + oneLine(first.command()) + "') before it runs the container's command,"
        + " in every container of this image: ";
    return switch (first.kind()) {
      case WAIT -> head + "waits for another service" + cmd + "a one-off command (docker compose"
          + " run), a CI start-up test or a service without depends_on on that service waits,"
          + " and fails when it never answers (assuming the service runs in another container);"
          + " run the wait only for the server's command or behind a variable";
      case MIGRATION -> head + "runs database migrations" + cmd + "a one-off command (docker"
          + " compose run), a CI start-up test or another replica connects to the database and"
          + " migrates it first, and fails when it is not reachable (assuming the database runs"
          + " in another container); run migrations only for the server's command, behind a"
          + " variable, or as a one-off job";
      case CHECK -> head + "runs deployment checks that fail without the production settings"
          + cmd + "a one-off command (docker compose run) or a CI start-up test without those"
          + " settings fails before its command runs; run the check only for the server's"
          + " command or behind a variable";
    };
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s*\\\\\\n\\s*", " ").replaceAll("\\s+", " ").strip();
    return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Container c : Containers.of(project).all()) {
      Optional<EntrypointWaits.Script> found = EntrypointWaits.of(project).script(c);
      if (found.isEmpty() || found.get().waits().isEmpty()) continue;
      EntrypointWaits.Script s = found.get();
      if (!reported.add(s.waits().get(0).at())) continue;
      String name = s.file().path().substring(s.file().path().lastIndexOf('/') + 1);
      RuleContext.Report r = ctx.report(s.entrypoint(), message(name, s.waits().get(0)))
          .related(Range.wholeFile(s.file().path()), "the entrypoint script");
      for (EntrypointWaits.Wait w : s.waits()) {
        r.related(w.at(), switch (w.kind()) {
          case WAIT -> "waits here";
          case MIGRATION -> "migrates the database here";
          case CHECK -> "checks the deployment settings here";
        });
      }
    }
  }
}
