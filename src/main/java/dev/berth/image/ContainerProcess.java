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
 * instruction each argument came from. CMD is arguments to the ENTRYPOINT: when neither the
 * Dockerfile (through {@code FROM stage} parents) nor Compose sets one, the base image's
 * ENTRYPOINT from the catalog comes first, and when the catalog does not know it the process is
 * unknown. Shell-form commands run as {@code /bin/sh -c}; when the script is one simple command,
 * its words are the argv berth reasons about.
 *
 * @param argv literal arguments (empty when any is not literal)
 * @param sources where each argument of {@code argv} was written
 * @param viaShell the command is a shell-form script (the shell itself must exist)
 * @param start index of the first argument after the base image's own entrypoint script (which
 *     runs its arguments), where {@link #programIndex()} starts looking
 */
public record ContainerProcess(List<String> argv, List<Source> sources, boolean viaShell,
    int start) {

  public ContainerProcess {
    argv = List.copyOf(argv);
    sources = List.copyOf(sources);
  }

  public ContainerProcess(List<String> argv, List<Source> sources, boolean viaShell) {
    this(argv, sources, viaShell, 0);
  }

  /**
   * Where an argument comes from: {@code label} is {@code ENTRYPOINT}/{@code CMD} for the
   * Dockerfile, the override's name ({@code entrypoint}, {@code command} in Compose), or the base
   * image's ENTRYPOINT ({@code baseImage}, at the FROM that brings the image in).
   */
  public record Source(String label, Range range, boolean entrypoint, boolean baseImage) {
    public Source(String label, Range range, boolean entrypoint) {
      this(label, range, entrypoint, false);
    }
  }

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
    return of(sim, entrypoint, command, sim.last().identity());
  }

  /**
   * @param who the user the container runs as, for what an entrypoint script's {@code command -v}
   *     can see
   */
  public static Optional<ContainerProcess> of(StageSimulation sim, Optional<Override> entrypoint,
      Optional<Override> command, Identity who) {
    return of(sim, entrypoint, command, who, sim.last().variables());
  }

  /**
   * @param vars the container's variables, which a shell-form ENTRYPOINT or CMD is expanded
   *     with when it starts (Docker does not expand them at build time: Open-Assistant's
   *     `CMD uvicorn ... --port "${PORT}"` listens on the PORT its compose service sets, not on
   *     the image's ENV PORT)
   */
  public static Optional<ContainerProcess> of(StageSimulation sim, Optional<Override> entrypoint,
      Optional<Override> command, Identity who, dev.berth.image.shell.VariableLookup vars) {
    List<String> argv = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    boolean shell = false;
    Optional<Instruction> ep = last(sim, Instruction.Entrypoint.class);
    Optional<BaseImage.Entrypoint> image = Optional.empty();
    if (entrypoint.isPresent()) {
      shell |= add(argv, sources, entrypoint.get(), true);
    } else if (ep.isPresent()) {
      Optional<Boolean> s = add(argv, sources, ep.get(), sim, vars);
      if (s.isEmpty()) return Optional.empty();
      // A shell-form ENTRYPOINT ignores CMD.
      if (s.get()) return Optional.of(new ContainerProcess(argv, sources, true));
    } else {
      // No ENTRYPOINT of our own: the base image's, which CMD is arguments to.
      image = sim.base().flatMap(BaseImage::entrypoint);
      if (image.isEmpty()) return Optional.empty();
      Source src = baseSource(sim);
      for (String a : image.get().argv()) {
        argv.add(a);
        sources.add(src);
      }
    }
    int imageArgs = argv.size();
    boolean shellCmd = false;
    if (command.isPresent()) {
      shellCmd = add(argv, sources, command.get(), false);
      shell |= shellCmd;
    } else if (entrypoint.isEmpty()) {
      Optional<Instruction> cmd = lastCmd(sim, ep);
      if (cmd.isPresent()) {
        Optional<Boolean> s = image.isPresent() && !image.get().argv().isEmpty()
            && image.get().execs().isEmpty() ? addShellAsArguments(argv, sources, cmd.get())
            : add(argv, sources, cmd.get(), sim, vars);
        if (s.isEmpty()) return Optional.empty();
        shellCmd = s.get();
        shell |= shellCmd;
      } else if (image.isPresent()) {
        // Neither CMD nor ENTRYPOINT in the Dockerfile: the image's own CMD, when known.
        if (image.get().cmd().isEmpty()) return Optional.empty();
        Source src = baseSource(sim);
        for (String a : image.get().cmd().get()) {
          argv.add(a);
          sources.add(src);
        }
      }
    }
    if (argv.isEmpty()) return Optional.empty();
    int start = 0;
    if (image.isPresent() && image.get().execs().isPresent()) {
      // A shell-form CMD reaches the script as /bin/sh -c ..., a command: nothing is prepended.
      if (!shellCmd && prepends(image.get().execs().get(), argv, imageArgs, sim, who)) {
        argv.add(imageArgs, image.get().execs().get().prepend().orElseThrow());
        sources.add(imageArgs, baseSource(sim));
      }
      start = imageArgs;
    }
    return Optional.of(new ContainerProcess(argv, sources, shell, start));
  }

  /** The base image's ENTRYPOINT, placed at the FROM that brings the image in. */
  private static Source baseSource(StageSimulation sim) {
    StageSimulation first = sim.root();
    return new Source("the ENTRYPOINT of " + first.stage().from().image().text(),
        first.stage().from().range(), true, true);
  }

  /**
   * Whether the image's entrypoint script puts its own program in front of its arguments (the
   * first of which is at {@code first}). For {@code not-a-command} only a name berth knows
   * {@code command -v} does not find as {@code who} (missing, or behind a directory {@code who}
   * cannot enter), or a JavaScript file, gets it; a name that may be a command is taken as
   * written, since the prepended program would fail on it at start anyway ("Cannot find module").
   */
  private static boolean prepends(BaseImage.Exec exec, List<String> argv, int first,
      StageSimulation sim, Identity who) {
    if (exec.prepend().isEmpty()) return false;
    // No arguments at all: `command -v ""` finds nothing, so the script runs its own program.
    if (first >= argv.size()) return exec.when().contains(BaseImage.Condition.NOT_A_COMMAND);
    String a = argv.get(first);
    if (exec.when().contains(BaseImage.Condition.OPTION) && a.startsWith("-")) return true;
    if (exec.when().contains(BaseImage.Condition.CONF) && a.endsWith(".conf")) return true;
    if (!exec.when().contains(BaseImage.Condition.NOT_A_COMMAND)) return false;
    // A script file is not executable as copied, and when it is, its #! runs the same program.
    if (a.matches(".*\\.[cm]?js")) return true;
    if (!a.contains("/") && sim.base().map(b -> b.hasCommand(a) == Answer.YES).orElse(false)) {
      return false;
    }
    ImageFilesystem fs = sim.finalFilesystem();
    Resolution r = Resolution.resolve(fs, sim.base(), who, a, sim.last().variables().value("PATH"),
        sim.last().workdir());
    if (a.contains("/")) {
      // command -v stats the path: it fails when the file is missing or out of who's reach.
      if (r.path().isEmpty()) return false;
      return fs.lookup(r.path().get()).exists() == Answer.NO
          || fs.canTraverse(who, ImageFilesystem.parent(r.path().get())).answer() == Answer.NO;
    }
    return r.found() == Answer.NO;
  }

  /**
   * A shell-form CMD after an ENTRYPOINT program that does not run its arguments as a command:
   * the image config holds {@code ["/bin/sh", "-c", script]}, which becomes plain arguments.
   */
  private static Optional<Boolean> addShellAsArguments(List<String> argv, List<Source> sources,
      Instruction i) {
    Command c = ((Instruction.Cmd) i).command();
    Source src = new Source(i.name(), i.range(), false);
    if (c instanceof Command.ExecForm ef) {
      for (Word w : ef.args()) {
        argv.add(w.text());
        sources.add(src);
      }
    } else {
      for (String a : List.of("/bin/sh", "-c", ((Command.ShellForm) c).script())) {
        argv.add(a);
        sources.add(src);
      }
    }
    return Optional.of(false);
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
      StageSimulation sim, dev.berth.image.shell.VariableLookup vars) {
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
    String script = ((Command.ShellForm) c).script();
    ShellScript parsed = ShellScript.parse(script);
    Optional<List<String>> words = simpleWords(parsed, vars);
    if (words.isEmpty() && parsed.complete() && parsed.commands().size() > 1) {
      // More than one command (`cd /app && node server.js`, conductor's deprecation notice
      // `printf '...' && exit 1`): what Docker runs, /bin/sh -c with the script, whose commands
      // the process model reads as it reads any sh -c script.
      words = Optional.of(List.of("/bin/sh", "-c", script));
    }
    if (words.isEmpty()) return Optional.empty();
    for (String w : words.get()) {
      argv.add(w);
      sources.add(src);
    }
    return Optional.of(true);
  }

  private static Optional<List<String>> simpleWords(ShellScript s,
      dev.berth.image.shell.VariableLookup vars) {
    if (!s.complete() || s.commands().size() != 1) return Optional.empty();
    SimpleCommand c = s.commands().get(0);
    if (!c.assignments().isEmpty() || !c.redirects().isEmpty()) return Optional.empty();
    List<String> out = new ArrayList<>();
    for (ShellWord w : c.words()) {
      Optional<String> v = w.expand(vars);
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

  /**
   * Index of the program itself, after the base image's entrypoint script and init wrappers
   * (tini, dumb-init) and their options.
   */
  public int programIndex() {
    int i = start;
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
