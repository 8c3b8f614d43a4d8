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
}
