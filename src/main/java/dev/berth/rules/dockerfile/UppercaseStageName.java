package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.Locale;

/**
 * BuildKit's StageNameCasing ({@code instructions/parse.go}): a stage name written with capital
 * letters. BuildKit lower-cases stage names, so {@code --from=Builder} and {@code --target Builder}
 * still find {@code AS builder}; the mixed case only makes names look like keywords. A FROM is
 * different: BuildKit looks its name up as written ({@code dispatchStates.addState}), so
 * {@code FROM Builder} is not the stage but an image name, and an invalid one.
 */
@RuleMeta(
    id = "BTH010",
    summary = "A stage name has upper-case letters; BuildKit lower-cases stage names",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"StageNameCasing"})
public final class UppercaseStageName implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      if (stage.from().stageName().isEmpty()) continue;
      Word name = stage.from().stageName().get();
      String lower = name.text().toLowerCase(Locale.ROOT);
      if (lower.equals(name.text())) continue;
      ctx.report(name.range(), message(name.text()))
          .fix("Write '" + lower + "'", new TextEdit(name.range(), lower));
    }
  }

  public static String message(String name) {
    return "stage name '" + name + "' is not lower-case: BuildKit lower-cases stage names, so "
        + "COPY --from and --target find it in any case, but a FROM must name it in lower case";
  }
}
