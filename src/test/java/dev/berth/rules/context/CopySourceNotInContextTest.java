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
    assertEquals("COPY source `pnpm-lock.yaml` is outside the build context `apps/web`; it exists"
        + " at `pnpm-lock.yaml`, which the builder never receives, so the build fails with"
        + " \"not found\"", f.get(0).message());
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
        + " the builder never receives, so the build fails with \"not found\"",
        f.get(0).message());
  }

  @Test
  void excludedByDockerignorePointsAtThePattern() {
    Project p = TestProjects.create()
        .paths("api/pyproject.toml", "api/uv.lock", "api/src/app.py")
        .file("api/.dockerignore", ".git\n*.lock\n")
        .dockerfile("api/Dockerfile", "FROM python:3.12\nCOPY pyproject.toml uv.lock ./\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH301 api/Dockerfile:2"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `uv.lock` is excluded from the build context `api` by the"
        + " .dockerignore pattern `*.lock` (api/.dockerignore:2), so the build fails with"
        + " \"not found\"", f.get(0).message());
    assertEquals(new Related(new Range("api/.dockerignore", 2, 1, 2, 7), "excludes `uv.lock`"),
        f.get(0).related().get(1));
  }

  @Test
  void missingEverywhereAndBindMountSources() {
    Project p = TestProjects.create().paths("w/package.json")
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
}
