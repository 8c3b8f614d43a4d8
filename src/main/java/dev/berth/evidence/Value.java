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
 * @param pattern for a path only some parts of which are unknown, the root-relative path with
 *     each unknown variable's name between two {@link ComposeFilePattern#MARK}s ({@code -f
 *     $BASEDIR/$RTE/docker-compose.yml} from a script in {@code test/runs}: {@code test/runs/}
 *     MARK {@code RTE} MARK {@code /docker-compose.yml}); empty otherwise
 */
public record Value(String raw, Optional<String> value, String why, Optional<String> pattern) {

  public static Value known(String raw, String value) {
    return new Value(raw, Optional.of(value), "", Optional.empty());
  }

  public static Value unknown(String raw, String why) {
    return new Value(raw, Optional.empty(), why, Optional.empty());
  }

  /** An unknown path whose known parts say which files it may be. */
  public static Value partly(String raw, String why, String pattern) {
    return new Value(raw, Optional.empty(), why, Optional.of(pattern));
  }

  /** Unknown, but its known parts make a {@link #pattern}. */
  public boolean partlyKnown() {
    return value.isEmpty() && pattern.isPresent();
  }

  public boolean known() {
    return value.isPresent();
  }
}
