package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.runtime.ImageRun;
import dev.berth.runtime.Runner;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.Node;
import dev.berth.image.Resolution;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;

/** Seed 004: {@code uvicorn} in /root/.local/bin after pip --user as root, then USER gateway. */
@RuleMeta(
    id = "BTH201",
    summary = "The ENTRYPOINT/CMD program or script is in a place the runtime user cannot reach or run",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class EntrypointNotExecutableByUser implements DockerfileRule {
  /** @param who the runtime user as the message names it ({@code user 1000:1000 (uid 1000)}) */
  public static String message(String instruction, String program, String path, String who,
      String blocking, boolean traverse) {
    return instruction + " runs " + program + " from " + path + ", but " + who
        + " cannot " + (traverse ? "traverse " : "execute ") + blocking
        + ", so the container fails to start";
  }

  public static String moduleMessage(String instruction, String module, String site, Identity who) {
    return instruction + " runs python -m " + module + ", but " + module + " is installed only under "
        + site + ", which is not on the module path of " + who.describe("USER")
        + ", so python fails with 'No module named " + module + "'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    for (ImageRun image : ImageRun.of(project, df)) {
      if (image.runner().judged() && image.process().isPresent()) judge(ctx, image);
    }
  }

  private void judge(RuleContext ctx, ImageRun image) {
    ContainerView view = image.view();
    Identity who = image.runner().who();
    ContainerProcess proc = image.process().get();
    List<String> argv = proc.argv();
    int i = proc.programIndex();
    if (i >= argv.size()) return;
    String exe = argv.get(i);
    Resolution r = view.resolveExecutable(exe);
    // A program that is not there at all is no permission problem (and what RUN creates is not
    // fully known: `go build -o server` is taken as inert).
    if (r.access().denied() && r.path().isPresent()
        && view.filesystem().lookup(r.path().get()).exists() != Answer.NO) {
      report(ctx, image.runner(), proc.source(i), exe, r.path().get(), r.access(), r);
      return;
    }
    // Only an interpreter's or shell's script or module is judged (the catalog's entries), never
    // what a user switcher (gosu, runuser) runs as another user.
    if (r.access().answer() != Answer.YES) return;
    int m = ProgramCatalog.standard().moduleArgument(argv, i);
    if (m >= 0) {
      String module = argv.get(m);
      Optional<String> site = view.pythonModuleOnlyInForeignUserSite(module, BaseImageCatalog.standard());
      RuleContext.Report rep = site.isEmpty() ? null : ctx.once(proc.source(m).range(),
          moduleMessage(proc.source(m).label(), module, ImageFilesystem.parent(site.get()), who));
      if (rep != null) {
        view.filesystem().node(site.get()).flatMap(n -> n.origin().range()).ifPresent(range ->
            rep.related(range, module + " and the other packages go to "
                + ImageFilesystem.parent(site.get()) + " here"));
        Why.related(rep, image.runner(), proc.source(m).range());
      }
      return;
    }
    int j = ProgramCatalog.standard().scriptArgument(argv, i);
    if (j < 0 || view.workdir().isEmpty() && !argv.get(j).startsWith("/")) return;
    String path = ImageFilesystem.resolve(view.workdir().orElse("/"), argv.get(j));
    Access a = view.filesystem().canRead(who, path);
    // Report a missing script only through a blocked directory: a plain "not found", of the
    // script or of a directory on its way, is another rule's business.
    if (a.denied() && a.blockingNode().filter(Node::exists).isPresent()
        && (!a.blockingPath().orElse(path).equals(path)
        || view.filesystem().lookup(path).exists() == Answer.YES)) {
      report(ctx, image.runner(), proc.source(j), exe + " " + argv.get(j), path, a, null);
    }
  }

  private static void report(RuleContext ctx, Runner run,
      ContainerProcess.Source source, String program, String path, Access a, Resolution r) {
    // With a Compose user: the service's user decides who runs: the finding goes there, with the
    // ENTRYPOINT/CMD as related location.
    Range where = run.composeUserRange().orElse(source.range());
    String blockingPath = a.blockingPath().orElseThrow();
    RuleContext.Report rep = ctx.once(where, message(source.label(), program, path, run.named(),
        a.blocking(), !blockingPath.equals(path)));
    if (rep == null) return;
    Why.origin(rep, blockingPath, a.blockingNode(), run.sim());
    if (r != null && r.viaInstallDir()) {
      r.installDir().ifPresent(n -> Why.made(rep, n, "installs commands into "
          + ImageFilesystem.parent(path)));
    }
    if (run.composeUser().isPresent()) {
      rep.related(source.range(), source.label() + " runs " + program + " here");
    }
    Why.related(rep, run, where);
  }
}
