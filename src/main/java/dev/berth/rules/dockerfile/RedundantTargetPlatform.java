package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Vars;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.Optional;

/**
 * BuildKit's RedundantTargetPlatform ({@code reportRedundantTargetPlatform}): {@code FROM
 * --platform=$TARGETPLATFORM}, which is what FROM uses anyway. Like BuildKit, only a value that
 * references TARGETPLATFORM alone and expands to exactly its value counts.
 */
@RuleMeta(
    id = "BTH020",
    summary = "FROM --platform=$TARGETPLATFORM repeats the default",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"RedundantTargetPlatform", "DL3065"})
public final class RedundantTargetPlatform implements DockerfileRule {
  /** Stands for the target platform's value, which berth does not know. */
  private static final String SENTINEL = "\u0000target-platform";

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    Vars global = StageResolver.globalArgs(dockerfile, null)
        .with("TARGETPLATFORM", Optional.of(SENTINEL));
    for (Stage stage : dockerfile.stages()) {
      Optional<Flag> platform = stage.from().flag("platform");
      if (platform.isEmpty() || platform.get().value().isEmpty()) continue;
      String value = platform.get().value().get();
      if (value.chars().filter(c -> c == '$').count() != 1) continue;
      Expansion e = ex.word(value, global);
      if (!e.known() || !e.unset().isEmpty() || !e.value().equals(SENTINEL)) continue;
      Range flag = platform.get().range();
      Range through = new Range(flag.file(), flag.startLine(), flag.startColumn(),
          stage.from().image().range().startLine(), stage.from().image().range().startColumn());
      ctx.report(flag, message(value))
          .fix("Remove --platform", new TextEdit(through, ""));
    }
  }

  public static String message(String value) {
    return "--platform=" + value + " is redundant: FROM uses the target platform by default";
  }
}
