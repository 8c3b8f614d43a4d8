package dev.berth.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-side reading of rules/*.md: title, sections and fenced examples. */
record RulePages(String id, String name, String markdown, List<Example> examples,
    Optional<String> output) {
  static final Path DIR = Path.of("rules");
  static final List<String> REQUIRED_SECTIONS =
      List.of("## Why it matters", "## Example", "## Output", "## Fix", "## Aliases");
  private static final Pattern TITLE = Pattern.compile("^# (BTH\\d{3}): ([a-z0-9-]+)\\s*$");
  private static final Pattern FENCE =
      Pattern.compile("(?ms)^```([a-z]+)(?: (bad|good))?((?: [a-z]+=[^\\s`]+)*)[ \\t]*\\n(.*?)^```[ \\t]*$");

  /** A fenced example; {@code fixture} set means "needs a project; covered by that fixture". */
  record Example(String language, boolean bad, String body, Optional<String> fixture) {}

  static RulePages read(Path page) throws IOException {
    String md = Files.readString(page);
    String first = md.lines().findFirst().orElse("");
    Matcher t = TITLE.matcher(first);
    if (!t.matches()) throw new IllegalStateException(page + ": first line must be '# BTHnnn: name'");
    List<Example> examples = new ArrayList<>();
    Optional<String> output = Optional.empty();
    Matcher m = FENCE.matcher(md);
    while (m.find()) {
      String lang = m.group(1);
      String kind = m.group(2);
      String attrs = m.group(3) == null ? "" : m.group(3);
      Optional<String> fixture = Pattern.compile("fixture=(\\S+)").matcher(attrs).results()
          .map(r -> r.group(1)).findFirst();
      if (kind != null) {
        examples.add(new Example(lang, kind.equals("bad"), m.group(4), fixture));
      } else if (lang.equals("text") && output.isEmpty() && sectionOf(md, m.start()).equals("## Output")) {
        output = Optional.of(m.group(4).strip());
      }
    }
    return new RulePages(t.group(1), t.group(2), md, examples, output);
  }

  private static String sectionOf(String md, int offset) {
    int h = md.lastIndexOf("\n## ", offset);
    if (h < 0) return "";
    int end = md.indexOf('\n', h + 1);
    return md.substring(h + 1, end).strip();
  }

  static List<Path> all() throws IOException {
    try (var s = Files.list(DIR)) {
      return s.filter(p -> p.getFileName().toString().matches("BTH\\d{3}\\.md")).sorted().toList();
    }
  }
}
