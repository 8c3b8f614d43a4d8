package dev.berth.rules;

import dev.berth.source.Diagnostic;
import java.util.List;

/**
 * The outcome of one run: findings (suppressed ones included, marked) sorted by location, the
 * rules that ran, and every diagnostic from loading and from rule failures.
 */
public record Analysis(List<Finding> findings, List<RuleInfo> rules, List<Diagnostic> diagnostics) {
  public Analysis {
    findings = List.copyOf(findings);
    rules = List.copyOf(rules);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Unsuppressed findings. */
  public List<Finding> active() {
    return findings.stream().filter(f -> !f.suppressed()).toList();
  }
}
