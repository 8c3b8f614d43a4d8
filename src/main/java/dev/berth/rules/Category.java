package dev.berth.rules;

import java.util.Locale;

/** Exactly one per rule; carried into SARIF {@code properties.tags}. */
public enum Category {
  /** The build fails or the container breaks at start or at run time. */
  BUG,
  SECURITY,
  /** Hygiene and best practice. */
  STYLE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
