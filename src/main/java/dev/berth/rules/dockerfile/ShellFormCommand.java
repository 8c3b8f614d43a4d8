package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * With shell form the container's PID 1 is {@code /bin/sh -c}, which does not forward SIGTERM:
 * {@code docker stop} waits out its timeout and kills the process without a graceful shutdown.
 * Like BuildKit's JSONArgsRecommended, stages with an explicit SHELL are left alone (the author
 * chose the shell); unlike it, a script that starts with {@code exec} is fine, because the shell
 * replaces itself with the program and signals reach it.
 */
@RuleMeta(
    id = "BTH006",
    summary = "CMD or ENTRYPOINT in shell form: the process does not receive SIGTERM",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.HIGH,
    aliases = {"DL3025", "JSONArgsRecommended"})
public final class ShellFormCommand implements DockerfileRule {
  /** Words a JSON rewrite can keep verbatim: no quoting, expansion, globbing or operators. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      if (hasShell(dockerfile, stage)) continue;
      for (Instruction i : stage.instructions()) {
        Optional<Command> cmd = i instanceof Instruction.Cmd c ? Optional.of(c.command())
            : i instanceof Instruction.Entrypoint e ? Optional.of(e.command()) : Optional.empty();
        if (cmd.isEmpty() || !(cmd.get() instanceof Command.ShellForm shell)) continue;
        String script = shell.script().strip();
        if (script.isEmpty() || script.startsWith("exec ")) continue;
        RuleContext.Report r = ctx.report(i.keyword().range().union(shell.range()),
            message(i.name()));
        jsonForm(script).ifPresent(json ->
            r.fix("Use exec form " + json, new TextEdit(shell.range(), json)));
      }
    }
  }

  public static String message(String instruction) {
    return instruction + " in shell form runs under '/bin/sh -c', which does not forward "
        + "SIGTERM: 'docker stop' waits for the timeout and then kills the process";
  }

  /** SHELL in this stage or in a stage it is built FROM. */
  private static boolean hasShell(Dockerfile df, Stage stage) {
    for (Stage s = stage; s != null; s = CopyFromStageCycle.StageGraph.resolveBase(df, s).orElse(null)) {
      if (!s.all(Instruction.Shell.class).isEmpty()) return true;
    }
    return false;
  }

  /** The exec form of a script made only of plain words, or empty when a rewrite could change it. */
  static Optional<String> jsonForm(String script) {
    String[] words = script.split("[ \t]+");
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      if (!PLAIN_WORD.matcher(w).matches()) return Optional.empty();
      quoted.add("\"" + w + "\"");
    }
    return Optional.of("[" + String.join(", ", quoted) + "]");
  }
}
