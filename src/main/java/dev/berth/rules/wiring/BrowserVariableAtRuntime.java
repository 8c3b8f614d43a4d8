package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.wiring.FrontendBuilds;
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
      Optional<List<FrontendFiles.Files>> f = FrontendFiles.of(project).all(c);
      if (f.isEmpty()) return;
      files.addAll(f.get());
    }
    if (files.isEmpty() || mentionedOutsideCode(files, name, prefix.get())) return;
    String key = value.range() + "\n" + name;
    if (runtimeOnly) {
      Optional<FrontendBuilds.Build> build = Optional.empty();
      for (Container c : containers) {
        // What the container runs is unknown (a base image berth does not know, whose
        // ENTRYPOINT may stand before the CMD: hi.events' all-in-one image): a server that hands
        // the variables to the page at run time cannot be ruled out.
        if (c.process().isEmpty()) return;
        if (c.runsDevelopmentServer() || FrontendBuilds.buildsAtStart(c, prefix.get())
            || FrontendBuilds.devServer(c, files)) {
          return;
        }
        Optional<FrontendBuilds.Build> b =
            FrontendBuilds.of(project).builds(c.dockerfile(), prefix.get(), files).stream()
                .findFirst();
        // The container's own command mentions the variable: a sed or envsubst over the bundle.
        if (b.isEmpty() || FrontendBuilds.commandMentions(c, name, prefix.get().prefix())
            || FrontendBuilds.startScriptReads(project, c, prefix.get().prefix())) {
          return;
        }
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
      if (f.configMentions(name) || f.scriptMentions(name, prefix.prefix())
          || f.packageKeys().stream().anyMatch(catalog::injector)) {
        return true;
      }
    }
    return false;
  }
}
