package dev.berth.evidence;

import java.util.List;

/**
 * One word of a command line in a repository script, split into literal text and expansions,
 * quotes removed, with its offsets in the scanned text (start inclusive, end exclusive).
 */
record ShellWord(List<Piece> pieces, int start, int end) {

  ShellWord {
    pieces = List.copyOf(pieces);
  }

  /** A piece of a word. */
  sealed interface Piece {}

  /** Text with quotes and escapes removed. */
  record Lit(String text) implements Piece {}

  /** {@code $NAME} or {@code ${NAME}}. */
  record Var(String name) implements Piece {}

  /**
   * {@code ${NAME:-word}} ({@code colon}) or {@code ${NAME-word}}: the variable, or the word when
   * it is unset (or empty, with the colon). {@code fallback} is the word as written.
   */
  record Default(String name, String fallback, boolean colon) implements Piece {}

  /** Anything else ({@code $(...)}, backquotes, {@code $((...))}, globs, other expansions). */
  record Opaque(String raw) implements Piece {}

  /** The text when the word is plain literal text. */
  java.util.Optional<String> literal() {
    StringBuilder b = new StringBuilder();
    for (Piece p : pieces) {
      if (!(p instanceof Lit l)) return java.util.Optional.empty();
      b.append(l.text());
    }
    return java.util.Optional.of(b.toString());
  }
}
