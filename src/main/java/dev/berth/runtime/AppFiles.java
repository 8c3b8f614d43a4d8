package dev.berth.runtime;

import dev.berth.framework.AppLogFiles;
import dev.berth.image.Answer;
import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Program;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a container's application opens for writing, from its own configuration (Django
 * LOGGING handlers and SQLite database, Flask log handlers) or its own code ({@link AppWrites}),
 * as BTH212 and BTH213 judge them. The programs that import the application are the catalog's
 * ({@code loads:}).
 */
public final class AppFiles {
  private AppFiles() {}

  public enum Kind {
    LOG("a log file it opens at start", "Python's logging", "the app fails at start with 'Permission denied'"),
    DATABASE("its SQLite database; SQLite also creates a -journal file beside it", "SQLite",
        "writing to the database fails with 'unable to open database file'"),
    CODE(null, null, "it fails with 'Permission denied'");

    public final String what;
    /** Who opens the file, when it does not create missing directories. */
    public final String opener;
    public final String failure;

    Kind(String what, String opener, String failure) {
      this.what = what;
      this.opener = opener;
      this.failure = failure;
    }
  }

  /**
   * One file.
   *
   * @param at where the app names it: the handler or database setting, or the write call
   * @param what for code writes, the call ({@code open(..., 'a')})
   * @param directory the call creates a directory (nothing happens when it exists)
   */
  public record AppFile(Proc proc, Kind kind, String path, Range at, String what, boolean directory) {
    /** {@code gunicorn (shop/settings.py)}. */
    public String label() {
      return proc.display() + " (" + at.file() + ")";
    }

    /** The call creates missing parent directories too ({@code os.makedirs}, {@code mkdir -p}). */
    public boolean recursive() {
      return kind == Kind.CODE && (what.startsWith("os.makedirs") || what.contains("recursive"));
    }

    /**
     * The path whose creation needs write access to its directory: the file itself, or for
     * {@code os.makedirs} the first missing directory on the way. Empty when a file's directory
     * is missing (BTH213's question for log files and databases; for the code's own {@code open}
     * the code may create it where berth does not look).
     */
    public Optional<String> firstToCreate(ImageFilesystem fs) {
      String p = path;
      while (!p.equals("/")) {
        // A directory that may exist: whether the path can be made is the filesystem's answer.
        if (fs.lookup(ImageFilesystem.parent(p)).exists() != Answer.NO) return Optional.of(p);
        if (!recursive()) return Optional.empty();
        p = ImageFilesystem.parent(p);
      }
      return Optional.empty();
    }

    /**
     * The directory of the file when the image surely lacks it and the file's opener does not
     * create directories (Python's logging, SQLite): the app fails at start.
     */
    public Optional<String> missingDirectory(ImageFilesystem fs) {
      String dir = ImageFilesystem.parent(path);
      return kind.opener != null && fs.lookup(dir).exists() == Answer.NO
          ? Optional.of(dir) : Optional.empty();
    }

    /** The paths that must be writable: a database needs its journal beside it too. */
    public List<String> written() {
      return kind == Kind.DATABASE ? List.of(path + "-journal", path) : List.of(path);
    }

    /**
     * What the app must be able to write in {@code fs} for this file, in order: for its code's
     * call the first path it creates, else {@link #written()}. None when a call that creates a
     * directory finds it there (nothing happens) or nothing can be created
     * ({@link #firstToCreate}).
     */
    public List<String> toWrite(ImageFilesystem fs) {
      if (directory && fs.lookup(path).exists() == Answer.YES) return List.of();
      Optional<String> first = firstToCreate(fs);
      if (first.isEmpty()) return List.of();
      return kind == Kind.CODE ? List.of(first.get()) : written();
    }
  }

  public static List<AppFile> of(Project project, Container c) {
    List<AppFile> out = new ArrayList<>();
    // A Python file edited at start (sed -i on settings.py) may be the configuration read here.
    boolean pythonEdited = c.editedAtStart().stream().anyMatch(f -> f.endsWith(".py"));
    for (Proc p : c.processes()) {
      Optional<String> wd = c.workdirOf(p);
      if (!p.fsKnown() || pythonEdited || wd.isEmpty() || p.program().isEmpty()) continue;
      Set<Program.Loads> loads = p.program().get().program().loads();
      for (AppLogFiles.LogWrite log : AppLogFiles.of(project, c.dockerfile(), c.stage(), loads, wd.get())) {
        Kind kind = log.database() ? Kind.DATABASE : Kind.LOG;
        out.add(new AppFile(p, kind, log.path(), log.configuredAt(), kind.what, false));
      }
    }
    for (AppWrites.Write w : AppWrites.of(project, c)) {
      out.add(new AppFile(w.proc(), Kind.CODE, w.path(), w.at(), w.what(), w.makesDirectory()));
    }
    return out;
  }
}
