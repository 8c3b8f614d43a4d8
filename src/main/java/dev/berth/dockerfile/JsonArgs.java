package dev.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BuildKit's exec-form test: the argument text, left-trimmed, must start with '[' and be a valid
 * JSON value (Go's encoding/json) that is an array of strings. Invalid JSON falls back to shell
 * form; valid JSON with a non-string element is an error.
 */
final class JsonArgs {
  private static final int MAX_DEPTH = 1000;

  enum Kind { NOT_JSON, NOT_STRINGS, STRINGS }

  /** One decoded string and the span of its JSON token (quotes included) in the line. */
  record Str(String value, int start, int end) {}

  /**
   * @param problem for text that starts with {@code [} but is not JSON: what is wrong, in words
   *     ({@code single quotes do not make JSON strings}), and the offset in the line where the
   *     parse stopped
   */
  record Result(Kind kind, List<Str> strings, Optional<String> problem, int problemAt) {
    Result(Kind kind, List<Str> strings) {
      this(kind, strings, Optional.empty(), -1);
    }
  }

  private final String s;
  private final int end;
  private int p;
  private boolean nonString;

  private JsonArgs(String s, int start, int end) {
    this.s = s;
    this.p = start;
    this.end = end;
  }

  static Result parse(String text, int start, int end) {
    JsonArgs j = new JsonArgs(text, start, end);
    j.skipWs();
    if (j.p >= end || text.charAt(j.p) != '[') return new Result(Kind.NOT_JSON, List.of());
    List<Str> out = new ArrayList<>();
    try {
      j.array(out, 0);
      j.skipWs();
      if (j.p != end) throw j.bad("there is text after the closing `]`");
    } catch (IllegalArgumentException e) {
      return new Result(Kind.NOT_JSON, List.of(), Optional.of(e.getMessage()), Math.min(j.p, end));
    }
    return j.nonString ? new Result(Kind.NOT_STRINGS, List.of()) : new Result(Kind.STRINGS, out);
  }

  /**
   * The JSON array the author evidently meant, for the usual slips: single or typographic quotes
   * for double quotes, a trailing comma. Empty when those do not make a JSON array of strings.
   */
  static Optional<String> repair(String text) {
    String t = text.strip().replaceAll("[\u201c\u201d]", "\"");
    if (!t.contains("\"")) t = t.replaceAll("[\u2018\u2019']", "\"");
    t = t.replaceAll(",\\s*]$", "]");
    if (t.equals(text.strip())) return Optional.empty();
    return parse(t, 0, t.length()).kind() == Kind.STRINGS ? Optional.of(t) : Optional.empty();
  }

  private void skipWs() {
    while (p < end && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\n'
        || s.charAt(p) == '\r')) {
      p++;
    }
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("it is not valid JSON");
  }

  /** A failure with what the character at the current position says is wrong. */
  private IllegalArgumentException bad(String problem) {
    return new IllegalArgumentException(problem);
  }

  /** Why a value cannot start at {@code p}. */
  private IllegalArgumentException badValue() {
    if (p >= end) return bad("the closing `]` is missing");
    char c = s.charAt(p);
    if (c == '\'') return bad("single quotes do not make JSON strings; use double quotes");
    if (c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019') {
      return bad("typographic quotes do not make JSON strings; use plain double quotes");
    }
    if (c == ']' || c == ',') return bad("a comma without a value before it or after it");
    return bad("JSON strings must be in double quotes");
  }

  private void array(List<Str> out, int depth) {
    if (depth > MAX_DEPTH) throw bad();
    p++; // [
    skipWs();
    if (p < end && s.charAt(p) == ']') {
      p++;
      return;
    }
    while (true) {
      skipWs();
      if (p >= end) throw bad("the closing `]` is missing");
      if (s.charAt(p) == '"') {
        int start = p;
        String v = string();
        if (out != null) out.add(new Str(v, start, p));
      } else {
        if (out != null) {
          char c = s.charAt(p);
          if (c != '[' && c != '{' && c != '-' && !(c >= '0' && c <= '9') && !s.startsWith("true", p)
              && !s.startsWith("false", p) && !s.startsWith("null", p)) {
            throw badValue();
          }
          nonString = true;
        }
        value(depth + 1);
      }
      skipWs();
      if (p >= end) throw bad("the closing `]` is missing");
      char c = s.charAt(p);
      if (c == '"') throw bad("the strings need a comma between them");
      p++;
      if (c == ']') return;
      if (c != ',') throw bad("the strings need a comma between them");
      skipWs();
      if (p < end && s.charAt(p) == ']') throw bad("a trailing comma is not allowed in JSON");
    }
  }

  private void value(int depth) {
    if (depth > MAX_DEPTH) throw bad();
    skipWs();
    if (p >= end) throw bad();
    char c = s.charAt(p);
    if (c == '"') {
      string();
    } else if (c == '[') {
      array(null, depth);
    } else if (c == '{') {
      object(depth);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else if (!literal("true") && !literal("false") && !literal("null")) {
      throw bad();
    }
  }

  private void object(int depth) {
    p++;
    skipWs();
    if (p < end && s.charAt(p) == '}') {
      p++;
      return;
    }
    while (true) {
      skipWs();
      if (p >= end || s.charAt(p) != '"') throw bad();
      string();
      skipWs();
      if (p >= end || s.charAt(p++) != ':') throw bad();
      value(depth + 1);
      skipWs();
      if (p >= end) throw bad();
      char c = s.charAt(p++);
      if (c == '}') return;
      if (c != ',') throw bad();
    }
  }

  private boolean literal(String word) {
    if (s.startsWith(word, p) && p + word.length() <= end) {
      p += word.length();
      return true;
    }
    return false;
  }

  private void number() {
    if (s.charAt(p) == '-') p++;
    if (p >= end) throw bad();
    if (s.charAt(p) == '0') {
      p++;
    } else if (s.charAt(p) >= '1' && s.charAt(p) <= '9') {
      while (p < end && Character.isDigit(s.charAt(p)) && s.charAt(p) < 128) p++;
    } else {
      throw bad();
    }
    if (p < end && s.charAt(p) == '.') {
      p++;
      int d = p;
      while (p < end && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
      if (d == p) throw bad();
    }
    if (p < end && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
      p++;
      if (p < end && (s.charAt(p) == '+' || s.charAt(p) == '-')) p++;
      int d = p;
      while (p < end && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
      if (d == p) throw bad();
    }
  }

  private String string() {
    p++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      if (p >= end) throw bad("a string is not closed with `\"`");
      char c = s.charAt(p++);
      if (c == '"') return b.toString();
      if (c < 0x20) throw bad("a string holds a control character (a tab or a line break)");
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (p >= end) throw bad();
      char e = s.charAt(p++);
      switch (e) {
        case '"': case '\\': case '/': b.append(e); break;
        case 'b': b.append('\b'); break;
        case 'f': b.append('\f'); break;
        case 'n': b.append('\n'); break;
        case 'r': b.append('\r'); break;
        case 't': b.append('\t'); break;
        case 'u': {
          if (p + 4 > end) throw bad();
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(p++), 16);
            if (d < 0) throw bad();
            v = v * 16 + d;
          }
          b.append((char) v);
          break;
        }
        default:
          p--;
          throw bad("`\\" + e + "` is not a JSON escape; write `\\\\` for a backslash");
      }
    }
  }
}
