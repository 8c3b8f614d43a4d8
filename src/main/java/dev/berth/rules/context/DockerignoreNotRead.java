package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextLocation;
import dev.berth.context.DockerIgnore;
import dev.berth.context.StageGraph;
import dev.berth.context.Paths;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .dockerignore} that no build reads, while it sits inside a build context that has no
 * ignore file of its own, when the build copies the directory it is in (by name, or the whole
 * context from a Dockerfile at or above it) or it sits next to the Dockerfile (built from an
 * ancestor directory) and the build copies a directory of it the patterns do not drop whole:
 * BuildKit only reads {@code <context>/.dockerignore} and {@code <Dockerfile>.dockerignore}, so
 * its patterns exclude nothing.
 */
@RuleMeta(
    id = "BTH302",
    summary = ".dockerignore is not where BuildKit reads it, so it excludes nothing",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.MEDIUM)
public final class DockerignoreNotRead implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    BuildContexts contexts = BuildContexts.of(project);
    FileTree tree = project.fileTree();
    // every directory some build (or named context) reads a .dockerignore from
    Set<String> contextDirs = new HashSet<>();
    for (BuildContext c : contexts.all()) {
      c.localDir().ifPresent(contextDirs::add);
      for (BuildContext.NamedContext n : c.namedContexts().values()) {
        if (n.location() instanceof ContextLocation.Local l) contextDirs.add(l.dir());
      }
    }
    // directories that hold a Dockerfile some build uses: an ignore file there was written for
    // that build, so only that build decides whether it matters
    Set<String> dockerfileDirs = new HashSet<>();
    for (BuildContext c : contexts.all()) {
      if (!c.inlineDockerfile()) dockerfileDirs.add(Paths.parent(c.dockerfile()));
    }
    // One finding per dead file, on the build it looks meant for most: one whose Dockerfile sits
    // beside it (seaweedfs's test/postgres builds) before one that only copies its directory (a
    // root-context build of telemetry/server that copies the whole root).
    Map<String, Candidate> chosen = new LinkedHashMap<>();
    for (BuildContext build : contexts.all()) {
      if (build.localDir().isEmpty() || !(build.ignore() instanceof BuildContext.IgnoreFile.None)
          || !build.known()) {
        continue;
      }
      String dir = build.localDir().get();
      List<FileTree.Entry> dead = tree.under(dir)
          .filter(e -> e.kind() == FileTree.Kind.FILE && e.name().equals(".dockerignore"))
          .filter(e -> !Paths.parent(e.path()).equals(dir))
          .filter(e -> !insidePruned(tree, e.path()))
          // a vendored dependency's own ignore file (inngest's vendor/github.com/.../.dockerignore)
          // was written for that project's builds, never for this one
          .filter(e -> dev.berth.project.ProjectLoader.vendoredRoot(tree, e.path()).isEmpty())
          // the repository copies it to where a build reads it (overleaf's server-ce/Makefile:
          // `cp .dockerignore $(MONOREPO_ROOT)` before its root-context builds)
          .filter(e -> !copiedIntoPlace(project, e.path(), dir))
          .toList();
      List<String> copied = copiedDirectories(project, contexts, build);
      for (FileTree.Entry e : dead) {
        String ignoreDir = Paths.relativize(dir, Paths.parent(e.path()));
        boolean beside = !build.inlineDockerfile()
            && Paths.parent(e.path()).equals(Paths.parent(build.dockerfile()));
        // beside another build's Dockerfile it was written for that build, which alone decides
        if (!beside && dockerfileDirs.contains(Paths.parent(e.path()))) continue;
        // it looks meant for this build only when the build copies the directory it sits in:
        // by name, or with the whole context from a Dockerfile at or above the file (a root
        // COPY . . of an unrelated service, erxes's frontline widgets, copies every package's
        // leftover ignore file; that build's own missing .dockerignore is BTH303's concern)
        boolean copiesIt = copied.stream().anyMatch(c -> c.isEmpty()
            ? dockerfileAtOrAbove(build, e.path()) : Paths.relativize(c, ignoreDir) != null);
        // beside the Dockerfile it looks meant for the build, but it can only matter when the
        // build copies a directory of it that its patterns do not drop whole: erxes's services
        // copy only package.json and dist/ from beside their Dockerfile, files they name
        boolean besideDockerfile = beside
            && (copiesIt || copiesDirectoryOf(project, dir, ignoreDir, e.path(), copied));
        // read by another build (whose context it sits in): only this build's own files count
        boolean readElsewhere = contextDirs.contains(Paths.parent(e.path()));
        if (!(readElsewhere ? besideDockerfile : copiesIt || besideDockerfile)) continue;
        if (onlyUncopiedPaths(project, dir, ignoreDir, e.path(), copied)) continue;
        Candidate c = new Candidate(e.path(), build, readElsewhere, besideDockerfile);
        chosen.merge(e.path(), c, (old, neu) -> !old.beside() && neu.beside() ? neu : old);
      }
    }
    for (Candidate c : chosen.values()) report(project, c, ctx);
  }

  private record Candidate(String path, BuildContext build, boolean readElsewhere,
      boolean beside) {}

  private static void report(Project project, Candidate c, RuleContext ctx) {
    BuildContext build = c.build();
    Range at = firstPattern(project, c.path()).orElse(Range.wholeFile(c.path()));
    RuleContext.Report r = ctx.report(at, (c.readElsewhere()
        ? messageForThisBuild(c.path(), build) : message(c.path(), build))
        + ContextNames.assumption(build));
    ContextNames.relate(r, build);
    if (build.inlineDockerfile()) {
      r.related(build.definedAt().get(build.definedAt().size() - 1),
          "inline Dockerfile built with this context");
    } else {
      r.related(Range.wholeFile(build.dockerfile()), "Dockerfile built with this context");
    }
  }

  /** Context-relative paths that COPY/ADD instructions of reachable stages take from the context. */
  private static List<String> copiedDirectories(Project project, BuildContexts contexts,
      BuildContext build) {
    List<String> out = new java.util.ArrayList<>();
    Optional<Dockerfile> df = project.dockerfile(build.dockerfile());
    if (df.isEmpty()) return out;
    for (Stage stage : StageGraph.reachable(df.get(), build)) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
        for (SourceMatch m : contexts.sourceOutcomes(build, t)) {
          if (m.outcome() == SourceMatch.Outcome.MATCHED) out.add(m.resolved());
        }
      }
    }
    return out;
  }

  private static boolean dockerfileAtOrAbove(BuildContext build, String ignorePath) {
    if (build.inlineDockerfile()) return true; // it lives in the compose file: the context is its place
    return Paths.relativize(Paths.parent(build.dockerfile()), Paths.parent(ignorePath)) != null;
  }

  /**
   * Whether a copied source is a directory inside the ignore file's directory that the file's
   * own patterns would not exclude whole: its contents are what the patterns were written for.
   */
  private static boolean copiesDirectoryOf(Project project, String contextDir, String ignoreDir,
      String ignorePath, List<String> copied) {
    Optional<DockerIgnore> patterns = project.source(ignorePath).map(DockerIgnore::parse);
    for (String c : copied) {
      String inside = Paths.relativize(ignoreDir, c);
      if (inside == null || inside.isEmpty()) continue;
      String rootPath = contextDir.isEmpty() ? c : contextDir + "/" + c;
      boolean directory = project.fileTree().get(rootPath)
          .map(t -> t.kind() == FileTree.Kind.DIRECTORY).orElse(false);
      if (directory && patterns.map(p -> !p.isExcluded(inside)).orElse(true)) return true;
    }
    return false;
  }

  /**
   * Every pattern of the file names, literally, a path of the checkout below its directory that
   * the build copies no part of (JanusGraph's docker/.dockerignore: `examples/`, while the build
   * copies docker/conf/ only): read or not, the file would exclude nothing the build sends. A
   * glob or a name absent from the checkout (`.venv`, `node_modules`: made on developers'
   * machines) may match something: not this case.
   */
  private static boolean onlyUncopiedPaths(Project project, String contextDir, String ignoreDir,
      String ignorePath, List<String> copied) {
    Optional<DockerIgnore> patterns = project.source(ignorePath).map(DockerIgnore::parse);
    if (patterns.isEmpty() || patterns.get().patterns().isEmpty()) return false;
    for (DockerIgnore.Pattern p : patterns.get().patterns()) {
      String text = p.text();
      while (text.startsWith("/")) text = text.substring(1);
      while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
      if (p.exception() || text.isEmpty() || text.matches(".*[*?\\[\\\\].*")) return false;
      String inContext = ignoreDir.isEmpty() ? text : ignoreDir + "/" + text;
      String rootPath = contextDir.isEmpty() ? inContext : contextDir + "/" + inContext;
      if (project.fileTree().get(rootPath).isEmpty()) return false;
      for (String c : copied) {
        // the copy takes the path, something inside it, or a directory above it
        if (c.isEmpty() || Paths.relativize(c, inContext) != null
            || Paths.relativize(inContext, c) != null) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean insidePruned(FileTree tree, String path) {
    for (String p = Paths.parent(path); !p.isEmpty(); p = Paths.parent(p)) {
      if (tree.get(p).map(FileTree.Entry::pruned).orElse(false)) return true;
    }
    return false;
  }

  private static Optional<Range> firstPattern(Project project, String path) {
    return project.source(path).flatMap(f -> {
      for (int line = 1; line <= f.lineCount(); line++) {
        String t = f.lineText(line);
        if (!t.isBlank() && !t.startsWith("#")) return Optional.of(f.lineRange(line));
      }
      return Optional.empty();
    });
  }

  /** The file is read by builds from its own directory, but not by this one next to it. */
  public static String messageForThisBuild(String ignorePath, BuildContext build) {
    String ctxDir = ContextNames.dir(build);
    String expected = ctxDir.equals(".") ? ".dockerignore" : ctxDir + "/.dockerignore";
    return "`" + ignorePath + "` is not read by the build of `" + build.dockerfile()
        + "` that uses " + ContextNames.context(build) + " (only builds from `"
        + Paths.parent(ignorePath) + "` read it): BuildKit reads `" + expected + "` or `"
        + build.dockerfile() + ".dockerignore`, so nothing is excluded from this build";
  }

  public static String message(String ignorePath, BuildContext build) {
    String ctxDir = ContextNames.dir(build);
    String expected = ctxDir.equals(".") ? ".dockerignore" : ctxDir + "/.dockerignore";
    return "`" + ignorePath + "` is never read: the build of `" + build.dockerfile()
        + "` uses " + ContextNames.context(build) + ", and BuildKit only reads `" + expected
        + "` or `" + build.dockerfile() + ".dockerignore`, so nothing is excluded from it";
  }

  /** A command of the repository copies the ignore file to this build's context root. */
  private static boolean copiedIntoPlace(Project project, String ignoreFile, String contextDir) {
    return dev.berth.evidence.RepoEvidence.of(project).copies().entrySet().stream()
        .anyMatch(c -> c.getValue().equals(ignoreFile) && Paths.name(c.getKey()).equals(".dockerignore")
            && Paths.parent(c.getKey()).equals(contextDir));
  }
}
