package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the real main entry point with the real rules, in a working directory, and what it
 * printed. Every run asserts that no stack trace reached the user.
 */
record CliRun(int code, String out, String err) {

  static CliRun berth(Path cwd, String... args) {
    return berth(cwd, Map.of(), args);
  }

  static CliRun berth(Path cwd, Map<String, String> env, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), env, cwd);
    String err = e.toString(StandardCharsets.UTF_8);
    assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace:\n" + err);
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), err);
  }

  /** Writes a UTF-8 file under {@code dir}, creating its directories. */
  static Path write(Path dir, String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }
}
