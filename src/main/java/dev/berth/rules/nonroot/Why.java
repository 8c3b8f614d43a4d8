package dev.berth.rules.nonroot;

import dev.berth.image.Access;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.Node;
import dev.berth.image.Origin;
import dev.berth.image.StageSimulation;
import dev.berth.rules.RuleContext;
import dev.berth.runtime.Proc;
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
}
