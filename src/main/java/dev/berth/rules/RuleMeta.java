package dev.berth.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only what cannot be derived: the kebab-case name comes from the class name, the prose from
 * {@code rules/<id>.md}, the help URI from the id.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleMeta {
  /** {@code BTH} + three digits; stable forever, never reused. */
  String id();

  /** One sentence, shown in rule lists and SARIF shortDescription. */
  String summary();

  Severity severity();

  Category category();

  Precision precision() default Precision.HIGH;

  /** Ids of the same check in other tools (hadolint {@code DL3006}, BuildKit {@code FromAsCasing}). */
  String[] aliases() default {};

  /**
   * Whether the rule also judges Dockerfiles that failed to parse. BuildKit refuses such a file
   * whole, so anything else said about its recovered instructions is noise; only the rule that
   * reports the parse error itself says yes.
   */
  boolean judgesUnparsableFiles() default false;

  /**
   * False for an opt-in rule: it runs only when the configuration names it ({@code rules: {ID:
   * on}}, a severity for it, or {@code enable: [ID]}). For checks that are right for some teams and
   * wrong for others, such as pinning distribution package versions.
   */
  boolean enabledByDefault() default true;

  /**
   * For {@link Category#SECURITY} rules: how serious the weakness is when a finding is true, on
   * GitHub code scanning's 0.0–10.0 scale (9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low);
   * written as SARIF {@code security-severity}. Empty: derived from the severity.
   */
  String securitySeverity() default "";
}
