package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit resolves {@code --from} against every stage (earlier or later) and fails the whole
 * build with "circular dependency detected on stage" when the stage graph has a cycle — the
 * simplest being a stage that copies from itself (also {@code --from=0} in a single-stage file).
 */
@RuleMeta(
    id = "BTH002",
    summary = "COPY --from or FROM makes stages depend on themselves; BuildKit fails with a circular dependency",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH,
    aliases = {"DL3023"})
public final class CopyFromStageCycle implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    List<Stage> stages = dockerfile.stages();
    for (Stage stage : stages) {
      for (Instruction.FileTransfer copy : stage.all(Instruction.FileTransfer.class)) {
        Optional<Flag> from = copy.flag("from");
        if (from.isEmpty() || from.get().value().isEmpty()) continue;
        String ref = from.get().value().get();
        if (ref.contains("$")) continue; // an ARG decides; unknown here
        Optional<Stage> source = StageGraph.resolve(dockerfile, ref);
        if (source.isEmpty()) continue;
        List<Stage> path = StageGraph.pathBack(dockerfile, source.get(), stage);
        if (path.isEmpty()) continue;
        RuleContext.Report r = ctx.report(from.get().range(), message(stage.reference(),
            source.get().reference()));
        if (source.get() != stage) {
          for (Stage s : path) {
            r.related(s.from().range(), "stage '" + s.reference() + "' is part of the cycle");
          }
        }
      }
    }
  }

  public static String message(String stage, String from) {
    if (stage.equals(from)) {
      return "stage '" + stage + "' copies from itself: BuildKit fails with "
          + "\"circular dependency detected on stage: " + stage + "\"";
    }
    return "stage '" + stage + "' copies from '" + from + "', which depends on '" + stage
        + "': BuildKit fails with \"circular dependency detected on stage\"";
  }

  /** Stage dependencies through FROM <stage> and COPY/ADD/RUN --mount from=<stage>. */
  static final class StageGraph {
    private StageGraph() {}

    static Optional<Stage> resolve(Dockerfile df, String ref) {
      return df.stage(ref);
    }

    static Set<Stage> dependencies(Dockerfile df, Stage stage) {
      Set<Stage> deps = new HashSet<>();
      resolveBase(df, stage).ifPresent(deps::add);
      for (Instruction i : stage.instructions()) {
        if (i instanceof Instruction.FileTransfer t) {
          t.from().filter(f -> !f.contains("$")).flatMap(f -> df.stage(f)).ifPresent(deps::add);
        } else if (i instanceof Instruction.Run run) {
          run.mounts().forEach(m -> m.option("from").flatMap(f -> df.stage(f)).ifPresent(deps::add));
        }
      }
      return deps;
    }

    /** FROM can only name stages declared before it (BuildKit registers stages in order). */
    static Optional<Stage> resolveBase(Dockerfile df, Stage stage) {
      String image = stage.from().image().text();
      for (Stage s : df.stages()) {
        if (s.index() >= stage.index()) break;
        if (s.name().map(n -> n.equalsIgnoreCase(image)).orElse(false)) return Optional.of(s);
      }
      return Optional.empty();
    }

    /** Stages on a dependency path from {@code start} back to {@code target}; empty if none. */
    static List<Stage> pathBack(Dockerfile df, Stage start, Stage target) {
      List<Stage> path = new ArrayList<>();
      return walk(df, start, target, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean walk(Dockerfile df, Stage at, Stage target, List<Stage> path,
        Set<Stage> seen) {
      path.add(at);
      if (at == target) return true;
      if (seen.add(at)) {
        for (Stage next : dependencies(df, at)) {
          if (walk(df, next, target, path, seen)) return true;
        }
      }
      path.remove(path.size() - 1);
      return false;
    }
  }
}
