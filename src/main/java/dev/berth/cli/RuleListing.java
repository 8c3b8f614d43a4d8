package dev.berth.cli;

import dev.berth.report.RuleDocs;
import dev.berth.report.RulePage;
import dev.berth.rules.Aliases;
import dev.berth.rules.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code --list-rules} and {@code --explain}. */
final class RuleListing {
  private RuleListing() {}

  /** One aligned line per rule: id, name, severity, category, summary. */
  static String list(List<RuleInfo> rules) {
    int name = "NAME".length();
    for (RuleInfo r : rules) name = Math.max(name, r.name().length());
    StringBuilder b = new StringBuilder();
    String format = "%-6s  %-" + name + "s  %-8s  %-8s  %s%s%n";
    b.append(String.format(Locale.ROOT, format, "ID", "NAME", "SEVERITY", "CATEGORY", "SUMMARY",
        ""));
    for (RuleInfo r : rules) {
      b.append(String.format(Locale.ROOT, format, r.id(), r.name(), r.severity().sarifLevel(),
          r.category().tag(), r.summary(), r.enabledByDefault() ? "" : " (opt-in: off by default)"));
    }
    return b.toString();
  }

  /**
   * The rule's page as plain text; a short stand-in when the rule exists but has no page. The
   * rule may be named by its id, its name or an alias (a hadolint code, a BuildKit check name);
   * an alias several rules carry lists them.
   */
  static Optional<String> explain(String id, List<RuleInfo> rules) {
    List<RuleInfo> found = Aliases.resolve(id, rules);
    if (found.isEmpty()) return Optional.empty();
    if (found.size() > 1) {
      StringBuilder b = new StringBuilder(id.strip() + " is covered by " + found.size()
          + " berth rules:\n");
      for (RuleInfo r : found) {
        b.append(String.format(Locale.ROOT, "  %s  %s: %s%n", r.id(), r.name(), r.summary()));
      }
      return Optional.of(b.append("See berth --explain ").append(found.get(0).id())
          .append(" and the others.\n").toString());
    }
    RuleInfo r = found.get(0);
    Optional<RulePage> page = RuleDocs.page(r.id());
    if (page.isPresent()) return Optional.of(page.get().text());
    return Optional.of(r.id() + ": " + r.name() + "\n\n" + r.summary() + "\n\nSeverity: "
        + r.severity().sarifLevel() + ", category: " + r.category().tag() + "\n"
        + "More: " + r.helpUri() + "\n");
  }
}
