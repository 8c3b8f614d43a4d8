package dev.berth.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Caddyfile's structure as caddyserver.com docs/caddyfile/concepts describes it: tokens split by
 * whitespace ({@code "..."} and backquotes quote, {@code #} at a token's start comments to the end
 * of the line), one directive per line with its arguments, and a block when the line ends in
 * {@code {}. Environment placeholders ({@code {$VAR}}) are substituted before this, as Caddy does
 * before parsing. What this reader does not take apart (heredocs, a backslash line join, a brace
 * written against a word) makes the whole file unknown; unbalanced braces are an error at their
 * position.
 */
final class Caddyfile {
  private Caddyfile() {}

  /** A token: its text (quotes removed) and where it is written. */
  record Token(String text, int start, int end, int line, boolean quoted) {}

  /** A line's tokens and, when it ends in {@code {}, the block that follows. */
  record Directive(List<Token> tokens, Optional<List<Directive>> block, int start, int end) {
    Directive {
      tokens = List.copyOf(tokens);
    }

    String name() {
      return tokens.isEmpty() ? "" : tokens.get(0).text();
    }

    /** The arguments after the name, as text. */
    List<String> args() {
      return tokens.stream().skip(1).map(Token::text).toList();
    }
  }

  /** The top level, or why it cannot be read: an error (offset, message) or something unsupported. */
  record Parsed(List<Directive> top, Optional<Integer> errorAt, Optional<String> error,
      boolean unsupported) {}

  static Parsed parse(String text) {
    List<Token> tokens = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '\n') {
        line++;
        i++;
        continue;
      }
      if (Character.isWhitespace(ch)) {
        i++;
        continue;
      }
      if (ch == '#') {
        while (i < n && text.charAt(i) != '\n') i++;
        continue;
      }
      int start = i;
      int startLine = line;
      if (ch == '"' || ch == '`') {
        StringBuilder b = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = text.charAt(i);
          if (ch == '"' && c == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
            b.append('"');
            i += 2;
            continue;
          }
          if (c == ch) {
            closed = true;
            i++;
            break;
          }
          if (c == '\n') line++;
          b.append(c);
          i++;
        }
        if (!closed) return new Parsed(List.of(), Optional.of(start), Optional.of("unterminated quote"), false);
        tokens.add(new Token(b.toString(), start, i, startLine, true));
        continue;
      }
      while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
      String t = text.substring(start, i);
      // Heredocs, `\` line joins and a brace written against a word (`site{`) change how tokens
      // are cut: not taken apart here.
      if (t.startsWith("<<") || t.equals("\\") || t.length() > 1 && t.endsWith("{")) {
        return new Parsed(List.of(), Optional.empty(), Optional.empty(), true);
      }
      tokens.add(new Token(t, start, i, startLine, false));
    }
    Cursor c = new Cursor(tokens);
    try {
      List<Directive> top = c.block(false);
      return new Parsed(top, Optional.empty(), Optional.empty(), false);
    } catch (IllegalStateException e) {
      return new Parsed(List.of(), Optional.of(c.errorAt), Optional.of(e.getMessage()), false);
    }
  }

  private static final class Cursor {
    final List<Token> tokens;
    int k;
    int errorAt;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    List<Directive> block(boolean inner) {
      List<Directive> out = new ArrayList<>();
      while (k < tokens.size()) {
        Token first = tokens.get(k);
        if (isClose(first)) {
          if (!inner) {
            errorAt = first.start();
            throw new IllegalStateException("unexpected '}'");
          }
          k++;
          return out;
        }
        List<Token> line = new ArrayList<>();
        int lineNo = first.line();
        // A line ending in `,` continues on the next (site addresses).
        while (k < tokens.size() && (tokens.get(k).line() == lineNo
            || !line.isEmpty() && !line.get(line.size() - 1).quoted()
                && line.get(line.size() - 1).text().endsWith(","))) {
          Token t = tokens.get(k);
          if (isClose(t) && !line.isEmpty()) break;
          line.add(t);
          lineNo = t.line();
          k++;
          if (isOpen(t)) break;
        }
        Token last = line.get(line.size() - 1);
        if (isOpen(last)) {
          List<Token> words = line.subList(0, line.size() - 1);
          List<Directive> body = block(true);
          int end = k > 0 ? tokens.get(k - 1).end() : last.end();
          out.add(new Directive(words, Optional.of(body), line.get(0).start(), end));
        } else {
          out.add(new Directive(line, Optional.empty(), line.get(0).start(), last.end()));
        }
      }
      if (inner) {
        errorAt = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
        throw new IllegalStateException("unexpected end of file, expecting '}'");
      }
      return out;
    }

    private static boolean isOpen(Token t) {
      return !t.quoted() && t.text().equals("{");
    }

    private static boolean isClose(Token t) {
      return !t.quoted() && t.text().equals("}");
    }
  }
}
