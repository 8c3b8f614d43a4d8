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
    String workdir) {

  public BaseImage {
    sources = List.copyOf(sources);
    env = Map.copyOf(env);
    dirs = List.copyOf(dirs);
    commands = Map.copyOf(commands);
    absent = Set.copyOf(absent);
  }

  /** A directory known to exist with this owner and (when checked) mode. */
  public record Dir(String path, int uid, int gid, OptionalInt mode) {}

  public Answer hasCommand(String name) {
    if (commands.containsKey(name)) return Answer.YES;
    return absent.contains(name) ? Answer.NO : Answer.UNKNOWN;
  }
}
