package dev.berth.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups compose files into projects the way they are used: groups declared in
 * {@code .berth.yaml} first (as written), then per directory Compose's default discovery (the
 * first of {@link #DEFAULT_FILES} plus the first of {@link #OVERRIDE_FILES}, as
 * {@code docker compose} without {@code -f} picks them), then every other compose file alone.
 * Order: configured groups, then directory by directory, the default group before the others.
 */
public final class ComposeProjects {
  private ComposeProjects() {}

  /** compose-go's DefaultFileNames, in precedence order. */
  public static final List<String> DEFAULT_FILES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  /**
   * What podman-compose also reads by default (its COMPOSE_DEFAULT_LS), after Compose's own
   * names: in a directory without those, the project {@code podman-compose up} runs.
   */
  public static final List<String> PODMAN_DEFAULT_FILES = List.of("podman-compose.yaml",
      "podman-compose.yml", "container-compose.yml", "container-compose.yaml");
  /** compose-go's DefaultOverrideFileNames, in precedence order. */
  public static final List<String> OVERRIDE_FILES = List.of("compose.override.yml",
      "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

  /**
   * How a group was formed: named in .berth.yaml or with -f, Compose's default discovery, a
   * file set the repository's scripts run with -f, or one more compose file on its own.
   */
  public enum Origin { CONFIGURED, DEFAULT, SCRIPTED, SINGLE }

  /** Files of one project (root-relative, merge order) and how the group was formed. */
  /**
   * @param projectDirectory {@code --project-directory} of the invocation that runs the set,
   *     when it names one; otherwise the first file's directory is the project directory
   */
  public record Group(List<String> files, Origin origin, Optional<String> projectDirectory) {
    public Group {
      files = List.copyOf(files);
    }

    public Group(List<String> files, Origin origin) {
      this(files, origin, Optional.empty());
    }

    /** The project directory: relative paths and {@code .env} are read from there. */
    public String directory() {
      return projectDirectory.orElseGet(() -> Paths.dir(files.get(0)));
    }

    // Written out: a record's generated equals and hashCode link through java.lang.invoke on
    // first use (method-handle classes no JDK 17 start-up archive keeps; see Range).
    @Override
    public boolean equals(Object o) {
      return o instanceof Group g && origin == g.origin && files.equals(g.files)
          && projectDirectory.equals(g.projectDirectory);
    }

    @Override
    public int hashCode() {
      return (files.hashCode() * 31 + origin.hashCode()) * 31 + projectDirectory.hashCode();
    }
  }

  public static List<Group> group(List<String> composeFilePaths,
      List<List<String>> configuredGroups, Function<String, Boolean> exists) {
    List<Group> out = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (List<String> g : configuredGroups) {
      List<String> files = new ArrayList<>();
      for (String f : g) files.add(Paths.normalize(f));
      if (files.isEmpty()) continue;
      out.add(new Group(files, Origin.CONFIGURED));
      used.addAll(files);
    }
    TreeMap<String, List<String>> byDir = new TreeMap<>();
    for (String f : composeFilePaths) {
      String n = Paths.normalize(f);
      byDir.computeIfAbsent(Paths.dir(n), d -> new ArrayList<>()).add(n);
    }
    List<Group> discovered = new ArrayList<>();
    for (var e : byDir.entrySet()) {
      String dir = e.getKey();
      Set<String> present = new LinkedHashSet<>(e.getValue());
      String main = first(dir, DEFAULT_FILES, present, exists);
      if (main == null) main = first(dir, PODMAN_DEFAULT_FILES, present, exists);
      if (main != null && !used.contains(main)) {
        List<String> files = new ArrayList<>(List.of(main));
        String override = first(dir, OVERRIDE_FILES, present, exists);
        if (override == null) override = overrideTemplate(dir, exists);
        if (override != null && !used.contains(override)) files.add(override);
        discovered.add(new Group(files, Origin.DEFAULT));
        used.addAll(files);
      }
      List<String> rest = new ArrayList<>(present);
      rest.sort(null);
      for (String f : rest) {
        if (used.add(f)) discovered.add(new Group(List.of(f), Origin.SINGLE));
      }
    }
    out.addAll(discovered);
    return out;
  }

  /**
   * What loading a group pulled in besides its own files.
   *
   * @param included files read through {@code include} (nested includes too)
   * @param extended files read as an {@code extends.file} base
   */
  public record Uses(Set<String> included, Set<String> extended) {
    public Uses {
      included = Set.copyOf(included);
      extended = Set.copyOf(extended);
    }
  }

  /**
   * The groups to judge as projects of their own. A discovered group whose first file another
   * group pulls in with {@code include}, or with {@code extends.file} when it is not the default
   * file of its directory (that one is what {@code docker compose up} runs there), is a part of
   * that project, not a project: {@code laradock}'s {@code nginx/compose.yml} needs the root
   * file's networks and env files. Only a group pulled in by a group that stands alone is left
   * out, so files including each other (a cycle Compose refuses) are all kept. Configured groups
   * ({@code -f}, {@code .berth.yaml}) and sets the repository's scripts run always stand alone.
   */
  public static Set<Group> standalone(Map<Group, Uses> uses) {
    return standalone(uses, f -> false);
  }

  /**
   * @param ownServices an {@code extends.file} base that also defines services nobody borrows:
   *     a project of its own, whoever extends it
   */
  public static Set<Group> standalone(Map<Group, Uses> uses,
      java.util.function.Predicate<String> ownServices) {
    // who includes or extends each file, gathered once (asking every group about every other
    // was quadratic in the number of compose projects)
    Map<String, List<Group>> includers = new java.util.HashMap<>();
    Map<String, List<Group>> extenders = new java.util.HashMap<>();
    for (var e : uses.entrySet()) {
      for (String f : e.getValue().included()) {
        includers.computeIfAbsent(f, k -> new ArrayList<>()).add(e.getKey());
      }
      for (String f : e.getValue().extended()) {
        extenders.computeIfAbsent(f, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    Map<Group, List<Group>> users = new LinkedHashMap<>();
    for (Group g : uses.keySet()) {
      List<Group> by = new ArrayList<>();
      if (g.origin() != Origin.CONFIGURED && g.origin() != Origin.SCRIPTED) {
        String main = g.files().get(0);
        Set<Group> found = new LinkedHashSet<>(includers.getOrDefault(main, List.of()));
        if (g.origin() == Origin.SINGLE && !ownServices.test(main)) {
          found.addAll(extenders.getOrDefault(main, List.of()));
        }
        found.remove(g);
        by.addAll(found);
      }
      users.put(g, by);
    }
    Set<Group> out = new LinkedHashSet<>();
    for (var e : users.entrySet()) {
      boolean partOfAnother = e.getValue().stream().anyMatch(u -> users.get(u).isEmpty());
      if (!partOfAnother) out.add(e.getKey());
    }
    return out;
  }

  /**
   * A committed template of the override file the setup copies into place
   * ({@code cp compose.override.yaml.example compose.override.yaml}, zulip/docker-zulip,
   * netbox-community/netbox-docker): where the override itself is absent, Compose will read
   * what the template says, so it is loaded in its place (names as {@link EnvTemplates}).
   */
  private static String overrideTemplate(String dir, Function<String, Boolean> exists) {
    for (String name : OVERRIDE_FILES) {
      String override = dir.isEmpty() ? name : dir + "/" + name;
      java.util.Optional<String> t = EnvTemplates.find(override, p -> Boolean.TRUE.equals(
          exists.apply(p)));
      if (t.isPresent()) return t.get();
    }
    return null;
  }

  private static String first(String dir, List<String> names, Set<String> present,
      Function<String, Boolean> exists) {
    for (String name : names) {
      String p = dir.isEmpty() ? name : dir + "/" + name;
      if (present.contains(p) || Boolean.TRUE.equals(exists.apply(p))) return p;
    }
    return null;
  }

  /** Whether a file name looks like a Compose file berth should pick up when walking. */
  public static boolean isComposeFileName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (!(n.endsWith(".yml") || n.endsWith(".yaml"))) return false;
    return n.startsWith("compose.") || n.startsWith("docker-compose.")
        || n.startsWith("docker-compose-") || n.startsWith("compose-");
  }
}
