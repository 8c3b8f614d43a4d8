package dev.berth.rules.nonroot;

import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.MountEffects;
import dev.berth.runtime.Container;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ContainerRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bind mount of a project directory lays the host's files over the image's: what the build made
 * there (an entrypoint script copied from elsewhere, a {@code .venv}, {@code node_modules}) is
 * hidden. When the program the container starts is only in the image, it fails with 'not found'.
 */
@RuleMeta(
    id = "BTH208",
    summary = "A bind mount hides the program or script the container starts, which only the image has",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class BindMountHidesImageContent implements ContainerRule {

  public static String message(String label, String path, String source, String target,
      String hidden, String hostPath) {
    return label + " runs " + path + ", but the bind mount of " + source + " at " + target
        + " hides the image's " + hidden + " and the host has no " + hostPath
        + ", so the container fails with 'not found'";
  }

  @Override
  public void check(Container c, Project project, RuleContext ctx) {
    if (!c.fromCompose()) return;
    ContainerView view = c.view();
    if (c.process().isEmpty() || view.workdir().isEmpty()) return;
    ContainerProcess proc = c.process().get();
    int i = proc.programIndex();
    if (i >= proc.argv().size()) return;
    List<Integer> candidates = new ArrayList<>();
    if (proc.argv().get(i).contains("/")) candidates.add(i);
    int j = ProgramCatalog.standard().scriptArgument(proc.argv(), i);
    // The script is what runs only when the interpreter is the catalog's (not another of its name).
    String exe = proc.argv().get(i);
    if (j >= 0 && (exe.contains("/") || view.runsBaseCommand(exe))) candidates.add(j);
    for (int k : candidates) {
      String path = ImageFilesystem.resolve(view.workdir().get(), proc.argv().get(k));
      Optional<MountEffects.Hidden> h = MountEffects.hiddenByBind(view, path, project.fileTree());
      if (h.isEmpty()) continue;
      ContainerView.Mount m = h.get().mount();
      ContainerProcess.Source src = proc.source(k);
      RuleContext.Report r = ctx.report(m.range(), message(src.label(), path,
          m.source().orElse("?"), m.target(), h.get().hidden(), h.get().hostPath()));
      Why.made(r, h.get().node(), h.get().hidden() + " is made here in the image");
      r.related(src.range(), src.label() + " runs " + path + " here");
      break;
    }
  }
}
