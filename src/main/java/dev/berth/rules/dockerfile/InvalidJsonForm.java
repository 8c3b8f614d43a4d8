package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.JsonFallback;
import dev.berth.dockerfile.Vars;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Arguments written as a JSON array that is not valid JSON ({@code ['a', 'b']}, a trailing comma,
 * a missing comma, {@code \$} in a string): BuildKit does not refuse them, it silently reads them in
 * the other form (moby/buildkit {@code parser/line_parsers.go}, {@code parseMaybeJSON} and
 * {@code parseMaybeJSONToList}), so RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD run the text as a
 * shell command and VOLUME, COPY and ADD take its whitespace-separated pieces. A shell command that
 * starts with the {@code [} test command ({@code RUN [ -f x ] && ...}) is not such a slip. Only
 * stages a build runs (the final stage, compose targets, and what they reach) are judged.
 */
@RuleMeta(
    id = "BTH008",
    summary = "Arguments look like a JSON array but are not JSON, so BuildKit silently reads them another way",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class InvalidJsonForm implements DockerfileRule {
  private static final String QUOTED = "(?:\"[^\"]*\"|'[^']*'|[\u201c\u2018][^\u201d\u2019]*[\u201d\u2019])";
  /** {@code [ 'a', 'b' ]}: a list of quoted items, not the {@code [} test command. */
  private static final Pattern SPACED_LIST = Pattern.compile(
      "\\[\\s*(?:" + QUOTED + "\\s*,\\s*)+" + QUOTED + "\\s*,?\\s*\\]");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    if (dockerfile.jsonFallbacks().isEmpty()) return;
    Set<Instruction> run = instructionsRun(dockerfile, project);
    for (JsonFallback f : dockerfile.jsonFallbacks()) {
      if (!meantAsJson(f.arguments().text()) || !run.contains(f.instruction())) continue;
      List<String> words = f.asShell() ? f.words() : afterQuoteRemoval(dockerfile, f.words());
      RuleContext.Report r = ctx.report(f.range(), message(f.instruction().name(), f.problem(),
          f.asShell(), words));
      f.meant().ifPresent(json -> r.fix("Write it as JSON: " + json,
          new TextEdit(f.range(), json)));
    }
  }

  /**
   * VOLUME, COPY and ADD words go through BuildKit's word expansion, which removes quotes:
   * {@code ['/data',} becomes the path {@code [/data,}. Variables stay as written.
   */
  private static List<String> afterQuoteRemoval(Dockerfile df, List<String> words) {
    Expander ex = new Expander(df.escape());
    return words.stream().map(w -> {
      Expansion e = ex.word(w, Vars.empty().openWorld(true));
      return e.error().isPresent() ? w : e.value();
    }).toList();
  }

  /** The instructions of the stages a build of this Dockerfile runs. */
  private static Set<Instruction> instructionsRun(Dockerfile df, Project project) {
    return StagesBuilt.of(df, project).stream().flatMap(s -> s.instructions().stream())
        .collect(Collectors.toSet());
  }

  /**
   * Evidently a JSON array: {@code [} followed directly by something other than space or
   * {@code [}, or a spaced list of quoted, comma-separated items. {@code [ -f x ]} and
   * {@code [[ ... ]]} are test commands.
   */
  /** {@code [Type.Name]::} at the start: a PowerShell type literal and a static member. */
  private static final java.util.regex.Pattern POWERSHELL_TYPE =
      java.util.regex.Pattern.compile("\\[[A-Za-z_][A-Za-z0-9_.]*+\\]::");

  static boolean meantAsJson(String arguments) {
    String t = arguments.strip();
    if (t.length() < 2 || t.charAt(0) != '[') return false;
    // PowerShell's static member access on a type literal, `[Net.ServicePointManager]::...`
    // (chroma's Dockerfile.windows under SHELL ["powershell", ...]): a command, not a list.
    if (POWERSHELL_TYPE.matcher(t).lookingAt()) return false;
    char second = t.charAt(1);
    if (second != '[' && !Character.isWhitespace(second)) return true;
    return SPACED_LIST.matcher(t).matches();
  }

  /**
   * @param asShell RUN, CMD, ENTRYPOINT, HEALTHCHECK (else VOLUME, COPY, ADD)
   * @param words the shell script, or the words BuildKit split the text into (quotes removed)
   */
  public static String message(String instruction, String problem, boolean asShell,
      List<String> words) {
    String head = instruction + " arguments look like a JSON array but are not JSON (" + problem
        + "), so BuildKit ";
    if (asShell) {
      String outcome = switch (instruction) {
        case "RUN" -> "the build fails";
        case "HEALTHCHECK" -> "the health check always fails";
        default -> "the container exits at start";
      };
      return head + "runs them as a shell command, `" + words.get(0) + "`, and " + outcome;
    }
    if (instruction.equals("VOLUME")) {
      return head + "splits them on spaces and declares volumes at the paths " + quoted(words);
    }
    return head + "splits them on spaces and copies " + quoted(words.subList(0, words.size() - 1))
        + " to `" + words.get(words.size() - 1) + "`";
  }

  private static String quoted(List<String> words) {
    return words.stream().map(w -> "`" + w + "`").collect(Collectors.joining(", "));
  }
}
