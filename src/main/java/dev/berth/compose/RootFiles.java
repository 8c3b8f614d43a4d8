package dev.berth.compose;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads project files by root-relative path, never outside the root (symlinks included), bounded
 * in size, UTF-8 only. Every file read is remembered once so reporters can show its text.
 */
final class RootFiles {
  static final long MAX_BYTES = 2L * 1024 * 1024;

  private final Path root;
  private final Path realRoot;
  private final Map<String, Optional<SourceFile>> cache = new LinkedHashMap<>();
  private final Map<String, Diagnostic> failures = new HashMap<>();

  /** A file's text given instead of its disk content (standard input), by root-relative path. */
  private final Optional<SourceFile> unsaved;
  /** Paths the project's walk proves absent: no disk lookup for them. */
  private final Predicate<String> absent;
  /** Files {@link #peek}ed on any thread, taken by their first {@link #read} (not read twice). */
  private final Map<String, SourceFile> peeked = new ConcurrentHashMap<>();

  RootFiles(Path root) {
    this(root, Optional.empty(), p -> false);
  }

  RootFiles(Path root, Optional<SourceFile> unsaved, Predicate<String> absent) {
    this.root = root;
    this.unsaved = unsaved;
    this.absent = absent;
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      real = root.toAbsolutePath().normalize();
    }
    this.realRoot = real;
  }

  /** A root-relative directory as an absolute path, the way Compose's PWD would name it. */
  String absolute(String rel) {
    return root.toAbsolutePath().resolve(rel.isEmpty() ? "." : rel).normalize().toString();
  }

  String rootName() {
    Path name = realRoot.getFileName();
    return name == null ? "" : name.toString();
  }

  boolean exists(String path) {
    return test(path, Files::isRegularFile);
  }

  /**
   * True when {@code path} is inside the root and nothing is there, not even a link: a missing
   * file Compose would refuse. False for a path berth cannot judge (outside the root, absolute,
   * an unsaved buffer).
   */
  boolean absentInside(String path) {
    String rel = path == null ? null : underRoot(path);
    if (rel == null || Paths.escapes(rel) || Paths.isAbsolute(rel) || isUnsaved(rel)) {
      return false;
    }
    Optional<Path> p = onDisk(rel);  // empty for a name no file can have (a NUL)
    if (p.isEmpty()) return false;
    return absent.test(Paths.normalize(rel)) || !Files.exists(p.get(), LinkOption.NOFOLLOW_LINKS);
  }

  /** A file or a directory inside the root at this root-relative path. */
  boolean present(String path) {
    if (path != null && (path.isEmpty() || path.equals("."))) return true;  // the root
    return test(path, Files::exists);
  }

  /**
   * Whether {@code path} (root-relative or absolute under the root) is inside the root and, on
   * disk, passes {@code kind}; an unsaved buffer's path passes.
   */
  private boolean test(String path, java.util.function.Predicate<Path> kind) {
    String rel = path == null ? null : underRoot(path);
    if (rel == null || Paths.escapes(rel) || Paths.isAbsolute(rel)) return false;
    if (isUnsaved(rel)) return true;
    if (absent.test(Paths.normalize(rel))) return false;
    Optional<Path> p = onDisk(rel);
    return p.isPresent() && kind.test(p.get()) && inside(p.get());
  }

  /** Directory listings already read: every compose group without .env asks up to the root. */
  private final Map<String, List<String>> listings = new HashMap<>();

  /** The names in a root-relative directory (none when it is not one, or is outside the root). */
  List<String> names(String dir) {
    return listings.computeIfAbsent(dir == null ? "" : dir, this::list);
  }

  private List<String> list(String dir) {
    String rel = underRoot(dir.isEmpty() ? "." : dir);
    if (Paths.escapes(rel) || Paths.isAbsolute(rel)) return List.of();
    Optional<Path> p = onDisk(rel);
    if (p.isEmpty() || !Files.isDirectory(p.get()) || !inside(p.get())) return List.of();
    try (java.util.stream.Stream<Path> s = Files.list(p.get())) {
      return s.map(x -> x.getFileName().toString()).sorted().limit(10_000).toList();
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** {@code rel} under the root, or empty when no file can have that name (a NUL in it). */
  private Optional<Path> onDisk(String rel) {
    try {
      return Optional.of(root.resolve(rel));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The file as {@link #read} would return it, but neither remembered nor explained: for reading
   * ahead on several threads (this touches no state). Empty for anything {@code read} refuses.
   */
  Optional<SourceFile> peek(String path) {
    String rel = underRoot(path);
    if (Paths.escapes(rel) || Paths.isAbsolute(rel)) return Optional.empty();
    Optional<SourceFile> out = load(rel, Range.wholeFile(rel), new ArrayList<>());
    out.ifPresent(f -> peeked.put(rel, f));
    return out;
  }

  /** The file, or empty with a diagnostic (at {@code from}) explaining why it was not read. */
  Optional<SourceFile> read(String path, Range from, List<Diagnostic> diags) {
    String rel = underRoot(path);
    if (Paths.escapes(rel) || Paths.isAbsolute(rel)) {
      diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR,
          "'" + rel + "' is outside the project root; not read"));
      return Optional.empty();
    }
    if (cache.containsKey(rel)) {
      Optional<SourceFile> hit = cache.get(rel);
      // The first reference's diagnostic, unchanged: the loader prints each diagnostic once, and
      // repeating it keeps it when the load that first saw it was discarded (fragment retry).
      if (hit.isEmpty() && failures.containsKey(rel)) diags.add(failures.get(rel));
      return hit;
    }
    int before = diags.size();
    SourceFile ahead = peeked.remove(rel);
    Optional<SourceFile> out = ahead != null ? Optional.of(ahead) : load(rel, from, diags);
    cache.put(rel, out);
    if (out.isEmpty() && diags.size() > before) failures.put(rel, diags.get(diags.size() - 1));
    return out;
  }

  /**
   * True when nothing at all is at {@code rel} (not even a link): Compose reports such a file as
   * not found, which rules judge; a path outside the root is not "missing" but unknown.
   */
  boolean missing(String rel) {
    if (rel == null || Paths.escapes(rel) || Paths.isAbsolute(rel)) return false;
    if (isUnsaved(rel)) return false;
    // a name no file can have (NUL) is read's diagnostic, not a missing file
    return onDisk(rel).map(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
  }

  /** True for a link at {@code rel} whose target does not exist (a file a script generates). */
  boolean linkToMissing(String rel) {
    if (rel == null || Paths.escapes(rel) || Paths.isAbsolute(rel)) return false;
    return onDisk(rel).map(p -> Files.isSymbolicLink(p) && !Files.exists(p)).orElse(false);
  }

  /**
   * True for a link at {@code rel} whose target, resolved the way the kernel does, is a path
   * inside the root where nothing exists: the file is missing (Compose reports "not found"), not
   * outside the root.
   */
  boolean linkToMissingInside(String rel) {
    if (!linkToMissing(rel)) return false;
    Path p = onDisk(rel).orElseThrow();
    try {
      Path parent = p.toAbsolutePath().getParent().toRealPath();
      Path target = parent.resolve(Files.readSymbolicLink(p)).normalize();
      return target.startsWith(realRoot);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  private boolean isUnsaved(String rel) {
    return unsaved.isPresent() && unsaved.get().path().equals(Paths.normalize(rel));
  }

  private Optional<SourceFile> load(String rel, Range from, List<Diagnostic> diags) {
    if (isUnsaved(rel)) return unsaved;
    Optional<Path> onDisk = onDisk(rel);
    if (onDisk.isEmpty()) {
      diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR,
          "'" + rel + "' is not a valid file name (it contains a NUL character); not read"));
      return Optional.empty();
    }
    Path p = onDisk.get();
    try {
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
        diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR, "'" + rel + "' does not exist"));
        return Optional.empty();
      }
      if (!inside(p)) {
        diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR,
            "'" + rel + "' resolves outside the project root; not read"));
        return Optional.empty();
      }
      if (!Files.isRegularFile(p)) {
        diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR, "'" + rel + "' is not a file"));
        return Optional.empty();
      }
      if (Files.size(p) > MAX_BYTES) {
        diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR,
            "'" + rel + "' is larger than " + MAX_BYTES / (1024 * 1024) + " MiB; not read"));
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      // Dropped, as BuildKit and the loader do: positions then match what the user sees.
      if (text.startsWith("\uFEFF")) text = text.substring(1);
      return Optional.of(new SourceFile(rel, text));
    } catch (CharacterCodingException e) {
      diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR, "'" + rel + "' is not UTF-8 text"));
    } catch (IOException | SecurityException e) {
      diags.add(new Diagnostic(from, Diagnostic.Kind.IO_ERROR,
          "cannot read '" + rel + "': " + (e instanceof java.nio.file.AccessDeniedException
              ? "permission denied" : "I/O error")));
    }
    return Optional.empty();
  }

  /**
   * An absolute host path under the root as a root-relative one; anything else unchanged. Compose
   * opens absolute paths on the host as they are: one outside the root is refused, never
   * re-rooted.
   */
  private String underRoot(String path) {
    if (!path.startsWith("/")) return path;
    for (Path r : List.of(root.toAbsolutePath().normalize(), realRoot)) {
      String prefix = r.toString();
      if (path.equals(prefix)) return ".";
      if (path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        return Paths.normalize(path.substring(prefix.length()).replaceFirst("^/", ""));
      }
    }
    return path;
  }

  private boolean inside(Path p) {
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  List<SourceFile> sourcesRead() {
    List<SourceFile> out = new ArrayList<>();
    for (Optional<SourceFile> f : cache.values()) f.ifPresent(out::add);
    return out;
  }
}
