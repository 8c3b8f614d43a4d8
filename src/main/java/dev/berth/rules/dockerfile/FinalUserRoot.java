package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageResolver;
import dev.berth.evidence.DockerBuild;
import dev.berth.evidence.RepoEvidence;
import dev.berth.evidence.RepoImages;
import dev.berth.image.Answer;
import dev.berth.image.BaseImage;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.EntrypointScripts;
import dev.berth.image.ServiceContainers;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image's process runs as root when the final stage's last USER is root or there is none
 * (and the base image does not switch to another user). A user given by a variable is unknown:
 * no finding. A base image built by another Dockerfile of the repository is judged through that
 * Dockerfile; a Dockerfile whose image the repository only uses as such a base is not judged.
 */
@RuleMeta(
    id = "BTH007",
    summary = "The final image runs as root: its last USER is root, or no USER is set",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    precision = Precision.HIGH,
    aliases = {"DL3002"})
public final class FinalUserRoot implements DockerfileRule {
  /**
   * Official server images that start as root on purpose and drop privileges themselves: nginx and
   * httpd/php-apache/php-fpm run their workers as an unprivileged user, and the database images'
   * entrypoints re-exec the server through gosu/su-exec as its own user.
   */
  private static final Pattern DROPS_PRIVILEGES = Pattern.compile(
      "((docker\\.io/)?(library/)?)?(nginx|httpd|postgres|mysql|mariadb|mongo|redis|rabbitmq)(:.*)?"
          + "|((docker\\.io/)?(library/)?)?php:.*(apache|fpm).*");

  /** How deep one in-repository base image may build on another before berth gives up. */
  private static final int MAX_BASE_DEPTH = 4;

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Optional<Stage> last = dockerfile.finalStage();
    if (last.isEmpty() || dockerfile.escape() == '`') return; // Windows: USER semantics differ
    // The stage that runs: a Compose build.target when a service builds this Dockerfile.
    Set<Stage> run = ServiceContainers.stagesBuilt(project, dockerfile);
    if (run.isEmpty()) run = Set.of(last.get());
    for (Stage stage : run) {
      // An ENTRYPOINT script that starts as root to fix ownership and then drops privileges.
      if (EntrypointScripts.of(project).dropsPrivileges(dockerfile, stage) == Answer.YES) continue;
      String which = stage == last.get() ? "the final stage"
          : "stage '" + stage.reference() + "' (the compose build target)";
      Optional<Verdict> root = judge(project, dockerfile, stage, 0);
      // A base image built here for other Dockerfiles: no container runs it as it is. Asked
      // only when there is something to report, so the repository is read only then.
      if (root.isEmpty() || (project.dockerfiles().size() > 1
          && RepoImages.of(project).onlyBaseOf(dockerfile).isPresent())) {
        continue;
      }
      root.get().report(which, stage, ctx);
    }
  }

  /** Why a stage runs as root: its own USER, or a base image (maybe one built here) that does. */
  private sealed interface Verdict {
    void report(String which, Stage judged, RuleContext ctx);
  }

  /** The stage chain sets USER root (or 0) at {@code at}. */
  private record RootUser(Instruction.User at, String name) implements Verdict {
    @Override
    public void report(String which, Stage judged, RuleContext ctx) {
      ctx.report(at.range(), messageRoot(which, name));
    }
  }

  /** No USER anywhere down to {@code base}, an image the catalog knows to run as root. */
  private record RootBase(String base) implements Verdict {
    @Override
    public void report(String which, Stage judged, RuleContext ctx) {
      ctx.report(judged.from().range(), messageMissing(which, base));
    }
  }

  /** No USER down to {@code image}, built in this repository, whose own verdict is {@code inner}. */
  private record RepoBase(String image, RepoImages.Built built, Verdict inner, Range innerAt)
      implements Verdict {
    @Override
    public void report(String which, Stage judged, RuleContext ctx) {
      ctx.report(judged.from().range(), messageRepoBase(which, image, built.dockerfile()))
          .related(innerAt, inner instanceof RootUser u ? "sets USER " + u.name()
              : "sets no USER; its base image '" + ((RootBase) inner).base() + "' runs as root")
          .related(built.evidence(), "the repository builds '" + image + "' from "
              + built.dockerfile() + " here");
    }
  }

  private static Optional<Verdict> judge(Project project, Dockerfile dockerfile, Stage stage,
      int depth) {
    for (Stage s = stage; s != null; ) {
      Optional<Instruction.User> user = s.last(Instruction.User.class);
      if (user.isPresent()) {
        String name = user.get().user().text();
        return isRoot(name) ? Optional.of(new RootUser(user.get(), name)) : Optional.empty();
      }
      Optional<Stage> parent = CopyFromStageCycle.StageGraph.resolveBase(dockerfile, s);
      if (parent.isEmpty()) return externalBase(project, dockerfile, s, depth);
      s = parent.get();
    }
    return Optional.empty();
  }

  private static Optional<Verdict> externalBase(Project project, Dockerfile dockerfile, Stage s,
      int depth) {
    String image = s.from().image().text();
    Optional<Verdict> inRepo = repoBase(project, dockerfile, s, depth);
    if (inRepo.isPresent() || image.contains("$")
        || DROPS_PRIVILEGES.matcher(image.toLowerCase(Locale.ROOT)).matches()) {
      return inRepo;
    }
    // Only a base image the catalog knows to run as root is judged: an unknown image may
    // well set its own USER (grafana, chainguard, bitnami, ...), so it is an unknown, not a no.
    Optional<BaseImage> base = BaseImageCatalog.standard().lookup(image);
    if (base.isEmpty() || !isRoot(base.get().defaultUser())) return Optional.empty();
    return Optional.of(new RootBase(image));
  }

  /**
   * A base image another Dockerfile of this repository builds: the image that runs is that
   * Dockerfile's final stage with this one on top, so it is judged through it. The FROM is read
   * with its ARG defaults; when the repository passes that ARG another value, the base is unknown.
   */
  private static Optional<Verdict> repoBase(Project project, Dockerfile dockerfile, Stage s,
      int depth) {
    if (depth >= MAX_BASE_DEPTH || project.dockerfiles().size() < 2) return Optional.empty();
    String raw = s.from().image().text();
    if (!raw.contains("$") && BaseImageCatalog.standard().lookup(raw).isPresent()) {
      return Optional.empty();
    }
    Optional<String> image = StageResolver.resolve(dockerfile).get(s.index()).baseName()
        .knownValue();
    if (image.isEmpty() || BaseImageCatalog.standard().lookup(image.get()).isPresent()) {
      return Optional.empty();
    }
    Optional<RepoImages.Built> built = RepoImages.of(project).builtFrom(image.get());
    Optional<Dockerfile> base = built.flatMap(b -> project.dockerfile(b.dockerfile()))
        .filter(b -> b != dockerfile);
    if (base.isEmpty() || base.get().finalStage().isEmpty()
        || argOverridden(project, dockerfile, s)) {
      return Optional.empty();
    }
    Stage top = base.get().finalStage().get();
    return judge(project, base.get(), top, depth + 1).map(v -> new RepoBase(image.get(),
        built.get(), v, v instanceof RootUser u ? u.at().range() : top.from().range()));
  }

  /** The repository builds this Dockerfile passing a value for an ARG its FROM uses. */
  private static boolean argOverridden(Project project, Dockerfile dockerfile, Stage s) {
    String text = s.from().image().text();
    if (!text.contains("$")) return false;
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(dockerfile.path())) {
      for (String arg : b.buildArgs().keySet()) {
        if (text.contains("$" + arg) || text.contains("${" + arg)) return true;
      }
    }
    return false;
  }

  static boolean isRoot(String user) {
    String u = user.trim();
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.equals("root") || name.equals("0");
  }

  public static String messageRoot(String which, String user) {
    return which + " sets USER " + user + ": the container's process runs as root";
  }

  public static String messageRepoBase(String which, String image, String builtFrom) {
    return which + " sets no USER and its base image '" + image + "', built from " + builtFrom
        + " in this repository, runs as root: the container's process runs as root";
  }

  public static String messageMissing(String which, String baseImage) {
    return which + " sets no USER and its base image '" + baseImage + "' runs as root: "
        + "the container's process runs as root";
  }
}
