package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.StageGraph;
import dev.berth.context.ContextFiles;
import dev.berth.context.GitIgnore;
import dev.berth.context.Paths;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.Stages;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * A broad COPY from the context that lands on a directory the image got earlier in the stage,
 * from a RUN (node_modules, .venv, target, .next) or a COPY from another stage, while that directory exists on developers' machines (on
 * disk, or git-ignored) and the .dockerignore does not exclude it: a developer's build replaces
 * the image's copy with the host's. Uses the developer view.
 */
@RuleMeta(
    id = "BTH303",
    summary = "COPY brings a host build directory over the one the image built",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class HostArtifactOverwritesImage implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BuildContexts contexts = BuildContexts.of(project);
    ContextNames.Once once = new ContextNames.Once(ctx);
    for (BuildContext build : contexts.forDockerfile(dockerfile.path())) {
      Optional<ContextFiles> files = contexts.files(build);
      if (files.isEmpty() || !build.known()) continue;
      List<StageFacts> facts = Stages.of(project).of(dockerfile);
      for (Stage stage : StageGraph.reachable(dockerfile, build)) {
        StageFacts f = facts.get(stage.index());
        List<BuildArtifacts.Artifact> artifacts = BuildArtifacts.created(f);
        if (artifacts.isEmpty()) continue;
        for (Instruction i : stage.instructions()) {
          if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
          List<SourceMatch> outcomes = contexts.sourceOutcomes(build, t);
          // A COPY whose source is missing from this context stops the build there (BTH301's
          // finding): what later COPYs would bring is never built (django-helpdesk's standalone
          // Dockerfile, built from the root by docker-compose-dev.yml, fails at line 7).
          if (outcomes.stream().anyMatch(SourceMatch::fails)) break;
          Optional<String> dest = destination(t, BuildArtifacts.workdirBefore(f, i));
          if (dest.isEmpty()) continue;
          for (SourceMatch m : outcomes) {
            if (m.outcome() != SourceMatch.Outcome.MATCHED || !isDirectory(files.get(), m)) {
              continue;
            }
            for (BuildArtifacts.Artifact a : artifacts) {
              if (a.creator().range().compareTo(t.range()) >= 0) continue;
              String rel = Paths.relativize(dest.get().equals("/") ? "" : dest.get().substring(1),
                  a.absolute().substring(1));
              if (rel == null || rel.isEmpty() || excludedByFlag(t, a.name())) continue;
              String hostPath = Paths.join(m.resolved(), rel);
              check(once, build, files.get(), m, a, hostPath, dockerfile.path(),
                  dev.berth.evidence.RepoEvidence.of(project)
                      .producer(files.get().rootPath(hostPath)).isPresent());
            }
          }
        }
      }
    }
  }

  private static void check(ContextNames.Once ctx, BuildContext build, ContextFiles files,
      SourceMatch m, BuildArtifacts.Artifact a, String hostPath, String dockerfile,
      boolean madeByScript) {
    if (files.excludedBy(hostPath).isPresent() || files.contentsExcluded(hostPath)) return;
    Optional<FileTree.Entry> onDisk = files.entry(hostPath);
    Optional<GitIgnore.Rule> gitRule = files.gitIgnoredBy(hostPath, true);
    if (onDisk.isEmpty() && gitRule.isEmpty()) return;
    // Git-ignored only: a developer has it where the tool that makes it runs, beside its
    // manifest. mwdb-core's `COPY docker/ /app/` over the /app/.venv of `uv sync`: nothing in
    // docker/ is a Python project, and the checkout's own .venv is at the root.
    if (onDisk.isEmpty() && !besideManifest(files, hostPath)) return;
    // An example or sample image (socket.io's examples/cluster-*/server), built from a clean
    // checkout by its compose file: the host's copy is there only if a reader installed the
    // dependencies on the host first, which the example does not ask: a note that says so. Not
    // when a script of the repository installs them there (docker-otel-lgtm's
    // examples/nodejs/run.sh: `npm install`).
    Optional<String> example = onDisk.isPresent() || madeByScript ? Optional.empty()
        : dev.berth.image.DevelopmentImages.standard().exampleWord(dockerfile);
    Optional<RuleContext.Report> made = ctx.report(m.range(), message(m.source(), hostPath, a,
        build.dockerIgnore().isPresent()) + ContextNames.assumption(build)
        + example.map(w -> "; it is an example image (its path says '" + w + "'), so this"
            + " assumes someone builds it after installing its dependencies on the host")
            .orElse(""), build);
    if (made.isEmpty()) return;
    RuleContext.Report r = made.get();
    if (example.isPresent()) r.severity(Severity.NOTE);
    r.related(a.creator().range(), "creates " + a.absolute());
    if (onDisk.isPresent()) {
      r.related(Range.wholeFile(files.rootPath(hostPath)), "present in the context on disk");
    } else {
      r.related(gitRule.get().range(), "git-ignored: exists on developer machines");
    }
    build.dockerIgnore().ifPresent(d -> r.related(Range.wholeFile(d.path()),
        "does not exclude `" + hostPath + "`"));
    ContextNames.relate(r, build);
  }

  public static String message(String source, String hostPath, BuildArtifacts.Artifact a,
      boolean hasIgnoreFile) {
    return "COPY source `" + source + "` brings the host's `" + hostPath + "` over "
        + a.absolute() + ", which `" + a.tool() + "` created in the image on line "
        + a.creator().range().startLine() + "; " + (hasIgnoreFile
            ? "the .dockerignore does not exclude it" : "there is no .dockerignore")
        + ", so a developer's build ships the host's copy (other OS, other paths)";
  }

  /** The manifests a tool makes each build directory beside (npm, uv/pip/poetry, cargo/maven/sbt/lein, next). */
  private static final java.util.Map<String, List<String>> MANIFESTS = java.util.Map.of(
      "node_modules", List.of("package.json"),
      ".next", List.of("package.json"),
      ".venv", List.of("pyproject.toml", "requirements.txt", "uv.lock", "Pipfile", "setup.py",
          "poetry.lock"),
      "venv", List.of("pyproject.toml", "requirements.txt", "uv.lock", "Pipfile", "setup.py",
          "poetry.lock"),
      "target", List.of("Cargo.toml", "pom.xml", "build.sbt", "project.clj"));

  /**
   * A manifest of the tool that makes the directory is beside it in the context (or the
   * directory is one berth has no manifest list for).
   */
  private static boolean besideManifest(ContextFiles files, String hostPath) {
    List<String> manifests = MANIFESTS.get(Paths.name(hostPath));
    if (manifests == null) return true;
    String dir = Paths.parent(hostPath);
    return manifests.stream().anyMatch(n -> files.entry(dir.isEmpty() ? n : dir + "/" + n)
        .filter(e -> e.kind() == FileTree.Kind.FILE).isPresent());
  }

  private static boolean isDirectory(ContextFiles files, SourceMatch m) {
    return m.resolved().isEmpty() || files.entry(m.resolved())
        .map(e -> e.kind() == FileTree.Kind.DIRECTORY).orElse(false);
  }

  private static boolean excludedByFlag(Instruction.FileTransfer t, String name) {
    return t.flags().stream().filter(f -> f.name().equals("exclude"))
        .map(Flag::valueOrEmpty).anyMatch(v -> v.contains(name));
  }

  /** Absolute destination directory the source's content lands in; empty when unknown. */
  private static Optional<String> destination(Instruction.FileTransfer t, Optional<String> wd) {
    String d = t.destination().text();
    if (d.contains("$")) return Optional.empty();
    if (d.startsWith("/")) return Optional.of(Paths.clean(d));
    return wd.map(w -> Paths.clean(w + "/" + d));
  }
}
