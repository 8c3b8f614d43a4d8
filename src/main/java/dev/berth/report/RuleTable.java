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
          .append(r.enabledByDefault() ? "" : " (opt-in)")
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

  /** The README with the text between the markers replaced; empty when the markers are missing. */
  public static Optional<String> replaceEmbedded(String readme, String table) {
    int s = readme.indexOf(START);
    int e = readme.indexOf(END);
    if (s < 0 || e < s) return Optional.empty();
    return Optional.of(readme.substring(0, s + START.length()) + "\n" + table
        + readme.substring(e));
  }

  /**
   * Regenerates the table in a README in place: {@code java -cp target/berth.jar
   * dev.berth.report.RuleTable README.md}. A developer tool; berth itself never writes files.
   */
  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Path readme = java.nio.file.Path.of(args.length > 0 ? args[0] : "README.md");
    String text = java.nio.file.Files.readString(readme);
    Optional<String> updated = replaceEmbedded(text, render(dev.berth.rules.Registry.infos()));
    if (updated.isEmpty()) {
      System.err.println(readme + ": no " + START + " / " + END + " markers");
      System.exit(2);
    }
    java.nio.file.Files.writeString(readme, updated.get());
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
