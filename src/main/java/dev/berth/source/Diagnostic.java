package dev.berth.source;

/**
 * Something berth could not analyse: a parse failure, an unreadable or binary file, a limit hit,
 * a bad configuration. Diagnostics are not findings: they make the exit code 2 and appear in SARIF
 * as tool execution notifications. A {@link Kind#SKIPPED} one is only information: a file berth
 * chose not to lint (a template), which does not change the exit code.
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
    INTERNAL,
    /** Not an error: files deliberately not linted, such as templates a generator renders first. */
    SKIPPED
  }

  /** Everything but {@link Kind#SKIPPED}: something berth could not analyse (exit code 2). */
  public boolean isError() {
    return kind != Kind.SKIPPED;
  }

  /** One line, gcc style: {@code path:line:col: error: message}. */
  public String oneLine() {
    return range.file() + ":" + range.startLine() + ":" + range.startColumn() + ": "
        + level() + ": " + message;
  }

  /** How the text output names it: {@code error}, {@code internal error} or {@code note}. */
  public String level() {
    return kind == Kind.INTERNAL ? "internal error" : kind == Kind.SKIPPED ? "note" : "error";
  }
}
