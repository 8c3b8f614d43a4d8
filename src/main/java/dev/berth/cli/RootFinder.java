package dev.berth.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The project root when {@code --root} is not given: the enclosing git work tree, else cwd. */
final class RootFinder {
  private RootFinder() {}

  /**
   * Walks up from {@code cwd} looking for {@code .git} (a directory, or a file in worktrees and
   * submodules). Reads no git data and runs no git: only the marker's presence matters.
   */
  static Path find(Path cwd) {
    Path start = cwd.toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return dir;
    }
    return start;
  }
}
