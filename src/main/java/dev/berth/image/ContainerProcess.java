package dev.berth.image;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process a container of a stage starts: ENTRYPOINT + CMD as Docker combines them, with the
 * instruction each argument came from. Shell-form commands run as {@code /bin/sh -c}; when the
 * script is one simple command, its words are the argv berth reasons about.
 *
 * @param argv literal arguments (empty when any is not literal)
 * @param sources where each argument of {@code argv} was written
 * @param viaShell the command is a shell-form script (the shell itself must exist)
 */
public record ContainerProcess(List<String> argv, List<Source> sources, boolean viaShell) {

  public ContainerProcess {
    argv = List.copyOf(argv);
    sources = List.copyOf(sources);
  }

  /**
   * Where an argument comes from: {@code label} is {@code ENTRYPOINT}/{@code CMD} for the
   * Dockerfile, or the override's name ({@code entrypoint}, {@code command} in Compose).
   */
  public record Source(String label, Range range, boolean entrypoint) {}

  /** A runtime override of ENTRYPOINT or CMD; {@code shell} for a string run by /bin/sh -c. */
  public record Override(String label, List<String> argv, boolean shell, Range range) {
    public Override {
      argv = List.copyOf(argv);
    }
  }

  /** ENTRYPOINT/CMD in effect at the end of a stage, following {@code FROM stage} parents. */
  public static Optional<ContainerProcess> of(StageSimulation sim) {
    return of(sim, Optional.empty(), Optional.empty());
  }

  /**
   * With runtime overrides, as Docker combines them: a new entrypoint drops the image's CMD
   * unless a command is given too; a new command keeps the image's ENTRYPOINT.
   */
  public static Optional<ContainerProcess> of(StageSimulation sim, Optional<Override> entrypoint,
      Optional<Override> command) {
    List<String> argv = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    boolean shell = false;
    Optional<Instruction> ep = last(sim, Instruction.Entrypoint.class);
    if (entrypoint.isPresent()) {
      shell |= add(argv, sources, entrypoint.get(), true);
    } else if (ep.isPresent()) {
      Optional<Boolean> s = add(argv, sources, ep.get(), sim);
      if (s.isEmpty()) return Optional.empty();
      // A shell-form ENTRYPOINT ignores CMD.
      if (s.get()) return Optional.of(new ContainerProcess(argv, sources, true));
    }
    if (command.isPresent()) {
      shell |= add(argv, sources, command.get(), false);
    } else if (entrypoint.isEmpty()) {
      Optional<Instruction> cmd = lastCmd(sim, ep);
      if (cmd.isPresent()) {
        Optional<Boolean> s = add(argv, sources, cmd.get(), sim);
        if (s.isEmpty()) return Optional.empty();
        shell |= s.get();
      }
    }
    return argv.isEmpty() ? Optional.empty() : Optional.of(new ContainerProcess(argv, sources, shell));
  }

  private static boolean add(List<String> argv, List<Source> sources, Override o, boolean ep) {
    for (String a : o.argv()) {
      argv.add(a);
      sources.add(new Source(o.label(), o.range(), ep));
    }
    return o.shell();
  }

  /** Adds an ENTRYPOINT or CMD; empty when its words are not known, else whether it is shell form. */
  private static Optional<Boolean> add(List<String> argv, List<Source> sources, Instruction i,
      StageSimulation sim) {
    boolean ep = i instanceof Instruction.Entrypoint;
    Command c = i instanceof Instruction.Entrypoint e ? e.command() : ((Instruction.Cmd) i).command();
    Source src = new Source(i.name(), i.range(), ep);
    if (c instanceof Command.ExecForm ef) {
      for (Word w : ef.args()) {
        argv.add(w.text());
        sources.add(src);
      }
      return Optional.of(false);
    }
    Optional<List<String>> words = simpleWords(((Command.ShellForm) c).script(), sim);
    if (words.isEmpty()) return Optional.empty();
    for (String w : words.get()) {
      argv.add(w);
      sources.add(src);
    }
    return Optional.of(true);
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

  private static final java.util.Set<String> INIT_WRAPPERS = java.util.Set.of("tini", "dumb-init",
      "catatonit");

  /** Index of the program itself, after init wrappers (tini, dumb-init) and their options. */
  public int programIndex() {
    int i = 0;
    while (i < argv.size() && INIT_WRAPPERS.contains(baseName(argv.get(i)))) {
      i++;
      while (i < argv.size() && argv.get(i).startsWith("-")) i++;
    }
    return i;
  }

  private static String baseName(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Where {@code argv[i]} is written. */
  public Source source(int i) {
    return sources.get(i);
  }
}
