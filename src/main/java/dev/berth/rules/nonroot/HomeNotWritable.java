package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.ContainerProcess;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.MountEffects;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.image.StageSimulation;
import dev.berth.image.ImageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The program writes under $HOME at start ({@code uv run}'s cache, {@code pip install --user},
 * {@code npm ci}/{@code npm install}'s cache — npm only warns about its log file, but installing
 * without a writable cache fails with EACCES),
 * but the runtime user's HOME does not exist: a {@code --system} user created without a home
 * directory, {@code /nonexistent}, or a uid with no /etc/passwd entry (HOME=/). The user cannot
 * create it, so the program fails with 'Permission denied'.
 */
@RuleMeta(
    id = "BTH209",
    summary = "The program writes under $HOME, but the runtime user's home directory does not exist",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class HomeNotWritable implements DockerfileRule {
  /** Variables that move the writes away from HOME. */
  private static final Set<String> UV_CACHE = Set.of("UV_CACHE_DIR", "UV_NO_CACHE", "XDG_CACHE_HOME");
  private static final Set<String> PIP_USER = Set.of("PYTHONUSERBASE");
  private static final Set<String> NPM_CACHE = Set.of("npm_config_cache", "NPM_CONFIG_CACHE");
  private static final Set<String> NPM_INSTALLS = Set.of("ci", "install", "i", "add", "clean-install");

  public static String message(String label, String what, String path, Identity who, String home,
      String blocking) {
    return label + " runs " + what + ", which writes to " + path + ", but HOME of " + Why.user(who)
        + " is " + home + ", which does not exist, and that user cannot create it in " + blocking
        + ", so it fails with 'Permission denied'";
  }

  private record Write(String what, String relative, Set<String> movedBy) {}

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Containers services = Containers.of(project);
    Set<Integer> run = services.stagesRun(df);
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      if (run.contains(sim.stage().index()) || sim != last(project, df)) continue;
      judge(ctx, ContainerView.of(sim), ContainerProcess.of(sim), Map.of(), null);
    }
    for (Container c : services.composed(df)) {
      judge(ctx, c.view(), c.process(), c.service().orElseThrow().environment(), c);
    }
  }

  private static StageSimulation last(Project project, Dockerfile df) {
    List<StageSimulation> all = ImageSimulation.of(project).stages(df);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private void judge(RuleContext ctx, ContainerView view, Optional<ContainerProcess> p,
      Map<String, ?> runtimeEnv, Container c) {
    Identity who = view.identity();
    if (who.uid().isEmpty() || who.isRoot() || p.isEmpty()) return;
    ContainerProcess proc = p.get();
    int i = proc.programIndex();
    if (i >= proc.argv().size() || Why.entrypointScript(proc, i)) return;
    Optional<Write> w = write(proc.argv().subList(i, proc.argv().size()));
    if (w.isEmpty()) return;
    Map<String, String> env = view.stage().last().env();
    for (String v : w.get().movedBy()) {
      if (env.containsKey(v) || runtimeEnv.containsKey(v) || view.stage().last().unknownVars().contains(v)) {
        return;
      }
    }
    Optional<MountEffects.Home> home = MountEffects.home(view, runtimeEnv.containsKey("HOME"));
    if (home.isEmpty() || !home.get().fromPasswd()) return;
    String h = home.get().path();
    ImageFilesystem fs = view.filesystem();
    if (fs.lookup(h).exists() != Answer.NO && !h.equals("/")) return;
    if (h.equals("/nonexistent") && home.get().account().isPresent()
        && fs.lookup("/home/" + home.get().account().get().name()).exists() != Answer.NO) {
      return; // adduser --system: /nonexistent or /home/NAME depending on its release
    }
    String path = ImageFilesystem.resolve(h, w.get().relative());
    // HOME is missing: the program must create it first, in its parent directory.
    Access a = h.equals("/") ? fs.canWrite(who, path) : fs.canWrite(who, h);
    if (!a.denied() || a.blockingNode().map(n -> !n.exists()).orElse(true)) return;
    ContainerProcess.Source src = proc.source(i);
    String blocking = Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow());
    RuleContext.Report r = ctx.report(src.range(), message(src.label(), w.get().what(), path, who,
        h.equals("/") ? "/ (no /etc/passwd entry)" : h, blocking));
    home.get().account().flatMap(u -> u.createdBy()).ifPresent(made ->
        r.related(made, "the user is created here with home " + h + ", which is never made"));
    Why.runsAs(r, who, view.stage(), c == null ? Optional.empty() : c.composeUser(), src.range());
  }

  private static Optional<Write> write(List<String> argv) {
    String exe = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    List<String> args = argv.subList(1, argv.size());
    if (exe.equals("uv") && !args.isEmpty() && args.get(0).equals("run")
        && !args.contains("--no-cache") && !args.contains("-n") && !args.contains("--cache-dir")) {
      return Optional.of(new Write("uv run", ".cache/uv", UV_CACHE));
    }
    boolean pip = exe.matches("pip[0-9.]*")
        || (exe.matches("python[0-9.]*") && args.size() >= 2 && args.get(0).equals("-m")
            && args.get(1).equals("pip"));
    if (pip && args.contains("install") && args.contains("--user")) {
      return Optional.of(new Write("pip install --user", ".local", PIP_USER));
    }
    if (exe.equals("npm") && !args.isEmpty() && NPM_INSTALLS.contains(args.get(0))
        && args.stream().noneMatch(a -> a.startsWith("--cache"))) {
      return Optional.of(new Write("npm " + args.get(0), ".npm", NPM_CACHE));
    }
    return Optional.empty();
  }
}
