package dev.berth.context;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which stages BuildKit actually builds for a target: the target (default: the last stage) and
 * every stage it reaches through FROM, COPY --from and RUN --mount from=. An instruction in any
 * other stage never runs, so context rules must not report it.
 */
public final class StageGraph {
  private StageGraph() {}

  public static List<Stage> reachable(Dockerfile df, Optional<String> target) {
    return reachable(df, target, Set.of());
  }

  /** The stages a build runs: compose {@code target} and named contexts taken into account. */
  public static List<Stage> reachable(Dockerfile df, BuildContext build) {
    return reachable(df, build.target(), build.namedContexts().keySet());
  }

  /**
   * @param named names of additional contexts: BuildKit lets them replace a stage of the same
   *     name, so a reference to one does not reach the stage
   */
  public static List<Stage> reachable(Dockerfile df, Optional<String> target, Set<String> named) {
    // a target no stage has fails the build ("target stage ... could not be found"): judge nothing
    Optional<Stage> start = target.isPresent() ? df.stage(target.get()) : df.finalStage();
    if (start.isEmpty()) return List.of();
    Set<Integer> seen = new LinkedHashSet<>();
    Deque<Stage> todo = new ArrayDeque<>();
    todo.push(start.get());
    while (!todo.isEmpty()) {
      Stage s = todo.pop();
      if (!seen.add(s.index())) continue;
      refer(df, s.from().image().text(), s.index(), todo, named);
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.FileTransfer t && t.from().isPresent()) {
          refer(df, t.from().get(), s.index(), todo, named);
        }
        if (i instanceof Instruction.Run r) {
          for (Mount m : r.mounts()) {
            m.option("from").ifPresent(f -> refer(df, f, s.index(), todo, named));
          }
        }
      }
    }
    return df.stages().stream().filter(s -> seen.contains(s.index())).toList();
  }

  /** Only earlier stages can be referenced by name or index. */
  private static void refer(Dockerfile df, String ref, int from, Deque<Stage> todo,
      Set<String> named) {
    if (named.contains(ref)) return;
    df.stage(ref).filter(s -> s.index() < from).ifPresent(todo::push);
  }
}
