package dev.berth.rules;

import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The sink a rule reports into; it stamps each finding with the rule's metadata. */
public final class RuleContext {
  private final RuleInfo rule;
  private final List<Finding> sink;
  private final Set<Range> reported = new HashSet<>();

  public RuleContext(RuleInfo rule, List<Finding> sink) {
    this.rule = rule;
    this.sink = sink;
  }

  public RuleInfo rule() {
    return rule;
  }

  /**
   * Reports at {@code where} unless this context reported there through this method already
   * (several containers of one Dockerfile may lead to the same place); null then.
   */
  public Report once(Range where, String message) {
    return first(where) ? report(where, message) : null;
  }

  /** True the first time a rule names {@code place} in this context (a finding's key). */
  public boolean first(Range place) {
    return reported.add(place);
  }

  /** Report a finding; add related locations and fixes on the returned builder. */
  public Report report(Range range, String message) {
    Report r = new Report(range, message);
    sink.add(null); // placeholder keeps report order stable even when builders are finished late
    r.slot = sink.size() - 1;
    r.publish();
    return r;
  }

  /** Builder for one finding; every call re-publishes it, so no terminal call is needed. */
  public final class Report {
    private final Range range;
    private final String message;
    private final List<Related> related = new ArrayList<>();
    private final List<Fix> fixes = new ArrayList<>();
    private Severity severity = rule.severity();
    private int slot;

    private Report(Range range, String message) {
      this.range = range;
      this.message = message;
    }

    public Report related(Range where, String why) {
      related.add(new Related(where, why));
      publish();
      return this;
    }

    /**
     * Grades this finding below the rule's severity when its consequence is milder (a rule's
     * severity is the most its findings reach); a level above the rule's is refused.
     */
    public Report severity(Severity s) {
      if (!rule.severity().atLeast(s)) {
        throw new IllegalArgumentException(rule.id() + " cannot report above " + rule.severity());
      }
      severity = s;
      publish();
      return this;
    }

    public Report fix(String description, TextEdit... edits) {
      fixes.add(new Fix(description, List.of(edits)));
      publish();
      return this;
    }

    private void publish() {
      sink.set(slot, new Finding(rule, severity, range, message, related, fixes,
          Optional.empty()));
    }
  }
}
