package dev.berth.rules.security;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.dockerfile.StagesBuilt;
import java.util.List;
import java.util.Locale;

/**
 * {@code ADD https://...} without {@code --checksum}: the build takes whatever the URL serves that
 * day. BuildKit verifies the download when given {@code --checksum=sha256:...} (Dockerfile
 * reference, ADD --checksum). Git sources are left alone (a commit pins them).
 */
@RuleMeta(
    id = "BTH607",
    summary = "ADD downloads a URL without --checksum, so its content is not verified",
    severity = Severity.NOTE,
    category = Category.SECURITY,
    securitySeverity = "4.0")
public final class RemoteAddWithoutChecksum implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    List<Stage> built = StagesBuilt.of(dockerfile, project);
    for (Stage stage : built) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.Add add) || add.hasFlag("checksum")) continue;
        for (Word src : add.sources()) {
          String s = src.text().toLowerCase(Locale.ROOT);
          boolean http = s.startsWith("http://") || s.startsWith("https://");
          boolean git = s.endsWith(".git") || s.contains(".git#") || s.contains(".git?");
          if (http && !git) {
            ctx.report(src.range(), message(src.text()));
            break;
          }
        }
      }
    }
  }

  public static String message(String url) {
    return "ADD " + url + " takes whatever the server sends on the day of the build; add "
        + "--checksum=sha256:<digest> so BuildKit refuses anything else";
  }
}
