package dev.berth.project;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way berth reads a file's text: only paths the root walk recorded, symlinks followed
 * only to targets inside the root, a size cap, no binary files, strict UTF-8 (a BOM is dropped,
 * as BuildKit does). Callers decide whether a refusal is a diagnostic (files berth lints) or
 * silence (application files it only consults).
 */
public final class SafeRead {
  private SafeRead() {}

  /** The text, or why it was not read (a one-line message naming no Java type or host path). */
  public sealed interface Result permits Text, Refused {}

  public record Text(SourceFile file) implements Result {}

  public record Refused(Diagnostic.Kind kind, String why) implements Result {}

  public static Result read(Path root, FileTree tree, String rel, long maxBytes) {
    String real = rel;
    for (int hops = 0; ; hops++) {
      Optional<FileTree.Entry> e = tree.get(real);
      if (e.isEmpty() || e.get().kind() != FileTree.Kind.SYMLINK) break;
      if (e.get().escapes() || hops > 8) {
        return new Refused(Diagnostic.Kind.IO_ERROR,
            "symlink points outside the project root (or loops); not followed");
      }
      real = e.get().linkTarget().orElseThrow();
    }
    Path path = root.resolve(real);
    try {
      long size = Files.size(path);
      if (size > maxBytes) {
        return new Refused(Diagnostic.Kind.LIMIT, "file is too large to be a Dockerfile or "
            + "compose file (" + size + " bytes, limit " + maxBytes + ")");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
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
    } catch (CharacterCodingException e) {
      return new Refused(Diagnostic.Kind.IO_ERROR, "not valid UTF-8 text; not linted");
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.NoSuchFileException
              ? (real.equals(rel) ? "no such file" : "dangling symlink (target does not exist)")
          : e instanceof java.nio.file.FileSystemLoopException ? "symlink loop"
          : e instanceof SecurityException ? "access denied"
          : "I/O error";
      return new Refused(Diagnostic.Kind.IO_ERROR, "cannot read file: " + why);
    }
  }
}
