package dev.berth.rules;

import java.util.Locale;

/** SARIF {@code properties.precision}, as GitHub code scanning reads it. */
public enum Precision {
  VERY_HIGH, HIGH, MEDIUM, LOW;

  public String sarifName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
