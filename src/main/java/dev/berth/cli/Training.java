package dev.berth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the start-up cache (bin/berth makes a class-data archive, or on JDK 25+
 * an AOT cache, from one run of this class): berth lints a few small projects shipped inside the
 * jar ({@code berth/training/}, copied from test-fixtures at build time) in every output format,
 * and prints its help, rule list and a rule page, so that the cache holds the classes a real run
 * loads. The projects are unpacked into a temporary directory beside the jar (berth reads
 * projects from a real file system) and removed after; nothing else is written, nothing is
 * printed. Any failure only makes the cache smaller, so it is ignored.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) {
    Path unpacked = null;
    try (PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false,
        StandardCharsets.UTF_8)) {
      Path jar = Path.of(Training.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      unpacked = Files.createTempDirectory(jar.toAbsolutePath().getParent(), ".berth-training-");
      try (FileSystem fs = FileSystems.newFileSystem(jar)) {
        unpack(fs.getPath("/berth/training"), unpacked);
      }
      List<Path> projects;
      try (var dirs = Files.list(unpacked)) {
        projects = dirs.filter(Files::isDirectory).sorted().toList();
      }
      for (Path project : projects) {
        for (String format : List.of("text", "sarif", "json")) {
          Main.run(new String[] {"--root", ".", "--format", format, "--no-color", "."}, sink,
              sink, Map.of(), project);
        }
      }
      Main.run(new String[] {"--help"}, sink, sink, Map.of(), unpacked);
      Main.run(new String[] {"--list-rules"}, sink, sink, Map.of(), unpacked);
      Main.run(new String[] {"--explain", "BTH204"}, sink, sink, Map.of(), unpacked);
      Main.run(new String[] {"--version"}, sink, sink, Map.of(), unpacked);
    } catch (URISyntaxException | IOException | RuntimeException e) {
      // a smaller cache, never a failed run
    } finally {
      if (unpacked != null) delete(unpacked);
    }
  }

  private static void unpack(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      // left behind: a hidden directory beside the jar
    }
  }
}
