package dev.berth.image;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Word;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script one RUN executes, as berth's shell parser reads it, and where each of its words is
 * in the Dockerfile. One answer for the image simulation and for the rules that judge commands.
 *
 * <p>{@link #understood()} says how far berth read it: a rule that judges what a script does
 * needs {@link Understanding#COMPLETE}; a rule that judges one command it finds may also use
 * {@link Understanding#PARTIAL} (the commands listed are real, others may exist). With
 * {@link Understanding#NONE} (not a POSIX shell, a heredoc fed to another program, a syntax error
 * berth cannot read) rules say nothing.
 *
 * @param shell the SHELL in force (default {@code ["/bin/sh", "-c"]}); empty for exec form, which
 *     runs its argv without a shell
 */
public record RunScript(Instruction.Run run, List<String> shell, Understanding understood,
    ShellScript script, Locator locator) {

  /** How much of a RUN berth understands. */
  public enum Understanding { COMPLETE, PARTIAL, NONE }

  /** Shells whose language berth's parser reads (POSIX sh and its supersets for these uses). */
  static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh");

  private static final ShellScript EMPTY = new ShellScript("", List.of(), List.of());

  public RunScript {
    shell = List.copyOf(shell);
  }

  /** The script of {@code run} in a stage whose SHELL is {@code shell}. */
  public static RunScript of(Dockerfile df, Instruction.Run run, List<String> shell) {
    Optional<ShellScript> script = parse(run);
    Locator locator = locator(df, run, script);
    boolean execForm = run.command() instanceof Command.ExecForm;
    boolean posix = execForm || (!shell.isEmpty() && POSIX_SHELLS.contains(basename(shell.get(0))));
    if (script.isEmpty() || !posix) {
      return new RunScript(run, execForm ? List.of() : shell, Understanding.NONE,
          script.orElse(EMPTY), locator);
    }
    ShellScript s = script.get();
    Understanding u = s.complete() ? Understanding.COMPLETE
        : s.commands().isEmpty() ? Understanding.NONE : Understanding.PARTIAL;
    return new RunScript(run, execForm ? List.of() : shell, u, s, locator);
  }

  /** The commands berth read, in execution order; empty when it understood nothing. */
  public List<SimpleCommand> commands() {
    return understood == Understanding.NONE ? List.of() : script.commands();
  }

  /** The program that runs the script: {@code sh}, {@code bash}, …; empty for exec form. */
  public Optional<String> shellName() {
    return shell.isEmpty() ? Optional.empty() : Optional.of(basename(shell.get(0)));
  }

  /** Where a word of the script is in the Dockerfile. */
  public Range range(ShellWord w) {
    return locator.range(w.start(), w.end());
  }

  /** Where a whole command (its words and redirections) is in the Dockerfile. */
  public Range range(SimpleCommand c) {
    return locator.range(c.start(), c.end());
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Maps script offsets to Dockerfile ranges; the whole RUN when positions are not known. */
  public static final class Locator {
    private final ScriptLocator delegate;
    private final Range fallback;

    Locator(ScriptLocator delegate, Range fallback) {
      this.delegate = delegate;
      this.fallback = fallback;
    }

    public Range range(int start, int end) {
      return delegate == null ? fallback : delegate.range(start, end);
    }
  }

  static Locator locator(Dockerfile df, Instruction.Run r, Optional<ShellScript> script) {
    if (!(r.command() instanceof Command.ShellForm sf) || script.isEmpty()) {
      return new Locator(null, r.range());
    }
    Optional<SourceFile> src = Optional.ofNullable(df.source());
    ScriptLocator locator = r.heredocs().isEmpty()
        ? ScriptLocator.of(src, sf.script(), sf.range(), df.escape())
        : ScriptLocator.of(src, script.get().text(), wholeLines(src, r.heredocs().get(0).range()),
            '\u0000');
    return new Locator(locator, r.range());
  }

  /** A heredoc body's lines in full, whatever end column the parser gave its range. */
  private static Range wholeLines(Optional<SourceFile> src, Range r) {
    if (src.isEmpty() || r.endLine() > src.get().lineCount()) return r;
    SourceFile f = src.get();
    int end = Math.min(f.text().length(), f.lineEnd(r.endLine()) + 1);
    return f.range(f.lineStart(r.startLine()), end);
  }

  private static final Pattern SHELL_WORD = Pattern.compile("(/bin/|/usr/bin/)?(ba|da)?sh");

  /** The script a RUN executes: shell form, a heredoc body, or an exec-form argv. */
  static Optional<ShellScript> parse(Instruction.Run r) {
    if (r.command() instanceof Command.ShellForm sf) {
      String text = sf.script().trim();
      if (!r.heredocs().isEmpty()) {
        Heredoc h = r.heredocs().get(0);
        // "RUN <<EOF" and "RUN sh <<EOF" run the body as a script; anything else feeds it to
        // another program.
        if (r.heredocs().size() == 1 && text.length() <= 256 && text.matches("(?:(?:/bin/)?(?:ba)?sh(?: -[a-z]+)* )?<<-?[\"']?"
            + Pattern.quote(h.delimiter()) + "[\"']?")) {
          return Optional.of(ShellScript.parse(h.body()));
        }
        return Optional.empty();
      }
      return Optional.of(ShellScript.parse(sf.script()));
    }
    if (r.command() instanceof Command.ExecForm ef) {
      List<ShellWord> words = new ArrayList<>();
      int pos = 0;
      for (Word w : ef.args()) {
        words.add(new ShellWord(w.text(), List.of(new ShellWord.Literal(w.text(), true)), pos,
            pos + w.text().length(), true));
        pos += w.text().length() + 1;
      }
      if (words.isEmpty()) return Optional.empty();
      // ["sh", "-c", "..."]: the string is a script.
      String first = words.get(0).raw();
      if (words.size() >= 3 && SHELL_WORD.matcher(first).matches()
          && words.get(1).raw().matches("-[a-z]*c")) {
        return Optional.of(ShellScript.parse(words.get(2).raw()));
      }
      return Optional.of(new ShellScript("", List.of(new SimpleCommand(List.of(), words, List.of(),
          0, pos)), List.of()));
    }
    return Optional.empty();
  }
}
