package dev.berth.image;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process a container of a stage starts: ENTRYPOINT + CMD as Docker combines them, with the
 * instruction each argument came from. Shell-form commands run as {@code /bin/sh -c}; when the
 * script is one simple command, its words are the argv berth reasons about.
 *
 * @param argv literal arguments (empty when any is not literal)
 * @param sources the instruction each argument of {@code argv} was written in
 * @param viaShell the command is a shell-form script (the shell itself must exist)
 */
public record ContainerProcess(List<String> argv, List<Instruction> sources, boolean viaShell) {

  public ContainerProcess {
    argv = List.copyOf(argv);
    sources = List.copyOf(sources);
  }

  /** ENTRYPOINT/CMD in effect at the end of a stage, following {@code FROM stage} parents. */
  public static Optional<ContainerProcess> of(StageSimulation sim) {
    Optional<Instruction> ep = last(sim, Instruction.Entrypoint.class);
    Optional<Instruction> cmd = lastCmd(sim, ep);
    if (ep.isEmpty() && cmd.isEmpty()) return Optional.empty();
    List<String> argv = new ArrayList<>();
    List<Instruction> sources = new ArrayList<>();
    boolean shell = false;
    for (Optional<Instruction> part : List.of(ep, cmd)) {
      if (part.isEmpty()) continue;
      Command c = part.get() instanceof Instruction.Entrypoint e ? e.command()
          : ((Instruction.Cmd) part.get()).command();
      if (c instanceof Command.ExecForm ef) {
        for (Word w : ef.args()) {
          argv.add(w.text());
          sources.add(part.get());
        }
      } else if (c instanceof Command.ShellForm sf) {
        // A shell-form ENTRYPOINT ignores CMD.
        Optional<List<String>> words = simpleWords(sf.script(), sim);
        if (words.isEmpty()) return Optional.empty();
        for (String w : words.get()) {
          argv.add(w);
          sources.add(part.get());
        }
        shell = true;
        if (part == ep) break;
      }
    }
    return argv.isEmpty() ? Optional.empty() : Optional.of(new ContainerProcess(argv, sources, shell));
  }

  private static Optional<List<String>> simpleWords(String script, StageSimulation sim) {
    ShellScript s = ShellScript.parse(script);
    if (!s.complete() || s.commands().size() != 1) return Optional.empty();
    SimpleCommand c = s.commands().get(0);
    if (!c.assignments().isEmpty() || !c.redirects().isEmpty()) return Optional.empty();
    List<String> out = new ArrayList<>();
    for (ShellWord w : c.words()) {
      Optional<String> v = w.expand(sim.last().variables());
      if (v.isEmpty()) return Optional.empty();
      out.add(v.get());
    }
    if (!out.isEmpty() && out.get(0).equals("exec")) out.remove(0);
    return Optional.of(out);
  }

  private static <T extends Instruction> Optional<Instruction> last(StageSimulation sim, Class<T> type) {
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      Optional<T> found = s.stage().last(type);
      if (found.isPresent()) return Optional.of(found.get());
    }
    return Optional.empty();
  }

  /** CMD: an ENTRYPOINT set in a stage drops the CMD inherited from before that stage. */
  private static Optional<Instruction> lastCmd(StageSimulation sim, Optional<Instruction> ep) {
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      Stage st = s.stage();
      Optional<Instruction.Cmd> cmd = st.last(Instruction.Cmd.class);
      if (cmd.isPresent()) return Optional.of(cmd.get());
      if (ep.isPresent() && st.instructions().contains(ep.get())) return Optional.empty();
    }
    return Optional.empty();
  }

  /** The instruction where {@code argv[i]} is written. */
  public Instruction source(int i) {
    return sources.get(i);
  }
}
