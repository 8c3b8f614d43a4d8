package dev.berth.report;

import java.nio.file.Path;

/**
 * How terminal output names files: relative to the current directory when the file is under it
 * (so terminals and editors can open it), otherwise relative to the project root.
 */
public final class DisplayPaths {
  private final Path root;
  private final Path cwd;

  public DisplayPaths(Path root, Path cwd) {
    this.root = root.toAbsolutePath().normalize();
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  /** @param rootRelative a model path (forward slashes, relative to the root) */
  public String show(String rootRelative) {
    String rel = rootRelative.isEmpty() ? "." : rootRelative;
    if (cwd.equals(root)) return rel;
    Path abs = root.resolve(rel).normalize();
    if (abs.equals(cwd)) return ".";
    // The root itself ("."), seen from above it, must be named, or "." would mean the cwd.
    if (!abs.startsWith(cwd)) return rel;
    return cwd.relativize(abs).toString().replace(abs.getFileSystem().getSeparator(), "/");
  }
}
