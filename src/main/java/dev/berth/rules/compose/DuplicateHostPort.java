package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two published ports that bind the same host port, protocol and address (a wildcard address
 * overlaps every address) cannot both be up: the second container fails with "port is already
 * allocated". Checked within a project and across projects that share a project name but no
 * file, whose differently named services run side by side.
 */
@RuleMeta(id = "BTH104", summary = "The same host port is published twice",
    severity = Severity.ERROR, category = Category.BUG,
    aliases = {"dclint no-duplicate-exported-ports"})
public final class DuplicateHostPort implements ProjectRule {

  public static String message(String hostPort, String service, String otherService,
      String otherProject, boolean sameProject) {
    if (sameProject && service.equals(otherService)) {
      return "host port " + hostPort + " is published twice by service '" + service
          + "'; the container fails to start with 'port is already allocated'";
    }
    String other = sameProject ? "service '" + otherService + "'"
        : "service '" + otherService + "' of another compose project named '" + otherProject + "'";
    return "host port " + hostPort + " of service '" + service + "' is also published by "
        + other + "; the second container fails to start with 'port is already allocated'";
  }

  private record Published(ComposeProject project, Service service, PortMapping port,
      int from, int to) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    List<ComposeProject> projects = project.composeProjects();
    Set<Range> reported = new HashSet<>();
    for (int i = 0; i < projects.size(); i++) {
      List<Published> mine = published(projects.get(i));
      report(mine, mine, true, reported, ctx);
      for (int j = 0; j < i; j++) {
        ComposeProject other = projects.get(j);
        if (!other.name().equals(projects.get(i).name())) continue;
        // Projects sharing a file are alternative setups of one app (base+dev, base+prod).
        if (!java.util.Collections.disjoint(other.files(), projects.get(i).files())) continue;
        report(mine, published(other), false, reported, ctx);
      }
    }
  }

  private static void report(List<Published> later, List<Published> earlier, boolean same,
      Set<Range> reported, RuleContext ctx) {
    for (int a = 0; a < later.size(); a++) {
      Published x = later.get(a);
      int limit = same ? a : earlier.size();
      for (int b = 0; b < limit; b++) {
        Published y = earlier.get(b);
        if (!same && x.service().serviceName().equals(y.service().serviceName())) continue;
        if (!clash(x, y)) continue;
        if (!reported.add(x.port().range())) break;
        String hostPort = describe(x, y);
        ctx.report(x.port().range(), message(hostPort, x.service().serviceName(),
                y.service().serviceName(), y.project().name(), same))
            .related(y.port().range(), "host port " + hostPort + " first published here");
        break;
      }
    }
  }

  private static boolean clash(Published x, Published y) {
    if (!x.port().protocol().equalsIgnoreCase(y.port().protocol())) return false;
    if (exclusiveProfiles(x.service(), y.service())) return false;
    if (x.to() < y.from() || y.to() < x.from()) return false;
    String ipx = x.port().hostIp();
    String ipy = y.port().hostIp();
    return wildcard(ipx) || wildcard(ipy) || ipx.equals(ipy);
  }

  /** Services only in disjoint profiles are alternatives (dev vs prod), not neighbours. */
  private static boolean exclusiveProfiles(Service a, Service b) {
    if (a.profiles().isEmpty() || b.profiles().isEmpty()) return false;
    Set<String> pa = new HashSet<>();
    a.profiles().forEach(p -> pa.add(p.value()));
    return b.profiles().stream().noneMatch(p -> pa.contains(p.value()));
  }

  private static boolean wildcard(String ip) {
    return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
  }

  private static String describe(Published x, Published y) {
    int port = Math.max(x.from(), y.from());
    String ip = wildcard(x.port().hostIp()) ? y.port().hostIp() : x.port().hostIp();
    return (wildcard(ip) ? "" : ip + ":") + port + "/" + x.port().protocol();
  }

  private static List<Published> published(ComposeProject p) {
    List<Published> out = new ArrayList<>();
    for (Service s : p.services().values()) {
      for (PortMapping m : s.ports()) {
        Optional<int[]> r = m.publishedPorts();
        // A range whose size differs from the container range lets Docker pick one free port.
        boolean picksOne = r.isPresent() && m.targetPorts().isPresent()
            && r.get()[1] - r.get()[0] != m.targetPorts().get()[1] - m.targetPorts().get()[0];
        if (r.isPresent() && !picksOne) out.add(new Published(p, s, m, r.get()[0], r.get()[1]));
      }
    }
    return out;
  }
}
