package dev.berth.project;

import dev.berth.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application files berth consults but does not lint (package.json, *.py, entrypoint scripts),
 * read through {@link SafeRead} on first request and cached per project. A file that cannot be
 * read is simply absent: it is not berth's input, so it is no diagnostic either.
 */
public final class AppSources {
  /** Application files larger than this are not consulted. */
  public static final long MAX_BYTES = 1024L * 1024;

  private final Project project;
  private final Map<String, Optional<SourceFile>> cache = new ConcurrentHashMap<>();

  private AppSources(Project project) {
    this.project = project;
  }

  public static AppSources of(Project project) {
    return project.fact(AppSources.class, AppSources::new);
  }

  /** A root-relative file's text: the loader's copy when it read the file, else read now. */
  public Optional<SourceFile> read(String rel) {
    Optional<SourceFile> loaded = project.source(rel);
    if (loaded.isPresent()) return loaded;
    return cache.computeIfAbsent(rel, r -> {
      if (project.fileTree().get(r).isEmpty()) return Optional.empty();
      SafeRead.Result result = SafeRead.read(project.root(), project.fileTree(), r, MAX_BYTES);
      return result instanceof SafeRead.Text t ? Optional.of(t.file()) : Optional.empty();
    });
  }
}
