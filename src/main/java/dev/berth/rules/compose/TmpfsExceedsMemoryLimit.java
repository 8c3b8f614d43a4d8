package dev.berth.rules.compose;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.compose.Sizes;
import dev.berth.compose.yaml.YamlScalar;
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
 * tmpfs pages (and /dev/shm) are charged to the container's memory cgroup, so sized tmpfs mounts
 * plus shm_size above the memory limit let the container be OOM-killed while filling them. Mounts
 * without a size are unknown (their size depends on the host) and not counted.
 */
@RuleMeta(id = "BTH110", summary = "tmpfs sizes add up to more than the memory limit",
    severity = Severity.WARNING, category = Category.BUG)
public final class TmpfsExceedsMemoryLimit implements ProjectRule {

  public static String message(String service, long inMemory, long limit) {
    return "service '" + service + "' can hold " + human(inMemory) + " in tmpfs/shm, more than "
        + "its memory limit of " + human(limit) + "; tmpfs counts against the limit, so filling "
        + "it gets the container OOM-killed";
  }

  private record Part(long bytes, Range range) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    for (ComposeProject p : project.composeProjects()) {
      for (Service s : p.services().values()) {
        Optional<Located<Long>> limit = s.memoryLimit();
        if (limit.isEmpty()) continue;
        List<Part> parts = new ArrayList<>(parts(s));
        parts.sort(java.util.Comparator.comparing(Part::range));
        long total = parts.stream().mapToLong(Part::bytes).sum();
        if (total <= limit.get().value() || parts.isEmpty()) continue;
        Range first = parts.get(0).range();
        if (!seen.add(first.toString())) continue;
        RuleContext.Report r = ctx.report(first, message(s.serviceName(), total,
            limit.get().value()));
        r.related(limit.get().range(), "memory limit set here");
        for (int i = 1; i < parts.size(); i++) r.related(parts.get(i).range(), "also in memory");
      }
    }
  }

  private static List<Part> parts(Service s) {
    List<Part> out = new ArrayList<>();
    for (Mount m : s.volumes()) {
      if (m.type() == Mount.Type.TMPFS && m.tmpfsSize().isPresent()) {
        out.add(new Part(m.tmpfsSize().get(), m.range()));
      }
    }
    for (Located<String> t : s.tmpfs()) {
      // Short syntax "/run:size=64m,mode=1777" or "/run:size=67108864".
      int colon = t.value().indexOf(':');
      if (colon < 0) continue;
      for (String opt : t.value().substring(colon + 1).split(",")) {
        if (opt.startsWith("size=")) {
          Sizes.bytes(opt.substring(5)).ifPresent(b -> out.add(new Part(b, t.range())));
        }
      }
    }
    s.definition().get("shm_size").filter(n -> n instanceof YamlScalar).ifPresent(n ->
        Sizes.bytes(((YamlScalar) n).value()).ifPresent(b -> out.add(new Part(b, n.range()))));
    return out;
  }

  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
  }
}
