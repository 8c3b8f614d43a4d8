package dev.berth.wiring;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code next.config.*} says about {@code output}, read without running it. Next writes
 * {@code .next/standalone} only with {@code output: 'standalone'} (nextjs.org/docs/app/api-
 * reference/config/next-config-js/output), or the Next 12 {@code experimental.outputStandalone}.
 * The answer is {@link Output#NONE} only for a config whose exported object berth can see
 * whole: an object literal exported directly or through one {@code const}, with no spread, no
 * {@code Object.assign}, no function or plugin wrapper around it and no local module it imports
 * (any of which may set {@code output}); a value that is not a plain string
 * ({@code process.env.X ? 'standalone' : undefined}) is {@link Output#UNKNOWN}.
 */
public final class NextConfig {
  /** What the config sets. */
  public enum Output { STANDALONE, OTHER, NONE, UNKNOWN }

  /**
   * The reading: {@code value} is the literal for {@link Output#OTHER} ({@code export}).
   */
  public record Reading(Output output, Optional<String> value) {}

  private static final Pattern OUTPUT_WORD = Pattern.compile("\\boutput\\b");
  private static final Pattern OUTPUT_LITERAL = Pattern.compile(
      "['\"]?output['\"]?\\s*:\\s*(['\"`])([\\w-]*)\\1\\s*(?=[,}\\n]|$)");
  private static final Pattern EXPORT = Pattern.compile("module\\.exports\\b|\\bexport\\s+default\\b");
  private static final Pattern DIRECT_OBJECT =
      Pattern.compile("(?:module\\.exports\\s*=|\\bexport\\s+default)\\s*\\{");
  private static final Pattern NAMED =
      Pattern.compile("(?:module\\.exports\\s*=|\\bexport\\s+default)\\s*([A-Za-z_$][\\w$]*)\\s*;?\\s*$",
          Pattern.MULTILINE);
  private static final Pattern LOCAL_MODULE =
      Pattern.compile("require\\s*\\(\\s*['\"]\\.|\\bfrom\\s+['\"]\\.|\\bimport\\s*\\(");

  private NextConfig() {}

  public static Reading read(String source) {
    String text = withoutComments(source);
    if (text.contains("outputStandalone")) return new Reading(Output.STANDALONE, Optional.empty());
    Matcher words = OUTPUT_WORD.matcher(text);
    Optional<String> literal = Optional.empty();
    boolean any = false;
    while (words.find()) {
      any = true;
      Optional<String> value = literalAt(text, words.start());
      if (value.isEmpty()) return new Reading(Output.UNKNOWN, Optional.empty());
      if (value.get().equals("standalone")) return new Reading(Output.STANDALONE, Optional.empty());
      literal = value;
    }
    if (!readable(text)) return new Reading(Output.UNKNOWN, Optional.empty());
    return any ? new Reading(Output.OTHER, literal) : new Reading(Output.NONE, Optional.empty());
  }

  /** The string literal of {@code output: '...'} (key quoted or not) written at {@code at}. */
  private static Optional<String> literalAt(String text, int at) {
    for (int from : new int[] {at, Math.max(0, at - 1)}) {
      Matcher m = OUTPUT_LITERAL.matcher(text).region(from, text.length());
      if (m.lookingAt()) return Optional.of(m.group(2));
    }
    return Optional.empty();
  }

  /**
   * The exported object is all there is: one export, of an object literal or of a name bound to
   * one, nothing spread or assigned into it, no local module imported.
   */
  private static boolean readable(String text) {
    if (text.contains("...") || text.contains("Object.assign") || LOCAL_MODULE.matcher(text).find()) {
      return false;
    }
    Matcher e = EXPORT.matcher(text);
    int exports = 0;
    while (e.find()) exports++;
    if (exports != 1) return false;
    if (DIRECT_OBJECT.matcher(text).find()) return true;
    Matcher named = NAMED.matcher(text);
    if (!named.find()) return false;
    String name = Pattern.quote(named.group(1));
    Pattern declared = Pattern.compile(
        "\\b(?:const|let|var)\\s+" + name + "\\s*(?::\\s*[\\w.]+\\s*)?=\\s*\\{");
    // Assigned to after its declaration (nextConfig.x = ...) : what it holds is not the literal.
    Pattern changed = Pattern.compile("\\b" + name + "\\s*(?:\\.|\\[)[^=\\n;]{0,200}=(?!=)");
    return declared.matcher(text).find() && !changed.matcher(text).find();
  }

  /** The text with JavaScript comments blanked; strings and template literals kept. */
  static String withoutComments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          if (s.charAt(j) == '\\') j++;
          j++;
        }
        int end = Math.min(s.length(), j + 1);
        out.append(s, i, end);
        i = end;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
