package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.context.TestProjects;
import dev.berth.project.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargeContextWithoutDockerignoreTest {
  private final LargeContextWithoutDockerignore rule = new LargeContextWithoutDockerignore();

  @Test
  void rootContextWithGitAndSeveralProjects() {
    Project p = TestProjects.create()
        .paths(".git/", "services/api/pyproject.toml", "services/worker/pyproject.toml",
            "web/package.json")
        .builtWith("Dockerfile", "")
        .dockerfile("Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\n")
        .build();
    var f = RuleAssert.run(rule, p);
    assertEquals(List.of("BTH304 Dockerfile:3"), RuleAssert.locations(rule, p));
    assertEquals("COPY source `.` sends all of the build context `.` to the builder and there"
        + " is no .dockerignore, though it holds `.git`, 3 sub-projects: builds upload more than"
        + " they need and any change there invalidates this layer", f.get(0).message());
    assertEquals(3, f.get(0).range().startLine());
    assertEquals(6, f.get(0).range().startColumn());
  }

  @Test
  void nearMisses() {
    // has an ignore file; copies only named paths; small single project
    Project p = TestProjects.create()
        .paths("a/.git/", "a/node_modules/", "a/package.json", "b/.git/", "b/src/x.py",
            "c/main.go", "c/go.mod")
        .file("a/.dockerignore", "node_modules\n.git\n")
        .builtWith("a/Dockerfile", "a").builtWith("b/Dockerfile", "b")
        .builtWith("c/Dockerfile", "c")
        .dockerfile("a/Dockerfile", "FROM node:20\nCOPY . .\n")
        .dockerfile("b/Dockerfile", "FROM python:3.12\nCOPY src/ /app/\n")
        .dockerfile("c/Dockerfile", "FROM golang:1.22\nCOPY . .\n")
        .build();
    assertEquals(List.of(), RuleAssert.locations(rule, p));
  }
}
