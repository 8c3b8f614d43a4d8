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
        Path path = graph.pathBack(source.get(), stage, MAX_RELATED);
        if (path.size() == 0) continue;
        RuleContext.Report r = ctx.report(from.get().range(), message(stage.reference(),
            source.get().reference()));
        if (source.get() != stage) {
          for (int i = 0; i < path.shown().size(); i++) {
            Stage s = path.shown().get(i);
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

  /** The first stages of a dependency path, and how many stages it has in all (0: no path). */
  record Path(List<Stage> shown, int size) {}

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

    /**
     * A dependency path from {@code start} back to {@code target}, its first {@code limit}
     * stages as stages: a cycle of thousands of stages is counted, not copied, per finding.
     */
    Path pathBack(Stage start, Stage target, int limit) {
      int from = start.index();
      int to = target.index();
      if (from == to) return new Path(List.of(start), 1);
      if (component[from] != component[to]) return new Path(List.of(), 0);
      int[] path = componentSize[component[from]] <= SEARCH_LIMIT
          ? shortest(from, to).stream().mapToInt(Integer::intValue).toArray()
          : viaRoot.computeIfAbsent(component[from], c -> new Paths(to)).path(from, to);
      return new Path(java.util.Arrays.stream(path, 0, Math.min(limit, path.length))
          .mapToObj(stages::get).toList(), path.length);
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
      // Arrays, not maps: a finding in a component of thousands walks thousands of steps.
      private final int[] towardRoot = filled(-1); // next stage toward root
      private final int[] fromRoot = filled(-1); // previous stage from root
      private final int[] seenIn = filled(0); // the path() call that last put a stage on its path
      private int calls;

      private int[] filled(int value) {
        int[] a = new int[deps.length];
        java.util.Arrays.fill(a, value);
        return a;
      }

      Paths(int root) {
        this.root = root;
        // forward from the root along dependencies
        Deque<Integer> todo = new ArrayDeque<>(List.of(root));
        fromRoot[root] = root;
        while (!todo.isEmpty()) {
          int at = todo.poll();
          for (int next : deps[at]) {
            if (component[next] == component[root] && fromRoot[next] < 0) {
              fromRoot[next] = at;
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
        towardRoot[root] = root;
        while (!todo.isEmpty()) {
          int at = todo.poll();
          for (int prev : reverse.getOrDefault(at, List.of())) {
            if (towardRoot[prev] < 0) {
              towardRoot[prev] = at;
              todo.add(prev);
            }
          }
        }
      }

      /** from → root → to, each stage once. */
      int[] path(int from, int to) {
        int call = ++calls;
        int[] out = new int[deps.length];
        int n = 0;
        for (int at = from; at != root; at = towardRoot[at]) {
          out[n++] = at;
          seenIn[at] = call;
        }
        int tailStart = n;
        for (int at = to; at != root; at = fromRoot[at]) out[n++] = at;
        out[n++] = root;
        // the tail was walked backward (to → root): reverse it, then drop stages already on the path
        for (int i = tailStart, j = n - 1; i < j; i++, j--) {
          int t = out[i];
          out[i] = out[j];
          out[j] = t;
        }
        int kept = tailStart;
        for (int i = tailStart; i < n; i++) {
          if (seenIn[out[i]] != call) {
            seenIn[out[i]] = call;
            out[kept++] = out[i];
          }
        }
        return java.util.Arrays.copyOf(out, kept);
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
