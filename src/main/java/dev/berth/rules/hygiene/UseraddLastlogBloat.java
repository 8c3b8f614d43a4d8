package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code useradd -u <large uid>} without {@code -l}: shadow's useradd records the new user in
 * /var/log/lastlog and /var/log/faillog, sparse files indexed by UID, and an image layer stores
 * them at full size (useradd(8), -l: "Do not add the user to the lastlog and faillog databases").
 * Judged from UID 100000 on, as hadolint does; a UID from a variable is not judged.
 */
@RuleMeta(
    id = "BTH514",
    summary = "useradd with a large UID and without -l writes a huge sparse lastlog into the image",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3046"})
public final class UseraddLastlogBloat implements DockerfileRule {
  /** sizeof(struct lastlog) on Linux: time (4) + line (32) + host (256). */
  private static final long LASTLOG_ENTRY = 292;

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      for (SimpleCommand c : site.script().commands()) {
        Optional<CommandLine> l = CommandLine.of(c, Set.of("useradd"));
        if (l.isEmpty() || l.get().opaque()) continue;
        if (l.get().hasShort('l') || l.get().hasLong("no-log-init")) continue;
        List<String> uids = l.get().optionValues("u", "uid");
        if (uids.isEmpty() || !uids.get(0).matches("\\d{6,9}")) continue;
        long uid = Long.parseLong(uids.get(0));
        ctx.report(site.script().range(c), message(uid));
      }
    }
  }

  public static String message(long uid) {
    long mb = Math.round(uid * LASTLOG_ENTRY / 1_000_000.0);
    return "useradd -u " + uid + " without -l writes the user into /var/log/lastlog, a sparse "
        + "file sized by the UID that the image layer stores in full (about " + mb + " MB); add "
        + "-l (--no-log-init)";
  }
}
