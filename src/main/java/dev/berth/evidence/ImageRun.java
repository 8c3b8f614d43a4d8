package dev.berth.evidence;

import dev.berth.source.Range;
import java.util.List;

/**
 * A {@code docker run} / {@code docker create} / {@code podman run} command: which image is run
 * is one of its words (options are not interpreted, so every word is kept).
 *
 * @param background a script runs it with {@code &} and goes on without waiting for it
 */
public record ImageRun(Range range, SourceKind source, List<Value> words, boolean background) {
  public ImageRun {
    words = List.copyOf(words);
  }

  /** A run the shell waits for (documents, and commands without {@code &}). */
  public ImageRun(Range range, SourceKind source, List<Value> words) {
    this(range, source, words, false);
  }

  /**
   * It joins the host's network ({@code --network host}, {@code --net=host}): whatever its
   * program listens on is the host's port, published without {@code -p}.
   */
  public boolean hostNetwork() {
    List<Value> options = options();
    for (int i = 0; i < options.size(); i++) {
      String v = options.get(i).value().orElse("");
      if (v.equals("--network=host") || v.equals("--net=host")) return true;
      if ((v.equals("--network") || v.equals("--net")) && i + 1 < options.size()
          && options.get(i + 1).value().filter("host"::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The image word: the first operand after the options, where every option not known to be a
   * switch takes the next word as its value (docs.docker.com reference/cli/docker/container/run).
   * Empty when a word before it is unknown.
   */
  public java.util.Optional<String> image() {
    int i = imageIndex();
    return i < 0 ? java.util.Optional.empty() : words.get(i).value();
  }

  /**
   * The words before the image: the options of {@code docker run} itself (those after the image
   * are the container's command). Every word when the image cannot be found.
   */
  public List<Value> options() {
    int i = imageIndex();
    return i < 0 ? words : words.subList(0, i);
  }

  /** One of its options publishes a port ({@code -p}, {@code -p8080:80}, {@code --publish}, {@code -P}). */
  public boolean publishesPort() {
    return options().stream().map(w -> w.value().orElse("")).anyMatch(v -> v.equals("-p")
        || v.startsWith("--publish") || v.equals("-P") || v.matches("-p\\S+"));
  }

  /**
   * It starts another program of the image ({@code --entrypoint}): it says nothing of how the
   * image's own program runs.
   */
  public boolean replacesEntrypoint() {
    return options().stream().map(w -> w.value().orElse(""))
        .anyMatch(v -> v.equals("--entrypoint") || v.startsWith("--entrypoint="));
  }

  /**
   * The value of its {@code --user}/{@code -u} option (docs.docker.com reference/cli/docker/
   * container/run: "Username or UID (format: {@code <name|uid>[:<group|gid>]})"), as written
   * ({@code --user=X} too); empty when it gives none.
   */
  public java.util.Optional<Value> user() {
    List<Value> options = options();
    for (int i = 0; i < options.size(); i++) {
      String v = options.get(i).value().orElse("");
      if ((v.equals("--user") || v.equals("-u")) && i + 1 < options.size()) {
        return java.util.Optional.of(options.get(i + 1));
      }
      if (v.startsWith("--user=")) {
        Value w = options.get(i);
        return java.util.Optional.of(w.value().isPresent()
            ? Value.known(w.raw(), v.substring("--user=".length())) : w);
      }
    }
    return java.util.Optional.empty();
  }

  /** The words after the image: the command given to the container (empty: its own). */
  public List<Value> command() {
    int i = imageIndex();
    return i < 0 ? List.of() : words.subList(i + 1, words.size());
  }

  /**
   * The container paths its {@code -v}/{@code --volume} and {@code --mount} options mount
   * something at (docs.docker.com reference/cli/docker/container/run, "Mount volume": {@code -v
   * SRC:DST[:OPTS]} or an anonymous {@code -v DST}; {@code --mount ...,target=DST}, with the
   * aliases {@code dst} and {@code destination}). Read from the words as written: a source built
   * from a command substitution ({@code `pwd`/data:/data}) still names its target.
   */
  public List<String> mountTargets() {
    List<String> out = new java.util.ArrayList<>();
    List<Value> options = options();
    for (int i = 0; i < options.size(); i++) {
      String v = options.get(i).value().orElse(options.get(i).raw());
      String arg = null;
      boolean mount = false;
      if ((v.equals("-v") || v.equals("--volume") || v.equals("--mount")) && i + 1 < options.size()) {
        Value next = options.get(i + 1);
        arg = next.value().orElse(next.raw());
        mount = v.equals("--mount");
        i++;
      } else if (v.startsWith("--volume=") || v.startsWith("--mount=")) {
        arg = v.substring(v.indexOf('=') + 1);
        mount = v.startsWith("--mount=");
      }
      if (arg == null) continue;
      if (mount) {
        for (String field : arg.split(",")) {
          String[] kv = field.split("=", 2);
          if (kv.length == 2 && java.util.Set.of("target", "dst", "destination").contains(kv[0])) {
            out.add(kv[1]);
          }
        }
      } else {
        String[] parts = arg.split(":");
        // SRC:DST[:OPTS], or DST alone; a target is absolute
        String target = parts.length == 1 ? parts[0] : parts[1];
        if (target.startsWith("/")) out.add(target);
      }
    }
    return out;
  }

  private int imageIndex() {
    for (int i = 0; i < words.size(); i++) {
      java.util.Optional<String> w = words.get(i).value();
      if (w.isEmpty()) return -1;
      String v = w.get();
      if (!v.startsWith("-")) return i;
      if (v.contains("=") || SWITCHES.contains(v) || v.matches("-[ditP]+")) continue;
      i++; // the option's value
    }
    return -1;
  }

  /** docker run options that take no value. */
  private static final java.util.Set<String> SWITCHES = java.util.Set.of("--rm", "--detach",
      "--interactive", "--tty", "--privileged", "--init", "--read-only", "--publish-all",
      "--no-healthcheck", "--oom-kill-disable", "--quiet", "-q", "--sig-proxy", "--help");
}
