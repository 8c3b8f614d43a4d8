package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Offline knowledge of base images, read from {@code berth/images/base-images.yaml}. An image
 * reference the data does not match is unknown ({@link #lookup} returns empty): berth never
 * guesses what an unknown image contains.
 */
public final class BaseImageCatalog {
  static final String RESOURCE = "/berth/images/base-images.yaml";
  private static final BaseImageCatalog STANDARD = load(RESOURCE);

  private final Map<String, Root> roots;
  private final List<Entry> entries;
  private final Set<String> pythonThirdParty;

  /** A root family after {@code extends} is applied. */
  private record Root(String name, String os, List<String> sources, Optional<String> shell,
      boolean empty, Map<String, String> env, Accounts accounts, List<BaseImage.Dir> dirs,
      Map<String, String> commands, Set<String> absent, Optional<String> packageManager) {}

  private record Entry(List<String> names, Pattern tags, String root, String user, String source,
      Map<String, Object> extra) {}

  /** A row of {@code entrypoints}: which images set this ENTRYPOINT. */
  private record EntrypointRow(List<String> names, Pattern tags, BaseImage.Entrypoint entrypoint) {}

  private final List<EntrypointRow> entrypoints;

  private BaseImageCatalog(Map<String, Root> roots, List<Entry> entries, Set<String> pythonThirdParty,
      List<EntrypointRow> entrypoints) {
    this.roots = roots;
    this.entries = entries;
    this.pythonThirdParty = pythonThirdParty;
    this.entrypoints = entrypoints;
  }

  /** True for a module that is a PyPI package, never in Python's standard library. */
  public boolean isThirdPartyPythonModule(String module) {
    return pythonThirdParty.contains(module);
  }

  public static BaseImageCatalog standard() {
    return STANDARD;
  }

  static BaseImageCatalog load(String resource) {
    return fromYaml(map(DataResources.tree(BaseImageCatalog.class, resource)));
  }

  /**
   * The OS families of the catalog's roots that use {@code program} as their package manager
   * ({@code apk}: alpine; {@code apt-get}: debian, ubuntu); empty for any other program. A package
   * manager a build runs is evidence of the root filesystem even when the image is unknown.
   */
  public Set<String> osesOfPackageManager(String program) {
    Set<String> oses = new java.util.TreeSet<>();
    for (Root r : roots.values()) {
      if (r.packageManager.filter(program::equals).isPresent()) oses.add(r.os);
    }
    return oses;
  }

  /** The image's facts, or empty when the catalog does not know it (never a guess). */
  public Optional<BaseImage> lookup(String reference) {
    return ImageRef.parse(reference).flatMap(this::lookup);
  }

  public Optional<BaseImage> lookup(ImageRef ref) {
    // A large tree asks about the same few bases thousands of times, and each answer is a scan
    // of every entry plus a fresh build; the normalised text names the reference exactly.
    String key = ref.toString();
    Optional<BaseImage> known = looked.get(key);
    if (known == null) {
      known = entry(ref).map(e -> build(ref, e));
      if (looked.size() < MAX_LOOKED) looked.putIfAbsent(key, known);
    }
    return known;
  }

  /** Answers kept; past this many distinct references (hostile input) they are recomputed. */
  private static final int MAX_LOOKED = 4096;
  private final Map<String, Optional<BaseImage>> looked =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The image's whole environment (the {@code Env} of its config), only for entries marked
   * {@code envComplete: true}: images built {@code FROM scratch} with no ENV of their own, whose
   * only variable is the PATH the builder sets. Empty: berth does not know every variable.
   */
  public Optional<Map<String, String>> environment(ImageRef ref) {
    return entry(ref).filter(e -> Boolean.TRUE.equals(e.extra.get("envComplete")))
        .map(e -> build(ref, e).env());
  }

  /** {@link #environment(ImageRef)} of a reference; empty when it does not parse. */
  public Optional<Map<String, String>> environment(String reference) {
    return ImageRef.parse(reference).flatMap(this::environment);
  }

  private Optional<Entry> entry(ImageRef ref) {
    for (Entry e : entries) {
      if (e.names.stream().noneMatch(n -> nameMatches(n, ref.repository()))) continue;
      if (ref.tag().isEmpty()) {
        // Only a digest: the variant is unknowable unless every tag of the repository agrees.
        if (!e.tags.pattern().equals(".*")) return Optional.empty();
      } else if (!e.tags.matcher(ref.tag().get()).matches()) {
        continue;
      }
      return Optional.of(e);
    }
    return Optional.empty();
  }

  /** {@code *} stands for any characters but {@code /}: {@code gcr.io/distroless/nodejs*}. */
  static boolean nameMatches(String pattern, String repository) {
    int star = pattern.indexOf('*');
    if (star < 0) return pattern.equals(repository);
    String prefix = pattern.substring(0, star);
    String rest = pattern.substring(star + 1);
    if (!repository.startsWith(prefix)) return false;
    for (int i = prefix.length(); i <= repository.length(); i++) {
      if (nameMatches(rest, repository.substring(i))) return true;
      if (i < repository.length() && repository.charAt(i) == '/') return false;
    }
    return false;
  }

  /**
   * The catalog's ENTRYPOINT row for {@code ref}; empty when none matches (unknown). A row stands
   * on its own: an image run as is (a Compose service with only {@code image:}) needs no
   * filesystem facts to know what it starts.
   */
  public Optional<BaseImage.Entrypoint> entrypoint(ImageRef ref) {
    for (EntrypointRow row : entrypoints) {
      if (row.names.stream().noneMatch(n -> nameMatches(n, ref.repository()))) continue;
      if (ref.tag().isEmpty() ? !row.tags.pattern().equals(".*")
          : !row.tags.matcher(ref.tag().get()).matches()) {
        continue;
      }
      return Optional.of(row.entrypoint);
    }
    return Optional.empty();
  }

  private BaseImage build(ImageRef ref, Entry e) {
    Root r = roots.get(e.root);
    Map<String, Object> x = e.extra;
    Accounts accounts = r.accounts;
    for (Object u : list(x.get("users"))) accounts = accounts.withUser(user(u));
    for (Object g : list(x.get("groups"))) accounts = accounts.withGroup(group(g));
    List<BaseImage.Dir> dirs = new ArrayList<>(r.dirs);
    for (Object d : list(x.get("dirs"))) dirs.add(dir(d));
    Map<String, String> commands = new LinkedHashMap<>(r.commands);
    Set<String> absent = new HashSet<>(r.absent);
    for (Map.Entry<String, Object> c : map(x.getOrDefault("commands", Map.of())).entrySet()) {
      commands.put(c.getKey(), String.valueOf(c.getValue()));
      absent.remove(c.getKey());
    }
    Map<String, String> env = new LinkedHashMap<>(r.env);
    for (Map.Entry<String, Object> v : map(x.getOrDefault("env", Map.of())).entrySet()) {
      env.put(v.getKey(), String.valueOf(v.getValue()));
    }
    List<String> sources = new ArrayList<>();
    sources.add(e.source);
    sources.addAll(r.sources);
    return new BaseImage(ref, r.name, r.os, sources, e.user, r.shell, r.empty, env, accounts, dirs,
        commands, absent, r.packageManager, str(x.getOrDefault("workdir", "/")), entrypoint(ref));
  }

  // ---- reading the YAML ----------------------------------------------------------------------

  private static BaseImageCatalog fromYaml(Map<String, Object> doc) {
    Map<String, Object> rawRoots = map(doc.get("roots"));
    Map<String, Root> roots = new LinkedHashMap<>();
    for (String name : rawRoots.keySet()) resolveRoot(name, rawRoots, roots, 0);
    List<Entry> entries = new ArrayList<>();
    for (Object o : list(doc.get("images"))) {
      Map<String, Object> m = map(o);
      String root = str(m.get("root"));
      if (!roots.containsKey(root)) throw new IllegalStateException("unknown root " + root);
      entries.add(new Entry(list(m.get("names")).stream().map(String::valueOf).toList(),
          Pattern.compile(str(m.get("tags"))), root, str(m.getOrDefault("user", "root")),
          str(m.get("source")), m));
    }
    Set<String> modules = new HashSet<>();
    for (Object m : list(map(doc.get("pythonThirdPartyModules")).get("names"))) modules.add(String.valueOf(m));
    List<EntrypointRow> entrypoints = new ArrayList<>();
    for (Object o : list(doc.get("entrypoints"))) entrypoints.add(entrypointRow(map(o)));
    return new BaseImageCatalog(Map.copyOf(roots), List.copyOf(entries), Set.copyOf(modules),
        List.copyOf(entrypoints));
  }

  private static EntrypointRow entrypointRow(Map<String, Object> m) {
    String source = str(m.get("source"));
    if (source == null || source.isBlank() || !m.containsKey("entrypoint")) {
      throw new IllegalStateException("entrypoint row without entrypoint or source: " + m);
    }
    Optional<List<String>> cmd = m.containsKey("cmd")
        ? Optional.of(list(m.get("cmd")).stream().map(String::valueOf).toList()) : Optional.empty();
    Optional<BaseImage.Exec> execs = Optional.empty();
    if (m.containsKey("execs")) {
      Map<String, Object> e = map(m.get("execs"));
      Set<BaseImage.Condition> when = new HashSet<>();
      for (Object w : list(e.get("when"))) {
        when.add(BaseImage.Condition.valueOf(String.valueOf(w).replace('-', '_')
            .toUpperCase(java.util.Locale.ROOT)));
      }
      execs = Optional.of(new BaseImage.Exec(Optional.ofNullable(str(e.get("prepend"))), when,
          Optional.ofNullable(str(e.get("appends")))));
    }
    return new EntrypointRow(list(m.get("names")).stream().map(String::valueOf).toList(),
        Pattern.compile(str(m.get("tags"))), new BaseImage.Entrypoint(
            list(m.get("entrypoint")).stream().map(String::valueOf).toList(), cmd, execs, source));
  }

  private static Root resolveRoot(String name, Map<String, Object> raw, Map<String, Root> done,
      int depth) {
    if (done.containsKey(name)) return done.get(name);
    if (depth > 8 || !raw.containsKey(name)) throw new IllegalStateException("bad root " + name);
    Map<String, Object> m = map(raw.get(name));
    Root parent = m.containsKey("extends")
        ? resolveRoot(str(m.get("extends")), raw, done, depth + 1) : null;
    List<String> sources = new ArrayList<>();
    sources.add(str(m.get("source")));
    if (parent != null) sources.addAll(parent.sources);
    Optional<String> shell = m.containsKey("shell") ? Optional.ofNullable((String) m.get("shell"))
        : parent == null ? Optional.empty() : parent.shell;
    boolean empty = Boolean.TRUE.equals(m.get("empty"));
    Map<String, String> env = new LinkedHashMap<>(parent == null ? Map.of() : parent.env);
    map(m.getOrDefault("env", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
    boolean complete = m.containsKey("usersComplete") ? Boolean.TRUE.equals(m.get("usersComplete"))
        : parent != null && parent.accounts.complete();
    Accounts accounts = parent == null ? Accounts.empty(complete)
        : new Accounts(parent.accounts.users(), parent.accounts.groups(), complete);
    for (Object u : list(m.get("users"))) accounts = accounts.withUser(user(u));
    for (Object g : list(m.get("groups"))) accounts = accounts.withGroup(group(g));
    List<BaseImage.Dir> dirs = new ArrayList<>(parent == null ? List.of() : parent.dirs);
    for (Object d : list(m.get("dirs"))) dirs.add(dir(d));
    Map<String, String> commands = new LinkedHashMap<>(parent == null ? Map.of() : parent.commands);
    map(m.getOrDefault("commands", Map.of())).forEach((k, v) -> commands.put(k, String.valueOf(v)));
    Set<String> absent = new HashSet<>(parent == null ? Set.of() : parent.absent);
    if (m.containsKey("absent")) {
      absent.clear();
      list(m.get("absent")).forEach(a -> absent.add(String.valueOf(a)));
    }
    for (Object u : list(m.get("unknownCommands"))) {
      commands.remove(String.valueOf(u));
      absent.remove(String.valueOf(u));
    }
    absent.removeAll(commands.keySet());
    Optional<String> pm = m.containsKey("packageManager")
        ? Optional.of(str(m.get("packageManager")))
        : parent == null ? Optional.empty() : parent.packageManager;
    String os = m.containsKey("os") ? str(m.get("os")) : parent == null ? name : parent.os;
    Root r = new Root(name, os, sources, shell, empty, env, accounts, dirs, commands, absent, pm);
    done.put(name, r);
    return r;
  }

  private static UserAccount user(Object o) {
    boolean maybe = false;
    if (o instanceof Map<?, ?> m) {
      maybe = Boolean.TRUE.equals(m.get("maybe"));
      o = m.get("user");
    }
    List<Object> f = list(o);
    return new UserAccount(str(f.get(0)), num(f.get(1)), num(f.get(2)), str(f.get(3)),
        str(f.get(4)), maybe, Optional.empty());
  }

  private static GroupAccount group(Object o) {
    boolean maybe = false;
    if (o instanceof Map<?, ?> m) {
      maybe = Boolean.TRUE.equals(m.get("maybe"));
      o = m.get("group");
    }
    List<Object> f = list(o);
    return new GroupAccount(str(f.get(0)), num(f.get(1)), Set.of(), maybe, Optional.empty());
  }

  private static BaseImage.Dir dir(Object o) {
    List<Object> f = list(o);
    return new BaseImage.Dir(str(f.get(0)), num(f.get(1)), num(f.get(2)), mode(f.get(3)),
        f.size() > 4 ? OptionalInt.of(num(f.get(4))) : OptionalInt.empty());
  }

  /**
   * Modes are written like {@code 0755}; YAML 1.2 reads that as the decimal integer 755, so the
   * digits are re-read as octal.
   */
  static OptionalInt mode(Object o) {
    if (o == null) return OptionalInt.empty();
    String digits = String.valueOf(o);
    if (!digits.matches("0?[0-7]{1,4}")) throw new IllegalStateException("bad mode " + digits);
    return OptionalInt.of(Integer.parseInt(digits, 8));
  }

  private static int num(Object o) {
    return ((Number) o).intValue();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }
}
