package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.framework.AppLogFiles;
import dev.berth.programs.Program;
import dev.berth.project.Project;
import dev.berth.runtime.AppWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a container's application opens for writing, from its own configuration (Django
 * LOGGING handlers and SQLite database, Flask log handlers) or its own code ({@link AppWrites}),
 * for BTH212 and BTH213. The programs that import the application are the catalog's
 * ({@code loads:}).
 */
final class AppFiles {
  private AppFiles() {}

  enum Kind {
    LOG("a log file it opens at start", "Python's logging", "the app fails at start with 'Permission denied'"),
    DATABASE("its SQLite database; SQLite also creates a -journal file beside it", "SQLite",
        "writing to the database fails with 'unable to open database file'"),
    CODE(null, null, "it fails with 'Permission denied'");

    final String what;
    /** Who opens the file, when it does not create missing directories. */
    final String opener;
    final String failure;

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
  record AppFile(Proc proc, Kind kind, String path, Range at, String what, boolean directory) {
    /** {@code gunicorn (shop/settings.py)}. */
    String label() {
      return proc.display() + " (" + at.file() + ")";
    }

    /** The call creates missing parent directories too ({@code os.makedirs}, {@code mkdir -p}). */
    boolean recursive() {
      return kind == Kind.CODE && (what.startsWith("os.makedirs") || what.contains("recursive"));
    }

    /** The paths that must be writable: a database needs its journal beside it too. */
    List<String> written() {
      return kind == Kind.DATABASE ? List.of(path + "-journal", path) : List.of(path);
    }
  }

  static List<AppFile> of(Project project, Dockerfile df, Container c) {
    List<AppFile> out = new ArrayList<>();
    for (Proc p : c.processes()) {
      Optional<String> wd = c.workdirOf(p);
      if (!p.fsKnown() || wd.isEmpty() || p.program().isEmpty()) continue;
      Set<Program.Loads> loads = p.program().get().program().loads();
      for (AppLogFiles.LogWrite log : AppLogFiles.of(project, df, c.stage(), loads, wd.get())) {
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
