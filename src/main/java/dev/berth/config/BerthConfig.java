package dev.berth.config;

import dev.berth.rules.Aliases;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The effective configuration ({@code .berth.yaml} merged with command-line options).
 *
 * @param enabled rule ids explicitly enabled (empty = all rules that are on by default); when
 *     non-empty it is an allow-list: only these rules run
 * @param disabled rule ids turned off (wins over {@code enabled}; {@code rules: {ID: off}} lands here)
 * @param severities per-rule severity overrides
 * @param failLevel findings at or above this severity make the exit code 1; empty = never
 * @param ignore globs (relative to the root) of files not to lint when found by walking
 * @param trustedRegistries registries base images may come from (empty = any)
 * @param composeProjects explicit groups of compose files, each linted as one project
 * @param contexts build context directory per Dockerfile (both root-relative, "" = the root) for
 *     Dockerfiles no compose file builds
 * @param composeAlternatives sets of compose files (root-relative, normalised) of which no two
 *     are up at the same time: projects holding different files of one set never run side by
 *     side
 * @param imported what hadolint's configuration file adds, below all of the above
 * @param stylePerFile style findings text output prints per file ({@code style-per-file});
 *     empty: all of them
 * @param switchedOn opt-in rules (off by default) the configuration turns on: {@code rules: {ID:
 *     on}} or a severity given for them
 */
public record BerthConfig(
    Set<String> enabled,
    Set<String> disabled,
    Map<String, Severity> severities,
    Optional<Severity> failLevel,
    List<String> ignore,
    List<String> trustedRegistries,
    List<List<String>> composeProjects,
    Map<String, String> contexts,
    List<List<String>> composeAlternatives,
    ImportedConfig imported,
    OptionalInt stylePerFile,
    Set<String> switchedOn) {

  /** Style findings per file in text output when nothing says otherwise. */
  public static final int STYLE_PER_FILE = 5;

  public BerthConfig {
    switchedOn = Set.copyOf(switchedOn);
    composeAlternatives = composeAlternatives.stream().map(List::copyOf).toList();
    contexts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(contexts));
    enabled = Set.copyOf(enabled);
    disabled = Set.copyOf(disabled);
    severities = Map.copyOf(severities);
    ignore = List.copyOf(ignore);
    trustedRegistries = List.copyOf(trustedRegistries);
    composeProjects = composeProjects.stream().map(List::copyOf).toList();
  }

  public BerthConfig(Set<String> enabled, Set<String> disabled, Map<String, Severity> severities,
      Optional<Severity> failLevel, List<String> ignore, List<String> trustedRegistries,
      List<List<String>> composeProjects) {
    this(enabled, disabled, severities, failLevel, ignore, trustedRegistries, composeProjects,
        Map.of());
  }

  public BerthConfig(Set<String> enabled, Set<String> disabled, Map<String, Severity> severities,
      Optional<Severity> failLevel, List<String> ignore, List<String> trustedRegistries,
      List<List<String>> composeProjects, Map<String, String> contexts) {
    this(enabled, disabled, severities, failLevel, ignore, trustedRegistries, composeProjects,
        contexts, Set.of());
  }

  /** Defaults for everything after {@code contexts} but the opt-in rules turned on. */
  public BerthConfig(Set<String> enabled, Set<String> disabled, Map<String, Severity> severities,
      Optional<Severity> failLevel, List<String> ignore, List<String> trustedRegistries,
      List<List<String>> composeProjects, Map<String, String> contexts, Set<String> switchedOn) {
    this(enabled, disabled, severities, failLevel, ignore, trustedRegistries, composeProjects,
        contexts, List.of(), ImportedConfig.none(), OptionalInt.of(STYLE_PER_FILE), switchedOn);
  }

  public static BerthConfig defaults() {
    return new BerthConfig(Set.of(), Set.of(), Map.of(), Optional.of(Severity.WARNING), List.of(),
        List.of(), List.of());
  }

  public boolean isEnabled(String ruleId) {
    return isEnabled(ruleId, true);
  }

  /**
   * Whether a rule runs. An opt-in rule ({@code onByDefault} false) runs only when the
   * configuration names it: {@code rules: {ID: on}}, a severity for it, or the {@code enable}
   * allow-list.
   */
  public boolean isEnabled(String ruleId, boolean onByDefault) {
    if (disabled.contains(ruleId)) return false;
    if (!enabled.isEmpty()) return enabled.contains(ruleId);
    return onByDefault || switchedOn.contains(ruleId) || severities.containsKey(ruleId);
  }

  /** The level the configuration sets for a rule, if it sets one. */
  public Optional<Severity> severityOverride(String ruleId) {
    return Optional.ofNullable(severities.get(ruleId));
  }

  /**
   * The lowest severity at which a finding of {@code rule} fails the run: the fail level, or
   * hadolint's {@code failure-threshold} for rules standing in for hadolint's checks when nothing
   * in berth's own configuration sets one.
   */
  public Optional<Severity> failLevel(RuleInfo rule) {
    if (imported.failLevel().isPresent() && !Aliases.of(rule, Aliases.Tool.HADOLINT).isEmpty()) {
      return imported.failLevel().get();
    }
    return failLevel;
  }

  /** Whether this configuration (not an imported one) says anything about the rule. */
  public boolean configures(String ruleId) {
    return enabled.contains(ruleId) || disabled.contains(ruleId) || severities.containsKey(ruleId)
        || switchedOn.contains(ruleId);
  }

  /**
   * The same configuration with another fail level (the command line overrides the file, and
   * any imported failure threshold).
   */
  public BerthConfig withFailLevel(Optional<Severity> level) {
    return new BerthConfig(enabled, disabled, severities, level, ignore, trustedRegistries,
        composeProjects, contexts, composeAlternatives, imported.withoutFailLevel(), stylePerFile,
        switchedOn);
  }

  /** The same configuration with what another linter's file adds. */
  public BerthConfig withImported(ImportedConfig imports, List<String> registries) {
    return new BerthConfig(enabled, disabled, severities, failLevel, ignore,
        trustedRegistries.isEmpty() ? registries : trustedRegistries, composeProjects, contexts,
        composeAlternatives, imports, stylePerFile, switchedOn);
  }

  /** The same configuration printing every style finding ({@code --all}). */
  public BerthConfig withAllStyleFindings() {
    return new BerthConfig(enabled, disabled, severities, failLevel, ignore, trustedRegistries,
        composeProjects, contexts, composeAlternatives, imported, OptionalInt.empty(), switchedOn);
  }

  /** Whether the configuration says these two compose files are never up at the same time. */
  public boolean alternatives(String fileA, String fileB) {
    if (fileA.equals(fileB)) return false;
    for (List<String> set : composeAlternatives) {
      if (set.contains(fileA) && set.contains(fileB)) return true;
    }
    return false;
  }
}
