package dev.berth.project;

import dev.berth.config.BerthConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Discovery and loading: walks the targets under the root once, classifies files by name, reads
 * them safely (never outside the root, never following symlinks out of it, binary/huge files
 * become diagnostics) and parses them. STUB: replaced by the real implementation.
 */
public final class ProjectLoader {
  private ProjectLoader() {}

  /**
   * @param root project root; every path in the model is relative to it
   * @param targets files or directories to lint (absolute or relative to the root); empty = root.
   *     Files named explicitly are linted even if ignored by config globs or .gitignore.
   */
  public static Project load(Path root, List<Path> targets, BerthConfig config) {
    return new Project(root, config, List.of(), List.of(), List.of(), List.of());
  }
}
