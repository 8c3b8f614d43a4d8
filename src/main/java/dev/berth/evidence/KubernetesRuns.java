package dev.berth.evidence;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fact: the user id the repository's Kubernetes manifests run each container image as. A pod's
 * {@code securityContext.runAsUser}, overridden by a container's own, "overrides the runtime
 * default ... the USER in the image" (kubernetes.io, "Configure a Security Context for a Pod or
 * Container"): microservices-demo builds every service image without USER and runs each with
 * {@code runAsUser: 1000} and {@code runAsNonRoot: true}. Only plain YAML manifests are read (a
 * Helm template that is not YAML is skipped), at most {@link #MAX_FILES} files of at most 128 KiB;
 * a kustomize patch that sets a user without naming the image is not tied to it.
 */
public final class KubernetesRuns {
  static final int MAX_FILES = 200;
  /** Manifests are small; a larger YAML file is data, read for nothing. */
  private static final long MAX_BYTES = 128 * 1024;
  /** The user id of a container whose manifest sets none: the image's own USER decides. */
  public static final long IMAGE_USER = -1;
  /** Workload kinds and where their pod spec is: spec.template.spec, or the Pod's own spec. */
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "Job", "Pod", "CronJob");

  /**
   * A container of a manifest that runs {@code image} as the user id {@code uid}, or as the
   * image's own user ({@link #IMAGE_USER}) when no runAsUser is set.
   *
   * @param at the runAsUser that decides it, or the container's image line
   */
  public record Run(String image, long uid, Range at) {}

  private final List<Run> runs;

  private KubernetesRuns(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  public static KubernetesRuns of(Project project) {
    return project.fact(KubernetesRuns.class, KubernetesRuns::compute);
  }

  public List<Run> runs() {
    return runs;
  }

  private static KubernetesRuns compute(Project project) {
    List<Run> out = new ArrayList<>();
    List<FileTree.Entry> files = project.fileTree().all()
        .filter(e -> e.kind() == FileTree.Kind.FILE && e.size() <= MAX_BYTES)
        .filter(e -> e.name().endsWith(".yaml") || e.name().endsWith(".yml"))
        .filter(e -> !e.path().startsWith(".github/"))
        .limit(MAX_FILES)
        .toList();
    for (FileTree.Entry e : files) {
      // read once and dropped: not through AppSources, which keeps what it reads for the run
      if (!(SafeRead.read(project.root(), project.fileTree(), e.path(), MAX_BYTES)
          instanceof SafeRead.Text text)) {
        continue;
      }
      String t = text.file().text();
      // most YAML files are not manifests: a substring check before any parsing
      if (!t.contains("containers:") || !t.contains("kind:") || !t.contains("image:")) continue;
      try {
        YamlReader.Result r = YamlReader.read(text.file());
        if (!r.ok()) continue;
        for (YamlNode doc : r.documents()) {
          if (doc instanceof YamlMap m) workload(m, out);
        }
      } catch (RuntimeException | StackOverflowError ex) {
        // evidence is optional knowledge: a manifest berth misreads gives none
      }
    }
    return new KubernetesRuns(out);
  }

  private static void workload(YamlMap doc, List<Run> out) {
    Optional<String> kind = YamlText.string(doc, "kind");
    if (kind.isEmpty() || !WORKLOADS.contains(kind.get())) return;
    Optional<YamlMap> spec = YamlText.map(doc, "spec");
    if (kind.get().equals("CronJob")) {
      spec = spec.flatMap(s -> YamlText.map(s, "jobTemplate")).flatMap(s -> YamlText.map(s, "spec"));
    }
    Optional<YamlMap> pod = kind.get().equals("Pod") ? spec
        : spec.flatMap(s -> YamlText.map(s, "template")).flatMap(s -> YamlText.map(s, "spec"));
    if (pod.isEmpty()) return;
    Optional<YamlScalar> podUser = pod.flatMap(p -> YamlText.map(p, "securityContext"))
        .flatMap(c -> YamlText.scalar(c, "runAsUser"));
    for (String list : List.of("containers", "initContainers")) {
      if (!(pod.get().get(list).orElse(null) instanceof YamlSeq seq)) continue;
      for (YamlNode n : seq.items()) {
        if (!(n instanceof YamlMap c)) continue;
        Optional<YamlScalar> image = YamlText.scalar(c, "image");
        Optional<YamlScalar> user = YamlText.map(c, "securityContext")
            .flatMap(sc -> YamlText.scalar(sc, "runAsUser")).or(() -> podUser);
        if (image.isEmpty()) continue;
        if (user.isEmpty()) {
          out.add(new Run(image.get().value(), IMAGE_USER, image.get().range()));
          continue;
        }
        try {
          out.add(new Run(image.get().value(), Long.parseLong(user.get().value().strip()),
              user.get().range()));
        } catch (NumberFormatException ignored) {
          // a templated or unknown id: no answer
        }
      }
    }
  }
}
