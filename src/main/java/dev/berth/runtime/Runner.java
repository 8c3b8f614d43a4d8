package dev.berth.runtime;

import dev.berth.compose.Located;
import dev.berth.image.Identity;
import dev.berth.image.StageSimulation;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * Who runs a program and where that is decided: the Compose {@code user:} when it overrides the
 * image's USER, else the image's last USER; or the program's own user ({@code gosu app},
 * supervisord {@code user=}), which its chain of steps shows.
 */
public record Runner(Identity who, StageSimulation sim, Optional<Located<String>> composeUser,
    boolean own) {

  public static Runner of(Container c) {
    return new Runner(c.identity(), c.stage(), c.composeUser(), false);
  }

  public static Runner of(Container c, Proc p) {
    boolean own = p.user().isPresent();
    return new Runner(c.identityOf(p), c.stage(), own ? Optional.empty() : c.composeUser(), own);
  }

  /** Who writes {@code w}: the user its program switched to first, else who runs the program. */
  public static Runner of(Container c, StartWrites.Write w) {
    if (w.user().isEmpty()) return of(c, w.proc());
    return new Runner(c.identityOf(w.user().get()), c.stage(), Optional.empty(), true);
  }

  /** A known user other than root: the only one the non-root rules judge. */
  public boolean judged() {
    return who.uid().isPresent() && !who.isRoot();
  }

  /**
   * How messages name who runs: {@code user 1000 (uid 1000)} for a Compose {@code user:} or a
   * program's own user ({@code gosu app}), {@code USER app (uid 999)} for the image's USER.
   */
  public String named() {
    return who.describe(composeUser.isPresent() || own ? "user" : "USER");
  }

  /** Where the Compose {@code user:} that decides who runs is written, when one does. */
  public Optional<Range> composeUserRange() {
    return composeUser.map(Located::range);
  }

  /**
   * Where who runs is set: the Compose {@code user:}, else the image's last USER; empty for a
   * program with its own user, which its chain of steps shows.
   */
  public Optional<Range> setAt() {
    return own ? Optional.empty() : composeUserRange().or(() -> Container.userRange(sim));
  }
}
