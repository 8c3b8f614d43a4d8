package dev.berth.runtime;

import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every write berth knows a container makes outside HOME, with who makes it: what its programs
 * write as they start (the program catalog's, {@link StartWrites}), then what the application's
 * own code writes ({@link AppWrites}). BTH206 judges each of them and BTH210 leaves a volume
 * where one lands to BTH206: one list keeps the two from disagreeing.
 */
public final class ContainerWrites {
  private ContainerWrites() {}

  /**
   * One write.
   *
   * @param what what is written, as messages say it ({@code its pid file}, {@code open(..., 'a')})
   * @param makesDirectory the write only creates the directory {@code path}: nothing is written
   *     when it exists
   * @param at where the application's code names the path; empty for a program's write
   */
  public record Write(Proc proc, Runner runner, String path, String what, boolean makesDirectory,
      Optional<Range> at) {
    /**
     * It writes in {@code target}: below it, or at it unless it only creates that directory,
     * which a mount point already is ({@code os.makedirs(p, exist_ok=True)} writes nothing).
     */
    public boolean in(String target) {
      String dir = target.endsWith("/") ? target : target + "/";
      return path.startsWith(dir) || path.equals(target) && !makesDirectory;
    }
  }

  /**
   * The writes of {@code c}: its programs' in the order they start ({@code starts}, as their
   * configuration places them: dev.berth.wiring.ConfiguredWrites), then its code's.
   */
  public static List<Write> of(Project project, Container c, List<StartWrites.Write> starts) {
    List<Write> out = new ArrayList<>();
    for (StartWrites.Write w : starts) {
      if (w.underHome()) continue;
      out.add(new Write(w.proc(), Runner.of(c, w), w.path(), w.entry().what(), false,
          Optional.empty()));
    }
    for (AppWrites.Write w : AppWrites.of(project, c)) {
      out.add(new Write(w.proc(), Runner.of(c, w.proc()), w.path(), w.what(), w.makesDirectory(),
          Optional.of(w.at())));
    }
    return out;
  }
}
