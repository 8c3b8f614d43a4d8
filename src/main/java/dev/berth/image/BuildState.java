package dev.berth.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a stage's replay carries from one instruction to the next besides the filesystem: the
 * current USER, working directory and environment (ENV, and ARG values in scope).
 *
 * @param user the USER value after expansion ({@code root} by default); empty when unknown
 * @param shell the SHELL in effect; empty when not a POSIX shell berth can read
 * @param workdir empty when it depends on something unknown
 * @param env known variable values; a variable absent here is unknown or unset
 * @param unknownVars variables set to something berth could not evaluate
 */
record BuildState(Optional<String> user, Optional<String> workdir, Map<String, String> env,
    java.util.Set<String> unknownVars, boolean posixShell) {

  BuildState {
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    unknownVars = java.util.Set.copyOf(unknownVars);
  }

  /** The same variables for the Dockerfile expander; absent names are unknown (open world). */
  dev.berth.dockerfile.Vars vars() {
    return dev.berth.dockerfile.Vars.of(env, unknownVars).openWorld(true);
  }
}
