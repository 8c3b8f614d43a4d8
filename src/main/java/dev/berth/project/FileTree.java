package dev.berth.project;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An index of every path under the project root, taken in one walk and never refreshed: rules and
 * facts ask it whether a file exists, what a directory contains or where a symlink points, without
 * touching the disk again. Symlinks are recorded, never followed; a link whose target leaves the
 * root is flagged so the loader can report it.
 */
public final class FileTree {

  public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }

  /**
   * @param path root-relative, forward slashes, no leading "./"; the root itself is ""
   * @param linkTarget for symlinks: the target resolved against the link's directory and
   *     normalised, root-relative; empty when it points outside the root (then {@code escapes})
   * @param pruned a directory recorded but not descended into (.git, node_modules)
   */
  public record Entry(String path, Kind kind, long size, Optional<String> linkTarget,
      boolean escapes, boolean pruned) {

    public String name() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? path : path.substring(slash + 1);
    }
  }

  /** Directory names recorded but never descended into. */
  public static final Set<String> PRUNED = Set.of(".git", "node_modules");

  private final NavigableMap<String, Entry> entries;
  private final boolean truncated;
  private final Map<String, String> unreadable;

  private FileTree(NavigableMap<String, Entry> entries, boolean truncated,
      Map<String, String> unreadable) {
    this.entries = Collections.unmodifiableNavigableMap(entries);
    this.truncated = truncated;
    this.unreadable = Collections.unmodifiableMap(unreadable);
  }

  /** Builds a tree from entries (tests; and the loader's walk). */
  public static FileTree of(List<Entry> list, boolean truncated) {
    NavigableMap<String, Entry> m = new TreeMap<>();
    for (Entry e : list) m.put(e.path(), e);
    return new FileTree(m, truncated, Map.of());
  }

  /**
   * Walks {@code root} (on any FileSystem), recording at most {@code maxEntries} paths.
   * A directory that cannot be listed is recorded, with why, in {@link #unreadable()}: the loader
   * reports it, since the files in it are not linted.
   */
  public static FileTree scan(Path root, int maxEntries) throws IOException {
    return scan(root, maxEntries, Files::newDirectoryStream);
  }

  /** Lists one directory; a test seam, since a root user can list a mode-000 directory. */
  interface Lister {
    DirectoryStream<Path> list(Path dir) throws IOException;
  }

  static FileTree scan(Path root, int maxEntries, Lister lister) throws IOException {
    Path realRoot = root.toAbsolutePath().normalize();
    Optional<FileTree> all = scanInParallel(realRoot, maxEntries, lister);
    // more paths than the bound: the ordered walk decides which are kept, run after run
    return all.isPresent() ? all.get() : scanInOrder(realRoot, maxEntries, lister);
  }

  /** What listing one directory found: its children's entries and the directories to descend. */
  private record Listing(List<Entry> entries, List<Map.Entry<Path, String>> subdirs, String why) {}

  /**
   * Lists {@code dir} and reads each child's attributes; {@code why} is set when the directory
   * cannot be listed. Children gone since the listing are left out.
   */
  private static Listing list(Path realRoot, Path dir, String dirRel, Lister lister) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = lister.list(dir)) {
      for (Path c : ds) children.add(c);
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      Exception cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
      return new Listing(List.of(), List.of(), SafeRead.why(cause, false));
    }
    List<Entry> entries = new ArrayList<>(children.size());
    List<Map.Entry<Path, String>> subdirs = new ArrayList<>();
    for (Path child : children) {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | SecurityException e) {
        continue; // gone since the listing
      }
      String name = child.getFileName().toString();
      String rel = dirRel.isEmpty() ? name : dirRel + "/" + name;
      if (attrs.isDirectory()) {
        boolean prune = PRUNED.contains(name);
        entries.add(new Entry(rel, Kind.DIRECTORY, 0, Optional.empty(), false, prune));
        if (!prune) subdirs.add(Map.entry(child, rel));
      } else if (attrs.isSymbolicLink()) {
        entries.add(symlink(realRoot, child, rel));
      } else {
        Kind kind = attrs.isRegularFile() ? Kind.FILE : Kind.OTHER;
        entries.add(new Entry(rel, kind, attrs.size(), Optional.empty(), false, false));
      }
    }
    return new Listing(entries, subdirs, null);
  }

  /**
   * The walk on every core: directories are listed and their entries' attributes read in
   * parallel (a large tree's walk is one system call per path, a third of its whole run on one
   * core). Empty when the tree holds more than {@code maxEntries} paths.
   */
  private static Optional<FileTree> scanInParallel(Path realRoot, int maxEntries, Lister lister)
      throws IOException {
    Listing top = list(realRoot, realRoot, "", lister);
    if (top.why() != null) throw new IOException(top.why());
    java.util.concurrent.ConcurrentLinkedQueue<Entry> found =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    Map<String, String> unreadable = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger(1);
    found.add(new Entry("", Kind.DIRECTORY, 0, Optional.empty(), false, false));
    if (count.addAndGet(top.entries().size()) > maxEntries) return Optional.empty();
    found.addAll(top.entries());
    final class Walk extends java.util.concurrent.RecursiveAction {
      private final List<Map.Entry<Path, String>> dirs;
      private final int depth;

      Walk(List<Map.Entry<Path, String>> dirs, int depth) {
        this.dirs = dirs;
        this.depth = depth;
      }

      @Override
      protected void compute() {
        // Forked tasks nest once per level; deeper than this, a plain stack (the depth of a
        // tree is the user's to choose, the threads' stacks are not).
        Deque<Map.Entry<Path, String>> todo = new ArrayDeque<>(dirs);
        List<Walk> forks = new ArrayList<>();
        while (!todo.isEmpty()) {
          Map.Entry<Path, String> d = todo.pop();
          Listing l = list(realRoot, d.getKey(), d.getValue(), lister);
          if (l.why() != null) {
            unreadable.put(d.getValue(), l.why());
            continue;
          }
          if (count.addAndGet(l.entries().size()) > maxEntries) return;
          found.addAll(l.entries());
          if (depth < 32) {
            if (!l.subdirs().isEmpty()) forks.add(new Walk(l.subdirs(), depth + 1));
          } else {
            l.subdirs().forEach(todo::push);
          }
        }
        invokeAll(forks);
      }
    }
    List<Walk> roots = top.subdirs().stream().map(d -> new Walk(List.of(d), 1)).toList();
    java.util.concurrent.ForkJoinTask.invokeAll(roots);
    if (count.get() > maxEntries) return Optional.empty();
    NavigableMap<String, Entry> m = new TreeMap<>();
    for (Entry e : found) m.put(e.path(), e);
    submodules(realRoot, m);
    return Optional.of(new FileTree(m, false, new TreeMap<>(unreadable)));
  }

  /** The walk in a fixed order, for trees over the bound: it stops at the same path every run. */
  private static FileTree scanInOrder(Path realRoot, int maxEntries, Lister lister)
      throws IOException {
    List<Entry> list = new ArrayList<>();
    Map<String, String> unreadable = new TreeMap<>();
    boolean truncated = false;
    list.add(new Entry("", Kind.DIRECTORY, 0, Optional.empty(), false, false));
    // An explicit stack, not recursion: the depth of a tree is the user's to choose.
    Deque<Map.Entry<Path, String>> todo = new ArrayDeque<>();
    todo.push(Map.entry(realRoot, ""));
    walk:
    while (!todo.isEmpty()) {
      Path dir = todo.peek().getKey();
      String dirRel = todo.pop().getValue();
      Listing l = list(realRoot, dir, dirRel, lister);
      if (l.why() != null) {
        if (dir.equals(realRoot)) throw new IOException(l.why());
        unreadable.put(dirRel, l.why());
        continue;
      }
      for (Entry e : l.entries()) {
        if (list.size() >= maxEntries) {
          truncated = true;
          break walk;
        }
        list.add(e);
      }
      // pushed in listing order, as before: the last one is walked first
      l.subdirs().forEach(todo::push);
    }
    NavigableMap<String, Entry> m = new TreeMap<>();
    for (Entry e : list) m.put(e.path(), e);
    submodules(realRoot, m);
    return new FileTree(m, truncated, unreadable);
  }

  /** .gitmodules larger than this is not read (a real one is a few lines per submodule). */
  private static final long MAX_GITMODULES = 256 * 1024;

  /**
   * The git submodules {@code .gitmodules} at the root declares (git-scm.com/docs/gitmodules:
   * {@code path = DIR} in each section) whose directory is absent or empty: a clone without
   * {@code --recurse-submodules} leaves them empty until {@code git submodule update --init}
   * fills them from another repository. Their content is unknown, so each is recorded as a
   * pruned directory, like node_modules: whatever a build copies from it may well be there.
   */
  private static void submodules(Path root, NavigableMap<String, Entry> m) {
    Entry file = m.get(".gitmodules");
    if (file == null || file.kind() != Kind.FILE || file.size() > MAX_GITMODULES) return;
    List<String> lines;
    try {
      lines = Files.readAllLines(root.resolve(".gitmodules"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return; // unreadable or not UTF-8: no submodules known, as before
    }
    for (String line : lines) {
      String t = line.strip();
      if (!t.startsWith("path")) continue;
      int eq = t.indexOf('=');
      if (eq < 0 || !t.substring(0, eq).strip().equals("path")) continue;
      String dir = t.substring(eq + 1).strip();
      if (dir.startsWith("\"") && dir.endsWith("\"") && dir.length() >= 2) {
        dir = dir.substring(1, dir.length() - 1);
      }
      while (dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
      if (dir.isEmpty() || dir.startsWith("/") || dir.contains("..") || dir.contains("\\")) continue;
      Entry e = m.get(dir);
      if (e != null && (e.kind() != Kind.DIRECTORY || m.higherKey(dir + "/") != null
          && m.higherKey(dir + "/").startsWith(dir + "/"))) {
        continue; // checked out (or not a directory): the walk saw what is there
      }
      m.put(dir, new Entry(dir, Kind.DIRECTORY, 0, Optional.empty(), false, true));
      for (int i = dir.indexOf('/'); i > 0; i = dir.indexOf('/', i + 1)) {
        m.putIfAbsent(dir.substring(0, i), new Entry(dir.substring(0, i), Kind.DIRECTORY, 0,
            Optional.empty(), false, false));
      }
    }
  }

  private static Entry symlink(Path root, Path link, String rel) {
    try {
      Path target = Files.readSymbolicLink(link);
      Path resolved = link.getParent().resolve(target).normalize();
      if (resolved.startsWith(root)) {
        return new Entry(rel, Kind.SYMLINK, 0, Optional.of(relative(root, resolved)), false, false);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // an unreadable link is treated like one that escapes: never followed
    }
    return new Entry(rel, Kind.SYMLINK, 0, Optional.empty(), true, false);
  }

  static String relative(Path root, Path p) {
    String s = root.relativize(p).toString();
    String sep = p.getFileSystem().getSeparator();
    return sep.equals("/") ? s : s.replace(sep, "/");
  }

  public boolean truncated() {
    return truncated;
  }

  /** Directories the walk could not list, with why ("permission denied"), in path order. */
  public Map<String, String> unreadable() {
    return unreadable;
  }

  public Optional<Entry> get(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  /**
   * True when the walk proves nothing is at the root-relative {@code path}: it is not recorded,
   * and the nearest recorded entry above it is a directory the walk listed in full (not pruned,
   * not unreadable, not a link, and the walk was not cut short). A caller may then skip asking
   * the disk; false means "look".
   */
  public boolean surelyAbsent(String path) {
    if (truncated || entries.containsKey(path)) return false;
    String p = path;
    while (!p.isEmpty()) {
      int slash = p.lastIndexOf('/');
      p = slash < 0 ? "" : p.substring(0, slash);
      Entry e = entries.get(p);
      if (e != null) {
        return e.kind() == Kind.DIRECTORY && !e.pruned() && !unreadable.containsKey(p);
      }
    }
    return false;
  }

  public boolean isFile(String path) {
    Entry e = entries.get(path);
    return e != null && e.kind() == Kind.FILE;
  }

  public boolean isDirectory(String path) {
    Entry e = entries.get(path);
    return e != null && e.kind() == Kind.DIRECTORY;
  }

  public Stream<Entry> all() {
    return entries.values().stream();
  }

  /** Every entry strictly below {@code dir} ("" = whole tree), in path order. */
  public Stream<Entry> under(String dir) {
    if (dir.isEmpty()) return entries.values().stream().filter(e -> !e.path().isEmpty());
    String prefix = dir + "/";
    // '0' is the character after '/', so this sub-map is exactly the paths starting with prefix
    return entries.subMap(prefix, true, dir + "0", false).values().stream();
  }

  /** Direct children of {@code dir}. */
  public Stream<Entry> children(String dir) {
    // Each step adds a child or jumps over a child's whole subtree: the cost is the number of
    // children, not the size of the subtree (this is asked once per import in large trees).
    String prefix = dir.isEmpty() ? "" : dir + "/";
    List<Entry> out = new ArrayList<>();
    Map.Entry<String, Entry> e = entries.higherEntry(prefix.isEmpty() ? "" : prefix);
    while (e != null && e.getKey().startsWith(prefix)) {
      int slash = e.getKey().indexOf('/', prefix.length());
      if (slash < 0) {
        out.add(e.getValue());
        e = entries.higherEntry(e.getKey());
      } else {
        // '0' follows '/': the first key after everything below this child
        e = entries.ceilingEntry(e.getKey().substring(0, slash) + "0");
      }
    }
    return out.stream();
  }
}
