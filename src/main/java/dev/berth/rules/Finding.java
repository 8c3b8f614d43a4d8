package dev.berth.rules;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * One problem found by one rule. The engine stamps the rule and its configured severity; rules
 * only supply the range, message, related locations and fixes.
 */
public record Finding(
    RuleInfo rule,
    Severity severity,
    Range range,
    String message,
    List<Related> related,
    List<Fix> fixes,
    Optional<Suppression> suppression) {

  public Finding {
    related = List.copyOf(related);
    fixes = List.copyOf(fixes);
  }

  public boolean suppressed() {
    return suppression.isPresent();
  }

  public Finding withSeverity(Severity s) {
    return new Finding(rule, s, range, message, related, fixes, suppression);
  }

  public Finding withSuppression(Suppression s) {
    return new Finding(rule, severity, range, message, related, fixes, Optional.of(s));
  }
}
