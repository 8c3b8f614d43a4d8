package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Healthcheck;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every healthcheck command berth can read: compose {@code healthcheck.test} (one per place in
 * the files, even when several compose sets load it) and the HEALTHCHECK of each Dockerfile's
 * final stage. Tests whose text uses a compose variable are left out: their value depends on an
 * environment berth does not have.
 */
final class HealthProbes {

  /**
   * One healthcheck.
   *
   * @param test Docker's form: {@code ["CMD", args...]} or {@code ["CMD-SHELL", script]}
   * @param service the compose service, when the probe is set in compose
   * @param dockerfile the Dockerfile and stage the container's image is built from, when known
   */
  record Probe(List<String> test, Range at, String who, Optional<Service> service,
      Optional<Dockerfile> dockerfile, Optional<Stage> stage) {}

  private HealthProbes() {}

  static List<Probe> all(Project project) {
    List<Probe> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      if (!p.servicesAsWritten()) continue;
      for (Service s : p.services().values()) {
        Optional<Healthcheck> hc = s.healthcheck();
        if (hc.isEmpty() || hc.get().disabled() || hc.get().test().isEmpty()) continue;
        Located<List<String>> test = hc.get().test().get();
        if (usesVariable(project, test.range()) || !seen.add(test.range().toString())) continue;
        Optional<Dockerfile> df = s.build().flatMap(b -> b.dockerfilePath())
            .flatMap(project::dockerfile).filter(d -> d.diagnostics().isEmpty());
        Optional<Stage> stage = df.flatMap(d -> s.build().get().target()
            .map(t -> d.stage(t.value())).orElse(d.finalStage()));
        out.add(new Probe(test.value(), test.range(), "service '" + s.serviceName() + "'",
            Optional.of(s), df, stage));
      }
    }
    for (Dockerfile df : project.dockerfiles()) {
      if (!df.diagnostics().isEmpty()) continue;
      Optional<Stage> last = df.finalStage();
      Optional<Instruction.Healthcheck> h = last.flatMap(st -> st.last(Instruction.Healthcheck.class));
      if (h.isEmpty() || h.get().command().isEmpty()) continue;
      List<String> test = new ArrayList<>();
      Command c = h.get().command().get();
      if (c instanceof Command.ExecForm ef) {
        test.add("CMD");
        ef.args().forEach(w -> test.add(w.text()));
      } else if (c instanceof Command.ShellForm sf) {
        test.add("CMD-SHELL");
        test.add(sf.script());
      }
      out.add(new Probe(test, h.get().range(), df.path(), Optional.empty(), Optional.of(df), last));
    }
    return out;
  }

  private static boolean usesVariable(Project project, Range r) {
    Optional<SourceFile> f = project.source(r.file());
    if (f.isEmpty()) return true;
    for (int line = r.startLine(); line <= r.endLine() && line <= f.get().lineCount(); line++) {
      if (f.get().lineText(line).contains("$")) return true;
    }
    return false;
  }

  /**
   * The command of a shell probe that decides its result, with its words: the script must be
   * one command, optionally followed by {@code || exit N} or {@code || false}; anything else
   * (pipes, lists, substitutions, other fallbacks) is unknown.
   */
  static Optional<List<String>> soleShellCommand(String script) {
    String s = script.strip();
    if (s.isEmpty() || s.contains("`") || s.contains("$(") || s.contains("\n")) {
      return Optional.empty();
    }
    String[] alternatives = s.split("\\|\\|");
    for (int i = 1; i < alternatives.length; i++) {
      if (!alternatives[i].strip().matches("(exit(\\s+\\d+)?|false)\\s*;?")) return Optional.empty();
    }
    // Redirections do not change which command decides the result.
    // (each match starts at the first digit of a run, so this stays linear)
    String head = alternatives[0].replaceAll("(?<![0-9])[0-9]*>&[0-9]+", " ")
        .replaceAll("(?<![0-9])[0-9]*>>?\\s*[^\\s&|;>]+", " ").strip();
    if (head.matches(".*[|;&<(){}].*")) return Optional.empty();
    List<String> words = new ArrayList<>();
    for (String w : head.split("\\s+")) {
      if (words.isEmpty() && (w.matches("[A-Za-z_][A-Za-z0-9_]*=.*") || w.equals("exec"))) {
        continue; // VAR=value prefix, exec
      }
      words.add(w);
    }
    if (words.isEmpty() || !words.get(0).matches("[A-Za-z0-9_./-]+")) return Optional.empty();
    return Optional.of(words);
  }

  /** The program a probe runs first, with its arguments, when known. */
  static Optional<List<String>> command(List<String> test) {
    if (test.size() < 2) return Optional.empty();
    if (test.get(0).equals("CMD")) return Optional.of(test.subList(1, test.size()));
    if (test.get(0).equals("CMD-SHELL")) return soleShellCommand(test.get(1));
    return Optional.empty();
  }

  static String basename(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
