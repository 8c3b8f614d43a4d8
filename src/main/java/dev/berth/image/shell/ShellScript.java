package dev.berth.image.shell;

import java.util.List;

/**
 * A POSIX sh script as it appears in RUN, CMD or ENTRYPOINT, reduced to its simple commands in
 * execution order. Constructs the parser does not model ({@code case}, functions, syntax errors)
 * are listed in {@link #unparsed()} instead of being guessed at; a function definition is also
 * listed in {@link #functions()}, with its name and body, for whoever follows its calls.
 *
 * @param text the script as given to {@link ShellParser#parse}
 * @param commands simple commands in source order, those inside {@code sh -c '...'} included
 * @param unparsed regions (offsets into {@code text}) whose commands are not in {@link #commands()}
 * @param loops the {@code while}/{@code until} loops, in source order
 * @param repeated the extents of every {@code for}, {@code while} and {@code until} loop: their
 *     commands may run again after the commands that follow them in the loop
 * @param functions the function definitions the parser skipped, in source order
 * @param last the commands in tail position, one of which is the last the script runs: the last
 *     command of the script, of each branch of a final {@code if}, of a final {@code { }} group
 *     or subshell, the right side of a final {@code &&}, the tail of a final {@code sh -c}
 *     script; none when the script ends in a pipeline, a background job, a negated command, a
 *     loop, a redirected group or {@code if}, an and-or list with {@code ||} (its left side runs as
 *     a child) or a construct berth skips. This is where busybox ash execs instead of forking
 *     (BusyBox 1.35, evalstring's EV_EXIT).
 * @param cases the {@code case} clauses of the plain shape, in source order: each is also an
 *     {@link Unparsed} region; its branches' bodies are text to parse when one is known to run
 */
public record ShellScript(String text, List<SimpleCommand> commands, List<Unparsed> unparsed,
    List<Loop> loops, List<Span> repeated, List<Function> functions, List<SimpleCommand> last,
    List<Case> cases) {

  public ShellScript {
    commands = List.copyOf(commands);
    unparsed = List.copyOf(unparsed);
    loops = List.copyOf(loops);
    repeated = List.copyOf(repeated);
    functions = List.copyOf(functions);
    last = List.copyOf(last);
    cases = List.copyOf(cases);
  }

  public ShellScript(String text, List<SimpleCommand> commands, List<Unparsed> unparsed) {
    this(text, commands, unparsed, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** Offsets {@code [start, end)} of a construct in {@link #text()}. */
  public record Span(int start, int end) {
    /** The same span {@code by} characters further into a text that holds this one's. */
    public Span shifted(int by) {
      return new Span(start + by, end + by);
    }
  }

  /**
   * A function definition, {@code name() { ...; }} or bash's {@code function name [()] { ...; }}:
   * its name as written and the span of its body between the braces (neither brace included).
   * The body is not parsed with the script (the definition is an {@link Unparsed} region too):
   * it runs only when the function is called.
   */
  public record Function(String name, Span body) {
    public Function shifted(int by) {
      return new Function(name, body.shifted(by));
    }
  }

  /**
   * {@code case SUBJECT in PATTERNS) BODY ;; ... esac}: where it is, what it tests and its
   * branches in order (the first whose pattern matches runs, none when no pattern does).
   *
   * @param conditional it is itself inside an if/loop/case body or after {@code ||} (after
   *     {@code &&} is not marked here: the reader checks the command before it)
   * @param subshell it is inside {@code ( ... )}
   */
  public record Case(Span span, ShellWord subject, List<Branch> branches, boolean conditional,
      boolean subshell) {
    public Case {
      branches = List.copyOf(branches);
    }

    /**
     * The same clause {@code by} characters further into a text that holds this one's, and
     * conditional as well when {@code conditional} (the branch of another clause it sits in may
     * not run).
     */
    public Case shifted(int by, boolean conditional) {
      return new Case(span.shifted(by), subject, branches.stream()
          .map(b -> new Branch(b.patterns(), b.body().shifted(by))).toList(),
          this.conditional || conditional, subshell);
    }
  }

  /** One branch of a {@link Case}: its patterns ({@code a | b}) and the span of its body. */
  public record Branch(List<ShellWord> patterns, Span body) {
    public Branch {
      patterns = List.copyOf(patterns);
    }
  }

  /** The text of {@code span}. */
  public String text(Span span) {
    return text.substring(span.start(), span.end());
  }

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
  public record Unparsed(int start, int end, String reason) {
    public Unparsed shifted(int by) {
      return new Unparsed(start + by, end + by, reason);
    }
  }

  /** True when every command of the script is in {@link #commands()}. */
  public boolean complete() {
    return unparsed.isEmpty();
  }

  public static ShellScript parse(String text) {
    return ShellParser.parse(text);
  }
}
