package dev.berth.image;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What berth knows about one base image reference, from the catalog.
 *
 * @param root the catalog root family (debian, alpine, distroless, ...)
 * @param sources where each fact was checked, most specific first
 * @param defaultUser the image's USER ({@code root} when it sets none)
 * @param shell absolute path of {@code /bin/sh} or equivalent; empty for distroless/scratch
 * @param empty the image has no files at all (scratch)
 * @param commands commands known present, by name, with their absolute path
 * @param absent commands known missing
 * @param workdir the image's WORKDIR; {@code /} when it sets none
 * @param entrypoint the image's ENTRYPOINT; empty when the catalog does not know it
 */
public record BaseImage(
    ImageRef ref,
    String root,
    String os,
    List<String> sources,
    String defaultUser,
    Optional<String> shell,
    boolean empty,
    Map<String, String> env,
    Accounts accounts,
    List<Dir> dirs,
    Map<String, String> commands,
    Set<String> absent,
    Optional<String> packageManager,
    String workdir,
    Optional<Entrypoint> entrypoint) {

  public BaseImage {
    sources = List.copyOf(sources);
    env = Map.copyOf(env);
    dirs = List.copyOf(dirs);
    commands = Map.copyOf(commands);
    absent = Set.copyOf(absent);
  }

  /**
   * The ENTRYPOINT the image sets, which CMD is arguments to.
   *
   * @param argv empty when the image sets none (CMD is then the program)
   * @param cmd the image's CMD, when checked
   * @param execs present when the ENTRYPOINT is a script that ends with {@code exec "$@"}
   * @param source where it was checked
   */
  public record Entrypoint(List<String> argv, Optional<List<String>> cmd, Optional<Exec> execs,
      String source) {
    public Entrypoint {
      argv = List.copyOf(argv);
      cmd = cmd.map(List::copyOf);
    }
  }

  /**
   * An entrypoint script that runs its arguments, after putting {@code prepend} in front of them
   * when the first argument is one of {@code when}.
   *
   * @param appends a variable whose words the script puts after the arguments
   *     ({@code exec "$@" $VALKEY_EXTRA_FLAGS})
   */
  public record Exec(Optional<String> prepend, Set<Condition> when, Optional<String> appends) {
    public Exec {
      when = Set.copyOf(when);
    }
  }

  /** What the first argument of an exec-ing entrypoint script is tested for. */
  public enum Condition {
    /** starts with {@code -} */
    OPTION,
    /** ends with {@code .conf} */
    CONF,
    /** {@code command -v} finds nothing by that name */
    NOT_A_COMMAND
  }

  /** A directory known to exist with this owner and (when checked) mode. */
  /**
   * A directory of the image.
   *
   * @param contentsUid the owner of anything already inside it, when known (a package installed
   *     it as root), so that a file in it is known to be unwritable without listing it
   */
  public record Dir(String path, int uid, int gid, OptionalInt mode, OptionalInt contentsUid) {
    public Dir(String path, int uid, int gid, OptionalInt mode) {
      this(path, uid, gid, mode, OptionalInt.empty());
    }
  }

  public Answer hasCommand(String name) {
    if (commands.containsKey(name)) return Answer.YES;
    return absent.contains(name) ? Answer.NO : Answer.UNKNOWN;
  }
}
