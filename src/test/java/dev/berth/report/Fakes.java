package dev.berth.report;

import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Finding;
import dev.berth.rules.Fix;
import dev.berth.rules.Precision;
import dev.berth.rules.Related;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.Suppression;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.project.ProjectFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Test-only rules and findings, shared by the report and cli tests. */
public final class Fakes {
  private Fakes() {}

  @RuleMeta(id = "BTH901", summary = "A stage name is declared twice.", severity = Severity.ERROR,
      category = Category.BUG, precision = Precision.VERY_HIGH, aliases = {"DL3024"})
  public static final class DuplicateStage implements DockerfileRule {
    @Override
    public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {}
  }

  @RuleMeta(id = "BTH902", summary = "A secret is passed as a build argument.",
      severity = Severity.WARNING, category = Category.SECURITY, precision = Precision.MEDIUM)
  public static final class SecretInArg implements DockerfileRule {
    @Override
    public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {}
  }

  public static final RuleInfo DUP = RuleInfo.of(DuplicateStage.class);
  public static final RuleInfo SECRET = RuleInfo.of(SecretInArg.class);

  public static final String DOCKERFILE = """
      FROM alpine AS build
      ARG TOKEN
      FROM alpine AS build
      """;

  public static Project project(Path root) {
    return new Project(root, BerthConfig.defaults(),
        List.of(new ProjectFile("app/Dockerfile", ProjectFile.Kind.DOCKERFILE),
            new ProjectFile("compose.yaml", ProjectFile.Kind.COMPOSE)),
        List.of(), List.of(), List.of(new SourceFile("app/Dockerfile", DOCKERFILE)));
  }

  /** An error with a related location and a fix, at app/Dockerfile:3:16-21. */
  public static Finding duplicate() {
    return new Finding(DUP, Severity.ERROR, new Range("app/Dockerfile", 3, 16, 3, 21),
        "stage name \"build\" is already used by stage 0",
        List.of(new Related(new Range("app/Dockerfile", 1, 16, 1, 21), "first declared here")),
        List.of(new Fix("rename the stage to build-2", List.of(new dev.berth.source.TextEdit(
            new Range("app/Dockerfile", 3, 16, 3, 21), "build-2")))),
        Optional.empty());
  }

  /** A suppressed warning at app/Dockerfile:2:5-10. */
  public static Finding secret() {
    return new Finding(SECRET, Severity.WARNING, new Range("app/Dockerfile", 2, 5, 2, 10),
        "TOKEN is passed as a build argument", List.of(), List.of(), Optional.empty())
        .withSuppression(new Suppression(Suppression.Kind.IN_SOURCE, "dev-only image",
            Range.point("app/Dockerfile", 1, 1)));
  }
}
