package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a string {@code command}/{@code entrypoint} into words like compose-go (go-shellwords):
 * blanks separate words, single quotes are literal, double quotes and backslashes escape, no
 * expansion. Empty when a quote is left open.
 */
public final class ShellWords {
  private ShellWords() {}

  public static Optional<List<String>> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
          cur.append(s.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
        inWord = true;
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) return Optional.empty();
    if (inWord) words.add(cur.toString());
    return Optional.of(words);
  }
}
