package dev.berth.context;

import dev.berth.source.Range;
import java.util.Optional;

/**
 * Application code in a build context that needs something outside it.
 *
 * @param kind what kind of reference
 * @param range where the reference is written (in package.json or a .py file)
 * @param reference the reference as written: a dependency ({@code "@acme/ui": "workspace:*"}),
 *     a {@code sys.path} call, or an imported name
 * @param target the root-relative path outside the context the code needs; empty when it lies
 *     above the project root
 */
public record OutsideImport(Kind kind, Range range, String reference, Optional<String> target) {

  public enum Kind {
    /** A Node dependency with {@code file:}, {@code link:} or {@code portal:} outside the context. */
    NODE_PATH_DEPENDENCY,
    /** A Node {@code workspace:} dependency while the workspace root is outside the context. */
    NODE_WORKSPACE_DEPENDENCY,
    /** Python code adding a directory above the context to {@code sys.path}. */
    PYTHON_SYS_PATH,
    /** Python code importing a package that only exists outside the context. */
    PYTHON_IMPORT
  }

  public String file() {
    return range.file();
  }
}
