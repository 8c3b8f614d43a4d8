package dev.berth.compose;

import java.util.Map;
import java.util.Optional;

/**
 * Variables set whenever {@code docker compose} interpolates, though no {@code .env} defines
 * them. berth does not read the process environment unless asked to, so without this table it
 * would call them unset. Each entry says why it is always there, and the value the model gets:
 * {@code PWD} is the project directory (Compose's documented use is to run it there) unless the
 * files' own PWD paths exist only from a directory above it ({@link WorkingDirectory}),
 * {@code HOME} is {@code ~} (the home directory, which Compose's bind paths also write so), and
 * {@code COMPOSE_PROJECT_NAME} stays blank (berth names the project only after loading it), and
 * {@code DESKTOP_PLUGIN_IMAGE} (only Docker extensions' compose files use it) has no value.
 *
 * <p>Deliberately absent: {@code UID} (a bash shell variable that bash does not export, so
 * Compose never sees it unless the user exports it) and {@code USER} (set by login, sshd and su,
 * but not in containers, e.g. CI jobs that run {@code docker compose} in a docker:cli image).
 */
public final class ProvidedVariables {
  private ProvidedVariables() {}

  private static final Map<String, String> WHY = Map.of(
      "PWD", "docker compose sets PWD to its working directory when the shell has not"
          + " (docker/compose cmd/compose/compose.go toProjectOptions)",
      "COMPOSE_PROJECT_NAME", "Compose sets it to the project name before interpolating"
          + " (compose-go loader/loader.go projectName)",
      "HOME", "the system sets HOME at login (POSIX XBD 8.3), cron sets it from the passwd entry,"
          + " and Docker sets it in every container",
      "DESKTOP_PLUGIN_IMAGE", "Docker Desktop sets it to the extension's own image when it runs"
          + " an extension's vm compose file (docs.docker.com extensions-sdk architecture/metadata:"
          + " \"a specific keyword that allows an easy way to refer to the image packaging the"
          + " extension\")");

  public static boolean provides(String name) {
    return WHY.containsKey(name);
  }

  /**
   * The value berth gives a provided variable, if it gives one.
   *
   * @param workingDirectory where compose runs as an absolute path: the project directory unless
   *     the files show another ({@link WorkingDirectory})
   */
  static Optional<String> value(String name, String workingDirectory) {
    return switch (name) {
      case "PWD" -> Optional.of(workingDirectory);
      case "HOME" -> Optional.of("~");
      default -> Optional.empty();
    };
  }
}
