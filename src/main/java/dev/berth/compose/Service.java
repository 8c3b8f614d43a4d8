package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a resolved Compose project (files merged, {@code extends} applied, variables
 * interpolated), short and long syntaxes normalised. Every value keeps the range of the text it
 * came from. {@code definition} is the merged mapping for anything not typed here.
 *
 * @param environment {@code env_file} values first, {@code environment} on top (as Compose does);
 *     a value is empty for a bare {@code NAME} (taken from the shell at run time)
 * @param memLimit {@code mem_limit} in bytes
 */
public record Service(
    Located<String> name,
    YamlMap definition,
    Optional<Located<String>> image,
    Optional<Build> build,
    Optional<Located<List<String>>> command,
    Optional<Located<List<String>>> entrypoint,
    Map<String, Located<Optional<String>>> environment,
    List<EnvFileRef> envFiles,
    List<PortMapping> ports,
    List<Located<String>> expose,
    List<Mount> volumes,
    List<Located<String>> tmpfs,
    Optional<Located<String>> user,
    Optional<Located<String>> workingDir,
    Optional<Healthcheck> healthcheck,
    List<Dependency> dependsOn,
    List<ServiceNetwork> networks,
    Optional<Located<String>> networkMode,
    List<Located<String>> profiles,
    ResourceLimits resources,
    Optional<Located<Long>> memLimit,
    Optional<Located<String>> restart,
    List<FileReference> secrets,
    List<FileReference> configs,
    Optional<Located<String>> containerName,
    List<Located<String>> links,
    List<Located<String>> volumesFrom,
    Optional<Located<Integer>> replicas,
    Optional<ExtendsRef> extendsRef) {

  public Service {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    envFiles = List.copyOf(envFiles);
    ports = List.copyOf(ports);
    expose = List.copyOf(expose);
    volumes = List.copyOf(volumes);
    tmpfs = List.copyOf(tmpfs);
    dependsOn = List.copyOf(dependsOn);
    networks = List.copyOf(networks);
    profiles = List.copyOf(profiles);
    secrets = List.copyOf(secrets);
    configs = List.copyOf(configs);
    links = List.copyOf(links);
    volumesFrom = List.copyOf(volumesFrom);
  }

  /** The service is given the Docker daemon's socket ({@link Mount#dockerSocket()}). */
  public boolean mountsDockerSocket() {
    return volumes.stream().anyMatch(m -> m.dockerSocket().isPresent());
  }

  /** A service this one names, and the attribute that names it. */
  public record ServiceRef(String attribute, Located<String> target) {}

  /**
   * The services this one needs in its project to start: required {@code depends_on},
   * {@code links} (name before the alias), {@code volumes_from} other than {@code container:},
   * {@code network_mode: service:X}. ({@code extends} is resolved within its own file.)
   */
  public List<ServiceRef> serviceReferences() {
    List<ServiceRef> out = new java.util.ArrayList<>();
    for (Dependency d : dependsOn) {
      if (d.required()) out.add(new ServiceRef("depends_on", d.service()));
    }
    for (Located<String> link : links) {
      out.add(new ServiceRef("links", new Located<>(link.value().split(":", 2)[0], link.range())));
    }
    for (Located<String> vf : volumesFrom) {
      if (vf.value().startsWith("container:")) continue;
      out.add(new ServiceRef("volumes_from",
          new Located<>(vf.value().split(":", 2)[0], vf.range())));
    }
    networkMode.filter(m -> m.value().startsWith("service:")).ifPresent(m -> out.add(
        new ServiceRef("network_mode", new Located<>(m.value().substring(8), m.range()))));
    return out;
  }

  public String serviceName() {
    return name.value();
  }

  /** Enabled when it has no profiles or one of them is active. */
  public boolean enabledWith(java.util.Collection<String> activeProfiles) {
    if (profiles.isEmpty()) return true;
    for (Located<String> p : profiles) {
      if (activeProfiles.contains(p.value()) || activeProfiles.contains("*")) return true;
    }
    return false;
  }

  /** The effective memory limit: {@code deploy.resources.limits.memory}, else {@code mem_limit}. */
  public Optional<Located<Long>> memoryLimit() {
    return resources.memoryLimit().or(() -> memLimit);
  }
}
