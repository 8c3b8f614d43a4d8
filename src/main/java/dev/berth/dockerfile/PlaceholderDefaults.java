package dev.berth.dockerfile;

import java.util.Locale;
import java.util.Set;

/**
 * ARG defaults that name their own absence: VictoriaMetrics'
 * {@code ARG src_binary=non-existing} and {@code ARG base_image=non-existing}, which its Makefile
 * always overrides with {@code --build-arg}. The author made the default fail on purpose, so the
 * value that builds is the one the builder passes: unknown, like an ARG without a default.
 */
public final class PlaceholderDefaults {
  private static final Set<String> WORDS = Set.of("non-existing", "nonexisting", "non-existent",
      "nonexistent", "does-not-exist", "doesnotexist", "must-be-set", "must-be-provided",
      "must-be-overridden", "required", "replace-me", "replaceme", "change-me", "changeme",
      "set-me", "setme", "placeholder", "undefined");

  private PlaceholderDefaults() {}

  /** The default is one of the words that say "pass a value" (case and _/- insensitive). */
  public static boolean placeholder(String value) {
    return WORDS.contains(value.strip().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
