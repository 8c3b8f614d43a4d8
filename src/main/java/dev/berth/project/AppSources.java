package dev.berth.project;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application files berth consults but does not lint (package.json, *.py, entrypoint scripts),
 * read through {@link SafeRead} on first request and cached per project. A file that cannot be
 * read is simply absent: it is not berth's input, so it is no error either. One larger than
 * {@link #MAX_BYTES} is a note (the bound named, the exit code unchanged): what it would have
 * told a rule is unknown.
 */
public final class AppSources implements FactDiagnostics {
  /** Application files larger than this are not consulted. */
  public static final long MAX_BYTES = 1024L * 1024;

  private final Project project;
  private final Map<String, Optional<SourceFile>> cache = new ConcurrentHashMap<>();
  private final Map<String, Diagnostic> tooLarge = new ConcurrentHashMap<>();

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
      if (result instanceof SafeRead.Refused refused
          && refused.kind() == Diagnostic.Kind.LIMIT) {
        tooLarge.put(r, new Diagnostic(Range.wholeFile(r), Diagnostic.Kind.SKIPPED,
            "not consulted: " + refused.why() + ", berth's limit for application files; what it "
                + "would tell the rules is unknown to berth"));
      }
      return result instanceof SafeRead.Text t ? Optional.of(t.file()) : Optional.empty();
    });
  }

  @Override
  public List<Diagnostic> diagnostics() {
    return List.copyOf(new TreeMap<>(tooLarge).values());
  }
}
