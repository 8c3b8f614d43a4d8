package dev.berth.framework;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.Paths;
import dev.berth.context.PythonSources;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.programs.Program;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where, inside an image, the Python web app it ships writes log files as it starts, and where
 * a Django app keeps its SQLite database.
 *
 * <ul>
 *   <li>Django: the LOGGING handlers of the one settings module in the build context, with
 *       {@code BASE_DIR} paths mapped through the COPY that carries the app into the image. When
 *       the context holds several settings modules (which one runs is unknown) or the app's copy
 *       cannot be followed, nothing is returned.
 *   <li>Flask: {@code logging} file handlers and {@code basicConfig(filename=...)} with a literal
 *       path, in the context's Python files that import flask; a relative path is opened against
 *       the process's working directory. Any other form is unknown.
 * </ul>
 */
public final class AppLogFiles {
  private AppLogFiles() {}

  /**
   * A log file (or with {@code database}, Django's SQLite database) as the container sees it,
   * and where the app configures it.
   */
  public record LogWrite(String path, Range configuredAt, String configFile, boolean database) {
    public LogWrite(String path, Range configuredAt, String configFile) {
      this(path, configuredAt, configFile, false);
    }
  }

  private static final Pattern IMPORTS_FLASK =
      Pattern.compile("(?m)^[ \\t]*+(?:from flask import|import flask\\b)");
  private static final Pattern FILE_HANDLER = Pattern.compile(
      "\\b(?:Rotating|TimedRotating|Watched)?FileHandler\\(\\s*+(['\"])([^'\"\\n]++)\\1");
  private static final Pattern BASIC_CONFIG = Pattern.compile("\\bbasicConfig\\(");
  private static final Pattern FILENAME =
      Pattern.compile("\\bfilename\\s*+=\\s*+(['\"])([^'\"\\n]++)\\1");

  /**
   * @param loads what the process's program imports at start, from the program catalog
   *     ({@code loads:}): Django's settings module, a Python app (whose Flask handlers are read)
   * @param workdir the process's working directory in the container
   */
  public static List<LogWrite> of(Project project, Dockerfile df, StageSimulation sim,
      Set<Program.Loads> loads, String workdir) {
    List<LogWrite> out = new ArrayList<>();
    if (loads.contains(Program.Loads.DJANGO_SETTINGS)) out.addAll(django(project, df, sim, workdir));
    if (loads.contains(Program.Loads.PYTHON_APP)) out.addAll(flask(project, df, workdir));
    return out;
  }

  private static List<LogWrite> flask(Project project, Dockerfile df, String workdir) {
    BuildContexts contexts = BuildContexts.of(project);
    PythonSources python = PythonSources.of(project);
    List<LogWrite> out = new ArrayList<>();
    for (BuildContext context : contexts.forDockerfile(df.path())) {
      Optional<PythonSources.Files> files = python.of(context);
      if (files.isEmpty()) continue;
      python.noteBound(files.get(), "Flask log files");
      for (SourceFile src : files.get().files()) {
        // the plain search first: the line-anchored regex walks every character of every file
        if (!src.text().contains("flask") || !IMPORTS_FLASK.matcher(src.text()).find()) continue;
        for (int[] p : logPaths(src.text())) {
          String path = src.text().substring(p[0], p[1]);
          out.add(new LogWrite(ImageFilesystem.resolve(workdir, path),
              src.range(p[0] - 1, p[1] + 1), src.path()));
        }
      }
    }
    return out;
  }

  /**
   * The literal paths ({start, end} of the text between the quotes) of {@code FileHandler('x')}
   * calls and of {@code basicConfig(... filename='x')} when no ')' comes before the filename, in
   * text order, no two overlapping. One pass per pattern: a lazy regex from every
   * {@code basicConfig(} to the next ')' was quadratic when no ')' followed.
   */
  static List<int[]> logPaths(String text) {
    // plain searches first: each regex walks every character, for every process of every
    // container whose program loads the app (2 s on changedetection.io's Flask sources)
    boolean handlers = text.contains("FileHandler(");
    boolean basic = text.contains("basicConfig(");
    if (!handlers && !basic) return List.of();
    List<int[]> found = new ArrayList<>(); // {start, end, valueStart, valueEnd}
    Matcher h = FILE_HANDLER.matcher(handlers ? text : "");
    while (h.find()) found.add(new int[] {h.start(), h.end(), h.start(2), h.end(2)});
    List<int[]> names = new ArrayList<>();
    Matcher f = FILENAME.matcher(basic ? text : "");
    while (f.find()) names.add(new int[] {f.start(), f.end(), f.start(2), f.end(2)});
    Matcher b = BASIC_CONFIG.matcher(basic ? text : "");
    int next = 0;
    int close = -1;
    while (b.find()) {
      if (close < b.end()) {
        close = text.indexOf(')', b.end());
        if (close < 0) close = text.length();
      }
      while (next < names.size() && names.get(next)[0] < b.end()) next++;
      if (next < names.size() && names.get(next)[0] < close) {
        int[] n = names.get(next);
        found.add(new int[] {b.start(), n[1], n[2], n[3]});
      }
    }
    found.sort(java.util.Comparator.comparingInt(m -> m[0]));
    List<int[]> out = new ArrayList<>();
    int end = 0;
    for (int[] m : found) {
      if (m[0] < end) continue; // inside the previous match, as Matcher.find would skip it
      out.add(new int[] {m[2], m[3]});
      end = m[1];
    }
    return out;
  }

  private static List<LogWrite> django(Project project, Dockerfile df, StageSimulation sim,
      String workdir) {
    FrameworkFacts frameworks = FrameworkFacts.of(project);
    if (frameworks.django().isEmpty()) return List.of();
    BuildContexts contexts = BuildContexts.of(project);
    List<LogWrite> out = new ArrayList<>();
    for (BuildContext context : contexts.forDockerfile(df.path())) {
      Optional<ContextFiles> files = contexts.files(context);
      if (files.isEmpty() || !context.known()) continue;
      String dir = files.get().dir();
      List<DjangoSettings> shipped = frameworks.django().stream()
          .filter(d -> within(dir, d.file()).isPresent()).toList();
      if (shipped.size() != 1) continue;
      DjangoSettings settings = shipped.get(0);
      String settingsInContext = within(dir, settings.file()).get();
      List<DjangoSettings.LogFile> written = new ArrayList<>(settings.logFiles());
      settings.sqliteDatabase().ifPresent(written::add);
      for (DjangoSettings.LogFile log : written) {
        Optional<String> path = log.absolute().map(ImageFilesystem::normalize)
            .or(() -> log.relative().map(r -> ImageFilesystem.resolve(workdir, r)))
            .or(() -> log.repoPath().flatMap(p -> within(dir, p))
                .flatMap(p -> inImage(project, df, contexts, context, sim, settingsInContext, p)));
        boolean database = settings.sqliteDatabase().filter(d -> d == log).isPresent();
        path.ifPresent(p -> out.add(new LogWrite(p, log.range(), settings.file(), database)));
      }
    }
    return out;
  }

  /**
   * The container path of context path {@code target}, via the context COPY/ADD of this stage
   * whose directory source carries both the settings module and {@code target}'s directory.
   */
  private static Optional<String> inImage(Project project, Dockerfile df, BuildContexts contexts,
      BuildContext context, StageSimulation sim, String settings, String target) {
    for (Instruction.FileTransfer t : sim.stage().all(Instruction.FileTransfer.class)) {
      String dest = t.destination().text();
      if (t.from().isPresent() || dest.contains("$")) continue;
      for (SourceMatch m : contexts.sourceOutcomes(context, t)) {
        String src = m.resolved();
        String srcRoot = contexts.files(context).map(f -> f.rootPath(src)).orElse(src);
        boolean directory = src.isEmpty() || project.fileTree().isDirectory(srcRoot);
        if (m.outcome() != SourceMatch.Outcome.MATCHED || !directory
            || !covers(src, settings) || !covers(src, target)) {
          continue;
        }
        Optional<String> base = dest.startsWith("/") ? Optional.of(dest)
            : sim.before(t).flatMap(StageSimulation.Step::workdir)
                .map(wd -> ImageFilesystem.resolve(wd, dest));
        String rel = src.isEmpty() ? target : target.substring(src.length() + 1);
        return base.map(b -> ImageFilesystem.resolve(b, rel));
      }
    }
    return Optional.empty();
  }

  private static boolean covers(String dir, String path) {
    return dir.isEmpty() || path.startsWith(dir + "/");
  }

  private static Optional<String> within(String contextDir, String path) {
    return Optional.ofNullable(Paths.relativize(contextDir, path)).filter(r -> !r.isEmpty());
  }
}
