package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks of .pre-commit-hooks.yaml installed by the real {@code pre-commit} (Debian package
 * {@code pre-commit}) from this repository's HEAD into a throwaway repository: a bad Dockerfile
 * is refused with berth's message, so is a commit that only breaks .dockerignore, a good one
 * passes. Skipped (visibly, with the reason) without pre-commit or outside a git work tree. The
 * first run builds berth in pre-commit's clone (a minute or two); the clone is kept in
 * target/pre-commit-home for the next run of the same commit.
 */
class PreCommitHookTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  private record Run(int code, String output) {}

  private Run run(Path cwd, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PRE_COMMIT_HOME", REPO.resolve("target/pre-commit-home").toString());
    env.put("GIT_AUTHOR_NAME", "t");
    env.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
    env.put("GIT_COMMITTER_NAME", "t");
    env.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.remove("BERTH_JAR");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) return true;
    }
    return false;
  }

  @Test
  void aCommitThatBreaksABuildIsRefusedEvenWhenOnlyDockerignoreChanges() throws Exception {
    boolean available = onPath("pre-commit") && onPath("git");
    if (!available) System.err.println("PreCommitHookTest: SKIPPED, pre-commit or git missing");
    assumeTrue(available, "pre-commit (Debian package pre-commit) or git is not installed");
    Run head = run(REPO, "git", "rev-parse", "HEAD");
    if (head.code() != 0) System.err.println("PreCommitHookTest: SKIPPED, not a git work tree");
    assumeTrue(head.code() == 0, "not in a git work tree: " + head.output());
    String rev = head.output().strip();
    Run manifest = run(REPO, "pre-commit", "validate-manifest", ".pre-commit-hooks.yaml");
    assertEquals(0, manifest.code(), manifest.output());

    Path repo = Files.createDirectories(dir.resolve("repo"));
    assertEquals(0, run(repo, "git", "init", "-q").code());
    CliRun.write(repo, ".pre-commit-config.yaml", "repos:\n  - repo: " + REPO + "\n    rev: " + rev
        + "\n    hooks:\n      - id: berth\n");
    CliRun.write(repo, "Dockerfile",
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py /app/\nUSER nobody\n"
            + "CMD [\"python\", \"app.py\"]\n");
    CliRun.write(repo, "app.py", "print('hi')\n");
    CliRun.write(repo, ".dockerignore", ".git\n");
    Run install = run(repo, "pre-commit", "install");
    assertEquals(0, install.code(), install.output());

    for (String f : List.of(".pre-commit-config.yaml", "Dockerfile", "app.py", ".dockerignore")) {
      assertEquals(0, run(repo, "git", "add", f).code());
    }
    Run good = run(repo, "git", "commit", "-q", "-m", "good");
    assertEquals(0, good.code(), good.output());

    // only .dockerignore changes, and now hides app.py from the build
    CliRun.write(repo, ".dockerignore", ".git\n*.py\n");
    run(repo, "git", "add", ".dockerignore");
    Run ignore = run(repo, "git", "commit", "-q", "-m", "ignore python");
    assertNotEquals(0, ignore.code(), ignore.output());
    assertTrue(ignore.output().contains("Dockerfile:3:6: error BTH301"), ignore.output());
    run(repo, "git", "checkout", "--", ".dockerignore");
    run(repo, "git", "reset", "-q");
    CliRun.write(repo, ".dockerignore", ".git\n");

    CliRun.write(repo, "Dockerfile", "FROM python:3.12-slim AS app\nFROM python:3.12-slim AS app\n"
        + "USER nobody\n");
    run(repo, "git", "add", "Dockerfile");
    Run bad = run(repo, "git", "commit", "-q", "-m", "bad");
    assertNotEquals(0, bad.code(), bad.output());
    assertTrue(bad.output().contains("Dockerfile:2:26: error BTH004"), bad.output());
  }
}
