package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.image.RunScripts;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * With shell form the container's PID 1 is {@code /bin/sh -c}; dash and busybox ash (the
 * {@code /bin/sh} of Debian, Ubuntu and Alpine images) fork the program and do not pass SIGTERM on,
 * so {@code docker stop} waits out its timeout and kills the process without a graceful shutdown.
 * Only the CMD and ENTRYPOINT the final image really starts with are judged (a builder stage's CMD
 * never runs). Like BuildKit's JSONArgsRecommended, stages with an explicit SHELL are left alone;
 * unlike it, a script that starts with {@code exec} is fine, because the shell replaces itself with
 * the program. Windows images use {@code cmd /S /C} and are not judged: a backtick escape, or a
 * final stage on a Windows base image (by name or {@code --platform=windows/...}).
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
    if (dockerfile.stages().isEmpty() || dockerfile.escape() == '`') return;
    List<StageFacts> facts = StageResolver.resolve(dockerfile);
    StageFacts last = facts.get(facts.size() - 1);
    if (RunScripts.windows(last, facts, 0)) return; // cmd /S /C, not /bin/sh
    if (last.shell().setBy().isPresent()) return; // the author chose the shell
    Optional<Instruction> entrypoint = setter(dockerfile, last.entrypoint());
    Optional<Instruction> cmd = setter(dockerfile, last.cmd());
    // Shell form by accident (a JSON array that is not JSON) is BTH008's finding, not this one.
    if (entrypoint.map(e -> fellBack(dockerfile, e)).orElse(cmd.map(c -> fellBack(dockerfile, c))
        .orElse(false))) {
      return;
    }
    // With an ENTRYPOINT, CMD is only its argument list (whether a shell then runs it depends on
    // the entrypoint program: unknown), so the ENTRYPOINT is judged. A shell-form ENTRYPOINT
    // ignores CMD, so rewriting it to exec form would start passing CMD: no fix offered then.
    entrypoint.ifPresent(e -> judge(e, cmd.isEmpty(), ctx));
    if (entrypoint.isEmpty()) cmd.ifPresent(c -> judge(c, true, ctx));
  }

  private static void judge(Instruction i, boolean fixIsSafe, RuleContext ctx) {
    Command command = i instanceof Instruction.Cmd c ? c.command()
        : ((Instruction.Entrypoint) i).command();
    if (!(command instanceof Command.ShellForm shell)) return;
    String script = shell.script().strip();
    if (script.isEmpty() || script.startsWith("exec ")) return;
    RuleContext.Report r = ctx.report(i.keyword().range().union(shell.range()), message(i.name()));
    if (fixIsSafe) {
      jsonForm(script).ifPresent(json ->
          r.fix("Use exec form " + json, new TextEdit(shell.range(), json)));
    }
  }

  private static boolean fellBack(Dockerfile df, Instruction i) {
    return df.jsonFallbacks().stream().anyMatch(f -> f.instruction().equals(i));
  }

  /** The CMD/ENTRYPOINT instruction a resolved fact came from (maybe in a parent stage). */
  private static Optional<Instruction> setter(Dockerfile df, Optional<Fact<List<String>>> fact) {
    if (fact.isEmpty() || fact.get().setBy().isEmpty()) return Optional.empty();
    Range at = fact.get().setBy().get();
    return df.instructions().stream()
        .filter(i -> i instanceof Instruction.Cmd || i instanceof Instruction.Entrypoint)
        .filter(i -> i.range().equals(at) || i.range().startLine() == at.startLine())
        .findFirst();
  }

  public static String message(String instruction) {
    return instruction + " in shell form runs as a child of '/bin/sh -c', which (as dash or ash) "
        + "does not pass SIGTERM on: 'docker stop' waits for the timeout and then kills the process";
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
