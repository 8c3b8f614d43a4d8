package dev.berth.report;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Dependency;
import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.wiring.Listeners;
import dev.berth.wiring.ProxyRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code berth graph}: the project as berth understands it, as Mermaid (pastes into GitHub
 * markdown), Graphviz DOT or a self-contained HTML page. One cluster per compose project (services with image or build and
 * published ports, named volumes and bind mounts, depends_on with its condition) and one per
 * Dockerfile (stages with their base, a stage built on another linked to it); a service that
 * builds a Dockerfile points at its final stage (or its target). A stage holding an active
 * finding is marked and says how many; a compose project's title counts its findings. A
 * service's box says where its container listens (from the listeners model; "..." when a process
 * berth cannot place may listen too), and a proxy route to another service is an arrow.
 */
public final class ProjectGraph {
  /** One box: its label lines and how many findings it holds. */
  private record Node(String id, List<String> label, int findings) {}

  private record Edge(String from, String to, String label) {}

  private record Cluster(String title, List<Node> nodes) {}

  private final List<Cluster> clusters = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Map<String, String> stageIds = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  /** Where each compose service's container listens and proxies to (by service identity). */
  private final Map<Service, Listeners.Of> wiring = new java.util.IdentityHashMap<>();
  private int next;

  private ProjectGraph() {}

  public static ProjectGraph of(Project project, Analysis analysis) {
    ProjectGraph g = new ProjectGraph();
    List<Finding> active = analysis.active();
    g.findings.addAll(active);
    Listeners listeners = Listeners.of(project);
    for (Listeners.Of of : listeners.all()) {
      of.container().service().ifPresent(s -> g.wiring.put(s, of));
    }
    for (Dockerfile df : project.dockerfiles()) g.dockerfile(df, active);
    for (ComposeProject p : project.composeProjects()) g.compose(p, active);
    return g;
  }

  /**
   * The listen line of a service's box: every listener when berth knows them all, else the ones
   * it knows and "…" (a listener berth cannot place may exist).
   */
  private static Optional<String> listens(Listeners.Of of) {
    if (of.listeners().isEmpty() && !of.complete()) return Optional.empty();
    String known = of.listeners().stream().map(l -> l.bind() + " by " + l.how())
        .distinct().collect(Collectors.joining(", "));
    if (known.isEmpty()) return Optional.of("listens on nothing");
    return Optional.of("listens " + known + (of.complete() ? "" : ", ..."));
  }

  private String id() {
    return "n" + (++next);
  }

  private void dockerfile(Dockerfile df, List<Finding> active) {
    List<Node> nodes = new ArrayList<>();
    List<Stage> stages = df.stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      int first = s.from().range().startLine();
      int last = i + 1 < stages.size() ? stages.get(i + 1).from().range().startLine() - 1
          : Integer.MAX_VALUE;
      int n = (int) active.stream().filter(f -> f.range().file().equals(df.path())
          && f.range().startLine() >= first && f.range().startLine() <= last).count();
      String name = s.from().stageName().map(w -> w.text()).orElse(String.valueOf(s.index()));
      Node node = new Node(id(), List.of("stage " + name, "FROM " + s.from().image().text()), n);
      nodes.add(node);
      stageIds.put(df.path() + "#" + name, node.id());
      stageIds.put(df.path() + "#" + s.index(), node.id());
      if (i == stages.size() - 1) stageIds.put(df.path() + "#", node.id());
      // built on an earlier stage of this file
      for (int j = 0; j < i; j++) {
        Stage base = stages.get(j);
        if (base.from().stageName().map(w -> w.text().equalsIgnoreCase(s.from().image().text()))
            .orElse(false)) {
          edges.add(new Edge(nodes.get(j).id(), node.id(), "FROM"));
        }
      }
    }
    clusters.add(new Cluster(df.path(), nodes));
  }

  private void compose(ComposeProject p, List<Finding> active) {
    List<Node> nodes = new ArrayList<>();
    Map<String, String> serviceIds = new LinkedHashMap<>();
    Map<String, String> volumeIds = new LinkedHashMap<>();
    for (Service s : p.services().values()) {
      List<String> label = new ArrayList<>();
      label.add("service " + s.name().value());
      s.image().ifPresent(i -> label.add("image " + i.value()));
      s.build().flatMap(b -> b.dockerfilePath()).ifPresent(d -> label.add("build " + d));
      String ports = s.ports().stream().map(ProjectGraph::port).collect(Collectors.joining(", "));
      if (!ports.isEmpty()) label.add("ports " + ports);
      Optional.ofNullable(wiring.get(s)).flatMap(ProjectGraph::listens).ifPresent(label::add);
      // A compose finding is counted on its project (the cluster title), not guessed onto a
      // service: which service a line belongs to is not a fact berth keeps.
      Node node = new Node(id(), label, 0);
      nodes.add(node);
      serviceIds.put(s.name().value(), node.id());
    }
    for (Service s : p.services().values()) {
      String from = serviceIds.get(s.name().value());
      for (Dependency d : s.dependsOn()) {
        String to = serviceIds.get(d.service().value());
        if (to != null) edges.add(new Edge(from, to, d.condition().value()));
      }
      for (Mount m : s.volumes()) {
        if (m.source().isEmpty() || (m.type() != Mount.Type.VOLUME && m.type() != Mount.Type.BIND)) {
          continue;
        }
        String kind = m.type() == Mount.Type.VOLUME ? "volume " : "bind ";
        String key = kind + m.source().get().value();
        String vid = volumeIds.computeIfAbsent(key, k -> {
          Node v = new Node(id(), List.of(k), 0);
          nodes.add(v);
          return v.id();
        });
        edges.add(new Edge(from, vid, m.target().value() + (m.readOnly() ? " (ro)" : "")));
      }
      // proxy routes to another service of the project, by its name (the compose DNS name)
      Listeners.Of of = wiring.get(s);
      if (of != null) {
        for (ProxyRoute r : of.routes()) {
          String to = serviceIds.get(r.host());
          if (to != null && !to.equals(from)) edges.add(new Edge(from, to, "proxy :" + r.port()));
        }
      }
      s.build().flatMap(b -> b.dockerfilePath().map(d -> d + "#"
          + b.target().map(Located::value).orElse(""))).map(stageIds::get)
          .ifPresent(stage -> edges.add(new Edge(from, stage, "builds")));
    }
    long n = active.stream().filter(f -> p.files().contains(f.range().file())).count();
    clusters.add(new Cluster("compose " + p.name() + ": " + String.join(" + ", p.files())
        + (n == 0 ? "" : " (" + n + (n == 1 ? " finding)" : " findings)")), nodes));
  }

  private static String port(PortMapping m) {
    return m.published().map(h -> h + ":").orElse("") + m.target()
        + (m.protocol().equals("tcp") ? "" : "/" + m.protocol());
  }

  private static List<String> withCount(Node n) {
    if (n.findings() == 0) return n.label();
    List<String> l = new ArrayList<>(n.label());
    l.add(n.findings() == 1 ? "1 finding" : n.findings() + " findings");
    return l;
  }

  /** Mermaid {@code flowchart}; labels quoted, {@code "} as {@code #quot;}, lines joined by br. */
  public String mermaid() {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    int c = 0;
    for (Cluster cl : clusters) {
      b.append("  subgraph c").append(++c).append("[\"").append(mermaidText(cl.title()))
          .append("\"]\n");
      for (Node n : cl.nodes()) {
        b.append("    ").append(n.id()).append("[\"").append(withCount(n).stream()
            .map(ProjectGraph::mermaidText).collect(Collectors.joining("<br/>"))).append("\"]\n");
      }
      b.append("  end\n");
    }
    for (Edge e : edges) {
      b.append("  ").append(e.from()).append(" -->|\"").append(mermaidText(e.label()))
          .append("\"| ").append(e.to()).append('\n');
    }
    List<String> marked = marked();
    if (!marked.isEmpty()) {
      b.append("  classDef finding stroke:#d00,stroke-width:3px\n");
      b.append("  class ").append(String.join(",", marked)).append(" finding\n");
    }
    return b.toString();
  }

  /** Graphviz DOT; one {@code cluster_} subgraph per file set. */
  public String dot() {
    StringBuilder b = new StringBuilder("digraph berth {\n  rankdir=LR;\n  node [shape=box];\n");
    int c = 0;
    for (Cluster cl : clusters) {
      b.append("  subgraph cluster_").append(++c).append(" {\n    label=\"")
          .append(dotText(cl.title())).append("\";\n");
      for (Node n : cl.nodes()) {
        b.append("    ").append(n.id()).append(" [label=\"").append(withCount(n).stream()
            .map(ProjectGraph::dotText).collect(Collectors.joining("\\n"))).append('"')
            .append(n.findings() > 0 ? ", color=red, penwidth=3" : "").append("];\n");
      }
      b.append("  }\n");
    }
    for (Edge e : edges) {
      b.append("  ").append(e.from()).append(" -> ").append(e.to()).append(" [label=\"")
          .append(dotText(e.label())).append("\"];\n");
    }
    return b.append("}\n").toString();
  }

  /**
   * A self-contained HTML page: the graph as inline SVG (laid out by {@link GraphPage}) and the
   * findings as a table. Nothing in it loads anything (no script, no external style or font).
   */
  public String html(String title) {
    List<Map.Entry<String, List<GraphPage.Box>>> boxes = new ArrayList<>();
    for (Cluster cl : clusters) {
      boxes.add(Map.entry(cl.title(), cl.nodes().stream()
          .map(n -> new GraphPage.Box(n.id(), withCount(n), n.findings() > 0, 0, 0, 0, 0))
          .toList()));
    }
    List<String[]> arrows = edges.stream().map(e -> new String[] {e.from(), e.to(), e.label()})
        .toList();
    GraphPage page = new GraphPage(boxes, arrows);
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(GraphPage.esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:1.5em}"
            + "table{border-collapse:collapse;margin-top:1.5em;font-size:13px}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
            + ".error{color:#b00}.warning{color:#a60}.note{color:#555}"
            + "svg{max-width:none}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(GraphPage.esc(title)).append("</h1>\n")
        .append(page.svg(arrows));
    b.append("<table>\n<tr><th>Where</th><th>Level</th><th>Rule</th><th>Finding</th></tr>\n");
    for (Finding f : findings) {
      String level = f.severity().sarifLevel();
      b.append("<tr><td>").append(GraphPage.esc(f.range().file() + ":" + f.range().startLine()
          + ":" + f.range().startColumn())).append("</td><td class=\"").append(level).append("\">")
          .append(level).append("</td><td>").append(GraphPage.esc(f.rule().id()))
          .append("</td><td>").append(GraphPage.esc(f.message())).append("</td></tr>\n");
    }
    if (findings.isEmpty()) b.append("<tr><td colspan=\"4\">No findings.</td></tr>\n");
    return b.append("</table>\n</body>\n</html>\n").toString();
  }

  private List<String> marked() {
    return clusters.stream().flatMap(cl -> cl.nodes().stream()).filter(n -> n.findings() > 0)
        .map(Node::id).toList();
  }

  private static String mermaidText(String s) {
    return TerminalText.safe(s).replace("&", "#amp;").replace("\"", "#quot;")
        .replace("<", "#lt;").replace(">", "#gt;");
  }

  private static String dotText(String s) {
    return TerminalText.safe(s).replace("\\", "\\\\").replace("\"", "\\\"");
  }

}
