package dev.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Word splitting of instruction arguments the way BuildKit's line parsers do it, with positions. */
final class ArgText {
  private ArgText() {}

  /** A word and its span {@code [start, end)} in the logical line. */
  record Span(String text, int start, int end) {}

  static boolean isReWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** {@code parseStringsWhitespaceDelimited}: split on {@code [\t\v\f\r ]+}, quotes not special. */
  static List<Span> whitespaceWords(String text, int a, int b) {
    List<Span> out = new ArrayList<>();
    int i = a;
    while (i < b) {
      while (i < b && isReWhitespace(text.charAt(i))) i++;
      if (i >= b) break;
      int s = i;
      while (i < b && !isReWhitespace(text.charAt(i))) i++;
      out.add(new Span(text.substring(s, i), s, i));
    }
    return out;
  }

  /**
   * {@code parseWords}: whitespace-separated words where quotes group and the escape char escapes;
   * quotes and escape chars are kept in the word text.
   */
  static List<Span> shellWords(String text, int a, int b, char escape) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<Span> out = new ArrayList<>();
    int phase = inSpaces;
    char quote = 0;
    boolean blankOk = false;
    StringBuilder sb = new StringBuilder();
    int wordStart = a;
    for (int pos = a; pos <= b; pos++) {
      char ch = pos < b ? text.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == b) break;
        if (PreLexer.isSpace(ch)) continue;
        phase = inWord;
        wordStart = pos;
      }
      if (pos == b) {
        if (blankOk || sb.length() > 0) out.add(new Span(sb.toString(), wordStart, b));
        break;
      }
      if (phase == inWord) {
        if (PreLexer.isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || sb.length() > 0) out.add(new Span(sb.toString(), wordStart, pos));
          sb.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
        }
        if (ch == escape) {
          if (pos + 1 == b) continue;
          sb.append(ch);
          pos++;
          ch = text.charAt(pos);
        }
        sb.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) phase = inWord;
      if (ch == escape && quote != '\'') {
        if (pos + 1 == b) {
          phase = inWord;
          continue;
        }
        pos++;
        sb.append(ch);
        ch = text.charAt(pos);
      }
      sb.append(ch);
    }
    return out;
  }

  /** The value of a flag word as BuildKit's extractBuilderFlags leaves it: quotes and escapes removed. */
  static String decodeFlag(String text, int a, int b, char escape) {
    StringBuilder sb = new StringBuilder();
    boolean inQuote = false;
    char quote = 0;
    int lineEnd = text.length();
    for (int pos = a; pos < b; pos++) {
      char ch = text.charAt(pos);
      if (!inQuote) {
        if (ch == '\'' || ch == '"') {
          quote = ch;
          inQuote = true;
          continue;
        }
        if (ch == escape) {
          if (pos + 1 == lineEnd) continue;
          pos++;
          ch = text.charAt(pos);
        }
        sb.append(ch);
      } else {
        if (ch == quote) {
          inQuote = false;
          continue;
        }
        if (ch == escape) {
          if (pos + 1 == lineEnd) {
            inQuote = false;
            continue;
          }
          pos++;
          ch = text.charAt(pos);
        }
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Go's {@code %q} for the ASCII cases that matter in messages. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\t': b.append("\\t"); break;
        case '\r': b.append("\\r"); break;
        default: b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
