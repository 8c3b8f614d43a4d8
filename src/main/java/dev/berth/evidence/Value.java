package dev.berth.evidence;

import java.util.Optional;

/**
 * A value read from a command line or build file: known, or unknown with the reason. Paths are
 * already resolved to root-relative form ("" for the root) when known.
 *
 * @param raw the text as written, for messages
 * @param value the resolved value, when known
 * @param why why it is unknown ("a variable set outside the script", "standard input"); empty
 *     when known
 */
public record Value(String raw, Optional<String> value, String why) {

  public static Value known(String raw, String value) {
    return new Value(raw, Optional.of(value), "");
  }

  public static Value unknown(String raw, String why) {
    return new Value(raw, Optional.empty(), why);
  }

  public boolean known() {
    return value.isPresent();
  }
}
