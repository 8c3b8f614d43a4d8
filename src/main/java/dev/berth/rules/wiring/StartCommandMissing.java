package dev.berth.rules.wiring;

import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.image.BaseImage;
import dev.berth.image.ContainerProcess;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.wiring.ProbeTools;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The program a container starts (its ENTRYPOINT or CMD, or the compose {@code entrypoint:} or
 * {@code command:} that replaces them) is a command the image is known not to have: {@code bash}
 * on Alpine, {@code curl} in a {@code *-slim} image, anything through {@code /bin/sh} in
 * distroless. Docker's exec fails and the container exits at once.
 *
 * <p>Known only when the base image's catalog row (base-images.yaml {@code absent}, or
 * probe-tools.yaml, BTH710's data) says it lacks the command and nothing in the stages that
 * built the image could have added it ({@link ImageCommands#mentioned}); a compose bind mount over
 * a bin directory makes the rule silent. The command Docker executes is judged, and behind an
 * init wrapper ({@code tini --}) the program it runs; a base image's own entrypoint script is not.
 */
@RuleMeta(id = "BTH713",
    summary = "The container starts a command the image does not have",
    severity = Severity.ERROR, category = Category.BUG)
public final class StartCommandMissing implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    for (Container c : Containers.of(project).all()) {
      if (c.process().isEmpty()) continue;
      Optional<BaseImage> base = c.stage().root().base();
      List<Stage> chain = ImageCommands.chain(c.dockerfile(), c.stage().stage());
      String baseName = chain.get(chain.size() - 1).from().image().text();
      Optional<ProbeTools.Entry> probe = ProbeTools.standard().lookup(baseName);
      if (base.isEmpty() && probe.isEmpty()) continue;
      Set<String> absent = new HashSet<>();
      base.ifPresent(b -> absent.addAll(b.absent()));
      probe.ifPresent(e -> absent.addAll(e.absent()));
      ContainerProcess p = c.process().get();
      Optional<dev.berth.dockerfile.Dockerfile> df = Optional.of(c.dockerfile());
      if (p.viaShell()) {
        boolean ownShell = chain.stream().anyMatch(st -> !st.all(Instruction.Shell.class).isEmpty());
        if (absent.contains("sh") && !ownShell && !ImageCommands.mentioned(df, chain, "sh")
            && !p.sources().isEmpty()) {
          report(ctx, p, 0, "sh", baseName, source("sh", base, probe), chain, true);
        }
        continue;
      }
      Set<Integer> judged = new LinkedHashSet<>();
      // what Docker executes, unless it is the base image's own entrypoint script
      if (!p.argv().isEmpty() && !p.source(0).baseImage()) judged.add(0);
      if (p.programIndex() < p.argv().size()) judged.add(p.programIndex());
      for (int i : judged) {
        String arg = p.argv().get(i);
        String name = arg.substring(arg.lastIndexOf('/') + 1);
        if (arg.contains("$") || name.isEmpty() || !absent.contains(name) || name.equals("sh")
            || ImageCommands.mentioned(df, chain, name)
            || c.service().map(s -> ImageCommands.mountMayProvide(s, name)).orElse(false)) {
          continue;
        }
        report(ctx, p, i, name, baseName, source(name, base, probe), chain, false);
      }
    }
  }

  /** The catalog row that says the image lacks {@code tool}: its cited source. */
  private static String source(String tool, Optional<BaseImage> base,
      Optional<ProbeTools.Entry> probe) {
    if (base.isPresent() && base.get().absent().contains(tool)) {
      return String.join("; ", base.get().sources());
    }
    return probe.map(ProbeTools.Entry::source).orElse("berth's image catalog");
  }

  private static void report(RuleContext ctx, ContainerProcess p, int i, String tool,
      String base, String source, List<Stage> chain, boolean shell) {
    ContainerProcess.Source at = p.source(i);
    String what = shell
        ? at.label() + " in shell form runs through /bin/sh, but the image has no shell"
        : at.label() + " runs '" + tool + "', but the image does not have it";
    RuleContext.Report r = ctx.once(at.range(), what + ": '" + base + "' ships without it ("
        + source + ") and the build installs nothing that provides it, so the container exits"
        + " at start (exec: \"" + (shell ? "/bin/sh" : tool) + "\": not found)");
    if (r == null) return;
    r.related(chain.get(chain.size() - 1).from().image().range(),
        "image built from '" + base + "' here");
  }
}
