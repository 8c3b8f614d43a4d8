package dev.berth.evidence;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * GitHub Docker container actions: an {@code action.yml} beside the Dockerfile with
 * {@code runs: {using: docker, image: Dockerfile}}. GitHub runs such an image as root by design
 * (docs.github.com, "Dockerfile support for GitHub Actions", USER: "Docker actions must be run by
 * the default Docker user (root). Do not use the USER instruction in your Dockerfile, because you
 * won't be able to access the GITHUB_WORKSPACE directory"): chroma's
 * .github/actions/bandit-scan.
 */
public final class ContainerActions {
  private ContainerActions() {}

  /** The Dockerfile is the image of a container action defined beside it. */
  public static boolean buildsAction(Project project, Dockerfile df) {
    String path = df.path();
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    for (String action : List.of("action.yml", "action.yaml")) {
      Optional<SourceFile> file = AppSources.of(project).read(dir + action);
      if (file.isEmpty()) continue;
      YamlReader.Result r = YamlReader.read(file.get());
      if (!r.ok() || r.documents().isEmpty() || !(r.documents().get(0) instanceof YamlMap doc)) {
        continue;
      }
      if (!(doc.get("runs").orElse(null) instanceof YamlMap runs)) continue;
      Optional<String> using = scalar(runs.get("using"));
      Optional<String> image = scalar(runs.get("image")).map(i -> i.startsWith("./")
          ? i.substring(2) : i);
      return using.filter("docker"::equals).isPresent() && image.filter(name::equals).isPresent();
    }
    return false;
  }

  private static Optional<String> scalar(Optional<YamlNode> node) {
    return node.filter(n -> n instanceof YamlScalar).map(n -> ((YamlScalar) n).value().strip());
  }
}
