package dev.berth.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated filesystem of an image at one point of its build: absolute path → {@link Node},
 * plus the image's accounts. Immutable; {@link #edit()} gives an {@link Editor} whose
 * {@link Editor#freeze()} returns the next state.
 *
 * <p>A path without a node is unknown unless its parent directory lists all its children. Effects
 * berth could not interpret are kept in {@link #unknownEffects()}; a NO that rests on a node older
 * than such an effect becomes UNKNOWN, because that effect might have changed it.
 */
public final class ImageFilesystem {
  /** Bound on nodes, against hostile input (a RUN that creates thousands of paths). */
  public static final int MAX_NODES = 20_000;
  private static final int MAX_LINKS = 16;
  /**
   * Paths with more components are unknown: every question walks the components of every
   * prefix, so a WORKDIR of thousands of levels was cubic. (Linux refuses paths over 4096
   * bytes anyway.)
   */
  public static final int MAX_DEPTH = 256;
  private static final String TOO_DEEP = "path deeper than " + MAX_DEPTH + " components, berth's limit";
  private static final Set<String> TOP_LEVEL = Set.of("bin", "boot", "dev", "etc", "home", "lib",
      "lib64", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr",
      "var");

  /** {@link FrozenPaths} once built; an editor's live tree map for {@link Editor#view}. */
  private final SortedMap<String, Node> nodes;
  private final Accounts accounts;
  private final List<Origin> unknownEffects;
  /** The last of {@link #unknownEffects} in build order (null when none): "any after" is "it is after". */
  private final Origin latestUnknown;

  private ImageFilesystem(SortedMap<String, Node> nodes, Accounts accounts, List<Origin> unknown) {
    this.nodes = nodes;
    this.accounts = accounts;
    this.unknownEffects = List.copyOf(unknown);
    Origin latest = null;
    for (Origin o : unknownEffects) {
      if (latest == null || o.after(latest)) latest = o;
    }
    this.latestUnknown = latest;
  }

  /** True when the image holds {@link #MAX_NODES} paths: paths created from now on are unknown. */
  public boolean full() {
    return nodes.size() >= MAX_NODES;
  }

  /** Nothing known at all: the base image is not in the catalog. */
  public static ImageFilesystem unknown() {
    return new ImageFilesystem(FrozenPaths.of(new TreeMap<>()), Accounts.empty(false), List.of());
  }

  /** {@code FROM scratch}: an empty root directory and no accounts. */
  public static ImageFilesystem scratch() {
    TreeMap<String, Node> n = new TreeMap<>();
    n.put("/", Node.dir(0, 0, 0755, true, Origin.base("scratch")));
    return new ImageFilesystem(FrozenPaths.of(n), Accounts.empty(true), List.of());
  }

  /**
   * The state a catalog-known base image starts with. The top level of / follows the FHS, so
   * {@code /app} is known not to exist; deeper directories keep unknown content.
   */
  public static ImageFilesystem of(BaseImage image) {
    if (image.empty()) return scratch();
    Origin o = Origin.base(image.ref().toString());
    TreeMap<String, Node> n = new TreeMap<>();
    n.put("/", Node.dir(0, 0, 0755, !image.os().equals("distroless"), o));
    for (String top : TOP_LEVEL) {
      if (!image.os().equals("distroless")) {
        n.put("/" + top, new Node(Node.Kind.DIR, OptionalInt.of(0), OptionalInt.of(0),
            OptionalInt.empty(), false, OptionalInt.empty(), OptionalInt.empty(), false,
            Optional.empty(), o));
      }
    }
    for (BaseImage.Dir d : image.dirs()) {
      String p = normalize(d.path());
      // Debian, Ubuntu and Alpine ship an empty /home; the catalog lists the accounts' homes.
      boolean knownChildren = (p.equals("/") && !image.os().equals("distroless")) || (p.equals("/home")
          && Set.of("debian", "ubuntu", "alpine").contains(image.os()));
      n.put(p, new Node(Node.Kind.DIR, OptionalInt.of(d.uid()), OptionalInt.of(d.gid()), d.mode(),
          knownChildren, d.contentsUid(), d.contentsUid().isPresent() ? OptionalInt.of(d.gid())
          : OptionalInt.empty(), false, Optional.empty(), o));
    }
    for (String cmd : image.commands().values()) {
      String p = normalize(cmd);
      n.putIfAbsent(p, Node.file(0, 0, OptionalInt.of(0755), o));
    }
    return new ImageFilesystem(FrozenPaths.of(n), image.accounts(), List.of());
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Every node, by normalised absolute path. */
  public SortedMap<String, Node> nodes() {
    return Collections.unmodifiableSortedMap(nodes);
  }

  public Optional<Node> node(String path) {
    return Optional.ofNullable(nodes.get(normalize(path)));
  }

  public List<Origin> unknownEffects() {
    return unknownEffects;
  }

  /**
   * True when an effect berth did not understand came after {@code o}: in a later instruction,
   * or in a later command of the same RUN.
   */
  public boolean unknownEffectAfter(Origin o) {
    return latestUnknown != null && latestUnknown.after(o);
  }

  /** True when an effect berth did not understand came in an instruction after {@code step}. */
  public boolean unknownEffectAfter(int step) {
    return latestUnknown != null && latestUnknown.step() > step;
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** Whether a path exists, following symlinks in every component. */
  public record Lookup(Answer exists, String resolved, Optional<Node> node, String reason) {}

  public Lookup lookup(String path) {
    if (tooDeep(path)) return new Lookup(Answer.UNKNOWN, path, Optional.empty(), TOO_DEEP);
    return lookup(normalize(path), 0);
  }

  /** More than {@link #MAX_DEPTH} components (counted before normalising: an upper bound). */
  static boolean tooDeep(String path) {
    int slashes = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/' && ++slashes > MAX_DEPTH) return true;
    }
    return false;
  }

  private Lookup lookup(String path, int links) {
    if (links > MAX_LINKS) return new Lookup(Answer.UNKNOWN, path, Optional.empty(), "symlink loop");
    if (tooDeep(path)) return new Lookup(Answer.UNKNOWN, path, Optional.empty(), TOO_DEEP);
    if (path.equals("/")) {
      Node root = nodes.get("/");
      return root == null ? new Lookup(Answer.UNKNOWN, "/", Optional.empty(), "unknown base image")
          : new Lookup(Answer.YES, "/", Optional.of(root), "");
    }
    String cur = "/";
    String[] parts = path.substring(1).split("/");
    for (int i = 0; i < parts.length; i++) {
      String next = cur.equals("/") ? "/" + parts[i] : cur + "/" + parts[i];
      Node n = nodes.get(next);
      boolean last = i == parts.length - 1;
      if (n == null) {
        Node parent = nodes.get(cur);
        if (parent != null && parent.kind() == Node.Kind.DIR && parent.childrenKnown()
            && !unknownEffectAfter(parent.origin())) {
          return new Lookup(Answer.NO, next, Optional.of(Node.absent(parent.origin())),
              next + " does not exist");
        }
        return new Lookup(Answer.UNKNOWN, path, Optional.empty(), "contents of " + cur + " unknown");
      }
      switch (n.kind()) {
        case ABSENT -> {
          return unknownEffectAfter(n.origin())
              ? new Lookup(Answer.UNKNOWN, path, Optional.empty(), "changed later")
              : new Lookup(Answer.NO, next, Optional.of(n), next + " does not exist");
        }
        case UNKNOWN -> {
          return new Lookup(Answer.UNKNOWN, path, Optional.of(n), next + " is not understood");
        }
        case SYMLINK -> {
          if (n.target().isEmpty()) return new Lookup(Answer.UNKNOWN, path, Optional.of(n), "link");
          String t = n.target().get();
          String base = t.startsWith("/") ? t : (cur.equals("/") ? "/" : cur + "/") + t;
          StringBuilder rest = new StringBuilder(base);
          for (int j = i + 1; j < parts.length; j++) rest.append('/').append(parts[j]);
          return lookup(normalize(rest.toString()), links + 1);
        }
        case FILE -> {
          if (!last) {
            return new Lookup(Answer.NO, path, Optional.of(n), next + " is not a directory");
          }
        }
        case DIR -> { }
      }
      cur = next;
    }
    return new Lookup(Answer.YES, cur, Optional.ofNullable(nodes.get(cur)), "");
  }

  // ---- permissions ---------------------------------------------------------------------------

  private static final int R = 4;
  private static final int W = 2;
  private static final int X = 1;

  /** Can {@code who} reach {@code path}: search (x) permission on it and every directory above. */
  public Access canTraverse(Identity who, String path) {
    if (tooDeep(path)) return Access.unknown(TOO_DEEP);
    String p = normalize(path);
    List<String> prefixes = new ArrayList<>();
    String cur = p;
    while (true) {
      prefixes.add(0, cur);
      if (cur.equals("/")) break;
      cur = parent(cur);
    }
    for (String prefix : prefixes) {
      Lookup l = lookup(prefix);
      if (l.exists() == Answer.UNKNOWN) return Access.unknown(l.reason());
      if (l.exists() == Answer.NO) {
        return decided(Access.no(l.resolved(), l.node().orElseThrow(), l.reason()));
      }
      Node n = l.node().orElseThrow();
      if (n.kind() != Node.Kind.DIR) {
        return decided(Access.no(l.resolved(), n, l.resolved() + " is not a directory"));
      }
      Answer a = permits(n, who, X);
      if (a == Answer.UNKNOWN) return Access.unknown("permissions of " + l.resolved() + " unknown");
      if (a == Answer.NO) {
        return decided(Access.no(l.resolved(), n, l.resolved() + " is " + n.describe()));
      }
    }
    return Access.yes();
  }

  /** Can {@code who} execute the file at {@code path} (exec permission and a reachable path). */
  public Access canExecute(Identity who, String path) {
    if (tooDeep(path)) return Access.unknown(TOO_DEEP);
    String p = normalize(path);
    Access parent = canTraverse(who, parent(p));
    if (parent.answer() != Answer.YES) return parent;
    Lookup l = lookup(p);
    if (l.exists() == Answer.UNKNOWN) return Access.unknown(l.reason());
    if (l.exists() == Answer.NO) return decided(Access.no(l.resolved(), l.node().orElseThrow(), l.reason()));
    Node n = l.node().orElseThrow();
    if (n.kind() == Node.Kind.DIR) return decided(Access.no(l.resolved(), n, p + " is a directory"));
    Answer a = permits(n, who, X);
    if (a == Answer.UNKNOWN) return Access.unknown("permissions of " + p + " unknown");
    return a == Answer.YES ? Access.yes()
        : decided(Access.no(l.resolved(), n, l.resolved() + " is " + n.describe()));
  }

  /** Can {@code who} read the file or list the directory at {@code path}. */
  public Access canRead(Identity who, String path) {
    if (tooDeep(path)) return Access.unknown(TOO_DEEP);
    String p = normalize(path);
    Access parent = canTraverse(who, parent(p));
    if (parent.answer() != Answer.YES) return parent;
    Lookup l = lookup(p);
    if (l.exists() != Answer.YES) {
      return l.exists() == Answer.NO ? decided(Access.no(l.resolved(), l.node().orElseThrow(), l.reason()))
          : Access.unknown(l.reason());
    }
    Node n = l.node().orElseThrow();
    Answer a = permits(n, who, R);
    if (a == Answer.UNKNOWN) return Access.unknown("permissions of " + p + " unknown");
    return a == Answer.YES ? Access.yes()
        : decided(Access.no(l.resolved(), n, l.resolved() + " is " + n.describe()));
  }

  /**
   * Can {@code who} write {@code path}: modify it when it exists (a directory also needs search
   * permission), else create it in its parent directory.
   */
  public Access canWrite(Identity who, String path) {
    if (tooDeep(path)) return Access.unknown(TOO_DEEP);
    String p = normalize(path);
    Access parent = canTraverse(who, parent(p));
    if (parent.answer() != Answer.YES) {
      return parent.answer() == Answer.UNKNOWN ? belowFilledDirectory(who, p).orElse(parent) : parent;
    }
    Lookup l = lookup(p);
    if (l.exists() == Answer.UNKNOWN) return writeUnknownChild(who, p, l);
    if (l.exists() == Answer.NO) {
      Lookup pl = lookup(parent(p));
      if (pl.exists() != Answer.YES) return Access.unknown(pl.reason());
      Node dir = pl.node().orElseThrow();
      Answer a = permits(dir, who, W).and(permits(dir, who, X));
      if (a == Answer.UNKNOWN) return Access.unknown("permissions of " + pl.resolved() + " unknown");
      return a == Answer.YES ? Access.yes() : decided(Access.no(pl.resolved(), dir,
          pl.resolved() + " is " + dir.describe() + " and " + p + " does not exist yet"));
    }
    Node n = l.node().orElseThrow();
    Answer a = permits(n, who, W);
    if (n.kind() == Node.Kind.DIR) a = a.and(permits(n, who, X));
    if (a == Answer.UNKNOWN) return Access.unknown("permissions of " + p + " unknown");
    return a == Answer.YES ? Access.yes()
        : decided(Access.no(l.resolved(), n, l.resolved() + " is " + n.describe()));
  }

  /**
   * Several levels below a directory a copy or build filled (e.g. {@code /app/logs/app.log}
   * after {@code COPY . /app}): whether {@code logs} exists is unknown, but either way the user
   * cannot write there — if it exists it belongs to the filling step's user, if not it must be
   * created in the directory the user cannot write. The same reasoning as
   * {@link #writeUnknownChild}, applied at the first unknown component.
   */
  private Optional<Access> belowFilledDirectory(Identity who, String p) {
    String child = p;
    String dir = parent(p);
    while (!dir.equals("/") && lookup(dir).exists() != Answer.YES) {
      child = dir;
      dir = parent(dir);
    }
    if (child.equals(p) || lookup(dir).exists() != Answer.YES
        || canTraverse(who, dir).answer() != Answer.YES) {
      return Optional.empty();
    }
    Lookup cl = lookup(child);
    if (cl.exists() != Answer.UNKNOWN) return Optional.empty();
    Access a = writeUnknownChild(who, child, cl);
    return a.answer() == Answer.NO ? Optional.of(a) : Optional.empty();
  }

  /**
   * A path whose existence is unknown inside a directory the user cannot write: if it exists it
   * came from the copy or build that filled the directory, owned by that step's user with
   * umask-022 modes (build contexts carry no group/other write bits), so it is not writable either.
   */
  private Access writeUnknownChild(Identity who, String p, Lookup l) {
    Lookup pl = lookup(parent(p));
    if (pl.exists() != Answer.YES || who.uid().isEmpty()) return Access.unknown(l.reason());
    Node dir = pl.node().orElseThrow();
    if (dir.kind() != Node.Kind.DIR || dir.childUid().isEmpty() || nodes.get(p) != null) {
      return Access.unknown(l.reason());
    }
    Answer create = permits(dir, who, W).and(permits(dir, who, X));
    if (create != Answer.NO || dir.childUid().getAsInt() == who.uid().getAsInt() || who.isRoot()) {
      return Access.unknown(l.reason());
    }
    return decided(Access.no(pl.resolved(), dir, pl.resolved() + " is " + dir.describe()
        + " and anything already in it belongs to uid " + dir.childUid().getAsInt()));
  }

  /** A NO stands only if nothing berth failed to understand ran after the deciding node changed. */
  private Access decided(Access a) {
    Node n = a.blockingNode().orElseThrow();
    if (unknownEffectAfter(n.origin())) {
      return Access.unknown("a later step berth does not understand may have changed "
          + a.blockingPath().orElse("it"));
    }
    return a;
  }

  /** Unix permission check for one node and one of R/W/X, with root's bypass. */
  static Answer permits(Node n, Identity who, int bit) {
    if (who.isRoot()) {
      // root bypasses r/w always and x on directories; a file needs at least one x bit.
      if (bit != X || n.kind() == Node.Kind.DIR) return Answer.YES;
      if (n.mode().isEmpty()) return Answer.UNKNOWN;
      return Answer.of((n.mode().getAsInt() & 0111) != 0);
    }
    if (n.mode().isEmpty()) return Answer.UNKNOWN;
    int mode = n.mode().getAsInt();
    boolean ownerBit = (mode & (bit << 6)) != 0;
    boolean groupBit = (mode & (bit << 3)) != 0;
    boolean otherBit = (mode & bit) != 0;
    Answer isOwner = n.uid().isPresent() && who.uid().isPresent()
        ? Answer.of(n.uid().getAsInt() == who.uid().getAsInt()) : Answer.UNKNOWN;
    Answer inGroup;
    if (n.gid().isEmpty()) {
      inGroup = Answer.UNKNOWN;
    } else {
      int g = n.gid().getAsInt();
      boolean member = (who.gid().isPresent() && who.gid().getAsInt() == g) || who.groups().contains(g);
      inGroup = member ? Answer.YES : (who.gid().isPresent() && who.groupsKnown() ? Answer.NO : Answer.UNKNOWN);
    }
    List<Boolean> possible = new ArrayList<>();
    if (isOwner != Answer.NO) possible.add(ownerBit);
    if (isOwner != Answer.YES) {
      if (inGroup != Answer.NO) possible.add(groupBit);
      if (inGroup != Answer.YES) possible.add(otherBit);
    }
    if (possible.stream().allMatch(b -> b)) return Answer.YES;
    if (possible.stream().noneMatch(b -> b)) return Answer.NO;
    return Answer.UNKNOWN;
  }

  // ---- paths ---------------------------------------------------------------------------------

  /** Lexical normalisation: absolute, no {@code .}, {@code ..}, double or trailing slashes. */
  public static String normalize(String path) {
    if (isNormal(path)) return path; // most paths asked about already are: no split, no join
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (!out.isEmpty()) out.remove(out.size() - 1);
      } else {
        out.add(part);
      }
    }
    return "/" + String.join("/", out);
  }

  /** Absolute, and no segment is empty, {@code .} or {@code ..}. */
  private static boolean isNormal(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') return false;
    if (n == 1) return true;
    int start = 1;
    for (int i = 1; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        int len = i - start;
        if (len == 0) return false;
        if (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.'))) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  public static String parent(String path) {
    String p = normalize(path);
    int i = p.lastIndexOf('/');
    return i <= 0 ? "/" : p.substring(0, i);
  }

  /** Resolves {@code path} against {@code cwd} when relative. */
  public static String resolve(String cwd, String path) {
    return normalize(path.startsWith("/") ? path : cwd + "/" + path);
  }

  public Editor edit() {
    return new Editor(new TreeMap<>(nodes), accounts, new ArrayList<>(unknownEffects));
  }

  /** Mutable working copy used while replaying one instruction. */
  public static final class Editor {
    private final TreeMap<String, Node> nodes;
    private Accounts accounts;
    private final List<Origin> unknown;

    private Editor(TreeMap<String, Node> nodes, Accounts accounts, List<Origin> unknown) {
      this.nodes = nodes;
      this.accounts = accounts;
      this.unknown = unknown;
    }

    public ImageFilesystem freeze() {
      return new ImageFilesystem(FrozenPaths.of(nodes), accounts, unknown);
    }

    /** The current state, for lookups in the middle of an edit (shares the map: do not keep). */
    public ImageFilesystem view() {
      return new ImageFilesystem(nodes, accounts, unknown);
    }

    public Accounts accounts() {
      return accounts;
    }

    public void accounts(Accounts a) {
      accounts = a;
    }

    /** Records an effect berth does not understand. */
    public void unknownEffect(Origin o) {
      unknown.add(o);
    }

    public Optional<Node> get(String path) {
      return Optional.ofNullable(nodes.get(normalize(path)));
    }

    public void put(String path, Node n) {
      String p = normalize(path);
      if (nodes.size() >= MAX_NODES && !nodes.containsKey(p)) {
        unknown.add(n.origin());
        return;
      }
      nodes.put(p, n);
    }

    /**
     * {@code mkdir [-p]}: creates missing directories (parents too when {@code parents}), owned
     * by {@code uid:gid}; {@code mode} applies to the last one, parents get 0755 (umask 022).
     * Existing directories are left alone, as mkdir -p does.
     */
    public void mkdir(String path, boolean parents, int uid, int gid, int mode, Origin o) {
      if (tooDeep(path)) {
        unknownPath(path, o);
        return;
      }
      String p = normalize(path);
      List<String> chain = new ArrayList<>();
      for (int slash = p.equals("/") ? 0 : p.length(); slash > 0;
          slash = p.lastIndexOf('/', slash - 1)) {
        chain.add(p.substring(0, slash));
      }
      java.util.Collections.reverse(chain);
      boolean created = false;
      for (String c : chain) {
        Node existing = nodes.get(c);
        // An existing path (or one of unknown kind and owner) is left as it is: never a guess.
        if (existing != null && existing.exists()) continue;
        if (existing == null && !c.equals(p) && !parents) continue;
        // below a directory made here nothing exists yet: no need to ask
        boolean empty = true;
        if (existing == null && !created) {
          Answer there = view().lookup(c).exists();
          if (there == Answer.YES) continue;
          // In a directory an instruction put things of unknown names in (COPY --from a stage
          // berth could not follow), it may exist already, holding what landed: made or not,
          // what it holds is unknown (emqx's WORKDIR /opt/emqx over the release tarball its build
          // stage extracted, copied to /opt/, with log/ and data/ in it). Deeper content of the
          // base image's directories is unknown too, but guessed absent, as before.
          Node parent = nodes.get(parent(c));
          empty = there != Answer.UNKNOWN || parent == null || parent.kind() != Node.Kind.DIR
              || parent.childrenKnown() || parent.origin().range().isEmpty();
        }
        put(c, Node.dir(uid, gid, c.equals(p) ? mode : 0755, empty, o));
        created = empty;
      }
    }

    /** {@code chown [-R] uid:gid path}; absent optionals leave that part unchanged. */
    public void chown(String path, OptionalInt uid, OptionalInt gid, boolean recursive, Origin o) {
      String p = normalize(path);
      Node n = nodes.get(p);
      if (n == null) {
        // Existing in the base or in a copied tree: known now only through this command.
        Lookup l = view().lookup(p);
        if (l.exists() == Answer.NO) return;
        n = inherited(p, o);
      }
      if (!n.exists()) return;
      Node changed = n.withOwner(uid, gid, o);
      if (recursive) changed = changed.withChildOwner(uid, gid);
      put(p, changed);
      if (recursive) {
        for (Map.Entry<String, Node> e : descendants(p).entrySet()) {
          Node d = e.getValue().withOwner(uid, gid, o);
          e.setValue(d.kind() == Node.Kind.DIR ? d.withChildOwner(uid, gid) : d);
        }
      }
    }

    /** {@code chmod [-R] MODE path} where {@code change} maps an old mode (maybe unknown) to the new. */
    public void chmod(String path, java.util.function.BiFunction<OptionalInt, Boolean, OptionalInt> change,
        boolean recursive, Origin o) {
      String p = normalize(path);
      Node n = nodes.get(p);
      if (n == null) {
        if (view().lookup(p).exists() == Answer.NO) return;
        n = inherited(p, o);
      }
      if (!n.exists()) return;
      put(p, n.withMode(change.apply(n.mode(), n.kind() == Node.Kind.DIR), o));
      if (recursive) {
        for (Map.Entry<String, Node> e : descendants(p).entrySet()) {
          Node d = e.getValue();
          e.setValue(d.withMode(change.apply(d.mode(), d.kind() == Node.Kind.DIR), o));
        }
      }
    }

    /** A node for a path known only as part of an ancestor's copied or base content. */
    private Node inherited(String p, Origin o) {
      for (String cur = parent(p); ; cur = parent(cur)) {
        Node a = nodes.get(cur);
        if (a != null && a.childUid().isPresent()) {
          return new Node(Node.Kind.UNKNOWN, a.childUid(), a.childGid(), OptionalInt.empty(), false,
              a.childUid(), a.childGid(), false, Optional.empty(), o);
        }
        if (cur.equals("/")) break;
      }
      return Node.unknown(o);
    }

    /** {@code rm -rf path}: the path and everything under it are gone. */
    public void remove(String path, Origin o) {
      String p = normalize(path);
      if (p.equals("/")) return;
      descendants(p).clear();
      put(p, Node.absent(o));
    }

    /** Marks a path as changed in a way berth does not model (created, replaced, extracted). */
    public void unknownPath(String path, Origin o) {
      String p = normalize(path);
      descendants(p).clear();
      put(p, Node.unknown(o));
    }

    /**
     * Something of unknown names, owners and modes landed in the directory {@code dir} (a COPY
     * --from whose source berth cannot see): the directory keeps its own metadata, and nothing
     * below it is known any more, since the copy may have replaced any of it.
     */
    public void contentsUnknown(String dir, Origin o) {
      String p = normalize(dir);
      Node n = nodes.get(p);
      if (n == null || n.kind() != Node.Kind.DIR) {
        unknownPath(p, o);
        return;
      }
      descendants(p).clear();
      put(p, n.withChildrenUnknown(o));
    }

    /** An install wrote files of unknown names into {@code dir}. */
    public void populate(String dir, int uid, int gid, Origin o) {
      String p = normalize(dir);
      Node n = nodes.get(p);
      if (n == null || !n.exists() || n.kind() == Node.Kind.UNKNOWN) {
        mkdir(p, true, uid, gid, 0755, o);
        n = nodes.get(p);
        if (n == null) return;
      }
      put(p, n.withPopulated(n.origin()));
    }

    public void symlink(String link, String target, int uid, int gid, Origin o) {
      put(link, new Node(Node.Kind.SYMLINK, OptionalInt.of(uid), OptionalInt.of(gid),
          OptionalInt.of(0777), true, OptionalInt.empty(), OptionalInt.empty(), false,
          Optional.of(target), o));
    }

    /**
     * Copies {@code srcPath} of another filesystem (another stage) to {@code dest}, keeping owners
     * and modes unless {@code uid}/{@code mode} override them, as BuildKit's copy does.
     */
    public void copyTree(ImageFilesystem src, String srcPath, String dest, OptionalInt uid,
        OptionalInt gid, OptionalInt mode, Origin o) {
      String s = normalize(srcPath);
      String d = normalize(dest);
      Lookup l = src.lookup(s);
      if (l.exists() != Answer.YES) {
        unknownPath(d, o);
        return;
      }
      String resolved = l.resolved();
      Node srcRoot = l.node().orElseThrow();
      Map<String, Node> sub = new TreeMap<>();
      sub.put(resolved, srcRoot);
      sub.putAll(resolved.equals("/") ? src.nodes : src.nodes.subMap(resolved + "/", resolved + "/\uffff"));
      // An existing destination directory keeps its own owner and mode: only what the copy
      // creates gets the source's (fsutil copy: overwriteTargetMetadata is false at the top).
      Node existing = nodes.get(d);
      boolean merge = existing != null && existing.kind() == Node.Kind.DIR
          && srcRoot.kind() == Node.Kind.DIR;
      if (!merge) descendants(d).clear();
      for (Map.Entry<String, Node> e : sub.entrySet()) {
        String rel = e.getKey().equals(resolved) ? "" : e.getKey().substring(
            resolved.equals("/") ? 0 : resolved.length());
        Node n = e.getValue();
        Node copied = new Node(n.kind(), uid.isPresent() ? uid : n.uid(),
            gid.isPresent() ? gid : n.gid(), mode.isPresent() ? mode : n.mode(), n.childrenKnown(),
            uid.isPresent() ? uid : n.childUid(), gid.isPresent() ? gid : n.childGid(),
            n.populated(), n.target(), o);
        if (rel.isEmpty() && merge) {
          copied = new Node(Node.Kind.DIR, existing.uid(), existing.gid(), existing.mode(),
              existing.childrenKnown() && n.childrenKnown(), copied.childUid(), copied.childGid(),
              existing.populated() || n.populated(), Optional.empty(), existing.origin());
        }
        put(d + rel, copied);
      }
    }

    private SortedMap<String, Node> descendants(String p) {
      return p.equals("/") ? nodes.tailMap("/", false) : nodes.subMap(p + "/", p + "/\uffff");
    }
  }
}
