package dev.berth.compose;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory project tree for loader tests. */
final class ComposeFixture {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  final Path root = fs.getPath("/work/My_App");
  private final Map<String, String> files = new LinkedHashMap<>();

  ComposeFixture file(String rel, String text) {
    files.put(rel, text);
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ComposeLoadResult load(ComposeOptions options) {
    List<String> compose = new ArrayList<>();
    for (String f : files.keySet()) {
      // The names discovery picks up (compose, docker-compose, podman-compose, ...).
      if (dev.berth.project.FileKinds.classify(f.substring(f.lastIndexOf('/') + 1))
          == dev.berth.project.ProjectFile.Kind.COMPOSE) {
        compose.add(f);
      }
    }
    return ComposeLoader.load(root, compose, options);
  }

  ComposeLoadResult load() {
    return load(ComposeOptions.defaults());
  }

  /** The only project, failing if there are diagnostics. */
  ComposeProject project() {
    ComposeLoadResult r = load();
    if (!r.diagnostics().isEmpty()) throw new AssertionError(r.diagnostics().toString());
    if (r.projects().size() != 1) throw new AssertionError("projects: " + r.projects().size());
    return r.projects().get(0);
  }
}
