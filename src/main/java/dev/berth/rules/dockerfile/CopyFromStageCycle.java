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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /** Related locations listed per finding; a longer cycle says how many stages it has. */
  static final int MAX_RELATED = 10;

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    StageGraph graph = new StageGraph(dockerfile);
    for (Stage stage : dockerfile.stages()) {
      for (Instruction.FileTransfer copy : stage.all(Instruction.FileTransfer.class)) {
        Optional<Flag> from = copy.flag("from");
        if (from.isEmpty() || from.get().value().isEmpty()) continue;
        String ref = from.get().value().get();
        if (ref.contains("$")) continue; // an ARG decides; unknown here
        Optional<Stage> source = StageGraph.resolve(dockerfile, ref);
        if (source.isEmpty()) continue;
        List<Stage> path = graph.pathBack(source.get(), stage);
        if (path.isEmpty()) continue;
        RuleContext.Report r = ctx.report(from.get().range(), message(stage.reference(),
            source.get().reference()));
        if (source.get() != stage) {
          for (int i = 0; i < Math.min(path.size(), MAX_RELATED); i++) {
            Stage s = path.get(i);
            boolean last = i == MAX_RELATED - 1 && path.size() > MAX_RELATED;
            r.related(s.from().range(), "stage '" + s.reference() + "' is part of the cycle"
                + (last ? " (and " + (path.size() - MAX_RELATED) + " more stages)" : ""));
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

  /**
   * Stage dependencies through FROM <stage> and COPY/ADD/RUN --mount from=<stage>, built once per
   * Dockerfile. A copy closes a cycle when its source is in the copying stage's strongly
   * connected component (Tarjan's algorithm, with an explicit stack: a chain of thousands of
   * stages is the user's to write). The path shown is a shortest one in small components; in
   * large ones it goes through one stage of the component, so each finding costs the length of
   * what it shows, not a search.
   */
  static final class StageGraph {
    private static final int SEARCH_LIMIT = 256;
    private final List<Stage> stages;
    private final int[][] deps;
    private final int[] component;
    private final int[] componentSize;
    private final Map<Integer, Paths> viaRoot = new HashMap<>();

    StageGraph(Dockerfile df) {
      stages = df.stages();
      deps = new int[stages.size()][];
      for (Stage s : stages) {
        deps[s.index()] = dependencies(df, s).stream().mapToInt(Stage::index).sorted().toArray();
      }
      component = components(deps);
      componentSize = new int[stages.size()];
      for (int c : component) componentSize[c]++;
    }

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
      return df.namedStage(stage.from().image().text()).filter(s -> s.index() < stage.index());
    }

    /** Stages on a dependency path from {@code start} back to {@code target}; empty if none. */
    List<Stage> pathBack(Stage start, Stage target) {
      int from = start.index();
      int to = target.index();
      if (from == to) return List.of(start);
      if (component[from] != component[to]) return List.of();
      List<Integer> path = componentSize[component[from]] <= SEARCH_LIMIT ? shortest(from, to)
          : viaRoot.computeIfAbsent(component[from], c -> new Paths(to)).path(from, to);
      return path.stream().map(stages::get).toList();
    }

    /** Breadth-first from {@code from} to {@code to} inside their component. */
    private List<Integer> shortest(int from, int to) {
      Map<Integer, Integer> parent = new HashMap<>();
      Deque<Integer> todo = new ArrayDeque<>(List.of(from));
      parent.put(from, from);
      while (!todo.isEmpty()) {
        int at = todo.poll();
        if (at == to) break;
        for (int next : deps[at]) {
          if (component[next] == component[from] && parent.putIfAbsent(next, at) == null) {
            todo.add(next);
          }
        }
      }
      List<Integer> path = new ArrayList<>();
      for (int at = to; at != from; at = parent.get(at)) path.add(at);
      path.add(from);
      java.util.Collections.reverse(path);
      return path;
    }

    /** Shortest paths to and from one stage of a component, for every stage of it. */
    private final class Paths {
      private final int root;
      private final Map<Integer, Integer> towardRoot = new HashMap<>(); // next stage toward root
      private final Map<Integer, Integer> fromRoot = new HashMap<>(); // previous stage from root

      Paths(int root) {
        this.root = root;
        // forward from the root along dependencies
        Deque<Integer> todo = new ArrayDeque<>(List.of(root));
        fromRoot.put(root, root);
        while (!todo.isEmpty()) {
          int at = todo.poll();
          for (int next : deps[at]) {
            if (component[next] == component[root] && fromRoot.putIfAbsent(next, at) == null) {
              todo.add(next);
            }
          }
        }
        // backward to the root: over reversed edges inside the component
        Map<Integer, List<Integer>> reverse = new HashMap<>();
        for (int s = 0; s < deps.length; s++) {
          if (component[s] != component[root]) continue;
          for (int d : deps[s]) {
            if (component[d] == component[root]) {
              reverse.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
            }
          }
        }
        todo.add(root);
        towardRoot.put(root, root);
        while (!todo.isEmpty()) {
          int at = todo.poll();
          for (int prev : reverse.getOrDefault(at, List.of())) {
            if (towardRoot.putIfAbsent(prev, at) == null) todo.add(prev);
          }
        }
      }

      /** from → root → to, each stage once. */
      List<Integer> path(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int at = from; at != root; at = towardRoot.get(at)) out.add(at);
        List<Integer> tail = new ArrayList<>();
        for (int at = to; at != root; at = fromRoot.get(at)) tail.add(at);
        tail.add(root);
        java.util.Collections.reverse(tail);
        Set<Integer> seen = new HashSet<>(out);
        for (int at : tail) if (seen.add(at)) out.add(at);
        return out;
      }
    }

    /** Tarjan's strongly connected components, iterative; returns a component id per stage. */
    private static int[] components(int[][] deps) {
      int n = deps.length;
      int[] index = new int[n];
      int[] low = new int[n];
      int[] comp = new int[n];
      boolean[] onStack = new boolean[n];
      java.util.Arrays.fill(index, -1);
      Deque<Integer> stack = new ArrayDeque<>();
      int[] edge = new int[n];
      Deque<Integer> call = new ArrayDeque<>();
      int counter = 0;
      int components = 0;
      for (int start = 0; start < n; start++) {
        if (index[start] >= 0) continue;
        call.push(start);
        index[start] = low[start] = counter++;
        stack.push(start);
        onStack[start] = true;
        while (!call.isEmpty()) {
          int v = call.peek();
          if (edge[v] < deps[v].length) {
            int w = deps[v][edge[v]++];
            if (index[w] < 0) {
              index[w] = low[w] = counter++;
              stack.push(w);
              onStack[w] = true;
              call.push(w);
            } else if (onStack[w]) {
              low[v] = Math.min(low[v], index[w]);
            }
            continue;
          }
          call.pop();
          if (!call.isEmpty()) low[call.peek()] = Math.min(low[call.peek()], low[v]);
          if (low[v] == index[v]) {
            int w;
            do {
              w = stack.pop();
              onStack[w] = false;
              comp[w] = components;
            } while (w != v);
            components++;
          }
        }
      }
      return comp;
    }
  }
}
