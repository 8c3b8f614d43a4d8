package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * Arguments that start with {@code [} but are not a JSON array of strings, which BuildKit
 * ({@code parseMaybeJSON}, {@code parseMaybeJSONToList}) silently reads in the other form: RUN,
 * CMD, ENTRYPOINT and HEALTHCHECK CMD as a shell command, COPY, ADD and VOLUME as
 * whitespace-separated words.
 *
 * @param instruction the instruction as built from the fallback form
 * @param arguments the argument text as written, and where
 * @param words what the instruction got instead: the shell script, or the words
 * @param problem why it is not JSON, in words ({@code a trailing comma is not allowed in JSON})
 * @param meant the JSON array the author evidently meant (quotes or a trailing comma fixed), when
 *     that is one
 */
public record JsonFallback(Instruction instruction, Word arguments, List<String> words,
    String problem, Optional<String> meant) {

  public JsonFallback {
    words = List.copyOf(words);
  }

  /** True when the instruction took the text as a shell command (RUN, CMD, ENTRYPOINT, HEALTHCHECK). */
  public boolean asShell() {
    return !(instruction instanceof Instruction.Volume) && !(instruction instanceof Instruction.FileTransfer);
  }

  public Range range() {
    return arguments.range();
  }
}
