package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.List;

/** The command of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: exec (JSON) form or shell form. */
public sealed interface Command {
  Range range();

  /** {@code ["uvicorn", "app:app"]}: run directly, no shell, signals reach the process. */
  record ExecForm(List<Word> args, Range range) implements Command {
    public ExecForm {
      args = List.copyOf(args);
    }
  }

  /**
   * {@code uvicorn app:app}: run as {@code SHELL + [script]}. Also what BuildKit falls back to
   * when the text looks like JSON but is not valid JSON.
   */
  record ShellForm(String script, Range range) implements Command {}
}
