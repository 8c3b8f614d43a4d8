package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/**
 * One Dockerfile instruction, with typed fields and exact ranges. A {@code switch} over the
 * permitted records is exhaustive, so adding an instruction type is a compile error everywhere it
 * matters.
 */
public sealed interface Instruction
    permits Instruction.From, Instruction.Run, Instruction.FileTransfer,
        Instruction.Env, Instruction.Arg, Instruction.Label, Instruction.Expose,
        Instruction.User, Instruction.Workdir, Instruction.Volume, Instruction.Entrypoint,
        Instruction.Cmd, Instruction.Shell, Instruction.Healthcheck, Instruction.StopSignal,
        Instruction.OnBuild, Instruction.Maintainer {

  /** The keyword as written (case preserved), e.g. {@code from}. */
  Word keyword();

  List<Flag> flags();

  /** The whole instruction: keyword to end of its last continuation line (heredoc bodies included). */
  Range range();

  default Optional<Flag> flag(String name) {
    return flags().stream().filter(f -> f.name().equals(name)).reduce((a, b) -> b);
  }

  default boolean hasFlag(String name) {
    return flag(name).isPresent();
  }

  /** Upper-case keyword: {@code FROM}, {@code RUN}, … */
  default String name() {
    return keyword().text().toUpperCase(java.util.Locale.ROOT);
  }

  /** {@code FROM [--platform=…] image [AS name]}; asKeyword/stageName are both present or both empty. */
  record From(Word keyword, List<Flag> flags, Word image, Optional<Word> asKeyword,
      Optional<Word> stageName, Range range) implements Instruction {}

  record Run(Word keyword, List<Flag> flags, Command command, List<Heredoc> heredocs,
      List<Mount> mounts, Range range) implements Instruction {
    /** The command as written: the shell form's script, or the exec form's words joined by spaces. */
    public String commandText() {
      return command instanceof Command.ShellForm sf ? sf.script()
          : String.join(" ", ((Command.ExecForm) command).args().stream().map(Word::text).toList());
    }

    /** {@link #commandText} and each heredoc's body on the lines after it: all the RUN runs. */
    public String fullText() {
      StringBuilder b = new StringBuilder(commandText());
      heredocs.forEach(h -> b.append('\n').append(h.body()));
      return b.toString();
    }
  }

  /** Shared shape of COPY and ADD. */
  sealed interface FileTransfer extends Instruction permits Copy, Add {
    List<Word> sources();

    Word destination();

    List<Heredoc> heredocs();

    /** True when written as a JSON array. */
    boolean json();

    default Optional<String> from() {
      return flag("from").flatMap(Flag::value);
    }

    default Optional<String> chown() {
      return flag("chown").flatMap(Flag::value);
    }

    default Optional<String> chmod() {
      return flag("chmod").flatMap(Flag::value);
    }
  }

  record Copy(Word keyword, List<Flag> flags, List<Word> sources, Word destination,
      List<Heredoc> heredocs, boolean json, Range range) implements FileTransfer {}

  record Add(Word keyword, List<Flag> flags, List<Word> sources, Word destination,
      List<Heredoc> heredocs, boolean json, Range range) implements FileTransfer {}

  /** {@code legacy} is the deprecated {@code ENV key value} form (one pair, value = rest of line). */
  record Env(Word keyword, List<Flag> flags, List<KeyValue> pairs, boolean legacy, Range range)
      implements Instruction {}

  record Arg(Word keyword, List<Flag> flags, List<ArgDecl> declarations, Range range)
      implements Instruction {}

  record Label(Word keyword, List<Flag> flags, List<KeyValue> pairs, boolean legacy, Range range)
      implements Instruction {}

  /** Each word like {@code 80}, {@code 8000-8010/tcp}, {@code 53/udp}, maybe {@code $PORT}. */
  record Expose(Word keyword, List<Flag> flags, List<Word> ports, Range range)
      implements Instruction {}

  /** {@code USER name[:group]} kept as one word; split after expansion. */
  record User(Word keyword, List<Flag> flags, Word user, Range range) implements Instruction {}

  record Workdir(Word keyword, List<Flag> flags, Word path, Range range) implements Instruction {}

  record Volume(Word keyword, List<Flag> flags, List<Word> paths, boolean json, Range range)
      implements Instruction {}

  record Entrypoint(Word keyword, List<Flag> flags, Command command, Range range)
      implements Instruction {}

  record Cmd(Word keyword, List<Flag> flags, Command command, Range range)
      implements Instruction {}

  /** SHELL only accepts JSON form. */
  record Shell(Word keyword, List<Flag> flags, List<Word> args, Range range)
      implements Instruction {}

  /** {@code command} is empty for {@code HEALTHCHECK NONE}. */
  record Healthcheck(Word keyword, List<Flag> flags, Optional<Command> command, Range range)
      implements Instruction {
    public boolean none() {
      return command.isEmpty();
    }
  }

  record StopSignal(Word keyword, List<Flag> flags, Word signal, Range range)
      implements Instruction {}

  /** {@code trigger} is the instruction to run in child builds. */
  record OnBuild(Word keyword, List<Flag> flags, Instruction trigger, Range range)
      implements Instruction {}

  record Maintainer(Word keyword, List<Flag> flags, Word text, Range range)
      implements Instruction {}
}
