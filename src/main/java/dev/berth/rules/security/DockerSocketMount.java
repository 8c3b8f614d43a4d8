package dev.berth.rules.security;

import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;

/**
 * A bind mount of the Docker daemon's socket (or the directory holding it). Whoever can talk to
 * the socket can start a privileged container with the host's root filesystem, and {@code :ro}
 * does not limit the API. Reverse proxies, CI runners and container managers need it, so: a note.
 */
@RuleMeta(
    id = "BTH602",
    summary = "The Docker socket is mounted into a container, which is root access to the host",
    severity = Severity.NOTE,
    category = Category.SECURITY,
    securitySeverity = "9.0")
public final class DockerSocketMount implements ProjectRule {
  @Override
  public void check(Project project, RuleContext ctx) {
    for (Service s : ComposeSettings.services(project)) {
      for (Mount m : s.volumes()) {
        m.dockerSocket().ifPresent(src -> ctx.report(m.source().get().range(),
            message(s.serviceName(), src, m.readOnly())));
      }
    }
  }

  public static String message(String service, String source, boolean readOnly) {
    return "service '" + service + "' mounts " + source + ": anything in the container can "
        + "drive the Docker daemon, which is root on the host"
        + (readOnly ? " (':ro' protects the file, not the API)" : "")
        + "; expected for a reverse proxy, CI runner or container manager, otherwise remove it "
        + "or put a socket proxy with a read-only API in front";
  }
}
