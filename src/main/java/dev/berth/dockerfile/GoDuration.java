package dev.berth.dockerfile;

import java.time.Duration;
import java.util.Optional;

/** Go's {@code time.ParseDuration}, which HEALTHCHECK flags use ({@code 30s}, {@code 1m30s}, {@code 1.5h}). */
public final class GoDuration {
  private GoDuration() {}

  /** The duration, or empty when Go would reject the text. */
  public static Optional<Duration> parse(String s) {
    String orig = s;
    if (s.isEmpty()) return Optional.empty();
    boolean neg = false;
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      neg = s.charAt(0) == '-';
      i++;
    }
    if (orig.substring(i).equals("0")) return Optional.of(Duration.ZERO);
    if (i == s.length()) return Optional.empty();
    double nanos = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
      int intEnd = i;
      int fracEnd = i;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
        fracEnd = i;
      }
      if (intEnd == start && fracEnd <= intEnd + 1) return Optional.empty();
      double number = Double.parseDouble(s.substring(start, fracEnd).equals(".") ? "0"
          : s.substring(start, fracEnd));
      int u = i;
      while (i < s.length() && s.charAt(i) != '.' && !(Character.isDigit(s.charAt(i)))) i++;
      String unit = s.substring(u, i);
      double scale;
      switch (unit) {
        case "ns": scale = 1; break;
        case "us": case "\u00b5s": case "\u03bcs": scale = 1e3; break;
        case "ms": scale = 1e6; break;
        case "s": scale = 1e9; break;
        case "m": scale = 60e9; break;
        case "h": scale = 3600e9; break;
        default: return Optional.empty();
      }
      nanos += number * scale;
    }
    if (nanos > Long.MAX_VALUE) return Optional.empty();
    long n = (long) nanos;
    return Optional.of(Duration.ofNanos(neg ? -n : n));
  }

  /** BuildKit's parseOptInterval check: null when fine, else the error message. */
  static String check(String flag, String value) {
    if (value.isEmpty()) return null;
    Optional<Duration> d = parse(value);
    if (d.isEmpty()) return "time: invalid duration " + ArgText.quote(value);
    if (d.get().isZero()) return null;
    if (d.get().compareTo(Duration.ofMillis(1)) < 0) {
      return "Interval " + ArgText.quote(flag) + " cannot be less than 1ms";
    }
    return null;
  }
}
