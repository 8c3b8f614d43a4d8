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
 * Where a Dockerfile puts a kind of tool into an image, from a catalog: a package install, an
 * install script, or an image's binary copied in. Two catalogs:
 * {@code berth/images/docker-clients.yaml} (the Docker CLI: an image that drives a Docker daemon,
 * mostly the host's through its socket) and {@code berth/programs/root-tools.yaml} (tools whose
 * work needs root: netfilter, VPN tunnels, an SMB server).
 */
final class InstalledTools {
  /** Package manager -> the package names, and what each one's entry says. */
  private final Map<String, Map<String, String>> packages;
  private final List<String> scripts;
  private final Set<String> images;

  /** File names of binaries a COPY or ADD puts in: the static Docker CLI ({@code docker}). */
  private final Set<String> binaries;

  private InstalledTools(Map<String, Map<String, String>> packages, List<String> scripts,
      Set<String> images, Set<String> binaries) {
    this.packages = packages;
    this.scripts = scripts;
    this.images = images;
    this.binaries = binaries;
  }

  private static final class Standard {
    static final InstalledTools DOCKER_CLIENTS = load("/berth/images/docker-clients.yaml");
    static final InstalledTools ROOT_TOOLS = load("/berth/programs/root-tools.yaml");
  }

  /** The Docker CLI. */
  static InstalledTools dockerClients() {
    return Standard.DOCKER_CLIENTS;
  }

  /** Tools whose work needs root. */
  static InstalledTools rootTools() {
    return Standard.ROOT_TOOLS;
  }

  /**
   * Where a tool is installed, the package (or script or image) that brings it, and its catalog
   * entry's {@code does} text (empty if none).
   */
  record Install(Range at, String name, String does) {}

  /**
   * The instruction of {@code stage}, or of a stage of the same Dockerfile it is built on, that
   * puts one of the catalog's tools into the image; empty when none does.
   */
  Optional<Install> installedBy(Dockerfile df, Stage stage, Project project) {
    List<Stage> lineage = df.lineage(stage);
    Set<Integer> chain = new HashSet<>();
    for (Stage s : lineage) chain.add(s.index());
    for (RunScripts.Site site : Scripts.built(df, project)) {
      if (!chain.contains(site.stage().stage().index())) continue;
      for (SimpleCommand c : site.script().commands()) {
        Optional<String[]> tool = installs(c);
        if (tool.isPresent()) {
          return Optional.of(new Install(site.run().range(), tool.get()[0], tool.get()[1]));
        }
      }
    }
    for (Stage s : lineage) {
      for (Instruction i : s.instructions()) {
        // --from=docker:cli, not a stage of this Dockerfile that happens to be called docker
        if (i instanceof Instruction.FileTransfer t && t.from().isPresent()
            && df.stage(t.from().get()).isEmpty()
            && images.contains(repository(t.from().get()))) {
          return Optional.of(new Install(t.range(), t.from().get(), ""));
        }
        // portainer's `COPY dist/docker /`: the static CLI a download step put in dist/; a
        // directory of that name in the repository (a Go package called docker) is no binary
        if (i instanceof Instruction.FileTransfer t && t.from().isEmpty() && !binaries.isEmpty()) {
          for (var src : t.sources()) {
            String path = src.text().replaceAll("/+$", "");
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (binaries.contains(name) && !directoryNamed(project, df, path)) {
              return Optional.of(new Install(t.range(), name, ""));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A directory at {@code path} from the Dockerfile's directory or from the root. */
  private static boolean directoryNamed(Project project, Dockerfile df, String path) {
    String dir = df.path().lastIndexOf('/') < 0 ? "" : df.path().substring(0, df.path().lastIndexOf('/'));
    String rel = path.startsWith("./") ? path.substring(2) : path;
    var tree = project.fileTree();
    return tree.isDirectory(dir.isEmpty() ? rel : dir + "/" + rel) || tree.isDirectory(rel);
  }

  /** The package (or script) and its entry's {@code does} text when {@code c} installs a tool. */
  private Optional<String[]> installs(SimpleCommand c) {
    Optional<CommandLine> l = CommandLine.of(c);
    if (l.isEmpty()) return Optional.empty();
    for (ShellWord w : l.get().args()) {
      String v = w.value().orElse(w.raw());
      for (String script : scripts) {
        if (v.contains(script)) return Optional.of(new String[] {script, ""});
      }
    }
    Map<String, String> names = packages.get(l.get().name());
    if (names == null) return Optional.empty();
    boolean install = false;
    for (ShellWord w : l.get().args()) {
      String v = w.value().orElse("");
      if (v.equals("install") || v.equals("add")) {
        install = true;
      } else if (install && !v.startsWith("-")) {
        // a version pin: docker-ce-cli=5:28.0.1-1~debian.12~bookworm, docker-cli=27.3.1-r0
        String name = v.split("[=<>~]", 2)[0].toLowerCase(Locale.ROOT);
        if (names.containsKey(name)) return Optional.of(new String[] {name, names.get(name)});
      }
    }
    return Optional.empty();
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
  private static InstalledTools load(String resource) {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(InstalledTools.class,
        resource);
    Map<String, Map<String, String>> packages = new HashMap<>();
    for (Object o : (List<Object>) doc.getOrDefault("packages", List.of())) {
      Map<String, Object> e = sourced(resource, (Map<String, Object>) o);
      String does = String.valueOf(e.getOrDefault("does", ""));
      for (Object m : (List<Object>) e.get("managers")) {
        Map<String, String> names = packages.computeIfAbsent(String.valueOf(m),
            k -> new HashMap<>());
        for (Object n : (List<Object>) e.get("names")) names.put(String.valueOf(n), does);
      }
    }
    List<String> scripts = ((List<Object>) doc.getOrDefault("scripts", List.of())).stream()
        .map(o -> String.valueOf(sourced(resource, (Map<String, Object>) o).get("text"))).toList();
    Set<String> images = new HashSet<>();
    for (Object o : (List<Object>) doc.getOrDefault("images", List.of())) {
      for (Object n : (List<Object>) sourced(resource, (Map<String, Object>) o).get("names")) {
        images.add(String.valueOf(n));
      }
    }
    Set<String> binaries = new HashSet<>();
    for (Object o : (List<Object>) doc.getOrDefault("binaries", List.of())) {
      for (Object n : (List<Object>) sourced(resource, (Map<String, Object>) o).get("names")) {
        binaries.add(String.valueOf(n));
      }
    }
    return new InstalledTools(Map.copyOf(packages), scripts, Set.copyOf(images),
        Set.copyOf(binaries));
  }

  /** A catalog entry, refused without its {@code source}. */
  static Map<String, Object> sourced(String resource, Map<String, Object> e) {
    if (String.valueOf(e.getOrDefault("source", "")).isBlank()) {
      throw new IllegalStateException(resource + ": entry without source");
    }
    return e;
  }
}
