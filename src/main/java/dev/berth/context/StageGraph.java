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
    Optional<Stage> start = target.flatMap(df::stage).or(df::finalStage);
    if (start.isEmpty()) return List.of();
    Set<Integer> seen = new LinkedHashSet<>();
    Deque<Stage> todo = new ArrayDeque<>();
    todo.push(start.get());
    while (!todo.isEmpty()) {
      Stage s = todo.pop();
      if (!seen.add(s.index())) continue;
      refer(df, s.from().image().text(), s.index(), todo);
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.FileTransfer t && t.from().isPresent()) {
          refer(df, t.from().get(), s.index(), todo);
        }
        if (i instanceof Instruction.Run r) {
          for (Mount m : r.mounts()) m.option("from").ifPresent(f -> refer(df, f, s.index(), todo));
        }
      }
    }
    return df.stages().stream().filter(s -> seen.contains(s.index())).toList();
  }

  /** Only earlier stages can be referenced by name or index. */
  private static void refer(Dockerfile df, String ref, int from, Deque<Stage> todo) {
    df.stage(ref).filter(s -> s.index() < from).ifPresent(todo::push);
  }
}
