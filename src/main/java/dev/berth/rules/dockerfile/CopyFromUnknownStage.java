package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.EditDistance;
import dev.berth.dockerfile.OfficialImages;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code --from} value that is not a stage is an image to BuildKit, which tries to pull it. For
 * a name one typo away from a real stage, that pull is certainly not what the author meant and
 * fails the build ("pull access denied"). A stage index past the last stage is refused by BuildKit
 * before the build ("invalid stage index"), which the parser reports (BTH001).
 */
@RuleMeta(
    id = "BTH003",
    summary = "COPY --from names a stage that does not exist; BuildKit will try to pull it as an image",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH,
    aliases = {"DL3022"})
public final class CopyFromUnknownStage implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      for (Instruction.FileTransfer copy : stage.all(Instruction.FileTransfer.class)) {
        Optional<Flag> from = copy.flag("from");
        if (from.isEmpty() || from.get().value().isEmpty()) continue;
        String ref = from.get().value().get();
        if (ref.contains("$") || dockerfile.stage(ref).isPresent()) continue;
        if (ref.chars().allMatch(Character::isDigit)) continue; // BuildKit's own error: BTH001
        nearest(dockerfile, ref).ifPresent(near -> ctx.report(from.get().range(),
                messageTypo(ref, near.reference()))
            .related(near.from().range(), "stage '" + near.reference() + "' is declared here"));
      }
    }
  }

  public static String messageTypo(String ref, String stage) {
    return "--from=" + ref + " names no stage; did you mean '" + stage + "'? BuildKit will try "
        + "to pull an image called '" + ref + "'";
  }

  /** A stage whose name is within two edits of {@code ref}; image-looking refs are left alone. */
  private static Optional<Stage> nearest(Dockerfile df, String ref) {
    String lower = ref.toLowerCase(Locale.ROOT);
    if (ref.contains("/") || ref.contains(":") || ref.contains("@") || ref.length() < 4
        || OfficialImages.contains(lower)) {
      return Optional.empty(); // --from=node or --from=docker names a real image
    }
    Stage best = null;
    int bestDistance = 3;
    for (Stage s : df.stages()) {
      if (s.name().isEmpty()) continue;
      int d = EditDistance.between(lower, s.name().get(), 3);
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
