package dev.berth.project;

import dev.berth.compose.ComposeInvocation;
import dev.berth.compose.Paths;
import dev.berth.evidence.ComposeFilePattern;
import dev.berth.evidence.ComposeRun;
import dev.berth.evidence.RepoEvidence;
import dev.berth.evidence.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The repository's own {@code docker compose} invocations ({@link RepoEvidence}) as the compose
 * loader uses them: which files run together, under which project name, with which env files
 * and exported variables. An invocation whose file set berth cannot know (a {@code -f} from a
 * variable, standard input, an unknown working directory, a {@code --project-directory}) says
 * nothing and is left out.
 */
final class ScriptedCompose {
  private ScriptedCompose() {}

  /**
   * @param isCompose the files the project lints as compose files: what a partly known {@code -f}
   *     path may match
   */
  static List<ComposeInvocation> of(RepoEvidence evidence, FileTree tree,
      java.util.function.Predicate<String> isCompose) {
    List<ComposeInvocation> out = new ArrayList<>();
    List<ComposeInvocation> expansions = new ArrayList<>();
    for (ComposeRun r : evidence.composeRuns()) {
      if (r.files().stream().noneMatch(Value::partlyKnown)) {
        invocation(r, tree).ifPresent(out::add);
        continue;
      }
      for (ComposeRun each : expanded(r, tree, isCompose)) {
        invocation(each, tree).ifPresent(expansions::add);
      }
    }
    // the runs berth reads whole first: the loader's budget of scripted sets goes to them
    out.addAll(expansions);
    return out;
  }

  /**
   * A run whose {@code -f} paths are partly variables ({@code -f $BASEDIR/$BUILD.build.yml -f
   * $BASEDIR/$RTE/docker-compose.yml}, RedisInsight's test runner, one run per CI matrix entry)
   * is each file set its known parts allow ({@link ComposeFilePattern#sets}: a variable has one
   * value throughout a set); none when they are too many or a pattern matches nothing.
   */
  static List<ComposeRun> expanded(ComposeRun r, FileTree tree,
      java.util.function.Predicate<String> isCompose) {
    Optional<List<List<String>>> sets = ComposeFilePattern.sets(tree, r.files(), isCompose);
    if (sets.isEmpty()) return List.of();
    List<ComposeRun> out = new ArrayList<>();
    for (List<String> set : sets.get()) {
      List<Value> files = new ArrayList<>();
      for (int i = 0; i < set.size(); i++) files.add(Value.known(r.files().get(i).raw(), set.get(i)));
      out.add(new ComposeRun(r.range(), r.source(), r.tool(), r.cwd(), files, r.projectName(),
          r.envFiles(), r.profiles(), r.projectDirectory(), r.environment(), r.subcommand(),
          r.arguments(), r.background()));
    }
    return out;
  }

  private static Optional<ComposeInvocation> invocation(ComposeRun r, FileTree tree) {
    // --project-directory moves relative paths and .env away from the first file (querybook's
    // Makefile: `docker-compose -f docs_website/docker-compose.yml --project-directory=. up`):
    // kept when berth knows the directory and the files are named, else the set is unknown.
    Optional<String> projectDir = Optional.empty();
    if (r.projectDirectory().isPresent()) {
      Optional<String> d = r.projectDirectory().get().value();
      if (d.isEmpty() || r.files().isEmpty() || Paths.escapes(d.get())
          || !(d.get().isEmpty() || tree.isDirectory(d.get()))) {
        return Optional.empty();
      }
      projectDir = d;
    }
    Optional<String> cwd = r.cwd().dir();
    List<String> files = new ArrayList<>();
    for (Value f : r.files()) {
      // A first file the tree lacks is kept when others are layered on it: one a build step
      // generates (awx's Makefile renders tools/docker-compose/_sources/docker-compose.yml),
      // whose directory the later files' paths are read from. The loader never loads it.
      boolean generatedBase = files.isEmpty() && r.files().size() >= 2;
      if (f.value().isEmpty() || !tree.isFile(f.value().get())
          && !(generatedBase && !Paths.escapes(f.value().get()))) {
        return Optional.empty();
      }
      files.add(f.value().get());
    }
    Value composeFile = r.environment().get("COMPOSE_FILE");
    if (files.isEmpty() && composeFile != null) {
      if (composeFile.value().isEmpty() || cwd.isEmpty()) return Optional.empty();
      Value sep = r.environment().get("COMPOSE_PATH_SEPARATOR");
      String separator = sep == null ? ":" : sep.value().orElse(null);
      if (separator == null || separator.isEmpty()) return Optional.empty();
      for (String p : composeFile.value().get().split(java.util.regex.Pattern.quote(separator))) {
        if (p.isBlank()) continue;
        String rel = Paths.resolve(cwd.get(), p.trim());
        if (Paths.escapes(rel) || !tree.isFile(rel)) return Optional.empty();
        files.add(rel);
      }
    }
    if (files.isEmpty() && cwd.isEmpty()) return Optional.empty();
    String dir = files.isEmpty() ? cwd.get() : Paths.dir(files.get(0));
    Optional<String> name = r.projectName().or(() -> Optional.ofNullable(
        r.environment().get("COMPOSE_PROJECT_NAME"))).map(ScriptedCompose::word);
    List<String> envFiles = new ArrayList<>();
    boolean envFilesKnown = true;
    for (Value e : r.envFiles()) {
      if (e.value().isPresent()) {
        envFiles.add(e.value().get());
      } else {
        envFilesKnown = false;
      }
    }
    List<String> arguments = r.arguments().stream().map(ScriptedCompose::word).toList();
    Set<String> exported = new java.util.TreeSet<>();
    for (String v : r.environment().keySet()) {
      exported.add(v.equals(ComposeRun.UNREADABLE_ASSIGNMENTS) ? ComposeInvocation.UNKNOWN_NAME
          : v);
    }
    Set<String> profiles = new java.util.TreeSet<>();
    for (Value p : r.profiles()) profiles.add(word(p));
    Value fromEnvironment = r.environment().get("COMPOSE_PROFILES");
    if (fromEnvironment != null) {
      // a comma-separated list (docs.docker.com compose environment-variables, COMPOSE_PROFILES)
      for (String p : fromEnvironment.value().orElse(ComposeInvocation.UNKNOWN_NAME).split(",")) {
        if (!p.isBlank()) profiles.add(p.strip());
      }
    }
    return Optional.of(new ComposeInvocation(r.range(), files, projectDir.orElse(dir), name,
        envFiles, envFilesKnown, exported, r.subcommand(), arguments, r.background(),
        projectDir.filter(d -> !d.equals(dir)), profiles,
        r.tool().equals(ComposeRun.STACK_DEPLOY)));
  }

  private static String word(Value v) {
    return v.value().orElse(ComposeInvocation.UNKNOWN_NAME);
  }
}
