package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.context.TestProjects;
import dev.berth.project.Project;
import dev.berth.rules.Finding;
import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerignoreNotReadTest {
  private final DockerignoreNotRead rule = new DockerignoreNotRead();

  @Test
  void ignoreFileInACopiedSubdirectoryIsDead() {
    Project p = TestProjects.create()
        .paths("requirements.txt", "src/app.py", "src/.venv/bin/python")
        .file("src/.dockerignore", "# keep the image small\n.venv\n__pycache__\n")
        .builtWith("Dockerfile", "")
        .dockerfile("Dockerfile", "FROM python:3.12\nCOPY requirements.txt .\nCOPY src/ /app/\n")
        .build();
    List<Finding> f = RuleAssert.run(rule, p);
    assertEquals(1, f.size());
    assertEquals(new Range("src/.dockerignore", 2, 1, 2, 6), f.get(0).range());
    assertEquals("`src/.dockerignore` is never read: the build of `Dockerfile` uses the build"
        + " context `.`, and BuildKit only reads `.dockerignore` or `Dockerfile.dockerignore`,"
        + " so nothing is excluded from it", f.get(0).message());
  }

  @Test
  void nearMisses() {
    // the nested directory has its own Dockerfile (its own context), or is not copied, or the
    // context already has an ignore file
    Project own = TestProjects.create().paths("web/index.js")
        .file("web/.dockerignore", "node_modules\n")
        .builtWith("web/Dockerfile", "web").builtWith("Dockerfile", "")
        .dockerfile("web/Dockerfile", "FROM node:20\nCOPY . .\n")
        .dockerfile("Dockerfile", "FROM alpine\nCOPY . /src\n").build();
    assertEquals(List.of(), RuleAssert.locations(rule, own));
    Project notCopied = TestProjects.create().paths("docs/index.md", "main.go")
        .file("docs/.dockerignore", "*.tmp\n").builtWith("Dockerfile", "")
        .dockerfile("Dockerfile", "FROM golang:1.22\nCOPY main.go .\n").build();
    assertEquals(List.of(), RuleAssert.locations(rule, notCopied));
    Project hasOwn = TestProjects.create().paths("src/app.py")
        .file(".dockerignore", ".git\n")
        .file("src/.dockerignore", ".venv\n").builtWith("Dockerfile", "")
        .dockerfile("Dockerfile", "FROM python:3.12\nCOPY . .\n").build();
    assertEquals(List.of(), RuleAssert.locations(rule, hasOwn));
  }
}
