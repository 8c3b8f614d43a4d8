package dev.berth.rules;

import java.util.Locale;

/** Ordered from most to least severe; the SARIF level names are the lower-case names. */
public enum Severity {
  ERROR, WARNING, NOTE;

  public String sarifLevel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Severity parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
