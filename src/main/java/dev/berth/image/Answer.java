package dev.berth.image;

/** Three-valued answer: rules act on YES or NO and stay silent on UNKNOWN. */
public enum Answer {
  YES, NO, UNKNOWN;

  public static Answer of(boolean b) {
    return b ? YES : NO;
  }

  public Answer and(Answer other) {
    if (this == NO || other == NO) return NO;
    if (this == UNKNOWN || other == UNKNOWN) return UNKNOWN;
    return YES;
  }
}
