package dev.berth.runtime;

import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the programs of a container write as they start, from the program catalog: each path
 * resolved against the program's working directory and environment. Only for programs whose
 * filesystem berth still follows ({@link Proc#fsKnown()}); a write whose path depends on an
 * unknown variable, an option that moves it, or an unknown working directory is left out.
 */
public final class StartWrites {
  private StartWrites() {}

  /**
   * One write.
   *
   * @param path absolute, or relative to HOME when {@code underHome}
   * @param underHome the catalog gives the path under {@code ~} (HOME is another fact)
   * @param user who writes it when not the program's user: the user it switched to first
   *     ({@code uwsgi --uid app --pidfile2 ...})
   */
  public record Write(Proc proc, Program.Write entry, String path, boolean underHome,
      Optional<String> user) {
    /** {@code next dev (its development build)}. */
    public String what() {
      return proc.display() + " (" + entry.what() + ")";
    }
  }

  /** The writes of every program of {@code c}, in the order the programs start. */
  public static List<Write> of(Container c) {
    List<Write> out = new ArrayList<>();
    for (Proc p : c.processes()) {
      if (!p.fsKnown() || p.program().isEmpty()) continue;
      Invocation inv = p.program().get();
      Environment env = c.envOf(p);
      for (Program.Write w : inv.program().writes()) {
        if (w.unlessEnv().stream().anyMatch(env::isSet)) continue;
        Optional<String> raw = inv.path(w)
            .flatMap(x -> Invocation.expand(x, env::value, env::isUnknown));
        if (raw.isEmpty() || raw.get().isEmpty()) continue;
        Optional<String> user = Optional.empty();
        if (w.afterDrop()) {
          user = inv.userOption();
          // No user option, but a file that may name one (uwsgi --ini): who writes is unknown.
          if (user.isEmpty() && inv.program().dropsPrivilegesWith()
              .filter(d -> d.ini().stream().anyMatch(inv::hasOption)).isPresent()) {
            continue;
          }
        }
        String path = raw.get();
        if (path.equals("~") || path.startsWith("~/")) {
          out.add(new Write(p, w, path.equals("~") ? "" : path.substring(2), true, user));
          continue;
        }
        if (!path.startsWith("/")) {
          Optional<String> wd = c.workdirOf(p);
          if (wd.isEmpty()) continue;
          path = ImageFilesystem.resolve(wd.get(), path);
        }
        out.add(new Write(p, w, ImageFilesystem.normalize(path), false, user));
      }
    }
    return out;
  }
}
