package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.Node;
import dev.berth.image.Origin;
import dev.berth.image.StageSimulation;
import dev.berth.rules.RuleContext;
import dev.berth.compose.Located;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.runtime.Runner;
import dev.berth.source.Range;
import java.util.Optional;

/** Shared wording for the non-root rules: who runs, and what a blocking path looks like. */
final class Why {
  private Why() {}

  /** {@code USER gateway (uid 1000)}. */
  static String who(Identity id) {
    return "USER" + user(id).substring("user".length());
  }

  /** {@code /root (mode 0700, owner 0:0)}. */
  static String path(String path, Node n) {
    String mode = n.mode().isPresent()
        ? String.format(java.util.Locale.ROOT, "%04o", n.mode().getAsInt()) : "?";
    String owner = n.uid().isPresent() ? n.uid().getAsInt() + ":" + (n.gid().isPresent() ? n.gid().getAsInt() : "?") : "?";
    return path + " (mode " + mode + ", owner " + owner + ")";
  }

  /**
   * Adds where the node got its owner and mode: the instruction, or for a base-image path the
   * FROM that brought the base image in.
   */
  static void origin(RuleContext.Report r, String path, Optional<Node> n, StageSimulation sim) {
    if (n.isEmpty()) return;
    Origin o = n.get().origin();
    if (o.range().isPresent()) {
      r.related(o.range().get(), path + " gets its owner and mode here (" + o.description() + ")");
      return;
    }
    StageSimulation first = sim;
    while (first.parent().isPresent()) first = first.parent().get();
    r.related(first.stage().from().range(), path + " is " + n.get().describe().replace(" ", " owned by ")
        + " in the " + o.description());
  }

  /** Adds how the container gets to {@code p}: package.json scripts, entrypoint script lines. */
  static void chain(RuleContext.Report r, Proc p) {
    for (dev.berth.runtime.Step s : p.chain()) r.related(s.at(), s.what());
  }

  /** Adds where the container's command starts {@code p}, then how it gets there. */
  static void starts(RuleContext.Report r, Proc p) {
    r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
    chain(r, p);
  }

  /** The path that denies access, described: {@code /app (mode 0755, owner 0:0)}. */
  static String blocking(Access a) {
    return path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow());
  }

  /** {@code volume data} or {@code an anonymous volume}. */
  static String volume(ContainerView.Mount m) {
    return m.kind() == ContainerView.Mount.Kind.VOLUME
        ? "volume " + m.source().orElse("") : "an anonymous volume";
  }

  /** {@code user celery (uid 999)}, for runtime users that may come from Compose. */
  static String user(Identity id) {
    String uid = id.uid().isPresent() ? " (uid " + id.uid().getAsInt() + ")" : "";
    return "user " + id.spec() + uid;
  }

  /**
   * How a message names who runs: {@code user 1000 (uid 1000)} (user:, gosu app) or
   * {@code USER app (uid 999)}.
   */
  static String name(Runner run) {
    return run.composeUser().isPresent() || run.own() ? user(run.who()) : who(run.who());
  }

  /**
   * Adds who runs the container: the Compose {@code user:} (unless the finding is already on
   * it), else the image's last USER; nothing for a program with its own user.
   */
  static void related(RuleContext.Report r, Runner run, Range primary) {
    Optional<Range> set = run.composeUser().map(Located::range)
        .or(() -> Container.userRange(run.sim()));
    if (run.own() || set.isEmpty() || set.get().equals(primary)) return;
    r.related(set.get(), run.composeUser().isPresent()
        ? "the service runs as " + run.who().spec() + " (user:)"
        : "the container runs as " + run.who().spec() + " from here");
  }
}
