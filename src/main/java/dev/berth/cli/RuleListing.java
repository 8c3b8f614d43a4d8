package dev.berth.cli;

import dev.berth.report.RuleDocs;
import dev.berth.report.RulePage;
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

  /** The rule's page as plain text; a short stand-in when the rule exists but has no page. */
  static Optional<String> explain(String id, List<RuleInfo> rules) {
    String wanted = id.strip().toUpperCase(Locale.ROOT);
    Optional<RuleInfo> info = rules.stream()
        .filter(r -> r.id().equals(wanted) || r.name().equals(id.strip()))
        .findFirst();
    String pageId = info.map(RuleInfo::id).orElse(wanted);
    Optional<RulePage> page = RuleDocs.page(pageId);
    if (page.isPresent()) return Optional.of(page.get().text());
    return info.map(r -> r.id() + ": " + r.name() + "\n\n" + r.summary() + "\n\nSeverity: "
        + r.severity().sarifLevel() + ", category: " + r.category().tag() + "\n"
        + "More: " + r.helpUri() + "\n");
  }
}
