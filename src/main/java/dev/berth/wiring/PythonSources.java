package dev.berth.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.View;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.project.ScanLimits;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Python files of a build context, read (never run) for the wiring rules' bounded pattern
 * analysis: at most {@link #MAX_FILES} per context, each through {@link AppSources} and its
 * size bound; a context over the bound says so once ({@link ScanLimits}) and what lies beyond is
 * unknown ({@link Files#complete} false).
 */
public final class PythonSources {
  /** Python files read per build context, at most. */
  static final int MAX_FILES = 300;

  /** The readable Python files of one context; {@code complete} false when some were not read. */
  public record Files(List<SourceFile> files, boolean complete) {
    public Files {
      files = List.copyOf(files);
    }
  }

  private final Project project;
  private final Map<String, Files> cache = new ConcurrentHashMap<>();

  private PythonSources(Project project) {
    this.project = project;
  }

  public static PythonSources of(Project project) {
    return project.fact(PythonSources.class, PythonSources::new);
  }

  /** The Python files of {@code context}; empty when the context is unknown or not on disk. */
  public Optional<Files> of(BuildContext context) {
    BuildContexts contexts = BuildContexts.of(project);
    Optional<ContextFiles> files = contexts.files(context);
    if (files.isEmpty() || !context.known()) return Optional.empty();
    ContextFiles cf = files.get();
    return Optional.of(cache.computeIfAbsent(cf.dir(), d -> read(cf)));
  }

  private Files read(ContextFiles cf) {
    List<String> python = cf.filesUnder("", View.CLEAN_CLONE).stream()
        .filter(f -> f.endsWith(".py")).limit(MAX_FILES + 1L).toList();
    boolean complete = python.size() <= MAX_FILES;
    if (!complete) {
      python = python.subList(0, MAX_FILES);
      String dir = cf.dir().isEmpty() ? "." : cf.dir();
      ScanLimits.of(project).hit(dir, "the build context " + dir + "/ holds more than "
          + MAX_FILES + " *.py files, berth's limit; database engines are looked for in the first "
          + MAX_FILES + " only");
    }
    AppSources sources = AppSources.of(project);
    List<SourceFile> out = new ArrayList<>();
    for (String f : python) {
      Optional<SourceFile> src = sources.read(cf.rootPath(f));
      if (src.isPresent()) {
        out.add(src.get());
      } else {
        complete = false;
      }
    }
    return new Files(out, complete);
  }
}
