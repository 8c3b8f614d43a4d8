package dev.berth.evidence;

import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code docker compose} / {@code docker-compose} / {@code podman compose} invocation in the
 * repository, with the options that choose the project. Paths are root-relative when known.
 *
 * @param files every {@code -f}, in order (empty: the default files of the working directory,
 *     or {@code COMPOSE_FILE})
 * @param projectName {@code -p}/{@code --project-name}
 * @param envFiles every {@code --env-file}
 * @param profiles every {@code --profile}
 * @param projectDirectory {@code --project-directory}
 * @param environment the variables the command's environment sets (on the command line or
 *     exported earlier), by name: the {@code COMPOSE_*} ones first, then the others, which
 *     compose interpolation may read; {@link #UNREADABLE_ASSIGNMENTS} when the command line also
 *     sets variables berth cannot read ({@code env "${assignments[@]}" docker compose ...})
 * @param subcommand {@code up}, {@code build}, {@code config}, ... when written literally
 * @param arguments the words after the subcommand
 * @param background the script runs it with {@code &}: it goes on without waiting
 */
public record ComposeRun(
    Range range,
    SourceKind source,
    String tool,
    Cwd cwd,
    List<Value> files,
    Optional<Value> projectName,
    List<Value> envFiles,
    List<Value> profiles,
    Optional<Value> projectDirectory,
    Map<String, Value> environment,
    Optional<String> subcommand,
    List<Value> arguments,
    boolean background) {

  /** The tool a {@code docker stack deploy} is recorded under. */
  public static final String STACK_DEPLOY = "docker stack deploy";

  /** The name under which {@code environment} says some assignments could not be read. */
  public static final String UNREADABLE_ASSIGNMENTS = "*";

  public ComposeRun {
    files = List.copyOf(files);
    envFiles = List.copyOf(envFiles);
    profiles = List.copyOf(profiles);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    arguments = List.copyOf(arguments);
  }
}
