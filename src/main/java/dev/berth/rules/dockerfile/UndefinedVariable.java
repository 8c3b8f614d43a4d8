package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.ArgDecl;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Word;
import dev.berth.image.BaseImageCatalog;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's UndefinedVar ({@code reportUnmatchedVariables}): an instruction BuildKit expands
 * (ENV, LABEL, ADD/COPY sources, destination, {@code --chown}/{@code --chmod}, ADD
 * {@code --checksum}, COPY/ADD heredocs, USER, VOLUME, WORKDIR, STOPSIGNAL, ARG defaults; not
 * EXPOSE, RUN/CMD/ENTRYPOINT, whose variables the shell resolves) uses a variable that nothing
 * defines at that point: no ENV or ARG before it in the stage or the stages it is built on, and not
 * the base image. BuildKit substitutes an empty string.
 *
 * <p>Unknown is an answer: only stages whose base image's whole environment berth knows are
 * judged ({@code scratch}, and catalog images marked {@code envComplete}: alpine, debian, ubuntu,
 * busybox), since any other image may define the variable. One finding per variable and file, at
 * its first use, the other uses related. With a default ({@code ${NAME:-x}}, {@code ${NAME-x}})
 * the default always applies and a build argument cannot change it without an ARG: a note. A
 * variable tested for presence ({@code ${NAME:+word}}, {@code ${NAME+word}}) is not reported:
 * the author chose what its absence gives.
 */
@RuleMeta(
    id = "BTH017",
    summary = "A variable is used where nothing defines it, so it expands to an empty string",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.HIGH,
    aliases = {"UndefinedVar", "DL3044"})
public final class UndefinedVariable implements DockerfileRule {
  /** BuildKit's nonEnvArgs: build arguments that never enter the environment. */
  private static final Set<String> NON_ENV =
      Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

  /**
   * @param harmless what reads the list the use appends to itself, when its empty entry does
   *     nothing that matters ({@link SearchPaths})
   */
  private record Use(Range at, String instruction, boolean withDefault, Optional<String> hint,
      Optional<String> harmless) {}

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BaseImageCatalog catalog = BaseImageCatalog.standard();
    Expander ex = new Expander(dockerfile.escape());
    Map<String, List<Use>> uses = new LinkedHashMap<>();
    for (StageFacts stage : StageResolver.resolveWithBaseEnv(dockerfile, null, catalog::environment)) {
      for (Instruction i : stage.stage().instructions()) {
        Vars vars = stage.varsBefore(i);
        if (vars.isOpenWorld()) break;
        if (i instanceof Instruction.Arg arg) {
          for (ArgDecl d : arg.declarations()) {
            d.defaultValue().ifPresent(w -> collect(w, ex.word(w.text(), vars0(vars, arg, d)), i,
                uses, vars, Optional.empty()));
          }
          continue;
        }
        if (i instanceof Instruction.Expose) continue;
        Map<Word, SelfAppend> selfAppends = selfAppends(i);
        for (Word w : Expander.dispatchWords(i)) {
          collect(w, ex.word(w.text(), vars), i, uses, vars,
              Optional.ofNullable(selfAppends.get(w)));
        }
        if (i instanceof Instruction.FileTransfer t) {
          for (Heredoc h : t.heredocs()) {
            if (!h.expand()) continue;
            collect(new Word(h.body(), h.range()), Expander.heredoc(h.body(), vars), i, uses, vars,
                Optional.empty());
          }
        }
      }
    }
    for (Map.Entry<String, List<Use>> e : uses.entrySet()) {
      List<Use> all = e.getValue();
      Use first = all.get(0);
      boolean defaulted = all.stream().allMatch(Use::withDefault);
      // every use appends the list to itself, whose reader skips the empty entry it gets
      Optional<String> harmless = all.stream().allMatch(u -> u.harmless().isPresent())
          ? first.harmless() : Optional.empty();
      RuleContext.Report r = ctx.report(first.at(),
          message(e.getKey(), first.instruction(), defaulted, first.hint())
              + harmless.map(h -> "; the value appends $" + e.getKey() + " to itself, so it only"
                  + " gets an empty entry, which " + h).orElse(""));
      if (defaulted || harmless.isPresent()) r.severity(Severity.NOTE);
      for (Use u : all.subList(1, all.size())) {
        r.related(u.at(), "$" + e.getKey() + " is used here too");
      }
    }
  }

  /** The scope an ARG default sees: the ARGs declared before it in the same instruction too. */
  private static Vars vars0(Vars before, Instruction.Arg arg, ArgDecl upTo) {
    Vars v = before;
    for (ArgDecl d : arg.declarations()) {
      if (d == upTo) break;
      v = v.with(d.name().text(), Optional.empty());
    }
    return v;
  }

  /**
   * An ENV value that appends its own variable to a list ({@code ENV CLASSPATH=.:$CLASSPATH})
   * whose empty entry is harmless: the variable, and what reads the list.
   */
  private record SelfAppend(String name, String reader) {}

  /** The ENV instruction's {@link SelfAppend}s, by value word. */
  private static Map<Word, SelfAppend> selfAppends(Instruction i) {
    if (!(i instanceof Instruction.Env env)) return Map.of();
    Map<Word, SelfAppend> out = new java.util.IdentityHashMap<>();
    for (dev.berth.dockerfile.KeyValue kv : env.pairs()) {
      String key = kv.key().text();
      List<String> entries = List.of(kv.value().text().replace("\"", "").split(":", -1));
      boolean self = entries.contains("$" + key) || entries.contains("${" + key + "}");
      if (entries.size() < 2 || !self) continue;
      SearchPaths.harmlessEmptyEntry(key, entries)
          .ifPresent(r -> out.put(kv.value(), new SelfAppend(key, r)));
    }
    return out;
  }

  private static void collect(Word w, Expansion e, Instruction i, Map<String, List<Use>> uses,
      Vars vars, Optional<SelfAppend> selfAppend) {
    if (e.error().isPresent()) return;
    for (String name : e.unset()) {
      if (NON_ENV.contains(name)) continue;
      // ${NAME:+word} asks whether NAME is set: the author handles the unset case, and an empty
      // result is what they chose (selkies' `ENV LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+
      // ${LD_LIBRARY_PATH}:}/usr/local/nvidia/lib"`, which avoids a leading colon)
      if (VariableUses.testedForPresence(w, name)) continue;
      boolean withDefault = VariableUses.withDefault(w, name);
      List<String> defined = new ArrayList<>(vars.asMap().keySet());
      uses.computeIfAbsent(name, k -> new ArrayList<>()).add(new Use(VariableUses.at(w, name),
          i.name(), withDefault, VariableUses.suggest(name, defined, true),
          selfAppend.filter(s -> s.name().equals(name)).map(SelfAppend::reader)));
    }
  }

  public static String message(String name, String instruction, boolean withDefault,
      Optional<String> hint) {
    return "$" + name + " in " + instruction + " is not defined here (no ENV or ARG before it "
        + "sets it, nor the base image): " + (withDefault
            ? "its default always applies, and --build-arg " + name + " is ignored without ARG "
                + name
            : "it expands to an empty string")
        + hint.map(h -> " (did you mean $" + h + "?)").orElse("");
  }
}
