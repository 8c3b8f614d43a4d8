package dev.berth.rules;

import dev.berth.config.Suppressions;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs every enabled rule over a project, then applies configuration (severity overrides) and
 * suppressions. A rule that throws becomes an INTERNAL diagnostic for that rule and file; the run
 * goes on.
 */
public final class Engine {
  private final List<Rule> rules;

  public Engine(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static Engine standard() {
    return new Engine(Registry.all());
  }

  public Analysis run(Project project) {
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>(project.diagnostics());
    List<RuleInfo> ran = new ArrayList<>();
    for (Rule rule : rules) {
      RuleInfo info = RuleInfo.of(rule.getClass());
      if (!project.config().isEnabled(info.id())) continue;
      ran.add(info);
      List<Finding> sink = new ArrayList<>();
      RuleContext ctx = new RuleContext(info, sink);
      boolean unparsableToo = rule.getClass().getAnnotation(RuleMeta.class).judgesUnparsableFiles();
      if (rule instanceof DockerfileRule r) {
        for (Dockerfile df : project.dockerfiles()) {
          if (!unparsableToo && unparsable(df)) continue;
          int before = sink.size();
          try {
            r.check(df, project, ctx);
          } catch (RuntimeException | StackOverflowError e) {
            sink.subList(before, sink.size()).clear();
            diagnostics.add(failure(info, Range.wholeFile(df.path()), e));
          }
        }
      }
      if (rule instanceof ProjectRule r) {
        int before = sink.size();
        try {
          r.check(project, ctx);
        } catch (RuntimeException | StackOverflowError e) {
          sink.subList(before, sink.size()).clear();
          diagnostics.add(failure(info, Range.wholeFile("."), e));
        }
      }
      for (Finding f : sink) {
        Severity level = level(project, info, f);
        findings.add(level == f.severity() ? f : f.withSeverity(level));
      }
    }
    for (Diagnostic d : project.factDiagnostics()) {
      if (!diagnostics.contains(d)) diagnostics.add(d);
    }
    diagnostics.addAll(project.config().imported().problems());
    diagnostics.addAll(Suppressions.unknownIds(project, Registry.infos()));
    List<Finding> filtered = new ArrayList<>(Suppressions.apply(project, findings));
    filtered.sort(Comparator.comparing(Finding::range).thenComparing(f -> f.rule().id()));
    return new Analysis(filtered, ran, diagnostics);
  }

  /**
   * A level set in {@code .berth.yaml} applies to every finding of the rule. Otherwise a
   * Dockerfile whose {@code # check=} directive says {@code error=true} fails its build on any
   * BuildKit check, so findings of rules standing for one are errors there; then a level from
   * {@code .hadolint.yaml}'s {@code override}; else the level the rule graded the finding at.
   */
  private static Severity level(Project project, RuleInfo rule, Finding f) {
    Optional<Severity> configured = project.config().severityOverride(rule.id());
    if (configured.isPresent()) return configured.get();
    if (!Aliases.of(rule, Aliases.Tool.BUILDKIT).isEmpty() && project.dockerfile(f.range().file())
        .flatMap(Dockerfile::checkOptions).map(o -> o.error()).orElse(false)) {
      return Severity.ERROR;
    }
    Severity imported = project.config().imported().severities().get(rule.id());
    return imported != null ? imported : f.severity();
  }

  private static boolean unparsable(Dockerfile df) {
    return df.diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.PARSE_ERROR);
  }

  private static Diagnostic failure(RuleInfo rule, Range where, Throwable e) {
    StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    return new Diagnostic(where, Diagnostic.Kind.INTERNAL,
        "rule " + rule.id() + " failed: " + e + (top == null ? "" : " at " + top));
  }
}
