package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.context.SourceMatch.Outcome;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildContextsTest {

  private static List<SourceMatch> matches(Project p, String dockerfile, int line) {
    BuildContexts facts = BuildContexts.of(p);
    Dockerfile df = p.dockerfile(dockerfile).orElseThrow();
    BuildContext ctx = facts.forDockerfile(dockerfile).get(0);
    Instruction.FileTransfer t = df.instructions().stream()
        .filter(i -> i.range().startLine() == line)
        .map(Instruction.FileTransfer.class::cast).findFirst().orElseThrow();
    return facts.sources(ctx, t);
  }

  private static Project monorepo(String dockerfile) {
    return monorepoTree(dockerfile).build();
  }

  private static TestProjects monorepoTree(String dockerfile) {
    return TestProjects.create()
        .paths("package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml",
            "packages/ui/package.json", "packages/ui/index.ts",
            "apps/web/package.json", "apps/web/src/page.tsx")
        .dockerfile("apps/web/Dockerfile", dockerfile);
  }

  @Test
  void lockfileAtTheWorkspaceRootIsOutsideAPackageContext() {
    // src/ exists only in the package, so the package directory stays the context
    Project p = monorepo("FROM node:20\nCOPY package.json pnpm-lock.yaml ./\nCOPY src ./src\n");
    BuildContext ctx = BuildContexts.of(p).forDockerfile("apps/web/Dockerfile").get(0);
    assertEquals(new ContextLocation.Local("apps/web"), ctx.location());
    assertEquals(BuildContext.Origin.ASSUMED, ctx.origin());
    assertInstanceOf(BuildContext.IgnoreFile.None.class, ctx.ignore());
    List<SourceMatch> m = matches(p, "apps/web/Dockerfile", 2);
    assertEquals(Outcome.MATCHED, m.get(0).outcome());
    assertEquals(List.of("package.json"), m.get(0).files());
    assertEquals(Outcome.OUTSIDE_CONTEXT, m.get(1).outcome());
    assertEquals(Optional.of("pnpm-lock.yaml"), m.get(1).elsewhere());
    assertEquals(2, m.get(1).range().startLine());
    assertEquals(19, m.get(1).range().startColumn());
  }

  @Test
  void dotDotIsCleanedInsideTheContextAsBuildKitDoes() {
    Project p = monorepo("FROM node:20\nCOPY ../../pnpm-lock.yaml ../package.json ./\n"
        + "COPY ../../packages/ui ./ui\nCOPY src ./src\n");
    List<SourceMatch> m = matches(p, "apps/web/Dockerfile", 2);
    // ../../pnpm-lock.yaml is looked up as /pnpm-lock.yaml inside the context: not there
    assertEquals(Outcome.OUTSIDE_CONTEXT, m.get(0).outcome());
    assertEquals("pnpm-lock.yaml", m.get(0).resolved());
    assertEquals(Optional.of("pnpm-lock.yaml"), m.get(0).elsewhere());
    // ../package.json is clamped to the context's own package.json
    assertEquals(Outcome.MATCHED, m.get(1).outcome());
    assertEquals(List.of("package.json"), m.get(1).files());
    List<SourceMatch> ui = matches(p, "apps/web/Dockerfile", 3);
    assertEquals(Outcome.OUTSIDE_CONTEXT, ui.get(0).outcome());
    assertEquals(Optional.of("packages/ui"), ui.get(0).elsewhere());
  }

  @Test
  void aDockerfileWhoseSourcesOnlyResolveFromTheRootIsTakenToBeBuiltFromThere() {
    Project p = monorepo("FROM node:20\nCOPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./\n"
        + "COPY apps/web/package.json apps/web/\nCOPY apps/web/src apps/web/src\n");
    BuildContext ctx = BuildContexts.of(p).forDockerfile("apps/web/Dockerfile").get(0);
    assertEquals(new ContextLocation.Local(""), ctx.location());
    assertEquals(BuildContext.Origin.INFERRED, ctx.origin());
    assertEquals(Outcome.MATCHED, matches(p, "apps/web/Dockerfile", 3).get(0).outcome());
  }

  @Test
  void noAncestorFitsEitherSoTheDockerfileDirectoryStays() {
    Project p = monorepo("FROM node:20\nCOPY pnpm-lock.yaml ./\nCOPY src ./src\n");
    BuildContext ctx = BuildContexts.of(p).forDockerfile("apps/web/Dockerfile").get(0);
    assertEquals(new ContextLocation.Local("apps/web"), ctx.location());
    assertEquals(BuildContext.Origin.ASSUMED, ctx.origin());
  }

  @Test
  void sourceMissingEverywhere() {
    Project p = monorepo("FROM node:20\nCOPY yarn.lock ./\n");
    SourceMatch m = matches(p, "apps/web/Dockerfile", 2).get(0);
    assertEquals(Outcome.MISSING, m.outcome());
    assertTrue(m.fails());
  }

  private static TestProjects python(String ignore) {
    return TestProjects.create()
        .paths("api/pyproject.toml", "api/poetry.lock", "api/requirements.txt",
            "api/requirements-dev.txt", "api/app/main.py", "api/app/__pycache__/main.pyc",
            "api/.env")
        .file("api/.dockerignore", ignore)
        .file(".gitignore", "__pycache__/\n.env\n");
  }

  @Test
  void dockerignorePatternThatExcludesASourceIsNamed() {
    Project p = python("# lockfiles are regenerated\n*.lock\n")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY pyproject.toml poetry.lock ./\n")
        .build();
    BuildContext ctx = BuildContexts.of(p).forDockerfile("api/Dockerfile").get(0);
    assertEquals("api/.dockerignore", ctx.dockerIgnore().orElseThrow().path());
    SourceMatch lock = matches(p, "api/Dockerfile", 2).get(1);
    assertEquals(Outcome.EXCLUDED, lock.outcome());
    assertEquals("*.lock", lock.excludedBy().orElseThrow().text());
    assertEquals(2, lock.excludedBy().orElseThrow().range().startLine());
  }

  @Test
  void exceptionReIncludesTheSource() {
    Project p = python("*.lock\n!poetry.lock\n")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY poetry.lock ./\n").build();
    assertEquals(Outcome.MATCHED, matches(p, "api/Dockerfile", 2).get(0).outcome());
  }

  @Test
  void dockerfileSpecificIgnoreFileWins() {
    Project p = python("*.lock\n")
        .file("api/Dockerfile.dockerignore", ".env\n")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY poetry.lock .env ./\n").build();
    BuildContext ctx = BuildContexts.of(p).forDockerfile("api/Dockerfile").get(0);
    assertEquals("api/Dockerfile.dockerignore", ctx.dockerIgnore().orElseThrow().path());
    List<SourceMatch> m = matches(p, "api/Dockerfile", 2);
    assertEquals(Outcome.MATCHED, m.get(0).outcome());
    assertEquals(Outcome.EXCLUDED, m.get(1).outcome());
  }

  @Test
  void gitIgnoredFileIsOnlyOnDeveloperMachines() {
    Project p = python("").dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY .env ./\n")
        .build();
    SourceMatch m = matches(p, "api/Dockerfile", 2).get(0);
    assertEquals(Outcome.DEVELOPER_ONLY, m.outcome());
    assertEquals(".env", m.gitIgnoredBy().orElseThrow().pattern());
  }

  @Test
  void wildcardsDirectoriesAndTheTwoViews() {
    Project p = python("**/*.lock\n")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY requirements*.txt ./\n"
            + "COPY *.lock ./\nCOPY app/ ./app/\nCOPY . .\n").build();
    SourceMatch req = matches(p, "api/Dockerfile", 2).get(0);
    assertEquals(Outcome.MATCHED, req.outcome());
    assertEquals(List.of("requirements-dev.txt", "requirements.txt"), req.files());
    SourceMatch lock = matches(p, "api/Dockerfile", 3).get(0);
    assertEquals(Outcome.EMPTY_WILDCARD, lock.outcome());
    assertEquals("**/*.lock", lock.excludedBy().orElseThrow().text());
    SourceMatch app = matches(p, "api/Dockerfile", 4).get(0);
    // the clean clone has no __pycache__ (git-ignored)
    assertEquals(List.of("app/main.py"), app.files());
    ContextFiles files = BuildContexts.of(p).files(
        BuildContexts.of(p).forDockerfile("api/Dockerfile").get(0)).orElseThrow();
    assertEquals(List.of(".dockerignore", ".env", "Dockerfile", "app/__pycache__/main.pyc",
        "app/main.py", "pyproject.toml", "requirements-dev.txt", "requirements.txt"),
        files.filesUnder("", View.DEVELOPER));
    assertEquals(List.of(".dockerignore", "Dockerfile", "app/main.py", "pyproject.toml",
        "requirements-dev.txt", "requirements.txt"),
        files.filesUnder("", View.CLEAN_CLONE));
  }

  @Test
  void fromStagesUrlsVariablesAndPrunedDirectoriesAreNotJudged() {
    Project p = TestProjects.create().paths("web/package.json", "web/node_modules/")
        .dockerfile("web/Dockerfile", "FROM node:20 AS deps\nCOPY --from=deps /app /app\n"
            + "ADD https://example.com/x.tgz /x\nCOPY $APP_DIR ./\nCOPY node_modules/react ./\n")
        .build();
    assertEquals(Outcome.NOT_FROM_CONTEXT, matches(p, "web/Dockerfile", 2).get(0).outcome());
    assertEquals(Outcome.NOT_FROM_CONTEXT, matches(p, "web/Dockerfile", 3).get(0).outcome());
    assertEquals(Outcome.UNKNOWN, matches(p, "web/Dockerfile", 4).get(0).outcome());
    assertEquals(Outcome.UNKNOWN, matches(p, "web/Dockerfile", 5).get(0).outcome());
  }

  @Test
  void parentsKeepsDirectoriesAndAllowsDoubleStar() {
    Project p = TestProjects.create()
        .paths("package.json", "packages/a/package.json", "packages/b/package.json",
            "packages/b/src/x.ts")
        .dockerfile("Dockerfile", "FROM node:20\nCOPY --parents packages/*/package.json ./\n"
            + "COPY --parents ./packages/./**/x.ts ./\nCOPY --parents packages/c/package.json ./\n")
        .build();
    SourceMatch a = matches(p, "Dockerfile", 2).get(0);
    assertEquals(List.of("packages/a/package.json", "packages/b/package.json"), a.files());
    assertEquals(List.of("packages/b/src/x.ts"), matches(p, "Dockerfile", 3).get(0).files());
    assertEquals(Outcome.MISSING, matches(p, "Dockerfile", 4).get(0).outcome());
  }

  @Test
  void bindMountSourcesComeFromTheContextUnlessFrom() {
    Project p = TestProjects.create().paths("svc/requirements.txt")
        .dockerfile("svc/Dockerfile", "FROM python:3.12\n"
            + "RUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install -r /r.txt\n"
            + "RUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync\n"
            + "RUN --mount=type=bind,from=builder,source=/out,target=/o ls\n")
        .build();
    BuildContexts f = BuildContexts.of(p);
    BuildContext ctx = f.forDockerfile("svc/Dockerfile").get(0);
    List<Instruction.Run> runs = p.dockerfile("svc/Dockerfile").orElseThrow().instructions()
        .stream().filter(Instruction.Run.class::isInstance).map(Instruction.Run.class::cast)
        .toList();
    assertEquals(Outcome.MATCHED, f.mountSource(ctx, runs.get(0).mounts().get(0)).outcome());
    assertEquals(Outcome.MISSING, f.mountSource(ctx, runs.get(1).mounts().get(0)).outcome());
    assertEquals(Outcome.NOT_FROM_CONTEXT,
        f.mountSource(ctx, runs.get(2).mounts().get(0)).outcome());
  }

  @Test
  void malformedIgnorePatternsAreReportedOncePerFile() {
    Project p = TestProjects.create().paths("a/x", "b/y")
        .file("a/.dockerignore", "ok\n[z-\n")
        .dockerfile("a/Dockerfile", "FROM alpine\nCOPY x /\n")
        .dockerfile("a/Dockerfile.dev", "FROM alpine\nCOPY x /\n")
        .build();
    var d = BuildContexts.of(p).diagnostics();
    assertEquals(1, d.size());
    assertEquals(new dev.berth.source.Range("a/.dockerignore", 2, 1, 2, 4), d.get(0).range());
  }

  @Test
  void excludedDirectoryWithReIncludedChildStillExists() {
    Project p = TestProjects.create().paths("c/config/app.yaml", "c/config/secret.yaml")
        .file("c/.dockerignore", "config\n!config/app.yaml\n")
        .dockerfile("c/Dockerfile", "FROM alpine\nCOPY config /config\nCOPY config/secret.yaml /\n")
        .build();
    SourceMatch dir = matches(p, "c/Dockerfile", 2).get(0);
    assertEquals(Outcome.MATCHED, dir.outcome());
    assertEquals(List.of("config/app.yaml"), dir.files());
    assertEquals(Outcome.EXCLUDED, matches(p, "c/Dockerfile", 3).get(0).outcome());
  }

  @Test
  void aTargetNoStageHasBuildsNothingToJudgeAndNamedContextsHideStages() {
    Dockerfile df = TestProjects.parse(new dev.berth.source.SourceFile("Dockerfile",
        "FROM alpine AS libs\nRUN true\nFROM alpine AS app\nCOPY --from=libs /x /x\n"
            + "FROM app AS dev\n"));
    assertEquals(List.of(), StageGraph.reachable(df, Optional.of("prod")));
    assertEquals(List.of(0, 1, 2), StageGraph.reachable(df, Optional.empty()).stream()
        .map(dev.berth.dockerfile.Stage::index).toList());
    assertEquals(List.of(1), StageGraph.reachable(df, Optional.of("app"),
        java.util.Set.of("libs")).stream().map(dev.berth.dockerfile.Stage::index).toList());
  }

  @Test
  void eachWayTheRepositoryBuildsADockerfileIsABuild() {
    Project p = monorepoTree("FROM node:20\nCOPY package.json ./\n")
        .file("Makefile", "web:\n\tdocker build -f apps/web/Dockerfile -t web .\n"
            + "web-local:\n\tcd apps/web && docker build -t web --target dev .\n"
            + "again:\n\tdocker build -f apps/web/Dockerfile -t web2 .\n")
        .build();
    List<BuildContext> builds = BuildContexts.of(p).forDockerfile("apps/web/Dockerfile");
    assertEquals(List.of(new ContextLocation.Local(""), new ContextLocation.Local("apps/web")),
        builds.stream().map(BuildContext::location).toList());
    assertEquals(BuildContext.Origin.EVIDENCED, builds.get(0).origin());
    // the same build written twice is one build citing both lines
    assertEquals(List.of(2, 6), builds.get(0).definedAt().stream()
        .map(r -> r.startLine()).toList());
    assertEquals(Optional.of("dev"), builds.get(1).target());
    assertEquals(Optional.empty(), BuildContexts.of(p).fit("apps/web/Dockerfile"));
  }

  @Test
  void anUnknownContextOrTargetInTheEvidenceIsAnUnknownLocation() {
    Project p = monorepoTree("FROM node:20\nCOPY package.json ./\n")
        .file("build.sh", "docker build -f apps/web/Dockerfile $CTX\n"
            + "docker build -f apps/web/Dockerfile --target \"$T\" .\n")
        .build();
    List<BuildContext> builds = BuildContexts.of(p).forDockerfile("apps/web/Dockerfile");
    assertEquals(2, builds.size());
    assertInstanceOf(ContextLocation.Unknown.class, builds.get(0).location());
    assertInstanceOf(ContextLocation.Unknown.class, builds.get(1).location());
  }

  @Test
  void howManyDirectoriesHoldEverySourceDecidesInferredOrAssumed() {
    // package.json is in apps/web and at the root: either would do
    Project several = monorepo("FROM node:20\nCOPY package.json ./\n");
    assertEquals(Optional.of(BuildContexts.Fit.SEVERAL),
        BuildContexts.of(several).fit("apps/web/Dockerfile"));
    assertEquals(BuildContext.Origin.ASSUMED,
        BuildContexts.of(several).forDockerfile("apps/web/Dockerfile").get(0).origin());
    // nothing fits both the lockfile (root only) and src/ (apps/web only)
    Project none = monorepo("FROM node:20\nCOPY pnpm-lock.yaml ./\nCOPY src ./src\n");
    assertEquals(Optional.of(BuildContexts.Fit.NONE),
        BuildContexts.of(none).fit("apps/web/Dockerfile"));
    // a file that exists nowhere proves nothing; src/ alone pins apps/web
    Project one = monorepo("FROM node:20\nCOPY yarn.lock ./\nCOPY src ./src\n");
    assertEquals(Optional.of(BuildContexts.Fit.ONE),
        BuildContexts.of(one).fit("apps/web/Dockerfile"));
    assertEquals(new ContextLocation.Local("apps/web"),
        BuildContexts.of(one).forDockerfile("apps/web/Dockerfile").get(0).location());
  }

  @Test
  void aLinkOutOfACandidateContextHoldsNothingForABuildFromThere() {
    // passbolt_docker: debian/conf -> ../conf and debian/scripts -> ../scripts. BuildKit
    // resolves links inside the context, so only a build from the root gets the files.
    Project p = TestProjects.create()
        .paths("conf/supervisor/cron.conf", "scripts/entrypoint.sh")
        .symlink("debian/conf", "conf").symlink("debian/scripts", "scripts")
        .dockerfile("debian/Dockerfile", "FROM debian:12\nCOPY conf/supervisor/cron.conf /etc/\n"
            + "COPY scripts/entrypoint.sh /\n")
        .build();
    assertEquals(Optional.of(BuildContexts.Fit.ONE),
        BuildContexts.of(p).fit("debian/Dockerfile"));
    assertEquals(new ContextLocation.Local(""),
        BuildContexts.of(p).forDockerfile("debian/Dockerfile").get(0).location());
    // a link that stays inside the candidate is followed: app/ holds app/current/x too
    Project inside = TestProjects.create()
        .paths("app/releases/1/x", "x/y")
        .symlink("app/current", "app/releases/1")
        .dockerfile("app/Dockerfile", "FROM debian:12\nCOPY current/x /x\n")
        .build();
    assertEquals(Optional.of(BuildContexts.Fit.ONE),
        BuildContexts.of(inside).fit("app/Dockerfile"));
    assertEquals(new ContextLocation.Local("app"),
        BuildContexts.of(inside).forDockerfile("app/Dockerfile").get(0).location());
  }

  @Test
  void aMissingSourceGitIgnoresIsGeneratedNotMissing() {
    Project p = monorepoTree("FROM node:20\nCOPY dist/ ./dist/\nCOPY build/ ./build/\n")
        .file(".gitignore", "dist\n")
        .build();
    List<SourceMatch> m = matches(p, "apps/web/Dockerfile", 2);
    assertEquals(Outcome.GENERATED, m.get(0).outcome());
    assertEquals(1, m.get(0).gitIgnoredBy().orElseThrow().range().startLine());
    assertEquals(Outcome.MISSING, matches(p, "apps/web/Dockerfile", 3).get(0).outcome());
  }
}
