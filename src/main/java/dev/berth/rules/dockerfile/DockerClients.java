package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.hygiene.CommandLine;
import dev.berth.rules.hygiene.Scripts;
import dev.berth.source.DataResources;
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Dockerfile puts the Docker CLI into an image, from
 * {@code berth/images/docker-clients.yaml}: a package install, the convenience script, or the
 * official docker image's binary copied in. Such an image drives a Docker daemon, mostly the
 * host's through its socket.
 */
final class DockerClients {
  private static final String RESOURCE = "/berth/images/docker-clients.yaml";
  /** Package manager -> the package names that hold the Docker CLI. */
  private final Map<String, Set<String>> packages;
  private final List<String> scripts;
  private final Set<String> images;

  private DockerClients(Map<String, Set<String>> packages, List<String> scripts,
      Set<String> images) {
    this.packages = packages;
    this.scripts = scripts;
    this.images = images;
  }

  private static final class Standard {
    static final DockerClients INSTANCE = load();
  }

  static DockerClients standard() {
    return Standard.INSTANCE;
  }

  /**
   * The instruction of {@code stage}, or of a stage of the same Dockerfile it is built on, that
   * puts the Docker CLI into the image; empty when none does.
   */
  Optional<Range> installedBy(Dockerfile df, Stage stage, Project project) {
    List<Stage> lineage = df.lineage(stage);
    Set<Integer> chain = new HashSet<>();
    for (Stage s : lineage) chain.add(s.index());
    for (RunScripts.Site site : Scripts.built(df, project)) {
      if (!chain.contains(site.stage().stage().index())) continue;
      for (SimpleCommand c : site.script().commands()) {
        if (installs(c)) return Optional.of(site.run().range());
      }
    }
    for (Stage s : lineage) {
      for (Instruction i : s.instructions()) {
        // --from=docker:cli, not a stage of this Dockerfile that happens to be called docker
        if (i instanceof Instruction.FileTransfer t && t.from().isPresent()
            && df.stage(t.from().get()).isEmpty()
            && images.contains(repository(t.from().get()))) {
          return Optional.of(t.range());
        }
      }
    }
    return Optional.empty();
  }

  private boolean installs(SimpleCommand c) {
    Optional<CommandLine> l = CommandLine.of(c);
    if (l.isEmpty()) return false;
    for (ShellWord w : l.get().args()) {
      String v = w.value().orElse(w.raw());
      if (scripts.stream().anyMatch(v::contains)) return true;
    }
    Set<String> names = packages.get(l.get().name());
    if (names == null) return false;
    boolean install = false;
    for (ShellWord w : l.get().args()) {
      String v = w.value().orElse("");
      if (v.equals("install") || v.equals("add")) {
        install = true;
      } else if (install && !v.startsWith("-")) {
        // a version pin: docker-ce-cli=5:28.0.1-1~debian.12~bookworm, docker-cli=27.3.1-r0
        String name = v.split("[=<>~]", 2)[0].toLowerCase(Locale.ROOT);
        if (names.contains(name)) return true;
      }
    }
    return false;
  }

  /** {@code docker:27-cli} -> {@code docker}; a stage name stays as it is. */
  private static String repository(String image) {
    String noDigest = image.split("@", 2)[0];
    int slash = noDigest.lastIndexOf('/');
    int colon = noDigest.lastIndexOf(':');
    String repo = colon > slash ? noDigest.substring(0, colon) : noDigest;
    return repo.replaceFirst("^(docker\\.io/)?(library/)?", "").toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  private static DockerClients load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(DockerClients.class,
        RESOURCE);
    Map<String, Set<String>> packages = new HashMap<>();
    for (Object o : (List<Object>) doc.get("packages")) {
      Map<String, Object> e = sourced((Map<String, Object>) o);
      for (Object m : (List<Object>) e.get("managers")) {
        Set<String> names = packages.computeIfAbsent(String.valueOf(m), k -> new HashSet<>());
        for (Object n : (List<Object>) e.get("names")) names.add(String.valueOf(n));
      }
    }
    List<String> scripts = ((List<Object>) doc.get("scripts")).stream()
        .map(o -> String.valueOf(sourced((Map<String, Object>) o).get("text"))).toList();
    Set<String> images = new HashSet<>();
    for (Object o : (List<Object>) doc.get("images")) {
      for (Object n : (List<Object>) sourced((Map<String, Object>) o).get("names")) {
        images.add(String.valueOf(n));
      }
    }
    return new DockerClients(Map.copyOf(packages), scripts, Set.copyOf(images));
  }

  private static Map<String, Object> sourced(Map<String, Object> e) {
    if (String.valueOf(e.getOrDefault("source", "")).isBlank()) {
      throw new IllegalStateException(RESOURCE + ": entry without source");
    }
    return e;
  }
}
