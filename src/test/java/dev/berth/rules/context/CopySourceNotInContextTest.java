package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.context.TestProjects;
import dev.berth.project.Project;
import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopySourceNotInContextTest {
  private final CopySourceNotInContext rule = new CopySourceNotInContext();

  @Test
  void lockfileAtTheWorkspaceRootOfAPnpmMonorepo() {
    Project p = TestProjects.create()
        .paths("package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "apps/web/package.json",
            "apps/web/src/index.ts")
        .dockerfile("apps/web/Dockerfile", "FROM node:20-slim\nWORKDIR /app\n"
            + "COPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\n"
            + "COPY src ./src\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(1, f.size());
    assertEquals(new Range("apps/web/Dockerfile", 3, 19, 3, 33), f.get(0).range());
    // nothing declares the context, and no directory holds both pnpm-lock.yaml and src/:
    // the build fails wherever it runs; the message names the assumption it is phrased in
    assertEquals("COPY source `pnpm-lock.yaml` is outside the build context `apps/web`; it exists"
        + " at `pnpm-lock.yaml`, which the builder never receives, so the build fails with"
        + " \"not found\"" + CopySourceNotInContext.NO_DIRECTORY_FITS, f.get(0).message());
    assertEquals(List.of(new Related(Range.wholeFile("apps/web"), "build context"),
        new Related(Range.wholeFile("pnpm-lock.yaml"), "the file the build needs")),
        f.get(0).related());
  }

  @Test
  void dotDotPathsAreCleanedIntoTheContext() {
    Project p = TestProjects.create()
        .paths("libs/common/setup.py", "svc/app.py")
        .dockerfile("svc/Dockerfile", "FROM python:3.12\nCOPY ../libs/common /libs/common\n"
            + "COPY app.py /app/\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH301 svc/Dockerfile:2"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `../libs/common` is outside the build context `svc` (BuildKit"
        + " resolves it to `libs/common` inside the context); it exists at `libs/common`, which"
        + " the builder never receives, so the build fails with \"not found\""
        + CopySourceNotInContext.NO_DIRECTORY_FITS, f.get(0).message());
  }

  @Test
  void excludedByDockerignorePointsAtThePattern() {
    Project p = TestProjects.create()
        .paths("api/pyproject.toml", "api/uv.lock", "api/src/app.py")
        .file("api/.dockerignore", ".git\n*.lock\n")
        .builtWith("api/Dockerfile", "api")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY pyproject.toml uv.lock ./\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH301 api/Dockerfile:2"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `uv.lock` is excluded from the build context `api` by the"
        + " .dockerignore pattern `*.lock` (api/.dockerignore:2), so the build fails with"
        + " \"not found\"", f.get(0).message());
    assertEquals(new Related(new Range("api/.dockerignore", 2, 1, 2, 7), "excludes `uv.lock`"),
        f.get(0).related().get(2));
  }

  @Test
  void missingEverywhereAndBindMountSources() {
    Project p = TestProjects.create().paths("w/package.json").builtWith("w/Dockerfile", "w")
        .dockerfile("w/Dockerfile", "FROM node:20\nCOPY package.json yarn.lock ./\n"
            + "RUN --mount=type=bind,source=.npmrc,target=/root/.npmrc npm ci\n")
        .build();
    assertEquals(List.of("BTH301 w/Dockerfile:2", "BTH301 w/Dockerfile:3"),
        RuleAssert.locations(rule, p));
    assertEquals("COPY source `yarn.lock` does not exist in the build context `w` (nor in any"
        + " directory above it), so the build fails with \"not found\"",
        RuleAssert.run(rule, p).get(0).message());
  }

  @Test
  void nearMisses() {
    Project p = TestProjects.create()
        .paths("app/package.json", "app/.env", "app/dist/index.js")
        .file("app/.dockerignore", "*.lock\n!yarn.lock\n")
        .file("app/yarn.lock", "x\n")
        .file(".gitignore", ".env\ndist/\n")
        .builtWith("app/Dockerfile", "app")
        .dockerfile("app/Dockerfile", "FROM node:20 AS build\nCOPY package.json yarn.lock ./\n"
            // optional lockfile: an empty wildcard is allowed by BuildKit
            + "COPY pnpm-lock.yaml* ./\n"
            // git-ignored: built on the host first, not judged
            + "COPY dist/ ./dist/\nCOPY .env ./\n"
            + "COPY $SRC ./src\n"
            + "FROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n"
            // an unreachable stage never runs
            + "FROM alpine AS unused\nCOPY missing.txt /\n"
            + "FROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
        .build();
    assertEquals(List.of(), RuleAssert.locations(rule, p));
  }

  @Test
  void anAssumedContextOnlyReportsWhatIsMissingFromEveryCandidate() {
    // apps/web/Dockerfile.dev, referenced by nothing: apps and the root both hold package.json
    // and pnpm-lock.yaml, so either may be the context; from apps/web the lockfile would be
    // outside, but nobody says apps/web is the context
    Project p = TestProjects.create()
        .paths("package.json", "pnpm-lock.yaml", "apps/package.json", "apps/pnpm-lock.yaml",
            "apps/web/package.json")
        .dockerfile("apps/web/Dockerfile.dev", "FROM node:20\nCOPY package.json ./\n"
            + "COPY pnpm-lock.yaml ./\nCOPY yarn.lock ./\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH301 apps/web/Dockerfile.dev:4"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `yarn.lock` is neither in `apps/web`, the Dockerfile's directory, nor"
        + " in any directory above it, so the build fails with \"not found\" whichever of them"
        + " is the build context", f.get(0).message());
  }

  @Test
  void evidencedContextsAreJudgedAndCiteTheEvidence() {
    Project p = TestProjects.create()
        .paths("package.json", "apps/web/package.json", "apps/web/src/main.ts")
        .file("Makefile", "web:\n\tdocker build -f apps/web/Dockerfile -t web apps/web\n"
            + "web-root:\n\tdocker build -f apps/web/Dockerfile -t web .\n")
        .dockerfile("apps/web/Dockerfile", "FROM node:20\nCOPY package.json ./\nCOPY src ./src\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    // the second build, from the root, has no src/ there
    assertEquals(List.of("BTH301 apps/web/Dockerfile:3"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `src` does not exist in the build context `.` (nor in any directory"
        + " above it), so the build fails with \"not found\"", f.get(0).message());
    assertEquals(new Related(new Range("Makefile", 4, 2, 4, 46),
        "the repository builds `apps/web/Dockerfile` with this context here"),
        f.get(0).related().get(1));
  }

  @Test
  void generatedSourcesAreNotCertainFailures() {
    Project p = TestProjects.create()
        .paths("deploy/Caddyfile.in", "bundle-ok/x", "listmonk.go")
        .file(".gitignore", "dist/\n/listmonk\n/bundle*\n")
        .file("deploy/build.sh", "cd \"$(dirname \"$0\")\"\nmkdir -p assets\n"
            + "cp Caddyfile.in assets/Caddyfile\n"
            + "docker build -t app -f Dockerfile .\n")
        .file("web/package.json", "{\"scripts\": {\"image\": \"npm run build && docker build"
            + " -t web .\"}}")
        .builtWith("Dockerfile", "")
        .dockerfile("Dockerfile", "FROM alpine\n"
            // git-ignored: a build output, absent from a clean clone
            + "COPY dist/app.js /srv/\nCOPY listmonk /usr/bin/\nCOPY bundle-api/ /srv/api/\n"
            // in no .gitignore and made by nothing: the build fails
            + "COPY config.toml /etc/\n")
        .dockerfile("deploy/Dockerfile", "FROM caddy\nCOPY assets/Caddyfile /etc/caddy/\n")
        .dockerfile("web/Dockerfile", "FROM nginx\nCOPY package.json /tmp/\n"
            + "COPY out/ /usr/share/nginx/html/\n")
        .build();
    assertEquals(List.of("BTH301 Dockerfile:5"), RuleAssert.locations(rule, p));
  }

  @Test
  void buildsThatDifferOnlyInBuildArgsGiveOneFindingCitingEach() {
    Project p = TestProjects.create().paths("app.py")
        .file("build.sh", "docker build --build-arg V=1 -t a .\n"
            + "docker build --build-arg V=2 -t b .\n")
        .dockerfile("Dockerfile", "FROM python:3.12\nCOPY app.py nothere.txt /srv/\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH301 Dockerfile:2"), RuleAssert.locations(rule, p));
    assertEquals(List.of(1, 2), f.get(0).related().stream()
        .filter(r -> r.range().file().equals("build.sh")).map(r -> r.range().startLine())
        .toList());
  }
}
