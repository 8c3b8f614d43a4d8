package dev.berth.runtime;

import dev.berth.image.ContainerProcess;
import dev.berth.programs.Invocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One program a container runs: the container's own command, what a wrapper (tini, gosu,
 * {@code sh -c}, {@code uv run}) or an entrypoint script starts, a package.json script's commands,
 * a supervisord program.
 *
 * @param argv the command line, the program first
 * @param source the ENTRYPOINT/CMD or Compose override where the container's command is written
 * @param chain how the container gets from {@code source} to this program, in order
 * @param user the user it runs as when not the container's ({@code gosu app}, supervisord
 *     {@code user=}); empty: the container's user
 * @param workdir its working directory when not the container's
 * @param env variables set for it on top of the container's
 * @param program the catalog entry that applies, if any
 * @param fsKnown false when something before it changed the filesystem in ways berth does not
 *     follow (an entrypoint script's chown, mkdir, cp; a script berth could not read): what it
 *     can write is then unknown
 * @param background a script started it in the background ({@code etcd &}), or it was started
 *     by such a process: it keeps running beside the container's main process
 */
public record Proc(
    List<String> argv,
    ContainerProcess.Source source,
    List<Step> chain,
    Optional<String> user,
    Optional<String> workdir,
    Map<String, String> env,
    Optional<Invocation> program,
    boolean fsKnown,
    boolean background) {

  public Proc {
    argv = List.copyOf(argv);
    chain = List.copyOf(chain);
    env = Map.copyOf(env);
  }

  /** A process started in the foreground of the container's command. */
  public Proc(List<String> argv, ContainerProcess.Source source, List<Step> chain,
      Optional<String> user, Optional<String> workdir, Map<String, String> env,
      Optional<Invocation> program, boolean fsKnown) {
    this(argv, source, chain, user, workdir, env, program, fsKnown, false);
  }

  /** A command-line word whose value berth does not know (a variable it cannot resolve). */
  public static boolean unknownWord(String word) {
    return word.startsWith(Processes.UNKNOWN);
  }

  /** The program's base name. */
  public String name() {
    String exe = argv.isEmpty() ? "" : argv.get(0);
    return exe.substring(exe.lastIndexOf('/') + 1);
  }

  /** The first link of how the container reaches it: where the container's command starts it. */
  public Step start() {
    return new Step(source.range(), source.label() + " starts " + display() + " here");
  }

  /** How messages name it: {@code celery beat}, {@code next dev}, or the program's name. */
  public String display() {
    if (program.isPresent() && !program.get().program().subcommands().isEmpty()) {
      Optional<String> sub = program.get().operand(0);
      if (sub.isPresent()) return name() + " " + sub.get();
    }
    return name();
  }
}
