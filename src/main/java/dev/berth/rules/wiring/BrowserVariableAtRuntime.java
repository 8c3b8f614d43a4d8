package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.context.BuildContext;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.evidence.PackageScripts;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.wiring.FrontendFiles;
import dev.berth.wiring.ServiceUrl;
import dev.berth.wiring.ServiceUrls;
import dev.berth.wiring.UrlVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser variables ({@code NEXT_PUBLIC_*}, {@code VITE_*}, {@code REACT_APP_*}) of a service
 * whose image runs the frontend build that inlines them, when they are set only in the
 * container's environment (Compose {@code environment}/{@code env_file}, not
 * {@code build.args}): the bundle was made without them and nothing reads them at run time.
 * Also a browser variable (run time or build arg) whose URL names a host only the project's
 * network resolves: the code runs in the user's browser. Silent when the container builds when
 * it starts or runs a development server, when a shell script of the context or the image's
 * command mentions the variable (written into the bundle at start), with a runtime-env package,
 * when the framework's config file mentions it (server-side use such as a proxy), and when the
 * context's files could not all be read.
 */
@RuleMeta(
    id = "BTH722",
    summary = "A browser variable (NEXT_PUBLIC_, VITE_, REACT_APP_) set only at run time or naming an internal host",
    severity = Severity.WARNING,
    category = Category.BUG)
public final class BrowserVariableAtRuntime implements ProjectRule {
  private static final Pattern PACKAGE_BUILD =
      Pattern.compile("\\b(?:npm|pnpm|yarn|bun)\\s++(?:run\\s++)?build\\b");
  /** Development servers that read the environment when they start. */
  private static final Pattern DEV_SERVER = Pattern.compile(
      "\\bnext\\s++dev\\b|\\breact-scripts\\s++start\\b|\\bvite\\b(?!\\s++(?:build|preview)\\b)");
  /** A JSON object key (a dependency's name, for the runtime-env packages). */
  private static final Pattern JSON_KEY = Pattern.compile("\"(@?[A-Za-z0-9._/-]+)\"\\s*+:");
  private static final Pattern RUNS_SCRIPT =
      Pattern.compile("\\b(?:npm|pnpm|yarn|bun)\\s++(?:run\\s++)?([\\w:.-]++)");

  public static String runtimeMessage(String variable, String service, String framework,
      String build) {
    return variable + " of service '" + service + "' is set only in the container's environment, "
        + "but " + framework + " writes " + variable + " into the bundle when '" + build
        + "' runs in the image, so the running app never reads this value; pass it as a build "
        + "argument (build.args, with ARG in the Dockerfile)";
  }

  public static String hostMessage(String variable, String service, String host) {
    return variable + " of service '" + service + "' points the browser at host '" + host
        + "', a name only containers on the project's network resolve: the code that reads it "
        + "runs in the user's browser, which cannot; use the address the browser reaches "
        + "(the published port on the host, or a path the frontend's proxy forwards)";
  }

  /** A frontend build the image runs. */
  private record BuildStep(Range at, String command) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    UrlVariables catalog = UrlVariables.standard();
    Set<String> reported = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Service s : p.services().values()) {
        if (s.build().isEmpty()) continue;
        List<Container> containers = ServiceUrls.containers(project, p, s);
        if (containers.isEmpty()) continue;
        Map<String, Located<Optional<String>>> args = s.build().get().args();
        for (Map.Entry<String, Located<Optional<String>>> e : s.environment().entrySet()) {
          check(project, catalog, p, s, containers, e.getKey(), e.getValue(),
              !args.containsKey(e.getKey()), reported, ctx);
        }
        for (Map.Entry<String, Located<Optional<String>>> e : args.entrySet()) {
          check(project, catalog, p, s, containers, e.getKey(), e.getValue(), false, reported,
              ctx);
        }
      }
    }
  }

  private static void check(Project project, UrlVariables catalog, ComposeProject p, Service s,
      List<Container> containers, String name, Located<Optional<String>> value,
      boolean runtimeOnly, Set<String> reported, RuleContext ctx) {
    Optional<UrlVariables.BrowserPrefix> prefix = catalog.browser(name);
    if (prefix.isEmpty() || value.value().isEmpty() || p.blanked(value.range())) return;
    List<FrontendFiles.Files> files = new ArrayList<>();
    for (Container c : containers) {
      for (BuildContext bc : c.contexts()) {
        Optional<FrontendFiles.Files> f = FrontendFiles.of(project).of(bc);
        if (f.isEmpty() || !f.get().complete()) return;
        files.add(f.get());
      }
    }
    if (files.isEmpty() || mentionedOutsideCode(files, name, prefix.get())) return;
    String key = value.range() + "\n" + name;
    if (runtimeOnly) {
      Optional<BuildStep> build = Optional.empty();
      for (Container c : containers) {
        if (c.runsDevelopmentServer() || buildsAtStart(c, prefix.get())
            || devServer(c, files)) {
          return;
        }
        Optional<BuildStep> b = buildStep(c, prefix.get(), files);
        if (b.isEmpty() || injected(c, name, prefix.get())) return;
        build = build.or(() -> b);
      }
      if (build.isPresent() && reported.add(key)) {
        ctx.report(value.range(), runtimeMessage(name, s.serviceName(),
            prefix.get().framework(), build.get().command()))
            .related(build.get().at(), "the build that inlines " + prefix.get().prefix()
                + "* runs here");
        return;
      }
    }
    Optional<ServiceUrl> url = ServiceUrl.parse(name, value.value().get().strip(), value.range());
    if (url.isEmpty() || !url.get().singleLabel() || url.get().loopback()) return;
    if (!ServiceUrls.names(p).contains(url.get().host())) return;
    if (reported.add(key)) {
      ctx.report(value.range(), hostMessage(name, s.serviceName(), url.get().host()));
    }
  }

  /**
   * The variable (or its prefix) appears in a framework config (server-side use), a shell script
   * (written into the bundle at start), or the context uses a runtime-env package.
   */
  private static boolean mentionedOutsideCode(List<FrontendFiles.Files> files, String name,
      UrlVariables.BrowserPrefix prefix) {
    UrlVariables catalog = UrlVariables.standard();
    for (FrontendFiles.Files f : files) {
      for (SourceFile c : f.configs()) {
        if (c.text().contains(name)) return true;
      }
      for (SourceFile sh : f.scripts()) {
        if (sh.text().contains(name) || sh.text().contains(prefix.prefix())) return true;
      }
      for (SourceFile pj : f.packageJsons()) {
        Matcher m = JSON_KEY.matcher(pj.text());
        while (m.find()) {
          if (catalog.injector(m.group(1))) return true;
        }
      }
    }
    return false;
  }

  /** The container's own command mentions the variable (a sed or envsubst over the bundle). */
  private static boolean injected(Container c, String name, UrlVariables.BrowserPrefix prefix) {
    for (String t : commands(c)) {
      if (t.contains(name) || t.contains(prefix.prefix())) return true;
    }
    return false;
  }

  /**
   * The container runs a development server (which reads the environment when it starts), or a
   * package script berth cannot find: then what it runs is unknown.
   */
  private static boolean devServer(Container c, List<FrontendFiles.Files> files) {
    for (String t : commands(c)) {
      if (DEV_SERVER.matcher(t).find()) return true;
      Matcher m = RUNS_SCRIPT.matcher(t);
      while (m.find()) {
        Optional<String> body = Optional.empty();
        for (FrontendFiles.Files f : files) {
          for (PackageScripts ps : f.packageScripts()) {
            Optional<PackageScripts.Script> sc = ps.script(m.group(1));
            if (sc.isPresent()) body = Optional.of(sc.get().command());
          }
        }
        if (body.isEmpty() || DEV_SERVER.matcher(body.get()).find()) return true;
      }
    }
    return false;
  }

  private static List<String> commands(Container c) {
    List<String> texts = new ArrayList<>();
    c.process().ifPresent(pr -> texts.add(String.join(" ", pr.argv())));
    for (Proc p : c.processes()) texts.add(String.join(" ", p.argv()));
    return texts;
  }

  /** The container builds the frontend when it starts ({@code npm run build && npm start}). */
  private static boolean buildsAtStart(Container c, UrlVariables.BrowserPrefix prefix) {
    for (String t : commands(c)) {
      if (PACKAGE_BUILD.matcher(t).find()) return true;
      for (String b : prefix.builds()) {
        if (t.contains(b)) return true;
      }
    }
    return false;
  }

  /**
   * A RUN in the image's stages that runs the framework's build, directly or through a
   * package.json {@code build} script that does.
   */
  private static Optional<BuildStep> buildStep(Container c, UrlVariables.BrowserPrefix prefix,
      List<FrontendFiles.Files> files) {
    boolean scriptBuilds = false;
    for (FrontendFiles.Files f : files) {
      for (PackageScripts ps : f.packageScripts()) {
        Optional<PackageScripts.Script> build = ps.script("build");
        for (String b : prefix.builds()) {
          if (build.isPresent() && build.get().command().contains(b)) scriptBuilds = true;
        }
      }
    }
    for (Stage st : c.dockerfile().stages()) {
      for (Instruction i : st.instructions()) {
        if (!(i instanceof Instruction.Run run)) continue;
        String text = text(run);
        for (String b : prefix.builds()) {
          if (text.contains(b)) return Optional.of(new BuildStep(run.range(), b));
        }
        Matcher m = PACKAGE_BUILD.matcher(text);
        if (scriptBuilds && m.find()) {
          return Optional.of(new BuildStep(run.range(), m.group()));
        }
      }
    }
    return Optional.empty();
  }

  private static String text(Instruction.Run run) {
    StringBuilder b = new StringBuilder();
    if (run.command() instanceof Command.ShellForm sf) b.append(sf.script());
    if (run.command() instanceof Command.ExecForm ef) {
      for (Word w : ef.args()) b.append(w.text()).append(' ');
    }
    for (Heredoc h : run.heredocs()) b.append('\n').append(h.body());
    return b.toString();
  }
}
