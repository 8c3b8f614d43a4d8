package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ${...}} substitution BuildKit's word lexer ({@code frontend/dockerfile/shell/lex.go})
 * refuses whatever the variables hold: a modifier it does not have ({@code ${name:x}},
 * {@code ${name^^}}, {@code ${name:0:3}}), {@code ${} or {@code ${:x}} ("bad substitution"), a
 * missing {@code }}, or a pattern that does not compile. BuildKit expands FROM (with the global
 * ARGs, every stage) and, when it runs a stage, ADD/COPY sources, destination, {@code --chown},
 * {@code --chmod}, ENV, LABEL, EXPOSE, STOPSIGNAL, USER, VOLUME and WORKDIR; the build then fails
 * with "failed to process". RUN, CMD and ENTRYPOINT are left to the shell, and only stages a build
 * runs are judged.
 */
@RuleMeta(
    id = "BTH009",
    summary = "A ${...} substitution BuildKit does not support, so the build fails",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH)
public final class UnsupportedSubstitution implements DockerfileRule {
  /** Every name unknown: only errors no value can avoid remain. */
  private static final Vars ANY = Vars.empty().openWorld(true);

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    for (Stage s : dockerfile.stages()) {
      List<Word> from = new ArrayList<>();
      from.add(s.from().image());
      for (Flag f : s.from().flags()) {
        if (f.name().equals("platform") && f.value().isPresent()) {
          String written = "--platform=";
          Word whole = new Word(written + f.value().get(), f.range());
          from.add(new Word(f.value().get(), whole.rangeOf(written.length(), whole.text().length())));
        }
      }
      for (Word w : from) judge(ex, "FROM", w, ctx);
    }
    for (Stage s : StagesBuilt.of(dockerfile, project)) {
      for (Instruction i : s.instructions()) {
        for (Word w : Expander.dispatchWords(i)) judge(ex, i.name(), w, ctx);
      }
    }
  }

  private static void judge(Expander ex, String instruction, Word w, RuleContext ctx) {
    if (w.text().indexOf('$') < 0) return;
    Expansion e = ex.word(w.text(), ANY);
    if (e.error().isEmpty() || e.errorAt().isEmpty()) return;
    int at = e.errorAt().getAsInt();
    // Only substitutions: a quote BuildKit cannot match is the parser's business.
    if (at >= w.text().length() || w.text().charAt(at) != '$') return;
    int end = substitutionEnd(w.text(), at);
    String error = e.error().get();
    int colon = error.indexOf("\": ");
    String why = colon < 0 ? error : error.substring(colon + 3);
    ctx.report(w.rangeOf(at, end), message(instruction, w.text().substring(at, end), why));
  }

  /** End (exclusive) of the {@code ${...}} starting at {@code at}, nested ones included. */
  static int substitutionEnd(String text, int at) {
    int depth = 0;
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }

  public static String message(String instruction, String substitution, String why) {
    // Go's scanner reports the end of the word as U+FFFD: "${NAME" lacks its brace.
    String reason = why.contains("\uFFFD") ? "the closing `}` is missing" : why;
    String supported = reason.startsWith("unsupported modifier")
        ? " (BuildKit supports only :- - :+ + :? ? # ## % %% / //)" : "";
    return "BuildKit cannot expand `" + substitution + "` in " + instruction + ": " + reason
        + supported + ", so the build fails";
  }
}
