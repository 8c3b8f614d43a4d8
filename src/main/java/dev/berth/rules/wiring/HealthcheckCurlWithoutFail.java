package dev.berth.rules.wiring;

import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A healthcheck whose result is the exit status of a plain {@code curl} without {@code -f},
 * {@code --fail} or {@code --fail-with-body}: curl exits 0 for any HTTP response, so a server
 * answering 500 or 503 still counts as healthy. Only probes that are one curl command (optionally
 * {@code || exit 1}) are judged; a pipe, a list or a {@code -w}/config file may check the status
 * some other way and is left alone. So is a probe of the server's root ({@code http://host:port}
 * or {@code /}) or of a static file ({@code /robots.txt}, {@code /favicon.ico}): whether an
 * error status there means the service is unhealthy is unknown (a root often answers 404 or a
 * redirect by design, a static file is served without the application, and such a probe asks
 * only whether the server answers), while a path such as {@code /api/heartbeat} is there to
 * report health. A probe whose image has no curl at all is BTH710's finding, not this one's, and
 * a probe of an endpoint that answers 200 whatever the state (Elasticsearch's cluster health
 * without wait_for_status) has no error status for --fail to catch.
 */
@RuleMeta(id = "BTH711",
    summary = "healthcheck curl without --fail treats HTTP errors as healthy",
    severity = Severity.WARNING, category = Category.BUG)
public final class HealthcheckCurlWithoutFail implements ProjectRule {

  @Override
  public void check(Project project, RuleContext ctx) {
    // One probe copied into several files (conductor's docker/ has ten compose variants, each
    // with the same `curl -I -XGET http://localhost:8080/health`, and two Dockerfiles with it as
    // a HEALTHCHECK) is one cause: one finding at its first place, the copies related.
    // Keyed by the probe's words and its service's name (or the Dockerfile): the same probe of
    // unrelated services is two findings, each ignorable on its own.
    java.util.Map<List<String>, List<HealthProbes.Probe>> byCommand =
        new java.util.LinkedHashMap<>();
    List<HealthProbes.Probe> probes = new java.util.ArrayList<>(HealthProbes.all(project));
    // reported where the main file has it: Compose's default file or a plain Dockerfile, the
    // shallowest first (umami's docker-compose.yml before cypress/docker-compose.yml)
    probes.sort(java.util.Comparator.comparingInt(HealthcheckCurlWithoutFail::rank)
        .thenComparingInt(p -> p.at().file().split("/").length)
        .thenComparing(HealthProbes.Probe::at));
    for (HealthProbes.Probe probe : probes) {
      Optional<List<String>> command = HealthProbes.command(probe.test());
      if (command.isEmpty() || command.get().isEmpty()
          || !HealthProbes.basename(command.get().get(0)).equals("curl")
          || !judgeable(command.get()) || probesRoot(command.get())
          || probesStaticFile(command.get()) || statusInBody(command.get())) {
        continue;
      }
      // The image has no curl (BTH710): the probe fails whatever its options; one cause.
      if (HealthcheckCommandMissing.missing(probe).isPresent()) continue;
      List<String> key = new java.util.ArrayList<>(command.get());
      key.add(probe.service().map(sv -> "service " + sv.serviceName()).orElse("image"));
      byCommand.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(probe);
    }
    for (List<HealthProbes.Probe> same : byCommand.values()) {
      HealthProbes.Probe first = same.get(0);
      RuleContext.Report r = ctx.report(first.at(), first.who() + " probes with curl without"
          + " --fail: curl exits 0 for any HTTP response, so the container stays healthy while the"
          + " server answers 500 or 503 (taking an error status from this URL to mean the service"
          + " is unhealthy); add -f (--fail)" + (same.size() > 1 ? "; the same probe is in "
          + (same.size() - 1) + " other place" + (same.size() > 2 ? "s" : "") : ""));
      for (HealthProbes.Probe other : same.subList(1, same.size())) {
        r.related(other.at(), "the same probe (" + other.who() + ")");
      }
    }
  }

  private static int rank(HealthProbes.Probe p) {
    String name = dev.berth.compose.Paths.fileName(p.at().file());
    return dev.berth.compose.ComposeProjects.DEFAULT_FILES.contains(name)
        || name.equals("Dockerfile") ? 0 : 1;
  }

  /** The URL curl fetches: its first argument with a scheme. */
  private static Optional<String> url(List<String> command) {
    return command.subList(1, command.size()).stream().filter(a -> a.contains("://")).findFirst();
  }

  /** True when the URL curl fetches is the server's root (no path, or {@code /}). */
  static boolean probesRoot(List<String> command) {
    Optional<String> url = url(command);
    if (url.isEmpty()) return false;
    String rest = url.get().substring(url.get().indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String path = slash < 0 ? "" : rest.substring(slash).replaceAll("[?#].*$", "");
    return path.isEmpty() || path.equals("/");
  }

  /** Files a web server serves from disk by their extension (phpMyAdmin's tests: /robots.txt). */
  private static final java.util.Set<String> STATIC = java.util.Set.of("txt", "html", "htm",
      "css", "js", "ico", "png", "svg", "gif", "jpg", "jpeg", "webp", "woff", "woff2");

  /**
   * Endpoints that answer 200 in every state and report the state in their body: Elasticsearch's
   * (and OpenSearch's) cluster health, whose status green, yellow or red is a field of the
   * response; only with {@code wait_for_status} (or another wait_for_ parameter) does a timeout
   * answer 408 (elastic.co reference: cluster health API, response codes). Without one, --fail
   * would catch nothing the probe does not already catch.
   */
  private static final java.util.List<String> STATUS_IN_BODY = java.util.List.of(
      "/_cluster/health", "/_cat/health");

  /** True when the URL curl fetches reports health in its body only (no wait_for_ parameter). */
  static boolean statusInBody(List<String> command) {
    Optional<String> url = url(command);
    if (url.isEmpty() || url.get().contains("wait_for_")) return false;
    String path = url.get().replaceAll("[?#].*$", "").replaceAll("/+$", "");
    return STATUS_IN_BODY.stream().anyMatch(path::endsWith);
  }

  /** True when the URL curl fetches names a static file by its extension. */
  static boolean probesStaticFile(List<String> command) {
    Optional<String> url = url(command);
    if (url.isEmpty()) return false;
    String path = url.get().replaceAll("[?#].*$", "");
    String last = path.substring(path.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    return path.indexOf('/', path.indexOf("://") + 3) > 0 && dot > 0
        && STATIC.contains(last.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
  }

  /** True when the arguments are known and none makes curl fail on an HTTP error. */
  static boolean judgeable(List<String> command) {
    for (String a : command.subList(1, command.size())) {
      if (a.contains("$")) return false;
      if (a.equals("--fail") || a.equals("--fail-with-body") || a.equals("-K")
          || a.startsWith("--config") || a.equals("-w") || a.startsWith("--write-out")) {
        return false;
      }
      // a cluster of short options such as -fsS; -f anywhere in it is --fail
      if (a.matches("-[A-Za-z0-9#:]+") && (a.indexOf('f') > 0 || a.indexOf('w') > 0
          || a.indexOf('K') > 0)) {
        return false;
      }
    }
    return true;
  }
}
