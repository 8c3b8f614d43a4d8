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

  /** Options of {@code up} that take the next word as a value (docs.docker.com compose up). */
  public static final Set<String> UP_VALUE_OPTIONS = Set.of("-t", "--timeout",
      "--exit-code-from", "--attach", "--no-attach", "--pull", "--wait-timeout", "--scale");

  /** Options of {@code run} that take the next word as a value (docs.docker.com compose run). */
  public static final Set<String> RUN_VALUE_OPTIONS = Set.of("-e", "--env", "-l", "--label",
      "-p", "--publish", "-v", "--volume", "-w", "--workdir", "-u", "--user", "--name",
      "--entrypoint", "--cap-add", "--cap-drop", "--env-from-file", "--pull");

  /**
   * Options of {@code build} that take the next word as a value (docs.docker.com compose build;
   * its {@code --pull} is a switch).
   */
  public static final Set<String> BUILD_VALUE_OPTIONS = Set.of("--build-arg", "--builder",
      "--ssh", "-m", "--memory", "--progress");

  /** A compose subcommand's words that are no option nor an option's value, in order. */
  public static List<String> operands(List<String> args, Set<String> valueOptions) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-")) {
        if (valueOptions.contains(a)) i++;
        continue;
      }
      out.add(a);
    }
    return out;
  }

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
    List<String> named = operands(arguments, sub.equals("build") ? BUILD_VALUE_OPTIONS
        : sub.equals("up") ? UP_VALUE_OPTIONS : RUN_VALUE_OPTIONS);
    // a run names the one service it runs; the rest is its command
    if (sub.equals("run") && !named.isEmpty()) named = named.subList(0, 1);
    return named.isEmpty() || named.contains(service) || named.contains(UNKNOWN_NAME);
  }
}
