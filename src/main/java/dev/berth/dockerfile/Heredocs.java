package dev.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BuildKit's heredoc marker detection ({@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'}, {@code 3<<EOF}). */
final class Heredocs {
  private static final Pattern MARKER = Pattern.compile(
      "(?<!\\d)(\\d*+)<<(-?)[\\t\\n\\f\\r ]*+([^<]*+)");

  private Heredocs() {}

  /** A heredoc announced on an instruction line. */
  record Spec(String name, boolean chomp, boolean expand) {}

  static final class HeredocError extends Exception {
    private static final long serialVersionUID = 1L;

    HeredocError(String message) {
      super(message, null, false, false);
    }
  }

  /** All heredoc markers of a logical line, in order (BuildKit's heredocsFromLine). */
  static List<Spec> fromLine(String line) throws HeredocError {
    List<String> words;
    try {
      words = new ShellLex(new ShellLex.Options('\\', true, true, false, true), Vars.empty())
          .process(line).words();
    } catch (ShellLex.LexError e) {
      return List.of();
    }
    List<Spec> out = new ArrayList<>();
    for (String w : words) {
      Spec s = parse(w);
      if (s != null) out.add(s);
    }
    return out;
  }

  /** The heredoc a single word announces, or null (BuildKit's ParseHeredoc). */
  static Spec parse(String word) throws HeredocError {
    Matcher m = MARKER.matcher(word);
    if (!m.matches()) return null;
    boolean chomp = m.group(2).equals("-");
    String rest = m.group(3);
    if (rest.isEmpty()) return null;
    List<String> cooked = words(rest, false);
    if (cooked.size() != 1) return null;
    List<String> raw = words(rest, true);
    if (raw.size() != cooked.size()) {
      throw new HeredocError("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    String name = cooked.get(0);
    boolean expand = quotes(name) == quotes(raw.get(0));
    return new Spec(name, chomp, expand);
  }

  /** Like {@link #parse} but never throws: for classifying COPY sources. */
  static Spec parseQuietly(String word) {
    try {
      return parse(word);
    } catch (HeredocError e) {
      return null;
    }
  }

  private static List<String> words(String s, boolean rawQuotes) throws HeredocError {
    try {
      return new ShellLex(new ShellLex.Options('\\', rawQuotes, false, false, true), Vars.empty())
          .process(s).words();
    } catch (ShellLex.LexError e) {
      throw new HeredocError(e.getMessage());
    }
  }

  private static int quotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'' || s.charAt(i) == '"') n++;
    }
    return n;
  }
}
