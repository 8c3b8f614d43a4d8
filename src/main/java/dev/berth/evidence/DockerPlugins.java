package dev.berth.evidence;

import dev.berth.context.Paths;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A Dockerfile that builds the root filesystem of a Docker managed plugin: beside it lies the
 * plugin's {@code config.json}, whose {@code interface.types} names one of the engine's plugin
 * interfaces (docs.docker.com engine/extend/config: docker.volumedriver/1.0,
 * docker.networkdriver/1.0, docker.ipamdriver/1.0, docker.authz/1.0, docker.logdriver/1.0,
 * docker.metricscollector/1.0). {@code docker plugin create} takes that config and a rootfs
 * directory (docs.docker.com reference/cli/docker/plugin/create), which loki's Makefile exports
 * from a container of the image: the engine runs the plugin by its config, not the image by
 * its USER or CMD.
 */
public final class DockerPlugins {
  /** A plugin config is a few KiB. */
  private static final long MAX_BYTES = 64 * 1024;
  private static final Pattern INTERFACE = Pattern.compile(
      "\"docker\\.(?:volumedriver|networkdriver|ipamdriver|authz|logdriver|metricscollector)/");

  private final Project project;
  private final Map<String, Boolean> byDir = new ConcurrentHashMap<>();

  private DockerPlugins(Project project) {
    this.project = project;
  }

  public static DockerPlugins of(Project project) {
    return project.fact(DockerPlugins.class, DockerPlugins::new);
  }

  /** The plugin config beside the Dockerfile at {@code dockerfile}, if it builds a plugin's rootfs. */
  public Optional<String> rootfsOf(String dockerfile) {
    String dir = Paths.parent(dockerfile);
    String config = dir.isEmpty() ? "config.json" : dir + "/config.json";
    return byDir.computeIfAbsent(dir, d -> plugin(config)) ? Optional.of(config)
        : Optional.empty();
  }

  private boolean plugin(String config) {
    Optional<FileTree.Entry> e = project.fileTree().get(config);
    if (e.isEmpty() || e.get().kind() != FileTree.Kind.FILE || e.get().size() > MAX_BYTES) {
      return false;
    }
    return SafeRead.read(project.root(), project.fileTree(), config, MAX_BYTES)
        instanceof SafeRead.Text t && t.file().text().contains("\"interface\"")
        && INTERFACE.matcher(t.file().text()).find();
  }
}
