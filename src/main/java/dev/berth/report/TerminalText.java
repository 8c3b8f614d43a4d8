package dev.berth.report;

/**
 * Text from the linted files (names, lines quoted in messages) made safe for a terminal or a CI
 * log: control characters would otherwise let a file move the cursor, retitle the window, hide
 * text (ESC, OSC, BEL) or start a line of its own ({@code \n}) and forge a finding. Each becomes
 * a visible escape ({@code \n}, {@code \x1b}, {@code \u202e}); everything else is kept. Applied
 * where text leaves berth for a terminal: text reports and stderr diagnostics (JSON and SARIF
 * escape control characters by their own syntax).
 */
public final class TerminalText {
  private TerminalText() {}

  public static String safe(String s) {
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i))) i++;
    if (i == s.length()) return s;
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x100) {
        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /**
   * C0 and C1 controls and DEL, plus the Unicode line separators and bidirectional overrides
   * that reorder what a reader sees ("Trojan Source").
   */
  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }
}
