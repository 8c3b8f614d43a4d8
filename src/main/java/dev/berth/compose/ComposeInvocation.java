package dev.berth.compose;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One way the repository's own scripts, Makefiles, package.json scripts or CI workflows run
 * {@code docker compose} (read, never run, by {@code RepoEvidence}), reduced to what chooses and
 * configures the project. Only invocations whose file set berth knows are kept.
 *
 * @param where the command line
 * @param files root-relative compose files, in {@code -f} order ({@code COMPOSE_FILE} counts);
 *     empty for the default files of {@code directory}
 * @param directory the root-relative directory the command runs in ("" = the root)
 * @param projectName {@code -p} or {@code COMPOSE_PROJECT_NAME}: empty when not given,
 *     {@link #UNKNOWN_NAME} when given with a value berth cannot know
 * @param envFiles every {@code --env-file}, root-relative; empty when none is given
 * @param envFilesKnown false when some {@code --env-file} value is unknown
 * @param exported variables the command's environment sets (exported earlier in the script,
 *     assigned on the command line, a CI job's {@code env:}), whatever their value;
 *     {@link #UNKNOWN_NAME} among them when it also sets variables berth cannot read
 * @param subcommand {@code up}, {@code run}, ... when written literally
 * @param arguments the words after the subcommand ({@link #UNKNOWN_NAME} for one berth cannot
 *     read)
 * @param background the script runs it with {@code &}: it goes on without waiting
 * @param projectDirectory {@code --project-directory}, root-relative, when the command gives one
 *     with files ({@code -f}): their relative paths and {@code .env} are read from there
 * @param profiles the profiles it enables ({@code --profile}, {@code COMPOSE_PROFILES});
 *     {@link #UNKNOWN_NAME} for one berth cannot read
 */
public record ComposeInvocation(Range where, List<String> files, String directory,
    Optional<String> projectName, List<String> envFiles, boolean envFilesKnown,
    Set<String> exported, Optional<String> subcommand, List<String> arguments,
    boolean background, Optional<String> projectDirectory, Set<String> profiles,
    boolean stackDeploy) {

  /** A compose command (not {@code docker stack deploy}, {@link #stackDeploy}). */
  public ComposeInvocation(Range where, List<String> files, String directory,
      Optional<String> projectName, List<String> envFiles, boolean envFilesKnown,
      Set<String> exported, Optional<String> subcommand, List<String> arguments,
      boolean background, Optional<String> projectDirectory, Set<String> profiles) {
    this(where, files, directory, projectName, envFiles, envFilesKnown, exported, subcommand,
        arguments, background, projectDirectory, profiles, false);
  }

  public ComposeInvocation(Range where, List<String> files, String directory,
      Optional<String> projectName, List<String> envFiles, boolean envFilesKnown,
      Set<String> exported, Optional<String> subcommand, List<String> arguments,
      boolean background) {
    this(where, files, directory, projectName, envFiles, envFilesKnown, exported, subcommand,
        arguments, background, Optional.empty(), Set.of());
  }

  /** A name or word the command gives that berth cannot know (a variable of the caller's). */
  public static final String UNKNOWN_NAME = "\u0000?";

  public ComposeInvocation {
    files = List.copyOf(files);
    envFiles = List.copyOf(envFiles);
    exported = Set.copyOf(exported);
    arguments = List.copyOf(arguments);
    profiles = Set.copyOf(profiles);
  }

  /** Options of {@code build}, {@code up} and {@code run} that take the next word as a value. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--build-arg", "--builder", "--ssh",
      "-m", "--memory", "--progress", "-t", "--timeout", "--exit-code-from", "--attach",
      "--no-attach", "--pull", "--wait-timeout", "--scale", "-e", "--env", "-l", "--label",
      "-p", "--publish", "-v", "--volume", "-w", "--workdir", "-u", "--user", "--name",
      "--entrypoint", "--cap-add", "--cap-drop", "--env-from-file");

  /**
   * Whether the command builds the service's image from its compose build: {@code build}, or
   * {@code up}/{@code run} with {@code --build} (docs.docker.com reference compose up: "Build
   * images before starting containers"), naming the service or no service at all (all of them;
   * a {@code run} names the one it runs). A word berth cannot read may be the service.
   */
  public boolean builds(String service) {
    String sub = subcommand.orElse("");
    boolean building = sub.equals("build")
        || (sub.equals("up") || sub.equals("run")) && arguments.contains("--build");
    if (!building) return false;
    List<String> named = new java.util.ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String a = arguments.get(i);
      if (a.startsWith("-")) {
        if (VALUE_OPTIONS.contains(a)) i++;
        continue;
      }
      named.add(a);
      if (sub.equals("run")) break; // the rest is the command it runs
    }
    return named.isEmpty() || named.contains(service) || named.contains(UNKNOWN_NAME);
  }
}
