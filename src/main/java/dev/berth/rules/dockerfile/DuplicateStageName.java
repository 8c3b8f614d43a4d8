package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.HashMap;
import java.util.Map;

/** Stage names are matched case-insensitively, so {@code AS Build} and {@code AS build} clash. */
@RuleMeta(
    id = "BTH004",
    summary = "Two stages have the same name; --from and --target cannot tell them apart",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH,
    aliases = {"DL3024", "DuplicateStageName"})
public final class DuplicateStageName implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Map<String, Stage> first = new HashMap<>();
    for (Stage stage : dockerfile.stages()) {
      if (stage.name().isEmpty()) continue;
      Stage earlier = first.putIfAbsent(stage.name().get(), stage);
      if (earlier != null) {
        ctx.report(stage.from().stageName().orElseThrow().range(), message(stage.name().get()))
            .related(earlier.from().stageName().orElseThrow().range(),
                "'" + stage.name().get() + "' is first declared here");
      }
    }
  }

  public static String message(String name) {
    return "duplicate stage name '" + name + "': stage names must be unique";
  }
}
