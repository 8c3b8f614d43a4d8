package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image's process runs as root when the final stage's last USER is root or there is none
 * (and the base image does not switch to another user). A user given by a variable is unknown:
 * no finding.
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
      check(dockerfile, stage, which, ctx);
    }
  }

  private static void check(Dockerfile dockerfile, Stage stage, String which, RuleContext ctx) {
    for (Stage s = stage; s != null; ) {
      Optional<Instruction.User> user = s.last(Instruction.User.class);
      if (user.isPresent()) {
        String name = user.get().user().text();
        if (isRoot(name)) ctx.report(user.get().range(), messageRoot(which, name));
        return;
      }
      Optional<Stage> parent = CopyFromStageCycle.StageGraph.resolveBase(dockerfile, s);
      if (parent.isEmpty()) {
        String image = s.from().image().text();
        if (image.contains("$") || DROPS_PRIVILEGES.matcher(image.toLowerCase(Locale.ROOT)).matches()) {
          return;
        }
        // Only a base image the catalog knows to run as root is judged: an unknown image may
        // well set its own USER (grafana, chainguard, bitnami, ...), so it is an unknown, not a no.
        Optional<BaseImage> base = BaseImageCatalog.standard().lookup(image);
        if (base.isEmpty() || !isRoot(base.get().defaultUser())) return;
        ctx.report(stage.from().range(), messageMissing(which, image));
        return;
      }
      s = parent.get();
    }
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

  public static String messageMissing(String which, String baseImage) {
    return which + " sets no USER and its base image '" + baseImage + "' runs as root: "
        + "the container's process runs as root";
  }
}
