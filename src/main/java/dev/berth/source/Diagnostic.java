package dev.berth.source;

/**
 * Something berth could not analyse: a parse failure, an unreadable or binary file, a limit hit,
 * a bad configuration. Diagnostics are not findings: they make the exit code 2 and appear in SARIF
 * as tool execution notifications.
 */
public record Diagnostic(Range range, Kind kind, String message) {

  public enum Kind {
    /** The file is not valid input (BuildKit or Compose would reject it too). */
    PARSE_ERROR,
    /** The file could not be read: permissions, binary content, too large, outside the root. */
    IO_ERROR,
    /** A safety limit was hit (e.g. YAML alias expansion). */
    LIMIT,
    /** Configuration or command-line problem. */
    CONFIG,
    /** A bug in berth itself, contained to one file or one rule. */
    INTERNAL
  }

  /** One line, gcc style: {@code path:line:col: error: message}. */
  public String oneLine() {
    return range.file() + ":" + range.startLine() + ":" + range.startColumn() + ": "
        + (kind == Kind.INTERNAL ? "internal error" : "error") + ": " + message;
  }
}
