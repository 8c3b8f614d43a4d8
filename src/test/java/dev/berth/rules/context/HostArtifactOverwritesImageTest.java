package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.context.TestProjects;
import dev.berth.project.Project;
import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostArtifactOverwritesImageTest {
  private final HostArtifactOverwritesImage rule = new HostArtifactOverwritesImage();

  @Test
  void venvBuiltByUvIsReplacedByTheHostOne() {
    Project p = TestProjects.create()
        .paths("svc/pyproject.toml", "svc/uv.lock", "svc/app/main.py")
        .file("svc/.dockerignore", "__pycache__\n")
        .file(".gitignore", ".venv/\n")
        .builtWith("svc/Dockerfile", "svc")
        .dockerfile("svc/Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\n"
            + "COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\nCOPY . .\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH303 svc/Dockerfile:5"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `.` brings the host's `.venv` over /app/.venv, which `uv sync`"
        + " created in the image on line 4; the .dockerignore does not exclude it, so a"
        + " developer's build ships the host's copy (other OS, other paths)",
        f.get(0).message());
    assertEquals(List.of(
        new Related(new Range("svc/Dockerfile", 4, 1, 4, 21), "creates /app/.venv"),
        new Related(new Range(".gitignore", 1, 1, 1, 7),
            "git-ignored: exists on developer machines"),
        new Related(Range.wholeFile("svc/.dockerignore"), "does not exclude `.venv`"),
        new Related(Range.wholeFile("svc"), "build context"),
        new Related(new Range("build.sh", 1, 1, 1, 35),
            "the repository builds `svc/Dockerfile` with this context here")),
        f.get(0).related());
  }

  @Test
  void nodeModulesOnDiskWithoutAnyIgnoreFile() {
    Project p = TestProjects.create()
        .paths("web/package.json", "web/package-lock.json", "web/node_modules/")
        .builtWith("web/Dockerfile", "web")
        .dockerfile("web/Dockerfile", "FROM node:20\nWORKDIR /usr/src/app\n"
            + "COPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\n")
        .build();
    assertEquals(List.of("BTH303 web/Dockerfile:5"), RuleAssert.locations(rule, p));
  }

  @Test
  void nearMisses() {
    // excluded by .dockerignore; copied before the install; venv outside the workdir;
    // cd before the install; unknown WORKDIR; UV_PROJECT_ENVIRONMENT moves the venv
    Project p = TestProjects.create()
        .paths("a/package.json", "a/node_modules/", "b/package.json", "b/node_modules/",
            "c/requirements.txt", "d/package.json", "e/package.json", "f/pyproject.toml")
        .file("a/.dockerignore", "node_modules\n")
        .file(".gitignore", "node_modules/\n.venv/\nvenv/\n")
        .builtWith("a/Dockerfile", "a").builtWith("b/Dockerfile", "b")
        .builtWith("c/Dockerfile", "c").builtWith("d/Dockerfile", "d")
        .builtWith("e/Dockerfile", "e").builtWith("f/Dockerfile", "f")
        .dockerfile("a/Dockerfile", "FROM node:20\nWORKDIR /app\nRUN npm ci\nCOPY . .\n")
        .dockerfile("b/Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n")
        .dockerfile("c/Dockerfile",
            "FROM python:3.12\nWORKDIR /app\nRUN python -m venv /opt/venv\nCOPY . .\n")
        .dockerfile("d/Dockerfile",
            "FROM node:20\nWORKDIR /app\nRUN cd web && npm ci\nCOPY . .\n")
        .dockerfile("e/Dockerfile", "FROM node:20\nRUN npm ci\nCOPY . .\n")
        .dockerfile("f/Dockerfile", "FROM python:3.12\nWORKDIR /app\n"
            + "ENV UV_PROJECT_ENVIRONMENT=/opt/venv\nRUN uv sync\nCOPY . .\n")
        .build();
    assertEquals(List.of(), RuleAssert.locations(rule, p));
  }

  @Test
  void dependenciesCopiedFromAnotherStageAreOverwrittenToo() {
    Project p = TestProjects.create()
        .paths("web/package.json", "web/package-lock.json", "web/server.js")
        .file("web/.gitignore", "node_modules\n")
        .builtWith("web/Dockerfile", "web")
        .dockerfile("web/Dockerfile", "FROM node:20 AS deps\nWORKDIR /app\n"
            + "COPY package*.json ./\nRUN npm ci --omit=dev\n"
            + "FROM node:20-slim\nWORKDIR /app\n"
            + "COPY --from=deps /app/node_modules ./node_modules\nCOPY . .\n")
        .build();
    var f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH303 web/Dockerfile:8"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `.` brings the host's `node_modules` over /app/node_modules, which"
        + " `COPY --from=deps` created in the image on line 7; there is no .dockerignore, so a"
        + " developer's build ships the host's copy (other OS, other paths)", f.get(0).message());
  }

  @Test
  void workdirIsInheritedFromAnEarlierStage() {
    Project p = TestProjects.create().paths("r/Cargo.toml", "r/src/main.rs", "r/target/")
        .builtWith("r/Dockerfile", "r")
        .dockerfile("r/Dockerfile", "FROM rust:1.79 AS base\nWORKDIR /src\n"
            + "FROM base AS build\nRUN cargo build --release\nCOPY . .\n")
        .build();
    assertEquals(List.of("BTH303 r/Dockerfile:5"), RuleAssert.locations(rule, p));
  }

  @Test
  void anAssumedContextIsNotJudgedAndAnInferredOneSaysSo() {
    // node_modules on disk, copied over the one npm ci made: but is web/ the context? Both web/
    // and the root would hold everything this Dockerfile copies, and nothing says which.
    java.util.function.Supplier<TestProjects> tree = () -> TestProjects.create()
        .paths("web/package.json", "web/package-lock.json", "web/node_modules/", "package.json",
            "web/server.js");
    assertEquals(List.of(), RuleAssert.locations(rule, tree.get()
        .dockerfile("web/Dockerfile", "FROM node:20\nWORKDIR /usr/src/app\n"
            + "COPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\n").build()));
    // a source only web/ holds proves the context; the message says it was inferred
    List<Finding> f = RuleAssert.run(rule, tree.get()
        .dockerfile("web/Dockerfile", "FROM node:20\nWORKDIR /usr/src/app\n"
            + "COPY package*.json server.js ./\nRUN npm ci --omit=dev\nCOPY . .\n").build());
    assertEquals(1, f.size());
    assertEquals(" (nothing declares this build's context; berth infers `web`, the only directory"
        + " at or above the Dockerfile that holds every file it copies)",
        f.get(0).message().substring(f.get(0).message().indexOf(" (nothing")));
  }
}
