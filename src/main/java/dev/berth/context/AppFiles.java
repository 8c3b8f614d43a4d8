package dev.berth.context;

import dev.berth.project.FileTree;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads application files (package.json, *.py) that the loader does not, with the loader's
 * safety: only paths the root walk recorded as files, symlinks followed only to targets inside the
 * root, at most {@link #MAX_BYTES}, UTF-8 text only (binary or undecodable files are skipped, not
 * reported: they are not berth's input). Each file is read once.
 */
final class AppFiles {
  static final long MAX_BYTES = 1024L * 1024;

  private final Path root;
  private final FileTree tree;
  private final Map<String, Optional<SourceFile>> cache = new ConcurrentHashMap<>();

  AppFiles(Path root, FileTree tree) {
    this.root = root;
    this.tree = tree;
  }

  /** The text of a root-relative file, or empty when it cannot or should not be read. */
  Optional<SourceFile> read(String rel) {
    return cache.computeIfAbsent(rel, this::load);
  }

  private Optional<SourceFile> load(String rel) {
    String real = rel;
    for (int hops = 0; ; hops++) {
      Optional<FileTree.Entry> e = tree.get(real);
      if (e.isEmpty()) return Optional.empty();
      if (e.get().kind() == FileTree.Kind.FILE) break;
      if (e.get().kind() != FileTree.Kind.SYMLINK || e.get().escapes() || hops > 8
          || e.get().linkTarget().isEmpty()) {
        return Optional.empty();
      }
      real = e.get().linkTarget().get();
    }
    Path path = root.resolve(real);
    try {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          || Files.size(path) > MAX_BYTES) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(path);
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
        if (bytes[i] == 0) return Optional.empty();
      }
      int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
          && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
      return Optional.of(new SourceFile(rel, text));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
