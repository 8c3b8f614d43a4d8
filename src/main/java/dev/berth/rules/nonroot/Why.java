package dev.berth.rules.nonroot;

import dev.berth.image.Identity;
import dev.berth.image.Node;
import dev.berth.image.Origin;
import dev.berth.rules.RuleContext;
import java.util.Optional;

/** Shared wording for the non-root rules: who runs, and what a blocking path looks like. */
final class Why {
  private Why() {}

  /** {@code USER gateway (uid 1000)}. */
  static String who(Identity id) {
    String uid = id.uid().isPresent() ? " (uid " + id.uid().getAsInt() + ")" : "";
    return "USER " + id.spec() + uid;
  }

  /** {@code /root (mode 0700, owner 0:0)}. */
  static String path(String path, Node n) {
    String mode = n.mode().isPresent() ? String.format("%04o", n.mode().getAsInt()) : "?";
    String owner = n.uid().isPresent() ? n.uid().getAsInt() + ":" + (n.gid().isPresent() ? n.gid().getAsInt() : "?") : "?";
    return path + " (mode " + mode + ", owner " + owner + ")";
  }

  /** Adds the node's origin as a related location when it has one. */
  static void origin(RuleContext.Report r, String path, Optional<Node> n) {
    if (n.isEmpty()) return;
    Origin o = n.get().origin();
    o.range().ifPresent(range -> r.related(range, path + " gets its owner and mode here ("
        + o.description() + ")"));
  }
}
