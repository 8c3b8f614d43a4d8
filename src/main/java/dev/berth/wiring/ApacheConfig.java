package dev.berth.wiring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The directives of an Apache httpd configuration file that decide where it listens:
 * {@code Listen [IP-address:]portnumber [protocol]} (httpd.apache.org docs/2.4/mod/mpm_common.html#listen),
 * {@code Include}/{@code IncludeOptional} and {@code ServerRoot}, each with the sections it is
 * inside ({@code <IfModule ssl_module>}, {@code <IfDefine X>}), whose truth the caller decides.
 */
final class ApacheConfig {
  private ApacheConfig() {}

  /** An enclosing section: its name ({@code IfModule}) and argument ({@code !mod_ssl.c}). */
  record Section(String name, String arg) {}

  /** A directive berth reads, its arguments and where it starts in the text. */
  record Directive(String name, List<String> args, List<Section> within, int start, int end) {}

  /**
   * The Listen, Include, IncludeOptional and ServerRoot directives of {@code text}; empty when a
   * line cannot be read (an unclosed section, a section closed that was not open).
   */
  static Optional<List<Directive>> parse(String text) {
    List<Directive> out = new ArrayList<>();
    Deque<Section> open = new ArrayDeque<>();
    int offset = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int start = offset;
      String line = lines[i];
      offset += line.length() + 1;
      // A backslash at the end of a line continues the directive on the next one.
      while (line.endsWith("\\") && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + " " + lines[++i];
        offset += lines[i].length() + 1;
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      if (t.startsWith("</")) {
        if (!t.endsWith(">") || open.isEmpty()) return Optional.empty();
        String name = t.substring(2, t.length() - 1).strip();
        if (!open.peek().name().equalsIgnoreCase(name)) return Optional.empty();
        open.pop();
        continue;
      }
      if (t.startsWith("<")) {
        if (!t.endsWith(">")) return Optional.empty();
        String inner = t.substring(1, t.length() - 1).strip();
        int sp = inner.indexOf(' ');
        String name = sp < 0 ? inner : inner.substring(0, sp);
        String arg = sp < 0 ? "" : unquote(inner.substring(sp + 1).strip());
        open.push(new Section(name, arg));
        continue;
      }
      List<String> words = List.of(t.split("\\s+"));
      String name = words.get(0).toLowerCase(Locale.ROOT);
      if (name.equals("listen") || name.equals("include") || name.equals("includeoptional")
          || name.equals("serverroot") || name.equals("define")) {
        List<String> args = words.subList(1, words.size()).stream().map(ApacheConfig::unquote)
            .toList();
        List<Section> within = new ArrayList<>(open);
        java.util.Collections.reverse(within);
        out.add(new Directive(name, args, within, start, start + line.stripTrailing().length()));
      }
    }
    return open.isEmpty() ? Optional.of(out) : Optional.empty();
  }

  /**
   * A Listen directive's address: {@code 80} (every address), {@code 0.0.0.0:8080},
   * {@code [::]:8080}, with an optional protocol after it ({@code 8443 https}); empty for a
   * variable or anything else.
   */
  static Optional<Bind> listen(List<String> args) {
    if (args.isEmpty() || args.size() > 2) return Optional.empty();
    String a = args.get(0);
    if (a.contains("$")) return Optional.empty();
    if (args.size() == 2 && !args.get(1).matches("[A-Za-z][A-Za-z0-9-]*")) return Optional.empty();
    if (a.matches("\\d+")) {
      return Bind.port(a).isPresent()
          ? Optional.of(new Bind.Tcp(Optional.of("0.0.0.0"), Integer.parseInt(a)))
          : Optional.empty();
    }
    return Bind.parse(a).filter(b -> b instanceof Bind.Tcp);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }
}
