package dev.berth.compose;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as Compose writes them: "512m", "1gb", "2G", "1024" (binary units, like docker). */
public final class Sizes {
  private Sizes() {}

  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(b|ib)?");

  public static Optional<Long> bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) return Optional.empty();
    double n = Double.parseDouble(m.group(1));
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      case "p" -> 50;
      default -> 0;
    };
    double v = n * Math.pow(2, shift);
    return v > Long.MAX_VALUE ? Optional.empty() : Optional.of((long) v);
  }
}
