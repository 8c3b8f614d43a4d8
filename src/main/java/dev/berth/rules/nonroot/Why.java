package dev.berth.rules.nonroot;

import dev.berth.image.Identity;
import dev.berth.image.Node;
import dev.berth.image.Origin;
import dev.berth.image.StageSimulation;
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

  /**
   * Adds who runs the container: the Compose {@code user:} when it overrides the image's USER
   * (unless the finding is already on it), else the image's last USER.
   */
  static void runsAs(RuleContext.Report r, Identity who, StageSimulation sim,
      Optional<dev.berth.compose.Located<String>> composeUser, dev.berth.source.Range primary) {
    if (composeUser.isPresent()) {
      if (!composeUser.get().range().equals(primary)) {
        r.related(composeUser.get().range(), "the service runs as " + who.spec() + " (user:)");
      }
      return;
    }
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      Optional<dev.berth.dockerfile.Instruction.User> u =
          s.stage().last(dev.berth.dockerfile.Instruction.User.class);
      if (u.isPresent()) {
        if (u.get().range().equals(primary)) return;
        r.related(u.get().range(), "the container runs as " + who.spec() + " from here");
        return;
      }
    }
  }

  /** Adds how the container gets to {@code p}: package.json scripts, entrypoint script lines. */
  static void chain(RuleContext.Report r, dev.berth.runtime.Proc p) {
    for (dev.berth.runtime.Step s : p.chain()) r.related(s.at(), s.what());
  }

  /** {@code user celery (uid 999)}, for runtime users that may come from Compose. */
  static String user(Identity id) {
    String uid = id.uid().isPresent() ? " (uid " + id.uid().getAsInt() + ")" : "";
    return "user " + id.spec() + uid;
  }

  /** Index of the script an interpreter runs (first non-option argument), or -1. */
  static int scriptArgument(java.util.List<String> argv, int i) {
    String name = argv.get(i).substring(argv.get(i).lastIndexOf('/') + 1);
    if (!name.matches("python[0-9.]*|node|nodejs|ruby|perl|php|bash|sh|dash|ash")) return -1;
    for (int j = i + 1; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.equals("-m") || a.equals("-c") || a.equals("-e") || a.equals("--eval")) return -1;
      if (a.equals("-X") || a.equals("-W")) {
        j++;
        continue;
      }
      if (a.startsWith("-")) continue;
      boolean looksLikeScript = a.contains("/") || a.endsWith(".py") || a.endsWith(".js")
          || a.endsWith(".sh");
      return looksLikeScript ? j : -1;
    }
    return -1;
  }
}
