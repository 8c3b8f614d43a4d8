package dev.berth.rules.context;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.EnvFileRef;
import dev.berth.compose.EnvTemplates;
import dev.berth.evidence.Produced;
import dev.berth.evidence.RepoEvidence;
import dev.berth.compose.Service;
import dev.berth.context.GitIgnores;
import dev.berth.context.Paths;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service {@code env_file} that does not exist, unless the long syntax marks it
 * {@code required: false}: one finding per missing file and project, at its first reference, the
 * other services' references as related locations. Graded by what provides the file: a
 * file with a template next to it ({@code .env.example}), git-ignored or not, or a file the
 * repository's own commands create (a Makefile rule for it) is the usual setup step (note);
 * nothing at all is an error.
 */
@RuleMeta(
    id = "BTH307",
    summary = "env_file does not exist, so docker compose refuses to start the service",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class EnvFileMissing implements ProjectRule {

  /**
   * Env files a deployment platform writes next to the compose file when it deploys it.
   * Portainer stores a stack's environment variables as {@code stack.env} (portainer/portainer
   * discussion #11522, issue #6701; paperless-ngx docker-compose.portainer.yml uses it).
   */
  private static final Set<String> PLATFORM_FILES = Set.of("stack.env");

  /** A reference to the file, by the path the service declared (maybe a link to it). */
  private record Use(String service, Range range, String declared) {}

  /** The root-relative target of a link at {@code path} that stays inside the root. */
  private static Optional<String> linkTarget(FileTree tree, String path) {
    return tree.get(path).filter(e -> e.kind() == FileTree.Kind.SYMLINK && !e.escapes())
        .flatMap(FileTree.Entry::linkTarget);
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    FileTree tree = project.fileTree();
    Set<String> read = readEnvFiles(project);
    Set<Range> reported = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      // Relative paths are the project directory's: a fragment's is its unknown base's.
      if (cp.isFragment()) continue;
      Map<String, List<Use>> missing = new LinkedHashMap<>();
      for (Service s : cp.services().values()) {
        for (EnvFileRef ref : s.envFiles()) {
          // A path made with a blank variable is not the one Compose will see.
          if (!ref.required() || cp.blanked(ref.path().range())) continue;
          Optional<String> path = TreePaths.rootRelative(ref.path().value());
          if (path.isEmpty() || path.get().isEmpty()) continue;
          String declared = path.get();
          // A link inside the root is read through: the file Compose opens is its target.
          String p = linkTarget(tree, declared).orElse(declared);
          // A directory where the file should be: Compose cannot read it either.
          if (tree.get(p).filter(f -> f.kind() == FileTree.Kind.DIRECTORY).isPresent()
              && reported.add(ref.path().range())) {
            ctx.report(ref.path().range(), "env_file `" + p + "` of service `" + s.serviceName()
                + "` is a directory, not a file, so `docker compose up` fails when Compose"
                + " reads it");
            continue;
          }
          if (tree.get(p).isPresent() || TreePaths.unknown(tree, p)) continue;
          if (PLATFORM_FILES.contains(Paths.name(p))) continue;
          if (spareEnvFile(tree, Paths.parent(p), read)) continue;
          missing.computeIfAbsent(p, k -> new ArrayList<>())
              .add(new Use(s.serviceName(), ref.path().range(), declared));
        }
      }
      for (Map.Entry<String, List<Use>> e : missing.entrySet()) {
        List<Use> uses = new ArrayList<>(e.getValue());
        uses.sort(Comparator.comparingInt((Use u) -> fileRank(cp, u.range()))
            .thenComparing(Use::range));
        Range first = uses.get(0).range();
        if (!reported.add(first)) continue;
        report(ctx, project, cp, e.getKey(), uses);
      }
    }
  }

  private static void report(RuleContext ctx, Project project, ComposeProject cp, String path,
      List<Use> uses) {
    FileTree tree = project.fileTree();
    Optional<String> template = TreePaths.envFileTemplate(tree, path, uses.get(0).range().file())
        .or(() -> namedByTemplate(project, path));
    boolean ignored = GitIgnores.of(project).isIgnored(path);
    Set<String> services = new LinkedHashSet<>();
    uses.forEach(u -> services.add(u.service()));
    // A file the repository's own setup makes (a Makefile rule for it, a script's cp/printf > it)
    // is a setup step like a git-ignored template copy: a note naming that step.
    Optional<Produced> made = RepoEvidence.of(project).producer(path);
    // Read only by an example the setup copies into place (wger's
    // docker-compose.override.example.yml): the file is the user's to write with that copy.
    Optional<String> example = uses.stream().allMatch(u -> EnvTemplates.isExample(u.range().file()))
        ? Optional.of(uses.get(0).range().file()) : Optional.empty();
    // A compose file the repository copies into another directory before it runs it (harbor's
    // testprepare.sh: cp tests/docker-compose.test.yml make/.): its paths are read from there.
    String file = uses.get(0).range().file();
    Optional<String> copiedTo = uses.stream().allMatch(u -> u.range().file().equals(file))
        ? RepoEvidence.of(project).copies().entrySet().stream()
            .filter(c -> c.getValue().equals(file) && !tree.isFile(c.getKey())
                && !dev.berth.compose.Paths.dir(c.getKey())
                    .equals(dev.berth.compose.Paths.dir(file)))
            .map(java.util.Map.Entry::getKey).findFirst()
        : Optional.empty();
    // Git-ignored, each user's to write, and a document tells them to (Ackee's docs/Get
    // started.md: "create a `.env` file in the root" with the two required settings).
    Optional<Produced> described = made.isPresent() || template.isPresent() || !ignored
        ? Optional.empty() : RepoEvidence.of(project).describedCreation(path);
    // An installer downloads the compose file and runs it elsewhere (netmaker's nm-quick.sh):
    // the env file is read there.
    Optional<BindMountSourceMissing.Deployed> deployed = made.isPresent() || !uses.stream()
        .allMatch(u -> u.range().file().equals(file)) ? Optional.empty()
        : BindMountSourceMissing.deployedElsewhere(project, file, cp.projectDirectory(), path);
    String text = made.map(m -> madeBySetup(List.copyOf(services), path, m.how()))
        .or(() -> deployed.map(d -> of(List.copyOf(services), path) + " does not exist here"
            + d.text()))
        .or(() -> described.map(d -> of(List.copyOf(services), path) + " is git-ignored and does"
            + " not exist: `" + d.range().file() + "` has the user create it (this assumes it"
            + " means this file); until then `docker compose up` fails with \"env file ... not"
            + " found\""))
        .or(() -> copiedTo.map(d -> of(List.copyOf(services), path) + " does not exist here, but"
            + " the repository copies `" + file + "` to `" + d + "` before it runs it, where the"
            + " path is read from `" + dev.berth.compose.Paths.dir(d) + "/`"))
        .or(() -> example.map(x -> readByExample(List.copyOf(services), path, x)))
        .orElseGet(() -> message(List.copyOf(services), path, template, ignored));
    RuleContext.Report r = ctx.report(uses.get(0).range(), text);
    // A template beside it is the setup step whether or not .gitignore lists the copy (searxng's
    // container/.env.example, which its installation guide copies with `cp -i .env.example .env`).
    r.severity(made.isPresent() || example.isPresent() || template.isPresent()
        || copiedTo.isPresent() || described.isPresent() || deployed.isPresent() ? Severity.NOTE
        : Severity.ERROR);
    made.ifPresent(m -> r.related(m.range(), "`" + m.how() + "` creates it here"));
    deployed.ifPresent(d -> r.related(d.at(), "the installer downloads the compose file here"));
    described.ifPresent(d -> r.related(d.range(), "the documentation says to create it"));
    Set<Range> seen = new HashSet<>(Set.of(uses.get(0).range()));
    for (Use u : uses) {
      if (seen.add(u.range())) r.related(u.range(), "also read by service `" + u.service() + "`");
    }
    r.related(Range.wholeFile(TreePaths.show(cp.projectDirectory())),
        "paths are relative to the project directory");
    uses.stream().map(Use::declared).filter(d -> !d.equals(path)).distinct().forEach(d ->
        r.related(Range.wholeFile(d), "a link to `" + path + "`: compose reads that file"));
    r.related(Range.wholeFile(path), "the file compose reads");
    template.ifPresent(t -> r.related(Range.wholeFile(t), "template for it"));
  }

  /** How many lines of a template's head are read for the files it says it stands for. */
  private static final int HEADER_LINES = 5;

  /**
   * A template beside the file (its name an example's: {@code .env.example}) whose first comment
   * lines name the file as one it is an example of: pezzo's {@code .env.example}, "This file is
   * an example of the .env and .env.docker files you should have before running docker-compose
   * command".
   */
  private static Optional<String> namedByTemplate(Project project, String path) {
    String name = Paths.name(path);
    FileTree tree = project.fileTree();
    return tree.children(Paths.parent(path))
        .filter(e -> e.kind() == FileTree.Kind.FILE && EnvTemplates.exampleByName(e.name())
            && e.name().contains("env"))
        .map(FileTree.Entry::path)
        .filter(t -> dev.berth.project.AppSources.of(project).read(t).map(f -> {
          for (int line = 1; line <= Math.min(HEADER_LINES, f.lineCount()); line++) {
            String text = f.lineText(line).strip();
            if (text.startsWith("#") && namesFile(text, name)) return true;
          }
          return false;
        }).orElse(false))
        .findFirst();
  }

  /** {@code name} is in {@code text} as a whole file name (not part of a longer one). */
  private static boolean namesFile(String text, String name) {
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      int end = i + name.length();
      if ((i == 0 || !nameChar(text.charAt(i - 1)))
          && (end >= text.length() || !nameChar(text.charAt(end))
              // a sentence's full stop after the name
              || text.charAt(end) == '.' && (end + 1 >= text.length()
                  || Character.isWhitespace(text.charAt(end + 1))))) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
  }

  /** Root-relative paths of every env_file any service of any compose project names. */
  private static Set<String> readEnvFiles(Project project) {
    Set<String> read = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        for (EnvFileRef ref : s.envFiles()) {
          TreePaths.rootRelative(ref.path().value()).ifPresent(read::add);
        }
      }
    }
    return read;
  }

  /**
   * Whether {@code dir} ships an env file ({@code *.env}) that no service reads. Its only use is
   * to be copied into place under another name (firefly-iii/docker ships database.env, which its
   * install docs download as {@code .db.env}); which missing file it provides is unknown, so the
   * missing env files of that directory are not judged.
   */
  private static boolean spareEnvFile(FileTree tree, String dir, Set<String> read) {
    return tree.children(dir).anyMatch(e -> e.kind() == FileTree.Kind.FILE
        && e.name().endsWith(".env") && !read.contains(e.path()));
  }

  /** Position of a range's file in the project's merge order; included files come last. */
  private static int fileRank(ComposeProject cp, Range r) {
    int i = cp.files().indexOf(r.file());
    return i < 0 ? cp.files().size() : i;
  }

  /** Name parts that mark a file as an example to copy, not one Compose reads as it is. */
  /** "env_file `x` of services `a`, `b`" */
  private static String of(List<String> services, String path) {
    return "env_file `" + path + "` of service" + (services.size() == 1 ? " `" : "s `")
        + String.join("`, `", services) + "`";
  }

  public static String readByExample(List<String> services, String path, String example) {
    return of(services, path) + " does not exist; only `" + example + "`, an example"
        + " the setup copies into place, reads it: create it with that copy, or `docker compose"
        + " up` fails with \"env file ... not found\"";
  }

  public static String madeBySetup(List<String> services, String path, String how) {
    return of(services, path) + " does not exist until the repository's `" + how
        + "` creates it; until then `docker compose up` fails with \"env file ... not found\"";
  }

  public static String message(List<String> services, String path, Optional<String> template,
      boolean ignored) {
    String of = of(services, path);
    String fails = "`docker compose up` fails with \"env file ... not found\"";
    if (template.isEmpty()) {
      // The finding rests on the file being the repository's to provide: say so.
      return of + " does not exist and nothing in the repository creates it or is a template for"
          + " it, so " + fails + " unless it is made outside the repository (or mark it"
          + " `required: false` if it is optional)";
    }
    return of + (ignored ? " is git-ignored and" : "") + " does not exist: the project's setup is"
        + " expected to create it from `" + template.get() + "` (cp " + template.get() + " " + path
        + "); until then " + fails;
  }
}
