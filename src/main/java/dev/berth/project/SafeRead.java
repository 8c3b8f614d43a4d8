package dev.berth.project;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The one way berth reads a file's text: only paths the root walk recorded, symlinks followed
 * only to targets inside the root, a size cap, no binary files, strict UTF-8 (a BOM is dropped,
 * as BuildKit does). Callers decide whether a refusal is a diagnostic (files berth lints) or
 * silence (application files it only consults).
 *
 * <p>Containment is checked on the real path, not on the text of the path: a link whose target
 * looks inside ({@code host/etc/passwd}) may pass through another link ({@code host -> /}), so
 * every component is resolved ({@link Path#toRealPath}) and the result must lie under the real
 * root. Only a regular file is opened, and without following a last-moment link: opening a FIFO
 * would block forever, a device could be endless.
 */
public final class SafeRead {
  private SafeRead() {}

  /** The text, or why it was not read (a one-line message naming no Java type or host path). */
  public sealed interface Result permits Text, Refused {}

  public record Text(SourceFile file) implements Result {}

  public record Refused(Diagnostic.Kind kind, String why) implements Result {}

  static final String ESCAPES = "symlink points outside the project root (or loops); not followed";

  /**
   * @param tree the root walk; {@code null} for files it does not record (inside {@code .git}),
   *     which are then only checked on disk
   */
  public static Result read(Path root, FileTree tree, String rel, long maxBytes) {
    String real = rel;
    for (int hops = 0; tree != null; hops++) {
      Optional<FileTree.Entry> e = tree.get(real);
      if (e.isEmpty() || e.get().kind() != FileTree.Kind.SYMLINK) break;
      if (e.get().escapes() || hops > 8) return new Refused(Diagnostic.Kind.IO_ERROR, ESCAPES);
      real = e.get().linkTarget().orElseThrow();
    }
    try {
      Path path = insideRoot(root, root.resolve(real));
      BasicFileAttributes attrs =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        return new Refused(Diagnostic.Kind.IO_ERROR, attrs.isDirectory() ? "is a directory"
            : "not a regular file (a FIFO, socket or device); not read");
      }
      long size = attrs.size();
      if (size > maxBytes) {
        return new Refused(Diagnostic.Kind.LIMIT, "file is too large (" + size + " bytes, limit "
            + maxBytes + ")");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      }
      if (bytes.length > maxBytes) {
        return new Refused(Diagnostic.Kind.LIMIT, "file grew past the size limit while read");
      }
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
        if (bytes[i] == 0) {
          return new Refused(Diagnostic.Kind.IO_ERROR,
              "binary file (NUL byte at offset " + i + "); not linted");
        }
      }
      int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
          && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
      return new Text(new SourceFile(rel, text));
    } catch (Outside e) {
      return new Refused(Diagnostic.Kind.IO_ERROR, ESCAPES);
    } catch (CharacterCodingException e) {
      return new Refused(Diagnostic.Kind.IO_ERROR, "not valid UTF-8 text; not linted");
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return new Refused(Diagnostic.Kind.IO_ERROR, "cannot read file: " + why(e, !real.equals(rel)));
    }
  }

  /** A path that resolves (through some symlink) outside the root. */
  static final class Outside extends IOException {
    private static final long serialVersionUID = 1L;

    Outside() {
      super("outside the project root", null);
    }
  }

  /**
   * The real path of {@code path} when it lies under the real root; throws {@link Outside} when
   * any symlink on the way leads out, an IOException when it does not exist or loops.
   */
  static Path insideRoot(Path root, Path path) throws IOException {
    Path realRoot = root.toRealPath();
    Path real = path.toRealPath();
    if (!real.startsWith(realRoot)) throw new Outside();
    return real;
  }

  /** Why reading failed, in words (no Java type, no host path). */
  static String why(Exception e, boolean throughLink) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) {
      return throughLink ? "dangling symlink (target does not exist)" : "no such file";
    }
    if (e instanceof java.nio.file.FileSystemLoopException) return "symlink loop";
    if (e instanceof FileSystemException f && f.getReason() != null
        && f.getReason().contains("symbolic links")) {
      return "symlink loop";
    }
    if (e instanceof SecurityException) return "access denied";
    return "I/O error";
  }
}
