package dev.berth.rules.context;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.ComposeTestData;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.context.ComposeContexts;
import dev.berth.context.ContextLocation;
import dev.berth.context.Paths;
import dev.berth.dockerfile.Dockerfile;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compose {@code build.context} directory that does not exist, or a {@code build.dockerfile}
 * (default {@code Dockerfile}) that is not in the context where compose looks for it. The
 * Dockerfile path is relative to the context, not to the compose file: when a file of that name
 * exists where the author probably meant it, the finding says where. One cause, one finding:
 * services of a project that share the missing path are related locations of the first one.
 */
@RuleMeta(
    id = "BTH305",
    summary = "Compose build context or Dockerfile does not exist, so the build fails",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class ComposeBuildPathMissing implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    FileTree tree = project.fileTree();
    Set<Range> reported = new HashSet<>();
    // The finding for each missing path (context or Dockerfile), by path: one cause, whichever
    // services and projects share it (NetAlertX's 29 test compose files, each building
    // `../../../` where the Dockerfile is not), the others related.
    Map<String, RuleContext.Report> byPath = new HashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      // Relative paths are the project directory's: a fragment's is its unknown base's.
      if (!cp.servicesAsWritten()) continue;
      for (Service s : cp.services().values()) {
        if (s.build().isEmpty()) continue;
        Build b = s.build().get();
        // A path made with a blank variable is not the one Compose will see.
        if (cp.blanked(b.context().range())
            || b.dockerfile().filter(d -> cp.blanked(d.range())).isPresent()) {
          continue;
        }
        if (!(ComposeContexts.location(project, b) instanceof ContextLocation.Local local)) {
          continue;
        }
        String dir = local.dir();
        if (TreePaths.unknown(tree, Paths.join(dir, "x"))) continue;
        Optional<FileTree.Entry> entry = tree.get(dir);
        // A directory made on the host before the build, as a missing COPY source is (BTH301):
        // git ignores it, or a repository command makes it (openremote's balena/manager-build,
        // git-ignored, which run_balena_build.sh copies from the Gradle distribution before its
        // `docker compose build`). What it will hold is unknown.
        if (entry.isEmpty() && TreePaths.madeOnHost(project, dir, true)) continue;
        if (entry.isEmpty() || entry.get().kind() != FileTree.Kind.DIRECTORY) {
          if (!reported.add(b.context().range())) continue;
          // a test-data or pulled-first note only groups with its kind: an error stays one
          String key = "context " + dir + ComposeTestData.directory(cp).isPresent()
              + pulledFirst(s).isPresent();
          RuleContext.Report first = byPath.get(key);
          if (first != null) {
            first.related(b.context().range(), "service `" + s.serviceName()
                + "` builds from the same context");
          } else {
            Optional<String> pulled = pulledFirst(s);
            RuleContext.Report r = testData(cp, ctx.report(b.context().range(),
                contextMessage(s.serviceName(), dir, entry.isPresent())
                    + pulled.map(i -> "; `docker compose up` pulls `" + i + "` first and builds"
                        + " only when that pull fails, so `up` fails only if the image is not"
                        + " published").orElse("")
                    + ComposeTestData.directory(cp).map(ComposeTestData::assumption).orElse("")))
                .related(Range.wholeFile(TreePaths.show(cp.projectDirectory())),
                    "paths are relative to the project directory");
            pulled.ifPresent(i -> r.severity(Severity.NOTE)
                .related(s.image().get().range(), "the image compose pulls first"));
            byPath.put(key, r);
          }
          continue;
        }
        checkDockerfile(project, cp, s, b, dir, ctx, reported, byPath);
      }
    }
  }

  private static void checkDockerfile(Project project, ComposeProject cp, Service s, Build b,
      String dir, RuleContext ctx, Set<Range> reported, Map<String, RuleContext.Report> byPath) {
    String written = b.dockerfile().map(Located::value).orElse("Dockerfile");
    Optional<String> path = ComposeContexts.dockerfile(project, b);
    if (path.isEmpty() || written.startsWith("/") || written.contains("$")) return;
    String p = path.get();
    if (p.equals("..") || p.startsWith("../")) return;
    FileTree tree = project.fileTree();
    if (tree.get(p).isPresent() || TreePaths.unknown(tree, p)) return;
    // BuildKit also reads `dockerfile` for `Dockerfile` (dockerui: "dockerfile is also supported
    // casing moby/moby#10858"): Leantime's .dev/dockerfile.
    if (Paths.name(p).equals("Dockerfile")
        && tree.get(Paths.join(Paths.parent(p), "dockerfile")).isPresent()) {
      return;
    }
    // Rendered from a template beside it before the build (OneUptime's configure.sh turns each
    // Dockerfile.tpl into the Dockerfile its compose builds, which git ignores): generated.
    if (TEMPLATE_SUFFIXES.stream().anyMatch(x -> tree.isFile(p + x))) return;
    Range at = b.dockerfile().map(Located::range).orElse(b.context().range());
    if (!reported.add(at)) return;
    String key = "dockerfile " + p + ComposeTestData.directory(cp).isPresent();
    RuleContext.Report first = byPath.get(key);
    if (first != null) {
      first.related(at, "service `" + s.serviceName() + "` builds the same Dockerfile");
      return;
    }
    Optional<String> elsewhere = elsewhere(project, cp, dir, written, p);
    RuleContext.Report r = testData(cp, ctx.report(at,
        dockerfileMessage(s.serviceName(), written, TreePaths.show(dir), p, elsewhere)
            + ComposeTestData.directory(cp).map(ComposeTestData::assumption).orElse("")));
    r.related(Range.wholeFile(TreePaths.show(dir)), "build context");
    r.related(Range.wholeFile(p), "where compose looks for the Dockerfile");
    elsewhere.ifPresent(e -> r.related(Range.wholeFile(e), "a file of that name"));
    byPath.put(key, r);
  }

  /** Endings of a template a setup step renders into the file of the name without them. */
  private static final List<String> TEMPLATE_SUFFIXES =
      List.of(".tpl", ".template", ".tmpl", ".j2", ".jinja", ".jinja2", ".in");

  /**
   * The image compose pulls before it builds: a service with {@code image:} (a name with a
   * namespace, which may be published) and {@code build:} and no pull_policy that asks for a
   * build or forbids the pull (or that berth cannot read). compose-spec build.md, "Using
   * build and image": "If pull_policy is missing from the service definition, Compose attempts
   * to pull the image first and then builds from source if the image isn't found in the
   * registry or platform cache."
   */
  private static Optional<String> pulledFirst(Service s) {
    // A name without a namespace (`app`, `myapp:dev`) is almost always the local tag of the
    // build itself: its pull fails and compose builds.
    if (s.image().isEmpty() || s.image().get().value().contains("$")
        || !s.image().get().value().contains("/")) {
      return Optional.empty();
    }
    Optional<dev.berth.compose.yaml.YamlNode> policy = s.definition().get("pull_policy");
    if (policy.isPresent() && (!(policy.get() instanceof dev.berth.compose.yaml.YamlScalar y)
        || y.value().equals("build") || y.value().equals("never"))) {
      return Optional.empty();
    }
    return Optional.of(s.image().get().value());
  }

  /** A finding in a compose file that is test data nobody runs is a note (ComposeTestData). */
  private static RuleContext.Report testData(ComposeProject cp, RuleContext.Report r) {
    return ComposeTestData.directory(cp).isPresent() ? r.severity(Severity.NOTE) : r;
  }

  /**
   * Where a file the author may have meant is: the path taken relative to the compose file's
   * directory or the root (a common mix-up), or the only Dockerfile of that name in the context.
   */
  private static Optional<String> elsewhere(Project project, ComposeProject cp, String dir,
      String written, String looked) {
    List<String> candidates = new ArrayList<>();
    candidates.add(Paths.clean(Paths.join(cp.projectDirectory(), written)));
    candidates.add(Paths.clean(written));
    for (String c : candidates) {
      if (!c.equals(looked) && !c.startsWith("../") && project.fileTree().isFile(c)) {
        return Optional.of(c);
      }
    }
    if (!written.contains("/")) {
      List<String> same = project.dockerfiles().stream().map(Dockerfile::path)
          .filter(d -> Paths.name(d).equals(written))
          .filter(d -> dir.isEmpty() || d.startsWith(dir + "/"))
          .toList();
      if (same.size() == 1) return Optional.of(same.get(0));
    }
    return Optional.empty();
  }

  /** @param dir the context, root-relative */
  public static String contextMessage(String service, String dir, boolean isFile) {
    return "build context `" + TreePaths.show(dir) + "` of service `" + service + "` "
        + (isFile ? "is a file, not a directory" : "does not exist")
        + ", so `docker compose build` fails with \"unable to prepare context\"";
  }

  public static String dockerfileMessage(String service, String written, String dir,
      String looked, Optional<String> elsewhere) {
    return "Dockerfile `" + written + "` of service `" + service + "` is not in the build "
        + "context `" + dir + "`: compose reads `" + looked + "`, which does not exist, so the "
        + "build fails with \"failed to read dockerfile\""
        + elsewhere.map(e -> "; a file of that name is at `" + e + "`, but `dockerfile` is "
            + "relative to the context").orElse("");
  }
}
