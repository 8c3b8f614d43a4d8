package dev.berth.evidence;

import dev.berth.source.Range;
import java.util.List;

/**
 * A {@code docker run} / {@code docker create} / {@code podman run} command: which image is run
 * is one of its words (options are not interpreted, so every word is kept).
 */
public record ImageRun(Range range, SourceKind source, List<Value> words) {
  public ImageRun {
    words = List.copyOf(words);
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

  /** The words after the image: the command given to the container (empty: its own). */
  public List<Value> command() {
    int i = imageIndex();
    return i < 0 ? List.of() : words.subList(i + 1, words.size());
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
