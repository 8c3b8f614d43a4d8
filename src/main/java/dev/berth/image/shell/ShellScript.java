package dev.berth.image.shell;

import java.util.List;

/**
 * A POSIX sh script as it appears in RUN, CMD or ENTRYPOINT, reduced to its simple commands in
 * execution order. Constructs the parser does not model ({@code case}, functions, syntax errors)
 * are listed in {@link #unparsed()} instead of being guessed at.
 *
 * @param text the script as given to {@link ShellParser#parse}
 * @param commands simple commands in source order, those inside {@code sh -c '...'} included
 * @param unparsed regions (offsets into {@code text}) whose commands are not in {@link #commands()}
 * @param loops the {@code while}/{@code until} loops, in source order
 * @param repeated the extents of every {@code for}, {@code while} and {@code until} loop: their
 *     commands may run again after the commands that follow them in the loop
 */
public record ShellScript(String text, List<SimpleCommand> commands, List<Unparsed> unparsed,
    List<Loop> loops, List<Span> repeated) {

  public ShellScript {
    commands = List.copyOf(commands);
    unparsed = List.copyOf(unparsed);
    loops = List.copyOf(loops);
    repeated = List.copyOf(repeated);
  }

  public ShellScript(String text, List<SimpleCommand> commands, List<Unparsed> unparsed) {
    this(text, commands, unparsed, List.of(), List.of());
  }

  /** Offsets {@code [start, end)} of a construct in {@link #text()}. */
  public record Span(int start, int end) {}

  /**
   * A {@code while}/{@code until} loop: its condition's commands lie in
   * [{@code conditionStart}, {@code conditionEnd}); {@code conditional} when the loop itself is
   * inside an if/loop/case body or after {@code ||} (it may not run).
   */
  public record Loop(int conditionStart, int conditionEnd, boolean conditional) {
    /** {@code c} is a command of this loop's condition. */
    public boolean inCondition(SimpleCommand c) {
      return c.start() >= conditionStart && c.start() < conditionEnd;
    }
  }

  /** A region berth did not understand, and why. */
  public record Unparsed(int start, int end, String reason) {}

  /** True when every command of the script is in {@link #commands()}. */
  public boolean complete() {
    return unparsed.isEmpty();
  }

  public static ShellScript parse(String text) {
    return ShellParser.parse(text);
  }
}
