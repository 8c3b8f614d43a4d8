package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.StageGraph;
import dev.berth.context.ContextFiles;
import dev.berth.context.Paths;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code COPY . .} (the whole context) with no .dockerignore, while the context holds
 * {@code .git}, {@code node_modules} or several sub-projects. BuildKit only transfers what COPY
 * names, so the rule needs a COPY of the context root to say the whole tree is sent.
 */
@RuleMeta(
    id = "BTH304",
    summary = "Whole build context copied without a .dockerignore while it holds .git, "
        + "node_modules or other projects",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.HIGH)
public final class LargeContextWithoutDockerignore implements DockerfileRule {

  /** Files that make a directory its own project. */
  static final Set<String> MANIFESTS = Set.of("package.json", "pyproject.toml", "go.mod",
      "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile", "composer.json",
      "mix.exs", "setup.py");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BuildContexts contexts = BuildContexts.of(project);
    ContextNames.Once once = new ContextNames.Once(ctx);
    for (BuildContext build : contexts.forDockerfile(dockerfile.path())) {
      if (!(build.ignore() instanceof BuildContext.IgnoreFile.None) || !build.known()) continue;
      Optional<ContextFiles> files = contexts.files(build);
      if (files.isEmpty()) continue;
      Optional<SourceMatch> whole = firstWholeContextCopy(dockerfile, build, contexts);
      if (whole.isEmpty()) continue;
      List<String> heavy = heavyContents(files.get(), project.fileTree());
      if (heavy.isEmpty()) continue;
      Optional<RuleContext.Report> made = once.report(whole.get().range(),
          message(build, heavy) + ContextNames.assumption(build), build);
      if (made.isEmpty()) continue;
      RuleContext.Report r = made.get();
      ContextNames.relate(r, build);
      for (String h : heavy) {
        if (!h.contains(" ")) r.related(Range.wholeFile(files.get().rootPath(h)), "sent to the builder");
      }
    }
  }

  private static Optional<SourceMatch> firstWholeContextCopy(Dockerfile df, BuildContext build,
      BuildContexts contexts) {
    for (Stage stage : StageGraph.reachable(df, build)) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
        for (SourceMatch m : contexts.sourceOutcomes(build, t)) {
          if (m.outcome() == SourceMatch.Outcome.MATCHED && m.resolved().isEmpty()) {
            return Optional.of(m);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** What makes this context heavy, context-relative; sub-projects as one "N sub-projects" item. */
  static List<String> heavyContents(ContextFiles files, FileTree tree) {
    List<String> out = new ArrayList<>();
    if (files.entry(".git").isPresent()) out.add(".git");
    if (files.entry("node_modules").isPresent()) out.add("node_modules");
    long subProjects = tree.under(files.dir())
        .filter(e -> e.kind() == FileTree.Kind.FILE && MANIFESTS.contains(e.name()))
        .map(e -> Paths.relativize(files.dir(), Paths.parent(e.path())))
        .filter(d -> d != null && !d.isEmpty() && !d.contains("node_modules"))
        .distinct().count();
    if (subProjects >= 2) out.add(subProjects + " sub-projects");
    return out;
  }

  public static String message(BuildContext build, List<String> heavy) {
    return "COPY source `.` sends all of " + ContextNames.context(build)
        + " to the builder and there is no .dockerignore, though it holds "
        + String.join(", ", heavy.stream().map(h -> h.contains(" ") ? h : "`" + h + "`").toList())
        + ": builds upload more than they need and any change there invalidates this layer";
  }
}
