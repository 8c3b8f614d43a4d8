package dev.berth.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.compose.ComposeOptions;
import dev.berth.config.BerthConfig;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
  @TempDir Path dir;

  /** Lists like the real filesystem, except that the named directories are refused. */
  private static FileTree.Lister refusing(Set<String> names) {
    return d -> {
      if (names.contains(d.getFileName().toString())) throw new AccessDeniedException(d.toString());
      return Files.newDirectoryStream(d);
    };
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /**
   * The mode-000 case of issue 20 (reproducer 17) through a listing that fails the way the kernel
   * refuses a non-root user; HostileFilesTest does it with real permissions when not root.
   */
  @Test
  void aDirectoryThatCannotBeListedIsReportedUnlessIgnored() throws IOException {
    write(dir.resolve("sub/Dockerfile"), "FROM alpine\nUSER root\n");
    write(dir.resolve("data/pg/Dockerfile"), "FROM alpine\n");
    write(dir.resolve(".gitignore"), "data/\n");
    write(dir.resolve("Dockerfile"), "FROM alpine\nUSER nobody\n");
    Project p = ProjectLoader.load(dir, List.of(), BerthConfig.defaults(),
        ComposeOptions.defaults(), refusing(Set.of("sub", "pg")));
    assertEquals(List.of(new Diagnostic(Range.wholeFile("sub"), Diagnostic.Kind.IO_ERROR,
        "cannot list directory: permission denied; the files in it are not linted")),
        p.diagnostics());
    assertEquals(List.of("Dockerfile"), p.dockerfiles().stream().map(d -> d.path()).toList());
  }

  @Test
  void aRootThatCannotBeListedIsOneDiagnostic() {
    Project p = ProjectLoader.load(dir, List.of(), BerthConfig.defaults(),
        ComposeOptions.defaults(), refusing(Set.of(dir.getFileName().toString())));
    assertEquals(List.of(new Diagnostic(Range.wholeFile("."), Diagnostic.Kind.IO_ERROR,
        "cannot read the project root: permission denied")), p.diagnostics());
  }

  /**
   * On a disk whose names ignore case (macOS, Windows), Compose's lookup of {@code .env} opens
   * {@code .ENV}: the walk's spelling proves nothing absent there, so the disk is asked.
   */
  @Test
  void aCaseInsensitiveDiskStillFindsTheDotEnvSpelledOtherwise() throws IOException {
    for (boolean caseSensitive : new boolean[] {false, true}) {
      var config = caseSensitive ? com.google.common.jimfs.Configuration.unix()
          : com.google.common.jimfs.Configuration.osX();
      try (var fs = com.google.common.jimfs.Jimfs.newFileSystem(config)) {
        Path root = fs.getPath("/work/p");
        write(root.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:${TAG}\n");
        write(root.resolve(".ENV"), "TAG=1.27\n");
        Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults(),
            ComposeOptions.defaults(), Files::newDirectoryStream);
        boolean unset = !p.composeProjects().get(0).unsetVariables().isEmpty();
        // case-sensitive: .ENV is not .env, TAG is unset; case-insensitive: it is .env
        assertEquals(caseSensitive, unset, caseSensitive ? "unix" : "osX");
      }
    }
  }
}
