package dev.berth.rules.nonroot;

import dev.berth.compose.Located;
import dev.berth.image.Identity;
import dev.berth.image.StageSimulation;
import dev.berth.rules.RuleContext;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * Who runs a program and where that is decided: the Compose {@code user:} when it overrides the
 * image's USER, else the image's last USER; or the program's own user ({@code gosu app},
 * supervisord {@code user=}), which its chain of steps shows.
 */
record Runner(Identity who, StageSimulation sim, Optional<Located<String>> composeUser,
    boolean own) {

  static Runner of(Container c) {
    return new Runner(c.identity(), c.stage(), c.composeUser(), false);
  }

  static Runner of(Container c, Proc p) {
    boolean own = p.user().isPresent();
    return new Runner(c.identityOf(p), c.stage(), own ? Optional.empty() : c.composeUser(), own);
  }

  /** Who writes {@code w}: the user its program switched to first, else who runs the program. */
  static Runner of(Container c, StartWrites.Write w) {
    if (w.user().isEmpty()) return of(c, w.proc());
    return new Runner(c.identityOf(w.user().get()), c.stage(), Optional.empty(), true);
  }

  /** A known user other than root: the only one the non-root rules judge. */
  boolean judged() {
    return who.uid().isPresent() && !who.isRoot();
  }

  /** How a message names the user: {@code user 1000 (uid 1000)} (user:, gosu app) or {@code USER app (uid 999)}. */
  String name() {
    return composeUser.isPresent() || own ? Why.user(who) : Why.who(who);
  }

  /**
   * Adds who runs the container: the Compose {@code user:} (unless the finding is already on
   * it), else the image's last USER; nothing for a program with its own user.
   */
  void related(RuleContext.Report r, Range primary) {
    Optional<Range> set = composeUser.map(Located::range).or(() -> Container.userRange(sim));
    if (own || set.isEmpty() || set.get().equals(primary)) return;
    r.related(set.get(), composeUser.isPresent() ? "the service runs as " + who.spec() + " (user:)"
        : "the container runs as " + who.spec() + " from here");
  }
}
