package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Command;
import dev.berth.runtime.Runner;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.Access;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.Node;
import dev.berth.image.RuntimeWrites;
import dev.berth.image.StageSimulation;
import dev.berth.rules.RuleContext;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.Optional;

/**
 * Reporting a write the runtime user cannot make because a path of the image belongs to root
 * (BTH204, BTH211, BTH212): where the path got its owner, who runs, and the {@code --chown} /
 * {@code chown} edit where the path is made.
 */
final class RootOwned {
  private RootOwned() {}

  /**
   * The access of {@code who} to {@code path} when it is denied by the image (a runtime volume's
   * mount point is BTH206's finding).
   */
  static Optional<Access> denied(ContainerView view, Identity who, String path) {
    Access a = view.filesystem().canWrite(who, path);
    return a.denied() && RuntimeWrites.runtimeVolumeAt(view, a.blockingPath().orElseThrow())
        .isEmpty() ? Optional.of(a) : Optional.empty();
  }

  /** Reports once per range; null when {@code where} was reported already. */
  static RuleContext.Report report(RuleContext ctx, Range where, String text, Access a,
      Runner run) {
    RuleContext.Report r = ctx.once(where, text);
    if (r == null) return null;
    String blocking = a.blockingPath().orElseThrow();
    Why.origin(r, blocking, a.blockingNode(), run.sim());
    Why.related(r, run, where);
    fix(r, blocking, a.blockingNode().orElseThrow(), run.who(), run.sim());
    return r;
  }

  static String chownFixDescription(String owner, String path) {
    return "chown " + path + " to " + owner + " where it is created";
  }

  /**
   * A pure text edit when the blocking path was made by one instruction of this stage: add
   * {@code --chown} to the COPY/ADD that created it, or {@code && chown} to the end of the
   * shell-form RUN that created it, when the runtime user already exists after that step.
   */
  private static void fix(RuleContext.Report r, String path, Node node,
      Identity who, StageSimulation sim) {
    if (node.origin().range().isEmpty() || !node.kind().equals(Node.Kind.DIR)) return;
    Optional<StageSimulation.Step> after = sim.after(node.origin().range().get());
    Optional<String> owner = after.flatMap(s -> who.chownOwner(s.filesystem().accounts()));
    if (owner.isEmpty()) return;
    Instruction c = after.get().instruction();
    if (c instanceof Instruction.FileTransfer t && t.chown().isEmpty()
        && node.origin().description().startsWith(t.name())) {
      Range kw = t.keyword().range();
      r.fix(chownFixDescription(owner.get(), path), new TextEdit(Range.point(kw.file(),
          kw.endLine(), kw.endColumn()), " --chown=" + owner.get()));
    } else if (c instanceof Instruction.Run run && run.command() instanceof Command.ShellForm
        && run.heredocs().isEmpty()) {
      r.fix(chownFixDescription(owner.get(), path), new TextEdit(Range.point(run.range().file(),
          run.range().endLine(), run.range().endColumn()),
          " && chown " + (node.hasUnlistedDescendants() ? "-R " : "") + owner.get() + " " + path));
    }
  }
}
