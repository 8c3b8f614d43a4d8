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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs every enabled rule over a project, then applies configuration (severity overrides) and
 * suppressions. A rule that throws becomes an INTERNAL diagnostic for that rule and file; the run
 * goes on.
 *
 * <p>Rules are pure and facts are computed once ({@link Project#fact}), so the work is spread over
 * the processors: one task per Dockerfile (every Dockerfile rule on it) and one per project rule.
 * Results are gathered in the order a single thread would produce them (rule by rule, Dockerfile
 * by Dockerfile), so the report does not depend on the number of threads.
 */
public final class Engine {
  private final List<Rule> rules;
  private final int threads;

  public Engine(List<Rule> rules) {
    this(rules, Runtime.getRuntime().availableProcessors());
  }

  /** @param threads how many threads judge at once; 1 runs everything on the caller's thread */
  public Engine(List<Rule> rules, int threads) {
    this.rules = List.copyOf(rules);
    this.threads = Math.max(1, threads);
  }

  public static Engine standard() {
    return new Engine(Registry.all());
  }

  /** A rule that runs, with what the engine needs to know about it. */
  private record Planned(Rule rule, RuleInfo info, boolean unparsableToo) {}

  /** What one rule reported on one Dockerfile (or on the project), or why it failed. */
  private record Outcome(List<Finding> findings, Optional<Diagnostic> failure) {}

  /** Told how much judging there is and each piece done (for a progress line; any thread). */
  public interface Progress {
    Progress NONE = new Progress() {
      @Override
      public void tasks(int total) {}

      @Override
      public void taskDone() {}
    };

    void tasks(int total);

    void taskDone();
  }

  public Analysis run(Project project) {
    return run(project, Progress.NONE);
  }

  public Analysis run(Project project, Progress progress) {
    List<Planned> plan = new ArrayList<>();
    for (Rule rule : rules) {
      RuleInfo info = RuleInfo.of(rule.getClass());
      if (!project.config().isEnabled(info.id(), info.enabledByDefault())) continue;
      plan.add(new Planned(rule, info,
          RuleIndex.judgesUnparsableFiles(rule.getClass())));
    }
    List<Dockerfile> dockerfiles = project.dockerfiles();
    List<Integer> projectRules = new ArrayList<>();
    for (int r = 0; r < plan.size(); r++) {
      if (plan.get(r).rule() instanceof ProjectRule) projectRules.add(r);
    }
    Outcome[][] onDockerfile = new Outcome[dockerfiles.size()][plan.size()];
    Outcome[] onProject = new Outcome[plan.size()];
    int tasks = dockerfiles.size() + projectRules.size();
    // Project rules first: each judges the whole project and takes long, the many Dockerfile
    // tasks are short, so the last tasks (when a thread may find nothing left) are short ones.
    IntConsumer task = t -> {
      if (t >= projectRules.size()) {
        Dockerfile df = dockerfiles.get(t - projectRules.size());
        boolean unparsable = df.unparsable();
        for (int r = 0; r < plan.size(); r++) {
          Planned p = plan.get(r);
          if (p.rule() instanceof DockerfileRule rule && (p.unparsableToo() || !unparsable)) {
            onDockerfile[t - projectRules.size()][r] = judge(p.info(), Range.wholeFile(df.path()),
                ctx -> rule.check(df, project, ctx));
          }
        }
      } else {
        int r = projectRules.get(t);
        ProjectRule rule = (ProjectRule) plan.get(r).rule();
        onProject[r] = judge(plan.get(r).info(), Range.wholeFile("."),
            ctx -> rule.check(project, ctx));
      }
    };
    progress.tasks(tasks);
    runAll(tasks, t -> {
      task.accept(t);
      progress.taskDone();
    });

    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>(project.diagnostics());
    List<RuleInfo> ran = new ArrayList<>();
    for (int r = 0; r < plan.size(); r++) {
      RuleInfo info = plan.get(r).info();
      ran.add(info);
      List<Outcome> outcomes = new ArrayList<>();
      for (Outcome[] perRule : onDockerfile) outcomes.add(perRule[r]);
      outcomes.add(onProject[r]);
      for (Outcome o : outcomes) {
        if (o == null) continue;
        o.failure().ifPresent(diagnostics::add);
        for (Finding f : o.findings()) {
          Severity level = level(project, info, f);
          findings.add(level == f.severity() ? f : f.withSeverity(level));
        }
      }
    }
    for (Diagnostic d : project.factDiagnostics()) {
      if (!diagnostics.contains(d)) diagnostics.add(d);
    }
    diagnostics.addAll(project.config().imported().problems());
    diagnostics.addAll(Suppressions.unknownIds(project, Registry.infos()));
    List<Finding> filtered = new ArrayList<>(Suppressions.apply(project, findings));
    filtered.sort(Comparator.comparing(Finding::range).thenComparing(f -> f.rule().id()));
    return new Analysis(Repeats.merge(project, filtered), ran, diagnostics);
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

  /**
   * Runs tasks 0..n-1, spread over {@link #threads} threads; returns when all are done. Each
   * thread takes the next task as it finishes one: a parallel stream would split the range into a
   * few long runs up front, and a thread that ends its runs early then idles while the other works
   * through the rest of its run (on 5,000 Dockerfiles, a second of one core idle at the end).
   */
  private void runAll(int n, IntConsumer task) {
    if (threads == 1 || n < 2) {
      for (int t = 0; t < n; t++) task.accept(t);
      return;
    }
    int workers = Math.min(threads, n);
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int t = next.getAndIncrement(); t < n; t = next.getAndIncrement()) task.accept(t);
    };
    ForkJoinPool pool = new ForkJoinPool(workers);
    try {
      List<ForkJoinTask<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) running.add(pool.submit(work));
      running.forEach(ForkJoinTask::join);
    } finally {
      pool.shutdown();
    }
  }

  /** One rule on one file: its findings, or none and the failure when it throws. */
  private static Outcome judge(RuleInfo info, Range where, Consumer<RuleContext> check) {
    List<Finding> sink = new ArrayList<>();
    try {
      check.accept(new RuleContext(info, sink));
      return new Outcome(sink, Optional.empty());
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(List.of(), Optional.of(failure(info, where, e)));
    }
  }


  private static Diagnostic failure(RuleInfo rule, Range where, Throwable e) {
    StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    return new Diagnostic(where, Diagnostic.Kind.INTERNAL,
        "rule " + rule.id() + " failed: " + e + (top == null ? "" : " at " + top));
  }
}
