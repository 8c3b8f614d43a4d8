package dev.berth.rules;

import dev.berth.source.Range;

/** Why a finding is suppressed: an inline pragma (kept in SARIF as dismissed) or the config. */
public record Suppression(Kind kind, String justification, Range pragma) {
  public enum Kind { IN_SOURCE, EXTERNAL }
}
