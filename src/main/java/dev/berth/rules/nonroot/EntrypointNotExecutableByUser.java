package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.Resolution;
import dev.berth.image.StageSimulation;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.compose.Located;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Seed 004: {@code uvicorn} in /root/.local/bin after pip --user as root, then USER gateway. */
@RuleMeta(
    id = "BTH201",
    summary = "The ENTRYPOINT/CMD program or script is in a place the runtime user cannot reach or run",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class EntrypointNotExecutableByUser implements DockerfileRule {
  private static final Set<String> PRIVILEGE_DROPPERS = Set.of("gosu", "su-exec", "setpriv",
      "runuser", "su", "sudo", "chroot", "s6-setuidgid", "setuidgid");

  public static String message(String instruction, String program, String path, Identity who,
      String blocking, boolean traverse) {
    return message(instruction, program, path, Why.who(who), blocking, traverse);
  }

  /** @param who the runtime user as the message names it ({@code user 1000:1000 (uid 1000)}) */
  static String message(String instruction, String program, String path, String who,
      String blocking, boolean traverse) {
    return instruction + " runs " + program + " from " + path + ", but " + who
        + " cannot " + (traverse ? "traverse " : "execute ") + blocking
        + ", so the container fails to start";
  }

  public static String moduleMessage(String instruction, String module, String site, Identity who) {
    return instruction + " runs python -m " + module + ", but " + module + " is installed only under "
        + site + ", which is not on the module path of " + Why.who(who) + ", so python fails with"
        + " 'No module named " + module + "'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    Containers services = Containers.of(project);
    Set<Integer> run = services.stagesRun(df);
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      // A stage a Compose service runs is judged as that service's container.
      if (run.contains(sim.stage().index())) continue;
      judge(ctx, reported, sim, ContainerView.of(sim), ContainerProcess.of(sim), Optional.empty());
    }
    for (Container c : services.composed(df)) {
      judge(ctx, reported, c.stage(), c.view(), c.process(), c.composeUser());
    }
  }

  private void judge(RuleContext ctx, Set<Range> reported, StageSimulation sim, ContainerView view,
      Optional<ContainerProcess> proc, Optional<Located<String>> composeUser) {
    Identity who = view.identity();
    if (who.uid().isEmpty() || who.isRoot()) return;
    if (proc.isEmpty()) return;
    List<String> argv = proc.get().argv();
    int i = proc.get().programIndex();
    if (i >= argv.size()) return;
    String exe = argv.get(i);
    ContainerProcess.Source source = proc.get().source(i);
    Resolution r = view.resolveExecutable(exe);
    if (r.access().denied() && r.path().isPresent()) {
      report(ctx, reported, sim, source, exe, r.path().get(), who, r.access(), r, composeUser);
      return;
    }
    if (PRIVILEGE_DROPPERS.contains(base(exe)) || r.access().answer() != Answer.YES) return;
    int m = moduleArgument(argv, i);
    if (m >= 0) {
      String module = argv.get(m);
      Optional<String> site = view.pythonModuleOnlyInForeignUserSite(module, BaseImageCatalog.standard());
      if (site.isPresent() && reported.add(proc.get().source(m).range())) {
        String local = ImageFilesystem.parent(site.get());
        RuleContext.Report rep = ctx.report(proc.get().source(m).range(),
            moduleMessage(proc.get().source(m).label(), module, local, who));
        view.filesystem().node(site.get()).flatMap(n -> n.origin().range()).ifPresent(range ->
            rep.related(range, module + " and the other packages go to " + local + " here"));
        Why.runsAs(rep, who, sim, composeUser, proc.get().source(m).range());
      }
      return;
    }
    int j = Why.scriptArgument(argv, i);
    if (j < 0) return;
    String script = argv.get(j);
    if (view.workdir().isEmpty() && !script.startsWith("/")) return;
    String path = ImageFilesystem.resolve(view.workdir().orElse("/"), script);
    Access a = view.filesystem().canRead(who, path);
    // Report a missing script only through a blocked directory: a plain "not found" is
    // another rule's business.
    boolean blocked = a.denied() && (!a.blockingPath().orElse(path).equals(path)
        || view.filesystem().lookup(path).exists() == Answer.YES);
    if (blocked) {
      report(ctx, reported, sim, proc.get().source(j), exe + " " + script, path, who, a, null, composeUser);
    }
  }

  /** Index of the module of {@code python -m module}, or -1. */
  private static int moduleArgument(List<String> argv, int i) {
    if (!base(argv.get(i)).matches("python[0-9.]*")) return -1;
    for (int j = i + 1; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.equals("-m")) return j + 1 < argv.size() ? j + 1 : -1;
      if (a.equals("-X") || a.equals("-W")) {
        j++;
        continue;
      }
      if (!a.startsWith("-") || a.equals("-c")) return -1;
    }
    return -1;
  }

  private static String base(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static void report(RuleContext ctx, Set<Range> reported, StageSimulation sim,
      ContainerProcess.Source source, String program, String path, Identity who, Access a, Resolution r,
      Optional<Located<String>> composeUser) {
    // With a Compose user: the service's user decides who runs: the finding goes there, with the
    // ENTRYPOINT/CMD as related location.
    Range where = composeUser.map(Located::range).orElse(source.range());
    if (!reported.add(where)) return;
    String blockingPath = a.blockingPath().orElseThrow();
    boolean traverse = !blockingPath.equals(path);
    String whoText = composeUser.isPresent() ? Why.user(who) : Why.who(who);
    RuleContext.Report rep = ctx.report(where, message(source.label(), program, path, whoText,
        Why.path(blockingPath, a.blockingNode().orElseThrow()), traverse));
    Why.origin(rep, blockingPath, a.blockingNode(), sim);
    if (r != null && r.viaInstallDir()) {
      r.installDir().flatMap(n -> n.origin().range()).ifPresent(range -> rep.related(range,
          "installs commands into " + ImageFilesystem.parent(path) + " (" + r.installDir().get().origin().description() + ")"));
    }
    if (composeUser.isPresent()) rep.related(source.range(), source.label() + " runs " + program + " here");
    Why.runsAs(rep, who, sim, composeUser, where);
  }
}
