package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.EnvTemplates;
import dev.berth.compose.EnvFileRef;
import dev.berth.compose.Paths;
import dev.berth.compose.Service;
import dev.berth.compose.UnsetVariable;
import dev.berth.compose.VariableSources;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A variable a project interpolates that nothing sets, once per variable and project: the first
 * use is the finding, the others are related locations. It reads {@code .env} and
 * {@code --env-file} (the process environment only when berth is asked to use it), so the answer
 * does not depend on the shell berth runs in; what the environment of {@code docker compose}
 * always has is not unset ({@link dev.berth.compose.ProvidedVariables}).
 *
 * <p>What the user's real setup provides counts as set: when {@code .env} is absent, the
 * variables of its committed template ({@code .env.example}); when {@code .env} is a link to a
 * file a setup script generates, or is absent without a template while a service requires it as
 * an {@code env_file} (BTH307 reports that), its content is unknown and the rule is silent.
 * {@code ${VAR:?message}} is the author requiring the variable, with Compose's own error: never
 * reported. Graded by what the blank does where the value lands ({@link BlankValues}); a note
 * whatever it does when a comment of the project's compose files documents the variable as an
 * input to set ({@link VariableSources#documentedAt}).
 */
@RuleMeta(id = "BTH107", summary = "A variable is interpolated but never set and has no default",
    severity = Severity.WARNING, category = Category.BUG)
public final class UnsetInterpolationVariable implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    Map<String, Set<String>> sharedFiles = sharedUnset(project);
    Map<String, Integer> shared = new java.util.HashMap<>();
    sharedFiles.forEach((n, f) -> shared.put(n, f.size()));
    Set<String> runnerPatterns = runnerPatterns(sharedFiles);
    for (ComposeProject p : project.composeProjects()) {
      // A fragment's .env is its unknown base's (the first file's directory).
      if (p.isFragment()) continue;
      VariableSources src = relevant(project, p, p.variableSources());
      if (contentUnknown(project, p, src)) continue;
      // An installer of the repository downloads the file and runs it where it also puts a .env
      // (netmaker's nm-quick.sh links .env to the netmaker.env it writes there): what that .env
      // sets is unknown here.
      if (dev.berth.evidence.RepoEvidence.of(project).deployment(p.files().get(0))
          .filter(d -> d.beside().contains(".env")).isPresent()) {
        continue;
      }
      // One required use makes Compose stop with the author's message before any blank matters.
      Set<String> required = new HashSet<>();
      for (UnsetVariable v : p.unsetVariables()) {
        if (v.required()) required.add(v.name());
      }
      Map<String, List<UnsetVariable>> byName = new LinkedHashMap<>();
      for (UnsetVariable v : p.unsetVariables()) {
        if (required.contains(v.name())) continue;
        if (src.template().map(t -> t.variables().containsKey(v.name())).orElse(false)) continue;
        // The repository's scripts set it for the commands that run this project.
        if (src.setByScripts(v.name())) continue;
        byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
      }
      Map<String, Integer> rank = fileRank(p);
      for (List<UnsetVariable> uses : byName.values()) {
        uses.sort(Comparator.comparingInt((UnsetVariable u) -> rank.get(u.range().file()))
            .thenComparing(UnsetVariable::range));
      }
      if (suppliedByRunner(src, byName) && reportRunnerSupplied(p, byName, seen, ctx)) continue;
      for (List<UnsetVariable> uses : byName.values()) {
        String file = uses.get(0).range().file();
        Optional<String> group = runnerless(src)
            ? runnerGroup(runnerPatterns, file) : Optional.empty();
        report(p, src, uses, seen, ctx, runnerless(src)
            ? shared.getOrDefault(uses.get(0).name(), 0) : 0, group);
      }
    }
  }

  /** Nothing berth reads gives this project variables: no .env, template or process env. */
  private static boolean runnerless(VariableSources src) {
    return src.dotEnvState() == VariableSources.DotEnv.ABSENT && src.template().isEmpty()
        && !src.processEnvironment();
  }

  /**
   * For each variable, how many compose projects of the repository use it unset, with nothing
   * berth reads to set it ({@link #runnerless}). Used by {@value #RUNNER_SUPPLIED} or more, it is
   * the repository's convention for a value whatever runs them supplies (vector's
   * tests/integration/{@literal *}/config/compose.yaml: image tags ${CONFIG_VERSION}, which its
   * vdev test runner sets from each test.yaml's matrix): one project's oversight would not repeat
   * in every file.
   */
  private static Map<String, Set<String>> sharedUnset(Project project) {
    // counted by the files that use it, not by projects: one file layered into several projects
    // (a base with dev, prod and test overrides) is one use
    Map<String, Set<String>> files = new java.util.HashMap<>();
    for (ComposeProject p : project.composeProjects()) {
      if (p.isFragment() || p.unsetVariables().isEmpty()) continue;
      VariableSources src = relevant(project, p, p.variableSources());
      if (!runnerless(src)) continue;
      for (UnsetVariable v : p.unsetVariables()) {
        if (!v.required() && !src.setByScripts(v.name())) {
          files.computeIfAbsent(v.name(), k -> new HashSet<>()).add(v.range().file());
        }
      }
    }
    return files;
  }

  /**
   * Where the files sharing a runner-supplied variable sit: each path made of their paths with
   * one directory replaced by {@code *} that {@value #RUNNER_SUPPLIED} or more of them match
   * (vector's {@code tests/integration/*}{@code /config/compose.yaml}). Every compose file of the
   * repository there is one of the runner's suites, whatever variables it uses: the webhdfs
   * suite's ${CONFIG_HADOOP}, which vdev sets from that suite's matrix, the aws suite's
   * ${DOCKER_SOCKET} ({@link #runnerGroup}).
   */
  private static Set<String> runnerPatterns(Map<String, Set<String>> sharedFiles) {
    Map<String, Set<String>> byPattern = new java.util.HashMap<>();
    for (Set<String> files : sharedFiles.values()) {
      if (files.size() < RUNNER_SUPPLIED) continue;
      for (String f : files) {
        for (String pattern : patterns(f)) {
          byPattern.computeIfAbsent(pattern, k -> new HashSet<>()).add(f);
        }
      }
    }
    Set<String> out = new HashSet<>();
    byPattern.forEach((pattern, files) -> {
      if (files.size() >= RUNNER_SUPPLIED) out.add(pattern);
    });
    return out;
  }

  /** The runner pattern {@code file} matches, if any. */
  private static Optional<String> runnerGroup(Set<String> runnerPatterns, String file) {
    return patterns(file).stream().filter(runnerPatterns::contains).findFirst();
  }

  /** A file's path with one of its directories replaced by {@code *}, for each directory. */
  private static List<String> patterns(String file) {
    String[] parts = file.split("/");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      String[] p = parts.clone();
      p[i] = "*";
      out.add(String.join("/", p));
    }
    return out;
  }

  private record Judged(UnsetVariable use, BlankValues.Consequence consequence) {}

  /** Distinct unset variables from which a file with no environment is its runner's template. */
  static final int RUNNER_SUPPLIED = 3;

  /**
   * No {@code .env}, no template, no process environment, and {@value #RUNNER_SUPPLIED} or more
   * variables that nothing sets: the file is parameterized by whatever runs it, not by a user's
   * .env (umbrelOS's legacy-compat compose files, which umbreld runs with UMBREL_DATA_DIR,
   * TOR_DATA_DIR, APP_PROXY_PORT, ... in the environment it gives `docker compose`). One cause:
   * the environment is not in the repository.
   */
  private static boolean suppliedByRunner(VariableSources src,
      Map<String, List<UnsetVariable>> byName) {
    return byName.size() >= RUNNER_SUPPLIED && runnerless(src) && src.documented().isEmpty();
  }

  /**
   * One note for the project: the first variable, the others' first uses related. Only variables
   * whose blank matters count ({@code x-} fields do not): with fewer than
   * {@value #RUNNER_SUPPLIED} of them nothing is reported here and each is judged on its own.
   */
  private static boolean reportRunnerSupplied(ComposeProject p,
      Map<String, List<UnsetVariable>> byName, Set<String> seen, RuleContext ctx) {
    List<UnsetVariable> firsts = new ArrayList<>();
    for (List<UnsetVariable> uses : byName.values()) {
      uses.stream().filter(u -> BlankValues.of(u, builds(p, u)).grade()
          != BlankValues.Grade.NONE).findFirst().ifPresent(firsts::add);
    }
    if (firsts.size() < RUNNER_SUPPLIED) return false;
    if (!seen.add(firsts.get(0).range() + " runner")) return true;
    List<String> names = firsts.stream().map(UnsetVariable::name).toList();
    RuleContext.Report r = ctx.report(firsts.get(0).range(), messageRunnerSupplied(names))
        .severity(Severity.NOTE);
    for (UnsetVariable u : firsts.subList(1, firsts.size())) {
      r.related(u.range(), u.name() + " is unset too");
    }
    return true;
  }

  public static String messageRunnerSupplied(List<String> names) {
    return names.size() + " variables this project needs (" + String.join(", ", names)
        + ") are set nowhere berth can see (no .env, no template) and have no default: whatever"
        + " runs it presumably supplies them; run by hand without them, Compose substitutes"
        + " empty strings";
  }

  /**
   * @param shared how many compose projects of the repository use the variable so (see
   *     {@link #sharedUnset}); {@value #RUNNER_SUPPLIED} or more makes the finding a note
   * @param group the runner pattern the file sits at ({@link #runnerGroup}), which makes it a
   *     note too
   */
  private static void report(ComposeProject p, VariableSources src, List<UnsetVariable> uses,
      Set<String> seen, RuleContext ctx, int shared, Optional<String> group) {
    List<Judged> judged = new ArrayList<>();
    for (UnsetVariable u : uses) {
      BlankValues.Consequence c = BlankValues.of(u, builds(p, u));
      if (c.grade() != BlankValues.Grade.NONE) judged.add(new Judged(u, c));
    }
    if (judged.isEmpty()) return;
    Judged worst = judged.stream()
        .min(Comparator.comparing((Judged j) -> j.consequence().grade())).orElseThrow();
    UnsetVariable first = judged.get(0).use();
    if (!seen.add(first.range() + " " + first.name())) return;
    Optional<Range> documented = src.documentedAt(first.name());
    // An example or template the user copies and fills in (chroma's bin/templates/, rendered into
    // a CloudFormation stack that substitutes ${ChromaVersion}): its blanks are placeholders.
    boolean example = EnvTemplates.isExample(first.range().file());
    // A test or CI harness's compose file (docker/compose's pkg/e2e/testdata, tensorzero's
    // tests/e2e): whatever runs the tests sets its variables, berth seldom sees how.
    Optional<String> harness = example ? Optional.empty()
        : dev.berth.image.DevelopmentImages.standard().harnessWord(first.range().file());
    // a hosting platform's variable in a file named for it (Azure App Service's
    // WEBAPP_STORAGE_HOME in limesurvey-docker's docker-compose-azure.yml)
    Optional<String> platform =
        dev.berth.compose.PlatformVariables.setBy(first.name(), first.range().file());
    boolean runner = shared >= RUNNER_SUPPLIED || group.isPresent() || harness.isPresent()
        || platform.isPresent();
    RuleContext.Report r = ctx.report(first.range(), message(first.name(), src, worst.use(),
        worst.consequence().text(), documented) + (example ? "; this is an example or template"
            + " file, so the variable may be a placeholder to fill in" : "")
        + (shared >= RUNNER_SUPPLIED ? "; " + shared + " compose files of the repository use it"
            + " so and nothing berth reads sets it: taken for a value whatever runs them supplies"
            : group.isPresent() ? "; the compose files at " + group.get() + " share variables"
                + " nothing berth reads sets: taken for one runner's suites, and this for a value"
                + " it supplies"
            : platform.isPresent() ? "; the file is named for " + platform.get() + ", which sets"
                + " it where it runs the file"
            : harness.isPresent() ? "; the file's path says '" + harness.get() + "': taken for"
                + " a test or CI harness's compose file, whose runner presumably sets it" : ""));
    // A variable the compose file documents as an input is one the user was told to set: the
    // blank is theirs only when they skipped that, so it is a note whatever it does.
    r.severity(worst.consequence().grade() == BlankValues.Grade.BUG && documented.isEmpty()
        && !example && !runner ? Severity.WARNING : Severity.NOTE);
    Set<Range> related = new HashSet<>(Set.of(first.range()));
    for (Judged j : judged) {
      if (related.add(j.use().range())) {
        r.related(j.use().range(), "also used in " + BlankValues.show(j.use().field()) + ": "
            + j.consequence().text());
      }
    }
    documented.ifPresent(d -> r.related(d, "documents " + first.name()
        + " as a variable to set"));
  }

  public static String message(String name, VariableSources src, UnsetVariable use,
      String consequence, Optional<Range> documented) {
    return "variable " + name + " is not set " + where(src) + " and has no default, so unless the"
        + " shell that runs Compose exports it, Compose substitutes an empty string: in " + BlankValues.show(use.field()) + ", " + consequence
        + documented.map(d -> "; the comment at " + d.file() + ":" + d.startLine()
            + " documents it as a variable to set, and this assumes it was not set").orElse("")
        + " (set it" + fix(src) + ", or write ${" + name + ":-default} or ${" + name
        + ":?message})";
  }

  private static String where(VariableSources src) {
    String env = src.processEnvironment() ? " or the environment" : "";
    if (src.dotEnvState() == VariableSources.DotEnv.NOT_READ) {
      return "in the --env-file files" + env;
    }
    if (src.dotEnvState() == VariableSources.DotEnv.STACK_DEPLOY) {
      return "by the repository's `docker stack deploy`, which reads no .env file," + env;
    }
    String dotEnv = src.dotEnv().orElse(".env");
    if (src.dotEnvState() == VariableSources.DotEnv.PRESENT) return "in `" + dotEnv + "`" + env;
    return src.template().map(t -> "in `" + t.path() + "`, the template for `" + dotEnv + "`,")
        .orElse("(there is no `" + dotEnv + "`)") + env;
  }

  private static String fix(VariableSources src) {
    if (src.dotEnvState() == VariableSources.DotEnv.NOT_READ) return " in an --env-file";
    if (src.dotEnvState() == VariableSources.DotEnv.STACK_DEPLOY) {
      return " in the environment of the shell that runs docker stack deploy";
    }
    return src.template().map(t -> " in `" + t.path() + "`")
        .orElse(" in `" + src.dotEnv().orElse(".env") + "`");
  }

  /**
   * A template found in a directory above the project is the project's only when it sets one of
   * the variables the project uses and the project's directory ships no env file of its own
   * (documentation examples set up with the repository's one template, as opposed to a
   * deployment directory with its {@code variables.env}); otherwise it is not the project's.
   */
  private static VariableSources relevant(Project project, ComposeProject p,
      VariableSources src) {
    if (src.template().isEmpty()) return src;
    VariableSources.Template t = src.template().get();
    String dir = Paths.dir(src.dotEnv().orElse(""));
    if (Paths.dir(t.path()).equals(dir)) return src;
    boolean used = p.unsetVariables().stream().anyMatch(v -> t.variables().containsKey(v.name()));
    boolean ownEnvFile = project.fileTree().children(dir)
        .anyMatch(e -> e.kind() == FileTree.Kind.FILE && e.name().endsWith(".env"));
    return used && !ownEnvFile ? src : src.withoutTemplate();
  }

  /**
   * The project's {@code .env} exists on users' machines but not here, and nothing shows what it
   * holds: a link to a file a setup script generates, or an absent file without a template that a
   * service requires as an env_file (so the author expects it; BTH307 reports it once).
   */
  private static boolean contentUnknown(Project project, ComposeProject p, VariableSources src) {
    if (src.dotEnvState() == VariableSources.DotEnv.LINK_TO_MISSING) return true;
    if (src.dotEnvState() != VariableSources.DotEnv.ABSENT || src.template().isPresent()) {
      return false;
    }
    String dotEnv = src.dotEnv().orElse("");
    // a script copies it from a file that is not in the repository (go-livepeer's
    // box/supabase.sh clones Supabase, then `cp supabase/.env.example supabase/.env`)
    if (!dotEnv.isEmpty()) {
      boolean copiedFromElsewhere = dev.berth.evidence.RepoEvidence.of(project).produced()
          .stream().anyMatch(m -> m.path().equals(dotEnv)
              && m.from().filter(from -> !project.fileTree().isFile(from)).isPresent());
      if (copiedFromElsewhere) return true;
    }
    for (Service s : p.services().values()) {
      for (EnvFileRef ref : s.envFiles()) {
        if (ref.required() && Paths.normalize(ref.path().value()).equals(dotEnv)) return true;
      }
    }
    return false;
  }

  /** Whether the service a {@code services.NAME.image} value belongs to builds its image. */
  private static boolean builds(ComposeProject p, UnsetVariable u) {
    return u.field().size() > 1 && u.field().get(0).equals("services")
        && p.service(u.field().get(1)).map(s -> s.build().isPresent()).orElse(false);
  }

  /** Files in the order Compose reads them: the project's files, then included ones as met. */
  private static Map<String, Integer> fileRank(ComposeProject p) {
    Map<String, Integer> rank = new HashMap<>();
    for (String f : p.files()) rank.putIfAbsent(f, rank.size());
    for (UnsetVariable v : p.unsetVariables()) rank.putIfAbsent(v.range().file(), rank.size());
    return rank;
  }
}
