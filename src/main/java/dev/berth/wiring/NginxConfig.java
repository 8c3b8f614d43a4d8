package dev.berth.wiring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One nginx configuration file as nginx's own reader tokenizes it (ngx_conf_file.c): words
 * separated by whitespace, {@code "..."} and {@code '...'} quoted words with backslash escapes,
 * {@code #} comments from the start of a word to the end of the line, {@code ;} ending a
 * directive, {@code {}} around a block; inside a word, {@code ${name}} is a variable, not a block.
 * Unbalanced braces or a directive without its {@code ;} give an error (with its offset) and no
 * directives, never an exception.
 */
public final class NginxConfig {
  /** Files larger than this are not parsed; configurations are small. */
  static final int MAX_LENGTH = 512 * 1024;
  /** Nesting deeper than this is refused (nginx itself has no limit, but no config needs it). */
  static final int MAX_DEPTH = 64;

  private NginxConfig() {}

  /** A word as nginx reads it, and where it starts and ends in the text. */
  public record Token(String text, boolean quoted, int start, int end) {}

  /** A directive with its arguments and its block ({@code server { ... }}), if any. */
  public record Directive(String name, List<Token> args, Optional<List<Directive>> block,
      int start, int end) {
    public Directive {
      args = List.copyOf(args);
      block = block.map(List::copyOf);
    }

    public List<String> values() {
      return args.stream().map(Token::text).toList();
    }
  }

  /** The directives, or the error that stopped nginx's reader (offset and message). */
  public record Parsed(List<Directive> directives, Optional<Error> error) {}

  public record Error(int offset, String message) {}

  public static Parsed parse(String text) {
    if (text.length() > MAX_LENGTH) {
      return new Parsed(List.of(), Optional.of(new Error(0, "file too large to read as nginx configuration")));
    }
    Deque<List<Directive>> blocks = new ArrayDeque<>();
    Deque<Token> openers = new ArrayDeque<>();
    Deque<List<Token>> openerArgs = new ArrayDeque<>();
    List<Directive> current = new ArrayList<>();
    List<Token> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        while (i < n && text.charAt(i) != '\n') i++;
        continue;
      }
      if (c == ';') {
        if (words.isEmpty()) return error(i, "unexpected \";\"");
        Token name = words.get(0);
        current.add(new Directive(name.text(), words.subList(1, words.size()), Optional.empty(),
            name.start(), i + 1));
        words = new ArrayList<>();
        i++;
        continue;
      }
      if (c == '{') {
        if (words.isEmpty()) return error(i, "unexpected \"{\"");
        if (blocks.size() >= MAX_DEPTH) return error(i, "blocks nested too deeply");
        blocks.push(current);
        openers.push(words.get(0));
        openerArgs.push(words.subList(1, words.size()));
        current = new ArrayList<>();
        words = new ArrayList<>();
        i++;
        continue;
      }
      if (c == '}') {
        if (!words.isEmpty()) return error(i, "unexpected \"}\"");
        if (blocks.isEmpty()) return error(i, "unexpected \"}\"");
        Token name = openers.pop();
        List<Directive> inner = current;
        current = blocks.pop();
        current.add(new Directive(name.text(), openerArgs.pop(), Optional.of(inner),
            name.start(), i + 1));
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = text.charAt(i + 1);
            sb.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '"', '\'', '\\' -> e;
              default -> {
                sb.append('\\');
                yield e;
              }
            });
            i += 2;
            continue;
          }
          if (d == c) {
            closed = true;
            i++;
            break;
          }
          sb.append(d);
          i++;
        }
        if (!closed) return error(start, "unexpected end of file in a quoted string");
        words.add(new Token(sb.toString(), true, start, i));
        continue;
      }
      int start = i;
      StringBuilder sb = new StringBuilder();
      while (i < n) {
        char d = text.charAt(i);
        if (Character.isWhitespace(d) || d == ';' || d == '}') break;
        if (d == '{') {
          // ${name} inside a word is a variable; any other { opens a block.
          if (i > start && text.charAt(i - 1) == '$') {
            int close = text.indexOf('}', i);
            if (close < 0) return error(i, "unexpected end of file in a variable");
            sb.append(text, i, close + 1);
            i = close + 1;
            continue;
          }
          break;
        }
        if (d == '\\' && i + 1 < n) {
          sb.append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        sb.append(d);
        i++;
      }
      words.add(new Token(sb.toString(), false, start, i));
    }
    if (!blocks.isEmpty()) return error(n, "unexpected end of file, expecting \"}\"");
    if (!words.isEmpty()) return error(n, "unexpected end of file, expecting \";\" or \"}\"");
    return new Parsed(current, Optional.empty());
  }

  private static Parsed error(int offset, String message) {
    return new Parsed(List.of(), Optional.of(new Error(offset, message)));
  }
}
