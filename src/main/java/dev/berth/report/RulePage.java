package dev.berth.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule page ({@code rules/BTHnnn.md}), the only prose about a rule. Its fixed shape:
 * {@code # BTHnnn: name}, a one-paragraph summary, then {@code ##} sections (Why it matters,
 * Example, Output, Fix, Aliases).
 *
 * @param id the rule id from the heading
 * @param title the rule name from the heading ({@code duplicate-stage-name})
 * @param fullDescription the first paragraph, joined into one line
 * @param markdown the page as written
 */
public record RulePage(String id, String title, String fullDescription, String markdown) {
  private static final Pattern HEADING = Pattern.compile("#\\s+(BTH\\d{3})\\s*:\\s*(\\S.*?)\\s*");
  private static final Pattern FENCE = Pattern.compile("\\s*(```+|~~~+)\\s*(.*?)\\s*");

  /** A fenced block: {@code info} is the text after the fence ({@code dockerfile bad}). */
  public record CodeBlock(String info, String body, int line) {}

  /** Parses a page; empty when the first non-blank line is not {@code # BTHnnn: name}. */
  public static Optional<RulePage> parse(String markdown) {
    String text = markdown.replace("\r\n", "\n");
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) i++;
    if (i == lines.length) return Optional.empty();
    Matcher h = HEADING.matcher(lines[i]);
    if (!h.matches()) return Optional.empty();
    i++;
    while (i < lines.length && lines[i].isBlank()) i++;
    StringBuilder summary = new StringBuilder();
    while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("#")) {
      if (summary.length() > 0) summary.append(' ');
      summary.append(lines[i].strip());
      i++;
    }
    return Optional.of(new RulePage(h.group(1), h.group(2), summary.toString(), text));
  }

  /** The body of a {@code ## name} section (case-insensitive), without its heading. */
  public Optional<String> section(String name) {
    return Optional.ofNullable(sections().get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** Sections by lower-cased heading, in page order; headings inside code blocks do not count. */
  public Map<String, String> sections() {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder body = new StringBuilder();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).matches()) inFence = !inFence;
      if (!inFence && line.startsWith("## ")) {
        if (current != null) out.put(current, body.toString().strip());
        current = line.substring(3).strip().toLowerCase(java.util.Locale.ROOT);
        body.setLength(0);
      } else if (current != null) {
        body.append(line).append('\n');
      }
    }
    if (current != null) out.put(current, body.toString().strip());
    return out;
  }

  /** Every fenced code block, in page order, with the 1-based line of its opening fence. */
  public List<CodeBlock> codeBlocks() {
    List<CodeBlock> out = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) continue;
      String fence = open.group(1);
      StringBuilder body = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !lines[j].strip().equals(fence)) {
        body.append(lines[j]).append('\n');
        j++;
      }
      out.add(new CodeBlock(open.group(2), body.toString(), i + 1));
      i = j;
    }
    return out;
  }

  /** The page without its {@code #} heading: what SARIF {@code help.markdown} shows under the title. */
  public String helpMarkdown() {
    int nl = markdown.indexOf('\n');
    return nl < 0 ? "" : markdown.substring(nl + 1).strip() + "\n";
  }

  /**
   * The page as plain text for terminals and SARIF {@code help.text}: headings and code fences
   * become plain lines, code is indented, inline markup is dropped.
   */
  public String text() {
    return plain(markdown);
  }

  /** {@link #text()} without the heading, for SARIF {@code help.text}. */
  public String helpText() {
    return plain(helpMarkdown());
  }

  private static String plain(String markdown) {
    StringBuilder out = new StringBuilder();
    boolean inFence = false;
    String fence = "";
    for (String line : markdown.split("\n", -1)) {
      Matcher f = FENCE.matcher(line);
      if (!inFence && f.matches()) {
        inFence = true;
        fence = f.group(1);
        String label = label(f.group(2));
        if (!label.isEmpty()) out.append(label).append('\n');
        continue;
      }
      if (inFence) {
        if (line.strip().equals(fence)) {
          inFence = false;
        } else {
          out.append("    ").append(line).append('\n');
        }
        continue;
      }
      if (line.startsWith("#")) {
        out.append(line.replaceFirst("^#+\\s*", "")).append('\n');
      } else {
        out.append(inline(line)).append('\n');
      }
    }
    return out.toString().strip() + "\n";
  }

  private static String label(String info) {
    if (info.matches(".*\\bbad\\b.*")) return "Bad:";
    if (info.matches(".*\\bgood\\b.*")) return "Good:";
    return "";
  }

  private static String inline(String line) {
    return line
        .replaceAll("\\[([^\\]]+)]\\(([^)]+)\\)", "$1 ($2)")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "$1")
        .replaceAll("`([^`]+)`", "$1");
  }
}
