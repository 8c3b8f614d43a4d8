package dev.berth.evidence;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.FileTree;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inputs a reusable GitHub workflow ({@code on: workflow_call}) runs with: those each job of
 * the repository's other workflows passes it ({@code jobs.ID.uses: ./.github/workflows/F.yml}
 * with {@code with:}), else its inputs' defaults (docs.github.com, "Reusing workflows": "Calling a
 * reusable workflow", {@code uses: ./.github/workflows/{filename}}, and "Using inputs and secrets
 * in a reusable workflow", {@code ${{ inputs.NAME }}}). yusing/godoxy's docker-image-prod.yml
 * calls its docker-image.yml twice, with {@code image_name} and {@code target} for the proxy and
 * the agent.
 *
 * <p>An input's value is kept as the caller wrote it, under {@code inputs.NAME} (a key no shell
 * variable can have), and evaluated where it is used: an image name keeps the owner placeholder
 * there ({@code image_name: ${{ github.repository_owner }}/godoxy}). What the caller's value
 * takes from the caller's own env or matrix is unknown.
 */
final class ReusableWorkflows {
  /** A workflow is read once per distinct set of inputs its callers pass, up to this many. */
  static final int MAX_CALLERS = 32;
  /**
   * When the callers pass more distinct input sets than are read, at most this many from each
   * calling workflow first, so that one calling it many times over (proton's nightly_test.yml:
   * 48 calls of run_command.yml) leaves room for the others (its proton_ci.yml, which stages and
   * builds the unit-test image).
   */
  static final int MAX_CALLS_PER_CALLER = 8;
  /** Workflow files looked through for callers, at most. */
  private static final int MAX_WORKFLOWS = 200;
  private static final String DIR = ".github/workflows/";

  private ReusableWorkflows() {}

  /**
   * The input values of each reading of {@code workflow}: one empty set for a workflow that is not
   * reusable; one per calling job, or the defaults alone when nothing in the repository calls it.
   */
  static List<Map<String, Optional<String>>> inputSets(SourceFile file, YamlMap workflow,
      FileTree tree, Function<String, Optional<SourceFile>> reader) {
    if (compositeAction(file, workflow)) {
      String self = "./" + file.path().substring(0, file.path().lastIndexOf('/'));
      return inputSets(file, workflow, self, tree, reader, ReusableWorkflows::callingSteps);
    }
    Optional<YamlMap> call = workflowCall(workflow);
    if (call.isEmpty()) return List.of(Map.of());
    if (!file.path().startsWith(DIR)) return List.of(defaults(call.get()));
    return inputSets(file, call.get(), "./" + file.path(), tree, reader,
        ReusableWorkflows::callingJobs);
  }

  /**
   * A composite action of the repository ({@code .github/actions/NAME/action.yml}, {@code runs:
   * using: composite}), whose {@code ${{ inputs.NAME }}} are what each workflow step that uses it
   * ({@code uses: ./.github/actions/NAME}) passes in {@code with:}, else its inputs' defaults
   * (docs.github.com, "Metadata syntax for GitHub Actions", inputs; lakeFS's
   * bootstrap-test-lakefs runs `docker compose --project-directory ${{ inputs.compose-directory }}`
   * with the default ".").
   */
  private static boolean compositeAction(SourceFile file, YamlMap doc) {
    return file.path().startsWith(".github/actions/") && YamlText.map(doc, "runs")
        .flatMap(r -> YamlText.string(r, "using")).filter("composite"::equals).isPresent();
  }

  /**
   * One set of input values per distinct {@code with:} of the repository's workflows' calls of
   * {@code self} (found by {@code calls}), over the defaults {@code declaring} gives; the defaults
   * alone when nothing calls it.
   */
  private static List<Map<String, Optional<String>>> inputSets(SourceFile file, YamlMap declaring,
      String self, FileTree tree, Function<String, Optional<SourceFile>> reader,
      java.util.function.BiFunction<SourceFile, String, List<YamlMap>> calls) {
    Map<String, Optional<String>> defaults = defaults(declaring);
    List<FileTree.Entry> workflows = tree.children(DIR.substring(0, DIR.length() - 1))
        .filter(e -> e.kind() == FileTree.Kind.FILE && !e.path().equals(file.path())
            && (e.path().endsWith(".yml") || e.path().endsWith(".yaml")))
        .limit(MAX_WORKFLOWS).toList();
    // each calling workflow's distinct input sets, in order
    List<List<Map<String, Optional<String>>>> byCaller = new ArrayList<>();
    java.util.Set<Map<String, Optional<String>>> seen = new java.util.HashSet<>();
    int total = 0;
    for (FileTree.Entry w : workflows) {
      // `./.github/...` or `OWNER/REPO/.github/...@REF` (see calls)
      Optional<SourceFile> caller = reader.apply(w.path())
          .filter(f -> f.text().contains(self.substring(2)));
      if (caller.isEmpty()) continue;
      List<Map<String, Optional<String>>> sets = new ArrayList<>();
      for (YamlMap with : calls.apply(caller.get(), self)) {
        Map<String, Optional<String>> values = new LinkedHashMap<>(defaults);
        for (YamlMap.Entry e : with.entries()) {
          values.put("inputs." + e.name(), e.value() instanceof YamlScalar v && !v.isNull()
              ? Optional.of(v.value()) : Optional.empty());
        }
        if (seen.add(values)) sets.add(values);
      }
      byCaller.add(sets);
      total += sets.size();
    }
    List<Map<String, Optional<String>>> out = new ArrayList<>();
    if (total <= MAX_CALLERS) {
      byCaller.forEach(out::addAll);
    } else {
      // more than can be read: each caller's first ones, then the rest in order while room lasts
      for (List<Map<String, Optional<String>>> sets : byCaller) {
        out.addAll(sets.subList(0, Math.min(sets.size(), MAX_CALLS_PER_CALLER)));
      }
      for (List<Map<String, Optional<String>>> sets : byCaller) {
        for (Map<String, Optional<String>> v : sets) {
          if (out.size() >= MAX_CALLERS) break;
          if (!out.contains(v)) out.add(v);
        }
      }
      if (out.size() > MAX_CALLERS) out = new ArrayList<>(out.subList(0, MAX_CALLERS));
    }
    if (out.isEmpty()) out.add(defaults);
    return out;
  }

  /** The {@code inputs:} of {@code declaring} with their defaults, as {@code inputs.NAME}. */
  private static Map<String, Optional<String>> defaults(YamlMap declaring) {
    Map<String, Optional<String>> defaults = new LinkedHashMap<>();
    YamlText.map(declaring, "inputs").ifPresent(inputs -> {
      for (YamlMap.Entry e : inputs.entries()) {
        if (e.value() instanceof YamlMap input) {
          defaults.put("inputs." + e.name(), YamlText.string(input, "default"));
        }
      }
    });
    return defaults;
  }

  /** The {@code with:} of each step of {@code caller}'s jobs that uses the action at {@code self}. */
  private static List<YamlMap> callingSteps(SourceFile caller, String self) {
    List<YamlMap> out = new ArrayList<>();
    Optional<YamlMap> jobs = YamlText.document(caller).flatMap(d -> YamlText.map(d, "jobs"));
    if (jobs.isEmpty()) return out;
    for (YamlMap.Entry job : jobs.get().entries()) {
      if (!(job.value() instanceof YamlMap j)
          || !(j.get("steps").orElse(null) instanceof YamlSeq steps)) {
        continue;
      }
      for (YamlNode n : steps.items()) {
        if (!(n instanceof YamlMap step)) continue;
        Optional<String> uses = YamlText.string(step, "uses").map(u -> u.replaceAll("/+$", ""));
        if (uses.filter(self::equals).isEmpty()) continue;
        out.add(YamlText.map(step, "with").orElse(new YamlMap(List.of(), step.range(), "")));
      }
    }
    return out;
  }

  /** The {@code with:} of each job of {@code caller} that calls the workflow at {@code self}. */
  private static List<YamlMap> callingJobs(SourceFile caller, String self) {
    List<YamlMap> out = new ArrayList<>();
    Optional<YamlMap> jobs = YamlText.document(caller).flatMap(d -> YamlText.map(d, "jobs"));
    if (jobs.isEmpty()) return out;
    for (YamlMap.Entry job : jobs.get().entries()) {
      if (!(job.value() instanceof YamlMap j)) continue;
      if (!YamlText.string(j, "uses").filter(u -> calls(u, self)).isPresent()) continue;
      out.add(YamlText.map(j, "with").orElse(new YamlMap(List.of(), j.range(), "")));
    }
    return out;
  }

  /**
   * {@code uses} calls reusable workflow {@code self} ({@code ./.github/workflows/F.yml}): by
   * that path, or as {@code OWNER/REPO/.github/workflows/F.yml@REF}, which a repository writes
   * for its own workflow to pin a branch (proton's compatibility_test.yml calls
   * {@code timeplus-io/proton/.github/workflows/run_command.yml@develop}); berth does not know
   * the repository's name, and a reusable workflow of that path in it is taken for the one meant.
   */
  private static boolean calls(String uses, String self) {
    if (uses.equals(self)) return true;
    if (!self.startsWith("./" + DIR)) return false;
    int at = uses.lastIndexOf('@');
    String path = at < 0 ? uses : uses.substring(0, at);
    String[] parts = path.split("/", 3);
    return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty()
        && !parts[0].equals(".") && parts[2].equals(self.substring(2));
  }

  /** {@code on: workflow_call} in its map, list or single-event form. */
  private static Optional<YamlMap> workflowCall(YamlMap workflow) {
    Optional<YamlNode> on = workflow.get("on");
    if (on.isEmpty()) return Optional.empty();
    YamlMap none = new YamlMap(List.of(), on.get().range(), "");
    if (on.get() instanceof YamlScalar s) {
      return "workflow_call".equals(s.value()) ? Optional.of(none) : Optional.empty();
    }
    if (on.get() instanceof YamlSeq seq) {
      return seq.items().stream().anyMatch(i -> i instanceof YamlScalar s
          && "workflow_call".equals(s.value())) ? Optional.of(none) : Optional.empty();
    }
    if (on.get() instanceof YamlMap m && m.get("workflow_call").isPresent()) {
      return Optional.of(YamlText.map(m, "workflow_call").orElse(none));
    }
    return Optional.empty();
  }
}
