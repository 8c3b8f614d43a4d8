package dev.berth.image.shell;

import java.util.List;
import java.util.Optional;

/**
 * One simple command: {@code NAME=v cmd arg...} with its redirections, and how it is reached.
 *
 * @param assignments leading {@code NAME=value} words
 * @param words the command name and its arguments (empty for a bare assignment)
 * @param redirects redirection operators with their target word ({@code > /dev/null})
 * @param conditional it may not run: inside an if/loop/case body or after {@code ||}
 * @param failureTolerated its failure does not stop the script: left of {@code ||}, an if or while
 *     condition, negated with {@code !}, or not the last command of a pipeline
 * @param background ended with {@code &}
 * @param subshell inside {@code ( ... )}: {@code cd} and variable changes do not outlive it
 * @param piped its standard output goes into a pipe ({@code cmd | next}): it is not the last
 *     command of its pipeline
 * @param andThen its pipeline is followed by {@code &&}: when it fails, the rest of its and-or
 *     list is skipped
 * @param shell the shell that runs it when it is in the script of an {@code sh -c '...'} /
 *     {@code bash -c '...'} wrapper ({@code bash}: its name, the innermost wrapper's); empty in
 *     the script's own shell
 */
public record SimpleCommand(
    List<ShellWord> assignments,
    List<ShellWord> words,
    List<Redirect> redirects,
    boolean conditional,
    boolean failureTolerated,
    boolean background,
    boolean subshell,
    boolean piped,
    boolean andThen,
    int start,
    int end,
    Optional<String> shell) {

  public SimpleCommand {
    assignments = List.copyOf(assignments);
    words = List.copyOf(words);
    redirects = List.copyOf(redirects);
  }

  /** The same command in a simple context: not conditional, not piped, in the main shell. */
  public SimpleCommand(List<ShellWord> assignments, List<ShellWord> words,
      List<Redirect> redirects, int start, int end) {
    this(assignments, words, redirects, false, false, false, false, false, false, start, end,
        Optional.empty());
  }

  /** {@code > file}, {@code 2>&1}, {@code <<EOF}: operator as written and its target word. */
  public record Redirect(String operator, ShellWord target) {}

  /** The literal command name without any directory ({@code /usr/bin/chown} → {@code chown}). */
  public Optional<String> name() {
    if (words.isEmpty()) return Optional.empty();
    return words.get(0).value().map(v -> v.substring(v.lastIndexOf('/') + 1));
  }

  public List<ShellWord> args() {
    return words.isEmpty() ? List.of() : words.subList(1, words.size());
  }
}
