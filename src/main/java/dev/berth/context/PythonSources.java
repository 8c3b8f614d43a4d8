package dev.berth.context;

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
 * The Python files of a build context, read (never run) for bounded pattern analysis (Flask log
 * handlers, SQLAlchemy engines): at most {@link #MAX_FILES} per context, each through
 * {@link AppSources} and its size bound, listed and read once per context whichever rule or
 * container asks. What lies beyond the bound is unknown ({@link Files#complete} false); each
 * reader says what it did not look for with {@link #noteBound}.
 */
public final class PythonSources {
  /** Python files read per build context, at most. */
  public static final int MAX_FILES = 300;

  /**
   * The readable Python files of one context; {@code complete} false when some were not read,
   * {@code overBound} when the context holds more than {@link #MAX_FILES}.
   */
  public record Files(String contextDir, List<SourceFile> files, boolean complete,
      boolean overBound) {
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

  /**
   * Says once per context directory that a context over the bound was read in part: "... holds
   * more than 300 *.py files, berth's limit; {@code lookedFor} are looked for in the first 300
   * only".
   */
  public void noteBound(Files f, String lookedFor) {
    if (!f.overBound()) return;
    String dir = f.contextDir().isEmpty() ? "." : f.contextDir();
    ScanLimits.of(project).hit(dir, "the build context " + dir + "/ holds more than "
        + MAX_FILES + " *.py files, berth's limit; " + lookedFor + " are looked for in the first "
        + MAX_FILES + " only");
  }

  private Files read(ContextFiles cf) {
    List<String> python = cf.filesUnder("", View.CLEAN_CLONE).stream()
        .filter(f -> f.endsWith(".py")).limit(MAX_FILES + 1L).toList();
    boolean overBound = python.size() > MAX_FILES;
    if (overBound) python = python.subList(0, MAX_FILES);
    boolean complete = !overBound;
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
    return new Files(cf.dir(), out, complete, overBound);
  }
}
