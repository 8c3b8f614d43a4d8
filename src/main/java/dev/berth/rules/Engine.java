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
      if (!project.config().isEnabled(info.id(), info.enabledByDefault())) continue;
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
      // A level set in the configuration applies to every finding of the rule; otherwise each
      // finding keeps the severity the rule graded it at (never above the rule's own).
      Optional<Severity> configured = project.config().severityOverride(info.id());
      for (Finding f : sink) {
        findings.add(configured.filter(c -> c != f.severity()).map(f::withSeverity).orElse(f));
      }
    }
    for (Diagnostic d : project.factDiagnostics()) {
      if (!diagnostics.contains(d)) diagnostics.add(d);
    }
    List<Finding> filtered = new ArrayList<>(Suppressions.apply(project, findings));
    filtered.sort(Comparator.comparing(Finding::range).thenComparing(f -> f.rule().id()));
    return new Analysis(filtered, ran, diagnostics);
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
