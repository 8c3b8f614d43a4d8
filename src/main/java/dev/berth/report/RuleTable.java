package dev.berth.report;

import dev.berth.rules.RuleInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The README's rule table, generated so it can never drift from the rules: the README embeds it
 * between {@code <!-- rules:start -->} and {@code <!-- rules:end -->}.
 */
public final class RuleTable {
  public static final String START = "<!-- rules:start -->";
  public static final String END = "<!-- rules:end -->";

  private RuleTable() {}

  public static String render(List<RuleInfo> rules) {
    return render(rules, RuleDocs::page);
  }

  static String render(List<RuleInfo> rules, Function<String, Optional<RulePage>> pages) {
    StringBuilder b = new StringBuilder();
    b.append("| Rule | Name | Severity | Category | What it finds | Aliases |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (RuleInfo r : rules) {
      String id = pages.apply(r.id()).isPresent()
          ? "[" + r.id() + "](rules/" + r.id() + ".md)" : r.id();
      String aliases = r.aliases().isEmpty() ? "" : String.join(", ", r.aliases());
      b.append("| ").append(id)
          .append(" | `").append(r.name()).append('`')
          .append(" | ").append(r.severity().sarifLevel())
          .append(" | ").append(r.category().tag())
          .append(" | ").append(cell(r.summary()))
          .append(" | ").append(cell(aliases))
          .append(" |\n");
    }
    return b.toString();
  }

  /** The text between the markers of a README, or empty when the markers are missing. */
  public static Optional<String> embedded(String readme) {
    int s = readme.indexOf(START);
    int e = readme.indexOf(END);
    if (s < 0 || e < s) return Optional.empty();
    return Optional.of(readme.substring(s + START.length(), e).strip() + "\n");
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
