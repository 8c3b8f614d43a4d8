package dev.berth.dockerfile;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Variable expansion as BuildKit applies it to Dockerfile instruction arguments.
 *
 * <p>Which instructions expand (BuildKit {@code SupportsSingleWordExpansion}): FROM image and
 * {@code --platform} (global ARGs only), ADD/COPY sources, destination, {@code --chown},
 * {@code --chmod} (ADD also {@code --checksum}; never {@code --from}), ENV and LABEL keys and values,
 * EXPOSE (expanded then split into words), STOPSIGNAL, USER, VOLUME, WORKDIR, ARG names and
 * defaults, RUN {@code --mount} options. Not expanded: RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK
 * commands (the shell does that at run time), ONBUILD (expanded in the child build),
 * MAINTAINER. Heredoc bodies of COPY/ADD with an unquoted delimiter are expanded with
 * {@link #heredoc}.
 */
public final class Expander {
  /**
   * What one expander may produce in total. One expander serves one pass over a Dockerfile, so
   * a value at the per-word bound ({@link #MAX_WORD_CHARS}) referenced on thousands of lines
   * cannot make that pass quadratic in time and memory either.
   */
  public static final long MAX_TOTAL_CHARS = 16L << 20;
  /** An expanded word longer than this is refused (the value becomes unknown). */
  public static final int MAX_WORD_CHARS = ShellLex.MAX_LENGTH;
  static final String BUDGET_SPENT = "variable expansion of this Dockerfile produces more than "
      + MAX_TOTAL_CHARS + " characters in total, berth's limit";

  private final char escape;
  private final java.util.concurrent.atomic.AtomicLong left =
      new java.util.concurrent.atomic.AtomicLong(MAX_TOTAL_CHARS);

  /** @param escape the Dockerfile's escape character ({@link Dockerfile#escape()}) */
  public Expander(char escape) {
    this.escape = escape;
  }

  /**
   * The words of an instruction BuildKit expands when it runs the instruction (dispatch), as
   * listed above: not FROM (expanded with global ARGs before any stage), ARG (whose default is
   * only expanded when used), RUN mounts, commands or ONBUILD. A flag's value is a word whose
   * range is the flag's text after {@code --name=}.
   */
  public static java.util.List<Word> dispatchWords(Instruction i) {
    java.util.List<Word> out = new java.util.ArrayList<>();
    if (i instanceof Instruction.FileTransfer t) {
      for (Flag f : t.flags()) {
        if (f.value().isPresent() && (f.name().equals("chown") || f.name().equals("chmod")
            || (f.name().equals("checksum") && t instanceof Instruction.Add))) {
          String written = "--" + f.name() + "=";
          Word whole = new Word(written + f.value().get(), f.range());
          out.add(new Word(f.value().get(),
              whole.rangeOf(written.length(), whole.text().length())));
        }
      }
      out.addAll(t.sources());
      out.add(t.destination());
    } else if (i instanceof Instruction.Env e) {
      e.pairs().forEach(kv -> out.addAll(java.util.List.of(kv.key(), kv.value())));
    } else if (i instanceof Instruction.Label l) {
      l.pairs().forEach(kv -> out.addAll(java.util.List.of(kv.key(), kv.value())));
    } else if (i instanceof Instruction.Expose e) {
      out.addAll(e.ports());
    } else if (i instanceof Instruction.StopSignal s) {
      out.add(s.signal());
    } else if (i instanceof Instruction.User u) {
      out.add(u.user());
    } else if (i instanceof Instruction.Volume v) {
      out.addAll(v.paths());
    } else if (i instanceof Instruction.Workdir w) {
      out.add(w.path());
    }
    return out;
  }

  /** BuildKit {@code ProcessWord}: quotes removed, variables substituted, one result. */
  public Expansion word(String text, Vars vars) {
    return charged(run(text, vars, ShellLex.Options.expand(escape), false, left.get()));
  }

  /** BuildKit {@code ProcessWords}: like {@link #word}, then split on unquoted whitespace. */
  public Expansion words(String text, Vars vars) {
    return charged(run(text, vars, ShellLex.Options.expand(escape), true, left.get()));
  }

  /** True when expansion failed on one of berth's bounds, not on the text. */
  public static boolean limitHit(Expansion e) {
    return e.error().map(m -> m.endsWith(ShellLex.TOO_LONG) || m.endsWith(BUDGET_SPENT))
        .orElse(false);
  }

  private Expansion charged(Expansion e) {
    if (e.error().isPresent() || left.addAndGet(-e.value().length()) >= 0) return e;
    return new Expansion("", List.of(), List.of(), List.of(), Optional.of(BUDGET_SPENT));
  }

  /**
   * Heredoc body expansion (COPY/ADD with an unquoted delimiter): quotes are literal and the escape
   * character is always backslash.
   */
  public static Expansion heredoc(String body, Vars vars) {
    return run(body, vars, new ShellLex.Options('\\', false, false, true, false), false,
        Long.MAX_VALUE);
  }

  private static Expansion run(String text, Vars vars, ShellLex.Options opt, boolean split,
      long budget) {
    try {
      ShellLex.Result r = new ShellLex(opt, vars, budget).process(text);
      List<String> words = split ? r.words() : List.of(r.value());
      return new Expansion(r.value(), words, List.copyOf(r.unknown()), List.copyOf(r.unset()),
          Optional.empty());
    } catch (ShellLex.LexError e) {
      return new Expansion("", List.of(), List.of(), List.of(), Optional.of(e.getMessage()),
          e.at < 0 ? OptionalInt.empty() : OptionalInt.of(e.at));
    }
  }
}
