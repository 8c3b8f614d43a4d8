package dev.berth.rules.nonroot;

import dev.berth.image.Node;
import dev.berth.image.Origin;
import dev.berth.image.StageSimulation;
import dev.berth.rules.RuleContext;
import dev.berth.runtime.Proc;
import dev.berth.runtime.Runner;
import dev.berth.runtime.Step;
import dev.berth.source.Range;
import java.util.Optional;

/** Shared related locations for the non-root rules: who runs, and where a blocking path is made. */
final class Why {
  private Why() {}

  /**
   * Adds where the node got its owner and mode: the instruction, or for a base-image path the
   * FROM that brought the base image in.
   */
  static void origin(RuleContext.Report r, String path, Optional<Node> n, StageSimulation sim) {
    if (n.isEmpty()) return;
    Origin o = n.get().origin();
    if (o.range().isPresent()) {
      made(r, n.get(), path + " gets its owner and mode here");
      return;
    }
    r.related(sim.root().stage().from().range(), path + " is "
        + n.get().describe().replace(" ", " owned by ") + " in the " + o.description());
  }

  /** Adds the instruction that made {@code n}, when it is in the Dockerfile: {@code what (COPY . .)}. */
  static void made(RuleContext.Report r, Node n, String what) {
    n.origin().range().ifPresent(at -> r.related(at, what + " (" + n.origin().description() + ")"));
  }

  /** Adds how the container gets to {@code p}: package.json scripts, entrypoint script lines. */
  static void chain(RuleContext.Report r, Proc p) {
    for (Step s : p.chain()) r.related(s.at(), s.what());
  }

  /** Adds where the container's command starts {@code p}, then how it gets there. */
  static void starts(RuleContext.Report r, Proc p) {
    r.related(p.start().at(), p.start().what());
    chain(r, p);
  }

  /**
   * Adds who runs the container: the Compose {@code user:} (unless the finding is already on
   * it), else the image's last USER; nothing for a program with its own user.
   */
  static void related(RuleContext.Report r, Runner run, Range primary) {
    run.setAt().filter(set -> !set.equals(primary)).ifPresent(set -> r.related(set,
        run.composeUser().isPresent()
            ? "the service runs as " + run.who().spec() + " (user:)"
            : "the container runs as " + run.who().spec() + " from here"));
  }
}
