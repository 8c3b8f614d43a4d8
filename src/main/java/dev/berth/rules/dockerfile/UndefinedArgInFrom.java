package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.ImageRef;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * BuildKit's UndefinedArgInFrom ({@code reportUnusedFromArgs}): FROM (its image or
 * {@code --platform}) uses a variable that no ARG before the first FROM declares and that is not
 * one of BuildKit's automatic platform arguments. FROM sees only those, so the variable expands to
 * an empty string and a {@code --build-arg} for it is ignored. When the expansion leaves FROM with
 * an empty or invalid image or platform the build fails: an error; otherwise a warning.
 */
@RuleMeta(
    id = "BTH015",
    summary = "FROM uses a variable no ARG before the first FROM declares",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.VERY_HIGH,
    aliases = {"UndefinedArgInFrom"})
public final class UndefinedArgInFrom implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    Vars global = StageResolver.globalArgs(dockerfile, null);
    Set<String> declared = global.asMap().keySet();
    for (Stage stage : dockerfile.stages()) {
      judge(stage.from().image(), "the image", v -> ImageRef.parse(v).isPresent(), ex, global,
          declared, ctx);
      Optional<Flag> platform = stage.from().flag("platform");
      if (platform.isPresent() && platform.get().value().isPresent()) {
        String v = platform.get().value().get();
        String written = "--platform=";
        Word whole = new Word(written + v, platform.get().range());
        judge(new Word(v, whole.rangeOf(written.length(), whole.text().length())), "the platform",
            p -> ConstantFromPlatform.parse(p).isPresent(), ex, global, declared, ctx);
      }
    }
  }

  private static void judge(Word w, String what, Predicate<String> valid, Expander ex, Vars global,
      Set<String> declared, RuleContext ctx) {
    Expansion e = ex.word(w.text(), global);
    if (e.error().isPresent()) return;
    boolean fails = e.value().isEmpty() || (e.known() && !valid.test(e.value()));
    for (String name : new LinkedHashSet<>(e.unset())) {
      Optional<String> hint = VariableUses.suggest(name, declared, true);
      RuleContext.Report r = ctx.report(VariableUses.at(w, name),
          message(name, what, VariableUses.withDefault(w, name), fails, hint));
      if (!fails) r.severity(Severity.WARNING);
    }
  }

  public static String message(String name, String what, boolean withDefault, boolean fails,
      Optional<String> hint) {
    return "FROM uses $" + name + ", which no ARG before the first FROM declares"
        + hint.map(h -> " (did you mean " + h + "?)").orElse("")
        + (withDefault ? ": its default always applies" : ": it expands to an empty string")
        + " and --build-arg " + name + " is ignored"
        + (fails ? ", which leaves " + what + " invalid and fails the build" : "");
  }
}
