package dev.berth.evidence;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.FileTree;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub Actions workflows, GitLab CI files and Taskfiles: the commands their jobs and tasks run,
 * and {@code docker/build-push-action} steps.
 */
final class CiReaders {
  /**
   * What {@code ${{ github.repository_owner }}} and the name part of {@code ${{
   * github.repository }}} become: placeholders no image reference can contain (an image name is
   * lower-case letters, digits and separators), so only {@link RepoImages} reads them.
   */
  static final String OWNER = "\u0001owner\u0001";
  static final String REPOSITORY = "\u0001repository\u0001";

  /** What an unknown {@code ${{ ... }}} expression becomes: an expansion no one can know. */
  private static final String UNKNOWN = "$(expression)";
  private static final Set<String> GITLAB_KEYWORDS = Set.of("image", "services", "stages",
      "types", "before_script", "after_script", "variables", "cache", "include", "workflow",
      "default", "spec");
  private static final Set<String> SHELLS = Set.of("bash", "sh");

  private CiReaders() {}

  // ---- GitHub Actions ----------------------------------------------------------------------

  /**
   * Each job's steps in order: {@code run:} scripts from the checkout (or
   * {@code working-directory}), with the workflow/job/step {@code env}; {@code build-push-action}
   * steps as builds with their {@code context}, {@code file}, {@code target},
   * {@code build-args} and {@code tags}. A build step earlier in the job counts as run before.
   */
  static Collector workflow(SourceFile file, FileTree tree,
      java.util.function.Function<String, Optional<SourceFile>> reader) {
    Collector out = new Collector(SourceKind.GITHUB_WORKFLOW, tree);
    Optional<YamlMap> doc = YamlText.document(file);
    if (doc.isEmpty()) return out;
    for (Map<String, Optional<String>> inputs : ReusableWorkflows.inputSets(file, doc.get(),
        tree, reader)) {
      workflow(file, doc.get(), inputs, out);
    }
    return out;
  }

  /**
   * One reading of a workflow's jobs, with {@code inputs} the values its caller passes (empty for
   * a workflow nothing calls).
   */
  private static void workflow(SourceFile file, YamlMap workflow,
      Map<String, Optional<String>> inputs, Collector out) {
    Optional<YamlMap> doc = Optional.of(workflow);
    Map<String, Optional<String>> env = env(doc.get(), inputs);
    Optional<String> defaultDir = runDirectory(doc.get());
    // A composite action of the repository (.github/actions/NAME/action.yml, `runs: using:
    // composite`): its steps run in the calling job's workspace, like a workflow job's
    // (docs.github.com, "Metadata syntax for GitHub Actions", runs for composite actions).
    Optional<YamlMap> runs = YamlText.map(doc.get(), "runs");
    if (runs.isPresent() && YamlText.string(runs.get(), "using").filter("composite"::equals)
        .isPresent()) {
      runs.get().get("steps").filter(n -> n instanceof YamlSeq)
          .ifPresent(seq -> steps(file, (YamlSeq) seq, env, Optional.empty(), out));
      return;
    }
    Optional<YamlMap> jobs = YamlText.map(doc.get(), "jobs");
    if (jobs.isEmpty()) return;
    for (YamlMap.Entry job : jobs.get().entries()) {
      if (!(job.value() instanceof YamlMap j)) continue;
      Map<String, Optional<String>> jobEnv = env(j, env);
      Optional<String> jobDir = runDirectory(j).or(() -> defaultDir);
      Optional<YamlNode> steps = j.get("steps");
      if (steps.isEmpty() || !(steps.get() instanceof YamlSeq seq)) continue;
      List<Map<String, Optional<String>>> variants = matrixIncludes(j);
      if (variants.isEmpty()) {
        steps(file, seq, jobEnv, jobDir, out);
        continue;
      }
      for (Map<String, Optional<String>> matrix : variants) {
        Map<String, Optional<String>> withMatrix = new LinkedHashMap<>(jobEnv);
        withMatrix.putAll(matrix);
        steps(file, seq, withMatrix, jobDir, out);
      }
    }
  }

  /** Matrix jobs run at most this many times over. */
  static final int MAX_MATRIX_JOBS = 64;

  /**
   * A job whose {@code strategy.matrix} is only an {@code include} list runs once per entry,
   * with {@code ${{ matrix.KEY }}} its values (docs.github.com, "Running variations of jobs in a
   * workflow": include entries without other variables each add a job). beszel's
   * docker-images.yml pairs each image name with its Dockerfile so. The values are kept under
   * {@code matrix.KEY}, which no shell variable can be named; other matrices give none.
   */
  private static List<Map<String, Optional<String>>> matrixIncludes(YamlMap job) {
    Optional<YamlMap> matrix = YamlText.map(job, "strategy").flatMap(st -> YamlText.map(st,
        "matrix"));
    if (matrix.isEmpty() || matrix.get().entries().size() != 1) return List.of();
    Optional<YamlNode> include = matrix.get().get("include");
    if (include.isEmpty() || !(include.get() instanceof YamlSeq seq)
        || seq.items().size() > MAX_MATRIX_JOBS) {
      return List.of();
    }
    List<Map<String, Optional<String>>> out = new ArrayList<>();
    for (YamlNode item : seq.items()) {
      if (!(item instanceof YamlMap entry)) return List.of();
      Map<String, Optional<String>> values = new LinkedHashMap<>();
      for (YamlMap.Entry e : entry.entries()) {
        if (e.value() instanceof YamlScalar v) {
          values.put("matrix." + e.key().value(), known(expressions(v.value(), Map.of())));
        }
      }
      out.add(values);
    }
    return out;
  }

  /** One job's steps, in order: a build step earlier in the job counts as run before. */
  private static void steps(SourceFile file, YamlSeq seq, Map<String, Optional<String>> jobEnv,
      Optional<String> jobDir, Collector out) {
    Optional<Range> builtAfter = Optional.empty();
    // docker/metadata-action steps by id: the image names their `tags` output is made of
    Map<String, List<String>> metadataImages = new java.util.HashMap<>();
    // variables an earlier step wrote to $GITHUB_ENV: the job's later steps have them
    Map<String, Optional<String>> exported = new LinkedHashMap<>(jobEnv);
    // env files earlier steps wrote lines into: the workspace persists across a job's steps
    Map<String, Set<String>> envLines = new java.util.HashMap<>();
    Optional<String> checkoutPath = checkoutPath(seq);
    for (YamlNode s : seq.items()) {
      if (!(s instanceof YamlMap step)) continue;
      Map<String, Optional<String>> stepEnv = env(step, exported);
      Optional<YamlScalar> run = YamlText.scalar(step, "run");
      Optional<String> uses = YamlText.string(step, "uses");
      if (run.isPresent()) {
        String shell = YamlText.string(step, "shell").orElse("bash").split(" ")[0];
        if (!SHELLS.contains(shell)) continue;
        Optional<String> dir = YamlText.string(step, "working-directory").or(() -> jobDir);
        Optional<String> cwd = dir.isEmpty() ? Optional.of("")
            : known(expressions(dir.get(), stepEnv)).flatMap(CiReaders::relative);
        if (checkoutPath.isPresent()) {
          // The repository is checked out below the workspace (corteza's e2e job: `path:
          // corteza`, then `working-directory: corteza`): that directory is its root, and a
          // step elsewhere in the workspace runs outside it.
          String co = checkoutPath.get();
          cwd = dir.isEmpty() ? Optional.empty() : cwd.flatMap(c -> inCheckout(c, co));
        }
        // the matrix values, inputs and step outputs are the workflow's, not the shell's
        // the runner's own variables (GITHUB_WORKSPACE, RUNNER_TEMP) are set in every step
        Set<String> set = new java.util.HashSet<>(CiDefaultEnv.of("github"));
        stepEnv.keySet().stream().filter(k -> !k.contains(".")).forEach(set::add);
        ScriptInterpreter.State state = new ScriptInterpreter.State(cwd, false, stepEnv, set);
        state.builtAfter = builtAfter;
        envLines.forEach((f, n) -> state.envLines.put(f, new java.util.HashSet<>(n)));
        MappedText text = substitute(YamlText.mapped(file, run.get()), stepEnv);
        ScriptInterpreter.State end = ScriptInterpreter.run(text.text(), text.positions(file),
            Optional.empty(), state, out);
        builtAfter = end.builtAfter;
        end.envLines.forEach((f, n) -> envLines.computeIfAbsent(f, k -> new java.util.HashSet<>())
            .addAll(n));
        for (String name : githubEnvWrites(run.get().value())) exported.put(name, Optional.empty());
        // GitHub expands ${{ }} in run: before the shell runs: with this step's env
        YamlText.string(step, "id").ifPresent(id -> githubOutputWrites(run.get().value())
            .forEach((name, values) -> exported.put("steps." + id + ".outputs." + name,
                Optional.of(String.join("\n", values.stream()
                    .map(v -> knownExpressions(v, stepEnv)).toList())))));
      } else if (uses.filter(u -> u.startsWith("docker/metadata-action@")
          || u.startsWith("crazy-max/ghaction-docker-meta@")).isPresent()) {
        // crazy-max/ghaction-docker-meta is the action's name before it moved to docker/ (its
        // repository redirects there); ${{ env.X }} in the names is the job's or step's env.
        YamlText.string(step, "id").ifPresent(id -> metadataImages.put(id, YamlText.map(step, "with")
            .flatMap(w -> YamlText.string(w, "images"))
            .map(images -> imageNames(tagExpressions(images, stepEnv))).orElse(List.of())));
      } else if (uses.filter(u -> u.startsWith("docker/bake-action@")).isPresent()) {
        metadataBake(step, stepEnv, metadataImages, out);
        bakeAction(step, stepEnv, builtAfter, out);
      } else if (uses.filter(u -> u.contains("/build-push-action@")
          || u.endsWith("/build-push-action")).isPresent()) {
        buildPushAction(step, stepEnv, builtAfter, metadataImages, checkoutPath, out);
      } else if (uses.filter(u -> u.startsWith("actions/download-artifact@")).isPresent()) {
        downloadArtifact(step, stepEnv, out);
      }
    }
  }

  /**
   * A workspace path as a path of the repository checked out at {@code checkoutPath} (dolt's CI:
   * `path: dolt`, then `file: dolt/integration-tests/...`); a workspace path outside the checkout
   * (the context `.` above it) is unknown to berth.
   */
  private static Value inCheckout(Value v, Optional<String> checkoutPath) {
    if (checkoutPath.isEmpty() || v.value().isEmpty()) return v;
    String co = checkoutPath.get();
    return inCheckout(v.value().get(), co).map(p -> Value.known(v.raw(), p))
        .orElseGet(() -> Value.unknown(v.raw(), "a directory of the CI workspace outside the"
            + " repository's checkout (`" + co + "`)"));
  }

  /** A workspace path as a path of the checkout at {@code co}; empty for one outside it. */
  private static Optional<String> inCheckout(String path, String co) {
    if (path.equals(co)) return Optional.of("");
    if (path.startsWith(co + "/")) return Optional.of(path.substring(co.length() + 1));
    return Optional.empty();
  }

  /**
   * Where a job checks out this repository below the workspace: {@code actions/checkout} with
   * {@code with: path:} and no other {@code repository} (docs.github.com actions/checkout,
   * "path: Relative path under $GITHUB_WORKSPACE to place the repository").
   */
  private static Optional<String> checkoutPath(YamlSeq steps) {
    for (YamlNode n : steps.items()) {
      if (!(n instanceof YamlMap step) || YamlText.string(step, "uses")
          .filter(u -> u.startsWith("actions/checkout@")).isEmpty()) {
        continue;
      }
      Optional<YamlMap> with = YamlText.map(step, "with");
      if (with.flatMap(w -> YamlText.string(w, "repository")).isPresent()) continue;
      Optional<String> path = with.flatMap(w -> YamlText.string(w, "path"))
          .map(p -> p.replaceAll("^\\./", "").replaceAll("/+$", ""));
      if (path.isEmpty() || path.get().isEmpty() || path.get().equals(".")) return Optional.empty();
      return path.get().contains("$") || path.get().startsWith("/") || path.get().contains("..")
          ? Optional.empty() : path;
    }
    return Optional.empty();
  }

  /** {@code echo "NAME=value" >> $GITHUB_ENV}: the name a line appends to the job's env file. */
  private static final java.util.regex.Pattern GITHUB_ENV_WRITE = java.util.regex.Pattern.compile(
      "\\b(?:echo|printf)\\s++(?:-[a-zA-Z]++\\s++)*+[\"']?+([A-Za-z_][A-Za-z0-9_]*+)=");

  /**
   * Names a run script writes to {@code $GITHUB_ENV}, which the job's later steps have in their
   * environment (GitHub's "Setting an environment variable": {@code echo "{name}={value}" >>
   * "$GITHUB_ENV"}): hatchet's workflow sets LATEST_TAG so for the compose steps after it. The
   * values are the script's: unknown here.
   */
  static List<String> githubEnvWrites(String script) {
    List<String> out = new ArrayList<>();
    for (String line : script.split("\n")) {
      if (!line.contains("GITHUB_ENV") || !line.contains(">>")) continue;
      java.util.regex.Matcher m = GITHUB_ENV_WRITE.matcher(line);
      if (m.find()) out.add(m.group(1));
    }
    return out;
  }

  /** The redirection of a command's output to {@code $GITHUB_OUTPUT}. */
  private static final java.util.regex.Pattern TO_GITHUB_OUTPUT = java.util.regex.Pattern.compile(
      ">>\\s*+([\"']?+)\\$\\{?+GITHUB_OUTPUT\\b}?+\\1");

  /** {@code echo NAME=VALUE} or {@code printf 'NAME=VALUE'}: the name and the text after it. */
  private static final java.util.regex.Pattern OUTPUT_ECHO = java.util.regex.Pattern.compile(
      "^\\s*+(?:echo|printf)\\s++(?:-[a-zA-Z]++\\s++)*+([\"']?+)([A-Za-z_][A-Za-z0-9_-]*+)=(.*)$");

  /** A shell expansion in an output's value: unknown to berth. */
  private static final java.util.regex.Pattern SHELL_EXPANSION = java.util.regex.Pattern.compile(
      "\\$(?:\\{[^}]*+}|\\([^)]*+\\)|[A-Za-z_][A-Za-z0-9_]*+)");

  /**
   * The outputs a run step writes to {@code $GITHUB_OUTPUT}, which later steps read as
   * {@code ${{ steps.ID.outputs.NAME }}} (docs.github.com, "Setting an output parameter":
   * {@code echo "{name}={value}" >> "$GITHUB_OUTPUT"}): tobychui/zoraxy's workflow writes its tag
   * list so. Each value as written, its {@code ${{ }}} expressions kept and its shell expansions
   * made unknown; an output written with different values (if/else branches) has each of them.
   * The command is the text between the redirection and the operator before it ({@code ;},
   * {@code &&}, {@code ||}, {@code |}), so each of several writes on a line is read.
   */
  static Map<String, List<String>> githubOutputWrites(String script) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : script.split("\n")) {
      if (!line.contains("GITHUB_OUTPUT") || !line.contains(">>")) continue;
      java.util.regex.Matcher r = TO_GITHUB_OUTPUT.matcher(line);
      int from = 0;
      while (r.find()) {
        String command = lastCommand(line.substring(from, r.start()));
        from = r.end();
        java.util.regex.Matcher m = OUTPUT_ECHO.matcher(command);
        if (!m.matches()) continue;
        String value = m.group(3).strip();
        if (!m.group(1).isEmpty() && value.endsWith(m.group(1))) {
          value = value.substring(0, value.length() - 1);
        }
        value = SHELL_EXPANSION.matcher(value.replace("${{", "\u0000"))
            .replaceAll("\\${{ shell }}").replace("\u0000", "${{").strip();
        List<String> values = out.computeIfAbsent(m.group(2), k -> new ArrayList<>());
        if (!values.contains(value) && values.size() < MAX_ALTERNATIVES) values.add(value);
      }
    }
    return out;
  }

  /** The text after the last command separator outside quotes. */
  private static String lastCommand(String text) {
    int start = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ';' || c == '|' || c == '&') {
        start = i + 1;
      }
    }
    return text.substring(start);
  }

  /**
   * An {@code actions/download-artifact} step with a {@code path}: the job's later steps find the
   * artifact's files there (actions/download-artifact README, input {@code path}: "Destination
   * path", relative to the workspace), so a Dockerfile may copy what git does not hold.
   */
  private static void downloadArtifact(YamlMap step, Map<String, Optional<String>> env,
      Collector out) {
    Optional<YamlScalar> node = YamlText.map(step, "with").flatMap(w -> YamlText.scalar(w, "path"));
    if (node.isEmpty()) return;
    for (String line : node.get().value().split("\n")) {
      if (line.isBlank()) continue;
      known(expressions(line.trim(), env)).flatMap(CiReaders::relative)
          .map(p -> p.replaceAll("/+$", ""))
          .ifPresent(p -> out.produced(p, node.get().range(), "actions/download-artifact"));
    }
  }

  /**
   * The image names of a docker/metadata-action {@code images} input: one per line or comma,
   * each a name or {@code name=NAME[,enable=...]} attributes (docker/metadata-action README,
   * "images input"); a name with an expression is left out.
   */
  private static List<String> imageNames(String images) {
    List<String> out = new ArrayList<>();
    for (String line : images.split("\n")) {
      String l = line.trim();
      if (l.startsWith("name=")) {
        String n = l.substring(5).split(",", 2)[0].trim();
        if (!n.isEmpty() && !n.contains("$")) out.add(n);
        continue;
      }
      for (String n : l.split(",")) {
        if (!n.isBlank() && !n.contains("$") && !n.contains("=")) out.add(n.trim());
      }
    }
    return out;
  }

  /** {@code ${{ steps.ID.outputs.bake-file }}}: a metadata-action step's Bake definition. */
  private static final java.util.regex.Pattern STEP_BAKE_FILE = java.util.regex.Pattern.compile(
      "(?:cwd://)?+\\$\\{\\{\\s*+steps\\.([A-Za-z0-9_-]++)\\.outputs\\."
          + "bake-file(?:-tags)?+\\s*+}}");

  /**
   * A docker/bake-action step whose {@code files} add a metadata-action step's
   * {@code bake-file}: the other files' targets inheriting {@code docker-metadata-action} are
   * pushed under that step's image names (crazy-max/diun's build.yml: ./docker-bake.hcl and
   * ${{ steps.meta.outputs.bake-file }}, images crazymax/diun). Files are the repository's
   * (bake-action reads them from the checkout or its Git context, root-relative); without
   * {@code files}, Bake's default docker-bake.hcl.
   */
  private static void metadataBake(YamlMap step, Map<String, Optional<String>> env,
      Map<String, List<String>> metadataImages, Collector out) {
    Optional<YamlMap> with = YamlText.map(step, "with");
    List<String> images = new ArrayList<>();
    List<String> bakeFiles = new ArrayList<>();
    for (String t : listInput(with, "files")) {
      java.util.regex.Matcher m = STEP_BAKE_FILE.matcher(t);
      if (m.matches()) {
        images.addAll(metadataImages.getOrDefault(m.group(1), List.of()));
        continue;
      }
      // cwd:// names a file of the checkout; the path is normalised (./ dropped) by relative
      String path = t.startsWith("cwd://") ? t.substring(6) : t;
      known(expressions(path, env)).flatMap(CiReaders::relative).ifPresent(bakeFiles::add);
    }
    // Only the targets the step names: a group (or the default one, without `targets`) would
    // need the file's groups expanded, so it names none.
    List<String> targets = listInput(with, "targets");
    if (images.isEmpty() || targets.isEmpty()) return;
    if (bakeFiles.isEmpty()) bakeFiles.add("docker-bake.hcl");
    out.metadataBakes.add(new Collector.MetadataBake(bakeFiles, targets, images));
  }

  /**
   * A docker/bake-action step runs Bake in its {@code workdir} input (default {@code .}, the
   * workspace: docker/bake-action README, inputs), from where its targets' local contexts are
   * resolved; its {@code files} are the repository's (none: Bake's defaults there).
   */
  private static void bakeAction(YamlMap step, Map<String, Optional<String>> env,
      Optional<Range> builtAfter, Collector out) {
    Optional<YamlMap> with = YamlText.map(step, "with");
    // `source`: a local directory Bake runs in, or a Git context (the default since v6), whose
    // paths are the repository's root; `workdir` is the older input for the same directory
    Optional<String> source = with.flatMap(w -> YamlText.string(w, "source"));
    if (source.filter(v -> v.contains("://") || v.startsWith("git@")
        || v.contains("{{")).isPresent()) {
      source = Optional.of(".");
    }
    Optional<String> dir = source.or(() -> with.flatMap(w -> YamlText.string(w, "workdir")))
        .map(w -> known(expressions(w, env)).flatMap(CiReaders::relative))
        .orElse(Optional.of(""));
    if (dir.isEmpty()) return;
    List<Value> files = new ArrayList<>();
    for (String t : listInput(with, "files")) {
      if (STEP_BAKE_FILE.matcher(t).matches()) continue; // the metadata step's, not a file
      String path = t.startsWith("cwd://") ? t.substring(6) : t;
      Optional<String> file = known(expressions(path, env)).flatMap(CiReaders::relative)
          .map(f -> Collector.join(dir.get(), f));
      if (file.isEmpty()) return;
      files.add(Value.known(path, file.get()));
    }
    ScriptInterpreter.State state = new ScriptInterpreter.State(dir, false, Map.of(), Set.of());
    state.builtAfter = builtAfter;
    out.bake(new DockerCli.Bake(files, false), step.range(), state);
  }

  /** An action's list input: one item per line or comma (docker's actions read it so). */
  private static List<String> listInput(Optional<YamlMap> with, String name) {
    return listInput(with.flatMap(w -> YamlText.string(w, name)).orElse(""));
  }

  private static List<String> listInput(String value) {
    List<String> out = new ArrayList<>();
    for (String item : value.split("[\n,]")) {
      if (!item.isBlank()) out.add(item.trim());
    }
    return out;
  }

  /** {@code ${{ steps.ID.outputs.NAME }}} of a run step's output. */
  private static final java.util.regex.Pattern STEP_OUTPUT = java.util.regex.Pattern.compile(
      "\\$\\{\\{\\s*+(steps\\.[A-Za-z0-9_-]++\\.outputs\\.[A-Za-z0-9_-]++)\\s*+}}");

  /**
   * A list input's items with each run step's output written out as the step wrote it: an item
   * that names an output is one item per value the output may have (its branches'), each split
   * again, since a value may itself be a list ({@code docker=a:latest, a:1.2}).
   */
  private static List<String> expandStepOutputs(String value, Map<String, Optional<String>> env) {
    List<String> out = new ArrayList<>();
    for (String item : listInput(value)) {
      List<String> texts = List.of(item);
      java.util.regex.Matcher m = STEP_OUTPUT.matcher(item);
      while (m.find()) {
        Optional<String> v = env.getOrDefault(m.group(1), Optional.empty());
        if (v.isEmpty()) continue;
        List<String> next = new ArrayList<>();
        for (String t : texts) {
          for (String alternative : v.get().split("\n")) {
            if (next.size() < MAX_ALTERNATIVES) next.add(t.replace(m.group(), alternative));
          }
        }
        texts = next;
      }
      for (String t : texts) out.addAll(listInput(t));
    }
    return out;
  }

  /** The {@code name} of a {@code type=image} or {@code type=registry} build output. */
  private static final java.util.regex.Pattern IMAGE_OUTPUT_NAME = java.util.regex.Pattern.compile(
      "^type=(?:image|registry),(?:[^,]*+,)*?name=([^,\"]++)");

  /** {@code ${{ steps.ID.outputs.tags }}}: a metadata-action step's tags. */
  private static final java.util.regex.Pattern STEP_TAGS = java.util.regex.Pattern.compile(
      "\\$\\{\\{\\s*+steps\\.([A-Za-z0-9_-]++)\\.outputs\\.tags\\s*+}}");

  /** A version 1 reference of the action ({@code @v1}, {@code @v1.1.0}). */
  private static final java.util.regex.Pattern V1 = java.util.regex.Pattern.compile(
      "@v1(?:\\.\\d++)*+$");

  /** A {@code <owner>/build-push-action} step: docker's action and its forks, same inputs. */
  private static void buildPushAction(YamlMap step, Map<String, Optional<String>> env,
      Optional<Range> builtAfter, Map<String, List<String>> metadataImages,
      Optional<String> checkoutPath, Collector out) {
    YamlMap with = YamlText.map(step, "with").orElse(new YamlMap(List.of(), step.range(), ""));
    // v1 named them `path` and `dockerfile` (docker/build-push-action v1 README: "path: Path to
    // the build context", "dockerfile: Path to the Dockerfile (Default is '{path}/Dockerfile')")
    boolean v1 = YamlText.string(step, "uses").filter(u -> V1.matcher(u).find()).isPresent();
    Optional<YamlScalar> contextNode = YamlText.scalar(with, v1 ? "path" : "context");
    Optional<YamlScalar> fileNode = YamlText.scalar(with, v1 ? "dockerfile" : "file");
    // without context: the Git context, the repository at the commit (its root)
    Value context = contextNode.map(c -> inCheckout(path(c.value(), env), checkoutPath))
        .orElse(Value.known("", ""));
    // `file: ./Dockerfile${{ matrix.flavor == 'debian' && '.debian' || '' }}` builds either file
    List<Optional<Value>> files = fileNode.isEmpty() ? List.of(Optional.empty())
        : alternatives(fileNode.get().value()).stream()
            .map(f -> Optional.of(inCheckout(path(f, env), checkoutPath))).toList();
    Optional<Value> target = YamlText.string(with, "target").map(t -> text(t, env));
    Map<String, Optional<String>> args = new LinkedHashMap<>();
    for (String line : YamlText.string(with, v1 ? "build_args" : "build-args").orElse("")
        .split(v1 ? "[\n,]" : "\n")) {
      String l = line.trim();
      int eq = l.indexOf('=');
      if (eq > 0) args.put(l.substring(0, eq), text(l.substring(eq + 1), env).value());
    }
    List<Value> tags = new ArrayList<>();
    for (String t : expandStepOutputs(YamlText.string(with, "tags").orElse(""), env)) {
      java.util.regex.Matcher m = STEP_TAGS.matcher(t);
      if (m.matches() && metadataImages.containsKey(m.group(1))) {
        // The tags are the step's images with tags computed from the event: the names suffice.
        for (String n : metadataImages.get(m.group(1))) tags.add(Value.known(t, n));
        continue;
      }
      tags.add(tag(t, env));
    }
    // v1: `repository` names the image (on `registry` when given), `tags` only its tags
    if (v1) {
      tags.clear();
      Optional<String> registry = YamlText.string(with, "registry");
      YamlText.string(with, "repository").ifPresent(r ->
          tags.add(tag(registry.map(g -> g + "/" + r).orElse(r), env)));
    }
    // `outputs: type=image,name=NAME,push-by-digest=true`: a build pushed by digest, whose
    // manifest a later job tags (docs.docker.com, "Multi-platform image with GitHub Actions",
    // "Distribute build across multiple runners"); NAME is the image it pushes
    for (String output : YamlText.string(with, "outputs").orElse("").split("\n")) {
      java.util.regex.Matcher m = IMAGE_OUTPUT_NAME.matcher(output.trim());
      if (m.find()) tags.add(tag(m.group(1), env));
    }
    Range at = fileNode.or(() -> contextNode).map(YamlScalar::range)
        .orElse(YamlText.scalar(step, "uses").map(YamlScalar::range).orElse(step.range()));
    String uses = YamlText.string(step, "uses").orElse("build-push-action");
    String tool = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
    for (Optional<Value> file : files) {
      out.builds.add(new DockerBuild(at, SourceKind.GITHUB_WORKFLOW, tool, Cwd.known(""),
          out.dockerfile(file, context, tool), context, target, args, tags, builtAfter));
    }
  }

  /**
   * GitHub's ternary idiom, {@code ${{ COND && 'A' || 'B' }}} with a non-empty literal A: A when
   * COND holds, else B (docs.github.com, "Evaluate expressions in workflows and actions",
   * operators: "GitHub offers ternary operator like behaviour that you can use in expressions").
   */
  private static final java.util.regex.Pattern TERNARY = java.util.regex.Pattern.compile(
      "\\$\\{\\{[^}]*?&&\\s*'([^']+)'\\s*\\|\\|\\s*'([^']*)'\\s*}}");

  /** How many texts one value with ternaries stands for, at most. */
  private static final int MAX_ALTERNATIVES = 8;

  /** The texts {@code raw} may be, one per choice of each ternary in it; itself without any. */
  static List<String> alternatives(String raw) {
    java.util.regex.Matcher m = TERNARY.matcher(raw);
    if (!m.find()) return List.of(raw);
    List<String> out = new ArrayList<>();
    String head = raw.substring(0, m.start());
    List<String> tails = alternatives(raw.substring(m.end()));
    for (String choice : List.of(m.group(1), m.group(2))) {
      for (String tail : tails) {
        if (out.size() < MAX_ALTERNATIVES) out.add(head + choice + tail);
      }
    }
    return out;
  }

  /**
   * A tag: its text, or, when only the part after the last colon is an expression berth cannot
   * know ({@code swarmpit/swarmpit:${{ steps.tag.outputs.value }}}), the image name it still gives,
   * as for a GoReleaser template.
   */
  private static Value tag(String raw, Map<String, Optional<String>> env) {
    // a tag may keep the owner placeholders (ghcr.io/${{ github.repository_owner }}/base)
    Optional<String> withOwner = known(tagExpressions(raw, env));
    if (withOwner.isPresent()) return Value.known(raw, withOwner.get());
    Value whole = text(raw, env);
    if (whole.known()) return whole;
    String t = raw.strip();
    int colon = t.lastIndexOf(':');
    if (colon <= t.lastIndexOf('/') || !t.substring(colon).contains("${{")) return whole;
    Optional<String> name = known(tagExpressions(t.substring(0, colon), env));
    return name.filter(n -> !n.isEmpty() && !n.contains("$")).map(n -> Value.known(raw, n))
        .orElse(whole);
  }

  private static Value text(String raw, Map<String, Optional<String>> env) {
    Optional<String> v = known(expressions(raw, env));
    return v.map(x -> Value.known(raw, x))
        .orElse(Value.unknown(raw, "a workflow expression berth cannot know"));
  }

  private static Value path(String raw, Map<String, Optional<String>> env) {
    Value t = text(raw, env);
    if (t.value().isEmpty()) return t;
    String v = t.value().get();
    // `${{ github.workspace }}/docker` is the checkout's docker/, not an absolute path
    boolean fromWorkspace = !v.isEmpty() && v.charAt(0) == ScriptInterpreter.ROOT;
    if (fromWorkspace) v = v.substring(1);
    if (!fromWorkspace && v.startsWith("/")) return Value.unknown(raw, "an absolute path");
    if (v.contains("://") || v.startsWith("git@")) return Value.unknown(raw, "a remote URL");
    return ScriptInterpreter.inside(raw, "/" + v);
  }

  /**
   * A workspace-relative path: relative as written, or below {@code ${{ github.workspace }}}
   * (ryot's download-artifact {@code path: ${{ github.workspace }}/artifact/}); any other
   * absolute path is outside the checkout.
   */
  private static Optional<String> relative(String v) {
    boolean fromWorkspace = !v.isEmpty() && v.charAt(0) == ScriptInterpreter.ROOT;
    String p = fromWorkspace ? v.substring(1) : v;
    if (!fromWorkspace && p.startsWith("/")) return Optional.empty();
    return ScriptInterpreter.inside(v, "/" + p).value();
  }

  private static Optional<String> known(String substituted) {
    return substituted.contains(UNKNOWN) ? Optional.empty() : Optional.of(substituted);
  }

  private static Optional<String> runDirectory(YamlMap m) {
    return YamlText.map(m, "defaults").flatMap(d -> YamlText.map(d, "run"))
        .flatMap(r -> YamlText.string(r, "working-directory"));
  }

  /** {@code env:} on top of the inherited one; values with expressions are unknown. */
  private static Map<String, Optional<String>> env(YamlMap m,
      Map<String, Optional<String>> inherited) {
    Map<String, Optional<String>> out = new HashMap<>(inherited);
    Optional<YamlMap> env = YamlText.map(m, "env");
    if (env.isEmpty()) return out;
    for (YamlMap.Entry e : env.get().entries()) {
      if (e.value() instanceof YamlScalar s && !s.isNull()) {
        out.put(e.name(), known(expressions(s.value(), inherited)));
      } else {
        out.put(e.name(), Optional.empty());
      }
    }
    return out;
  }

  /** {@code ${{ env.X }}} and {@code ${{ github.workspace }}} known; other expressions not. */
  private static String expressions(String s, Map<String, Optional<String>> env) {
    return substitute(new MappedText().append(s, 0), env, false).text();
  }

  /**
   * The expressions of {@code s} that {@code env} makes known written in (as in a tag: the
   * owner placeholders kept), the others left as written, to be evaluated where the text is used.
   */
  private static String knownExpressions(String s, Map<String, Optional<String>> env) {
    return new MappedText().append(s, 0).replaceAll("${{", "}}", expr -> {
      String v = tagExpressions("${{ " + expr + " }}", env);
      return v.contains(UNKNOWN) ? "${{ " + expr + " }}" : v;
    }).text();
  }

  /** As {@link #expressions}, for an image tag: the repository's owner and name are kept. */
  private static String tagExpressions(String s, Map<String, Optional<String>> env) {
    return substitute(new MappedText().append(s, 0), env, true).text();
  }

  private static MappedText substitute(MappedText in, Map<String, Optional<String>> env) {
    return substitute(in, env, false);
  }

  /**
   * @param tag the text is an image tag: the repository's owner and name, which only GitHub
   *     knows, become placeholders RepoImages may resolve from the repository's other references
   *     to the same image; anywhere else (a path, a build argument, a script) they are unknown
   */
  private static MappedText substitute(MappedText in, Map<String, Optional<String>> env,
      boolean tag) {
    return in.replaceAll("${{", "}}", expr -> {
      if (expr.equals("github.workspace")) return String.valueOf(ScriptInterpreter.ROOT);
      if (tag && expr.equals("github.repository_owner")) return OWNER;
      if (tag && expr.equals("github.repository")) return OWNER + "/" + REPOSITORY;
      if (expr.startsWith("env.")) {
        return env.getOrDefault(expr.substring(4), Optional.empty()).orElse(UNKNOWN);
      }
      if (expr.startsWith("matrix.")) {
        return env.getOrDefault(expr, Optional.empty()).orElse(UNKNOWN);
      }
      if (expr.startsWith("inputs.") || expr.startsWith("steps.")) {
        // a caller's input as written there, a step's output with what its step's env gave
        // already in: the rest is evaluated here with no env (what a caller's value takes from
        // its own job's env is unknown); an output of several values is none of them, while an
        // input written on several lines is one value (proton's run_command.yml runs its
        // `command:` input, a script, as `run: ${{ inputs.command }}`)
        boolean input = expr.startsWith("inputs.");
        return env.getOrDefault(expr, Optional.empty()).filter(raw -> input || !raw.contains("\n"))
            .map(raw -> substitute(new MappedText().append(raw, 0), Map.of(), tag).text())
            .filter(v -> tag || !v.contains(OWNER) && !v.contains(REPOSITORY))
            .orElse(UNKNOWN);
      }
      java.util.regex.Matcher fallback = VARS_FALLBACK.matcher(expr);
      if (fallback.matches()) return fallback.group(1);
      return UNKNOWN;
    });
  }

  /**
   * {@code ${{ vars.NAME || 'text' }}}: a repository configuration variable with the workflow's
   * own default, which is what runs where the variable is not set (docs.github.com, "Store
   * information in variables", the {@code vars} context, and "Evaluate expressions", {@code ||}
   * returns its right operand when the left one is empty): tobychui/zoraxy names its image
   * {@code ${{ vars.DOCKER_ACCOUNT || 'zoraxydocker' }}} so. The default is taken for the value.
   */
  private static final java.util.regex.Pattern VARS_FALLBACK = java.util.regex.Pattern.compile(
      "vars\\.[A-Za-z_][A-Za-z0-9_]*+\\s*+\\|\\|\\s*+'([^']*+)'");

  // ---- GitLab CI ---------------------------------------------------------------------------

  /**
   * Each job's {@code before_script} and {@code script} lines run in one shell from the
   * checkout, with the global and job {@code variables}; a hidden job it {@code extends} lends
   * its lines when it has none.
   */
  static Collector gitlab(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.GITLAB_CI, tree);
    Optional<YamlMap> doc = YamlText.document(file);
    if (doc.isEmpty()) return out;
    Map<String, Optional<String>> globals = variables(doc.get(), "variables", Map.of(), true);
    Optional<YamlMap> defaults = YamlText.map(doc.get(), "default");
    for (YamlMap.Entry e : doc.get().entries()) {
      if (GITLAB_KEYWORDS.contains(e.name()) || e.name().startsWith(".")
          || !(e.value() instanceof YamlMap job)) {
        continue;
      }
      Map<String, Optional<String>> vars = variables(job, "variables", globals, true);
      List<YamlScalar> lines = new ArrayList<>();
      lines.addAll(YamlText.scalars(lookup(doc.get(), job, "before_script")
          .or(() -> defaults.flatMap(d -> d.get("before_script")))));
      lines.addAll(YamlText.scalars(lookup(doc.get(), job, "script")));
      runLines(file, lines, new ScriptInterpreter.State(Optional.of(""), false, vars,
          vars.keySet()), out);
    }
    return out;
  }

  /**
   * CircleCI ({@code .circleci/config.yml}, circleci.com/docs/configuration-reference): each job's
   * {@code run} steps, a string or a map with {@code command}, in the job's checkout (its
   * {@code working_directory}, where {@code checkout} puts the repository: the root), a step's
   * relative {@code working_directory} below it, with the job's and step's {@code environment}.
   * elabftw's and kitsune's CI start their compose files so. Reusable {@code commands} are read
   * as jobs of their own; orbs are not followed.
   */
  static Collector circleci(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.CIRCLECI, tree);
    Optional<YamlMap> doc = YamlText.document(file);
    if (doc.isEmpty()) return out;
    // jobs, and the reusable commands their steps call by name (elabftw's start_container),
    // read in the job's checkout too; a command's caller's environment is not followed
    List<YamlMap.Entry> entries = new ArrayList<>();
    YamlText.map(doc.get(), "jobs").ifPresent(j -> entries.addAll(j.entries()));
    YamlText.map(doc.get(), "commands").ifPresent(c -> entries.addAll(c.entries()));
    for (YamlMap.Entry e : entries) {
      if (!(e.value() instanceof YamlMap job)
          || !(job.get("steps").orElse(null) instanceof YamlSeq steps)) {
        continue;
      }
      Map<String, Optional<String>> jobEnv = variables(job, "environment", Map.of(), false);
      Map<String, Optional<String>> exported = new HashMap<>(jobEnv);
      for (YamlNode n : steps.items()) {
        if (!(n instanceof YamlMap step)) continue;
        Optional<YamlNode> run = step.get("run");
        if (run.isEmpty()) continue;
        Optional<YamlScalar> command = run.get() instanceof YamlScalar sc ? Optional.of(sc)
            : run.get() instanceof YamlMap rm ? YamlText.scalar(rm, "command") : Optional.empty();
        if (command.isEmpty()) continue;
        Map<String, Optional<String>> env = run.get() instanceof YamlMap rm
            ? variables(rm, "environment", exported, false) : exported;
        Optional<String> dir = run.get() instanceof YamlMap rm
            ? YamlText.string(rm, "working_directory") : Optional.empty();
        Optional<String> cwd = dir.isEmpty() ? Optional.of("")
            : dir.filter(d -> !d.startsWith("/") && !d.startsWith("~") && !d.contains("$"))
                .flatMap(d -> ScriptInterpreter.inside(d, "/" + d).value());
        ScriptInterpreter.State state = new ScriptInterpreter.State(cwd, false, env,
            env.keySet());
        MappedText text = YamlText.mapped(file, command.get());
        ScriptInterpreter.run(text.text(), text.positions(file), Optional.empty(), state, out);
      }
    }
    return out;
  }

  /** The docker-compose plugin as a Buildkite step names it ({@code docker-compose#v5.5.0}). */
  static final String BUILDKITE_COMPOSE_PLUGIN = "docker-compose#";

  /**
   * The docker-compose plugin's names: {@code docker-compose#v5.5.0},
   * {@code buildkite-plugins/docker-compose#v5.5.0}, the full repository name, or unversioned.
   */
  private static final java.util.Set<String> COMPOSE_PLUGIN_NAMES = java.util.Set.of(
      "docker-compose", "docker-compose-buildkite-plugin");

  /** A plugin reference's name: its last path part, without {@code #version}. */
  private static String pluginName(String ref) {
    String name = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
    name = name.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
  }

  /**
   * A Buildkite pipeline (buildkite.com/docs/pipelines/defining-steps): each command step's
   * {@code command}/{@code commands} lines, run from the checkout (the root), and each step's
   * docker-compose plugin (buildkite-plugins/docker-compose-buildkite-plugin README) read as the
   * command it runs: {@code run: app} is {@code docker compose run app} ("the equivalent to
   * running docker-compose run app test.sh"), {@code build: [a, b]} builds those services, with
   * the {@code config} files (one or a list; the plugin assumes docker-compose.yml without one).
   * Group steps' {@code steps} are read too. risingwave's ci/workflows run one service of
   * ci/docker-compose.yml per step, with its dependencies.
   */
  static Collector buildkite(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.BUILDKITE, tree);
    Optional<YamlMap> doc = YamlText.document(file);
    if (doc.isEmpty()) return out;
    buildkiteSteps(file, doc.get().get("steps"), variables(doc.get(), "env", Map.of(), false),
        out, 0);
    return out;
  }

  private static void buildkiteSteps(SourceFile file, Optional<YamlNode> steps,
      Map<String, Optional<String>> inherited, Collector out, int depth) {
    if (depth > 3 || !(steps.orElse(null) instanceof YamlSeq seq)) return;
    for (YamlNode n : seq.items()) {
      if (!(n instanceof YamlMap step)) continue;
      Map<String, Optional<String>> env = variables(step, "env", inherited, false);
      buildkiteSteps(file, step.get("steps"), env, out, depth + 1);
      // a step with a container plugin runs its command inside the container (`run:`), or not
      // at all (`build:` alone: "If there is no run option, the step's command will be
      // ignored"): only a plain step's command runs on the agent, in the checkout
      boolean inContainer = false;
      for (YamlMap plugin : buildkitePlugins(step)) {
        for (YamlMap.Entry e : plugin.entries()) {
          String name = pluginName(e.name());
          if (name.equals("docker") || name.equals("docker-buildkite-plugin")) inContainer = true;
          if (!COMPOSE_PLUGIN_NAMES.contains(name) || !(e.value() instanceof YamlMap options)) {
            continue;
          }
          inContainer = true;
          composePluginStep(file, options, env, out);
        }
      }
      List<YamlScalar> lines = new ArrayList<>(YamlText.scalars(step.get("command")));
      lines.addAll(YamlText.scalars(step.get("commands")));
      if (!lines.isEmpty() && !inContainer) {
        runLines(file, lines, new ScriptInterpreter.State(Optional.of(""), false, env,
            env.keySet()), out);
      }
    }
  }

  /** A step's {@code plugins}: a list of one-entry maps, or one map of them. */
  private static List<YamlMap> buildkitePlugins(YamlMap step) {
    Optional<YamlNode> plugins = step.get("plugins");
    if (plugins.orElse(null) instanceof YamlMap m) return List.of(m);
    List<YamlMap> out = new ArrayList<>();
    if (plugins.orElse(null) instanceof YamlSeq seq) {
      for (YamlNode n : seq.items()) {
        if (n instanceof YamlMap m) out.add(m);
      }
    }
    return out;
  }

  /**
   * The docker-compose plugin's options as the compose command they run, interpreted at the
   * {@code run:} (or {@code build:}) value, so that the invocation points there.
   */
  private static void composePluginStep(SourceFile file, YamlMap options,
      Map<String, Optional<String>> env, Collector out) {
    StringBuilder files = new StringBuilder();
    for (YamlScalar c : YamlText.scalars(options.get("config"))) {
      files.append(" -f ").append(ScriptReaders.quoted(c.value()));
    }
    if (files.length() == 0 && !env.containsKey("COMPOSE_FILE")) {
      files.append(" -f docker-compose.yml"); // the plugin's assumption
    }
    List<String> commands = new ArrayList<>();
    for (YamlScalar svc : YamlText.scalars(options.get("build"))) {
      commands.add("build " + ScriptReaders.quoted(svc.value()));
    }
    YamlText.scalar(options, "run").ifPresent(svc ->
        commands.add("run " + ScriptReaders.quoted(svc.value())));
    Optional<YamlScalar> at = YamlText.scalar(options, "run")
        .or(() -> YamlText.scalars(options.get("build")).stream().findFirst());
    if (at.isEmpty()) return;
    int offset = file.offset(at.get().range().startLine(), at.get().range().startColumn());
    for (String c : commands) {
      String text = "docker compose" + files + " " + c;
      MappedText mapped = new MappedText().append(text, offset);
      ScriptInterpreter.run(mapped.text(), mapped.positions(file), Optional.empty(),
          new ScriptInterpreter.State(Optional.of(""), false, env, env.keySet()), out);
    }
  }

  /**
   * A job's or step's variables under {@code key} (CircleCI {@code environment}, Buildkite
   * {@code env}, GitLab {@code variables}) over the inherited ones. A value that refers to other
   * variables is left to the interpreter's rules: unknown. {@code valueMaps}: GitLab's long form
   * ({@code NAME: {value: ..., description: ...}}) is read too.
   */
  private static Map<String, Optional<String>> variables(YamlMap m, String key,
      Map<String, Optional<String>> inherited, boolean valueMaps) {
    Map<String, Optional<String>> out = new HashMap<>(inherited);
    YamlText.map(m, key).ifPresent(vars -> {
      for (YamlMap.Entry e : vars.entries()) {
        Optional<String> v = Optional.empty();
        if (e.value() instanceof YamlScalar sc && !sc.isNull()) v = Optional.of(sc.value());
        if (valueMaps && e.value() instanceof YamlMap vm) v = YamlText.string(vm, "value");
        out.put(e.name(), v.filter(x -> x.indexOf('$') < 0));
      }
    });
    return out;
  }



  /**
   * A CI job's script lines, one after another in one shell ({@code state} carried over): GitLab
   * {@code script:}, Woodpecker and Drone {@code commands:}.
   */
  static void runLines(SourceFile file, List<YamlScalar> lines, ScriptInterpreter.State state,
      Collector out) {
    for (YamlScalar line : lines) {
      MappedText text = YamlText.mapped(file, line);
      state = ScriptInterpreter.run(text.text(), text.positions(file), Optional.empty(), state,
          out);
    }
  }

  /** A job key, or the one of the hidden job it extends (a few levels at most). */
  private static Optional<YamlNode> lookup(YamlMap doc, YamlMap job, String key) {
    YamlMap current = job;
    for (int depth = 0; depth < 4; depth++) {
      Optional<YamlNode> v = current.get(key);
      if (v.isPresent()) return v;
      Optional<String> parent = YamlText.string(current, "extends");
      if (parent.isEmpty()) return Optional.empty();
      Optional<YamlMap> p = YamlText.map(doc, parent.get());
      if (p.isEmpty()) return Optional.empty();
      current = p.get();
    }
    return Optional.empty();
  }

  // ---- Taskfile ----------------------------------------------------------------------------

  /**
   * Each task's {@code cmds} run one by one (each its own shell) from the task's {@code dir}
   * (default: the Taskfile's directory), after its {@code deps}; {@code {{.VAR}}} from
   * {@code vars} with plain values.
   */
  static Collector taskfile(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.TASKFILE, tree);
    Optional<YamlMap> doc = YamlText.document(file);
    Optional<YamlMap> tasks = doc.flatMap(d -> YamlText.map(d, "tasks"));
    if (tasks.isEmpty()) return out;
    String dir = ScriptReaders.parent(file.path());
    Map<String, String> globals = taskVars(doc.get(), Map.of());
    Map<String, Optional<Range>> done = new HashMap<>();
    for (YamlMap.Entry t : tasks.get().entries()) {
      task(t.name(), tasks.get(), globals, dir, file, out, done, new HashSet<>());
    }
    return out;
  }

  private static Optional<Range> task(String name, YamlMap tasks, Map<String, String> globals,
      String dir, SourceFile file, Collector out, Map<String, Optional<Range>> done,
      Set<String> visiting) {
    if (done.containsKey(name)) return done.get(name);
    if (!visiting.add(name) || !(tasks.get(name).orElse(null) instanceof YamlMap task)) {
      return Optional.empty();
    }
    Optional<Range> built = Optional.empty();
    for (YamlScalar dep : YamlText.scalars(task.get("deps"))) {
      Optional<Range> b = task(dep.value(), tasks, globals, dir, file, out, done, visiting);
      if (built.isEmpty()) built = b;
    }
    Map<String, String> vars = taskVars(task, globals);
    Optional<String> cwd = YamlText.string(task, "dir")
        .map(d -> ScriptInterpreter.inside(d, "/" + dir + "/" + d).value())
        .orElse(Optional.of(dir));
    List<YamlScalar> cmds = new ArrayList<>();
    if (task.get("cmds").orElse(null) instanceof YamlSeq seq) {
      for (YamlNode c : seq.items()) {
        if (c instanceof YamlScalar s) cmds.add(s);
        if (c instanceof YamlMap m) YamlText.scalar(m, "cmd").ifPresent(cmds::add);
      }
    }
    for (YamlScalar c : cmds) {
      MappedText text = template(YamlText.mapped(file, c), vars);
      ScriptInterpreter.State state = new ScriptInterpreter.State(cwd, false, Map.of(),
          Set.of());
      state.builtAfter = built;
      built = ScriptInterpreter.run(text.text(), text.positions(file), Optional.empty(), state,
          out).builtAfter;
    }
    done.put(name, built);
    return built;
  }

  private static Map<String, String> taskVars(YamlMap m, Map<String, String> inherited) {
    Map<String, String> out = new HashMap<>(inherited);
    YamlText.map(m, "vars").ifPresent(v -> {
      for (YamlMap.Entry e : v.entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull() && !s.value().contains("{{")) {
          out.put(e.name(), s.value());
        } else {
          out.remove(e.name());
        }
      }
    });
    return out;
  }

  /** {@code {{.NAME}}} replaced by known values; anything else is an unknown expansion. */
  private static MappedText template(MappedText in, Map<String, String> vars) {
    return in.replaceAll("{{", "}}", expr -> {
      String v = expr.startsWith(".") ? vars.get(expr.substring(1)) : null;
      return v != null ? v : UNKNOWN;
    });
  }
}
