package dev.berth.config;

import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What berth takes from hadolint's configuration file at the project root ({@code .hadolint.yaml}
 * or {@code .hadolint.yml}): suppressions, severities and a failure threshold for the berth rules
 * that carry the hadolint ids it names. {@code .berth.yaml} wins: a rule it configures (a level,
 * {@code off}, {@code enable}/{@code disable}) takes nothing from here, and its {@code fail-level}
 * or {@code --fail-level} replaces the threshold. {@code --verbose} prints the file and its
 * {@link #notes}: what was read and applied.
 *
 * @param file the file read, root-relative; empty when there was none
 * @param ignored rule id → the {@code ignored:} entry that switches its findings off (they stay in
 *     SARIF as externally suppressed)
 * @param severities rule id → level from {@code override:} ({@code info} and {@code style} are
 *     berth's note)
 * @param failLevel {@code failure-threshold}, for findings of rules with hadolint aliases (empty
 *     optional inside: {@code none}/{@code ignore}, never fail)
 * @param honourHadolintPragmas false with {@code disable-ignore-pragma: true}
 * @param notes one line per key read: what it did, or why it was not applied
 * @param problems the file could not be read as hadolint's configuration (exit status 2)
 */
public record ImportedConfig(
    Optional<String> file,
    Map<String, Range> ignored,
    Map<String, Severity> severities,
    Optional<Optional<Severity>> failLevel,
    boolean honourHadolintPragmas,
    List<String> notes,
    List<Diagnostic> problems) {

  public ImportedConfig {
    ignored = Map.copyOf(ignored);
    severities = Map.copyOf(severities);
    notes = List.copyOf(notes);
    problems = List.copyOf(problems);
  }

  public static ImportedConfig none() {
    return new ImportedConfig(Optional.empty(), Map.of(), Map.of(), Optional.empty(), true,
        List.of(), List.of());
  }

  /** The same without a failure threshold: {@code --fail-level} was given. */
  ImportedConfig withoutFailLevel() {
    return new ImportedConfig(file, ignored, severities, Optional.empty(), honourHadolintPragmas,
        notes, problems);
  }
}
