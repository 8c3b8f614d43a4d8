package dev.berth.dockerfile;

import java.util.Optional;

/** {@code USER name[:group]} after expansion. */
public record UserSpec(String user, Optional<String> group) {
  public static UserSpec parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? new UserSpec(text, Optional.empty())
        : new UserSpec(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
  }

  /** {@code root}, {@code 0}, or {@code 0:...}: the process runs as root. */
  public boolean root() {
    return user.equals("root") || user.equals("0");
  }
}
