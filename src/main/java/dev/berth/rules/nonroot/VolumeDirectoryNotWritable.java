package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.runtime.ImageRun;
import dev.berth.image.Access;
import dev.berth.image.Identity;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * A {@code VOLUME} of the image whose directory belongs to root and is not writable by the
 * runtime user: each new anonymous volume starts as a copy of that directory, owner and mode
 * included, so the user cannot write the volume.
 */
@RuleMeta(
    id = "BTH211",
    summary = "A VOLUME directory belongs to root, so every new volume there is not writable by the runtime user",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class VolumeDirectoryNotWritable implements DockerfileRule {

  public static String message(String path, Identity who, String blocking) {
    return "VOLUME " + path + " starts with the owner and mode of " + blocking + ", which "
        + who.describe("USER") + " cannot write, so writes to the volume fail with 'Permission denied'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (ImageRun image : ImageRun.of(project, df)) {
      Identity who = image.runner().who();
      if (!image.runner().judged()) continue;
      for (StageSimulation.VolumeDecl v : image.sim().volumes()) {
        if (image.view().mountedOver(v)) continue;
        Access a = image.view().filesystem().canWrite(who, v.path());
        if (a.denied() && a.blockingPath().filter(v.path()::equals).isPresent()) {
          RootOwned.report(ctx, v.range(), message(v.path(), who, a.blocking()), a,
              image.runner());
        }
      }
    }
  }
}
