package dev.berth.project;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project fact where scans of application files that stop at a bound say so: one note per
 * file and message (the exit code is unchanged: application files are not berth's input), in a
 * stable order whichever thread hit the bound first.
 */
public final class ScanLimits implements FactDiagnostics {
  private final Map<String, Diagnostic> hits = new ConcurrentHashMap<>();

  public static ScanLimits of(Project project) {
    return project.fact(ScanLimits.class, p -> new ScanLimits());
  }

  /** Records that a scan reading for {@code file} stopped at a bound, said by {@code message}. */
  public void hit(String file, String message) {
    hits.putIfAbsent(file + "\n" + message,
        new Diagnostic(Range.wholeFile(file), Diagnostic.Kind.SKIPPED, message));
  }

  @Override
  public List<Diagnostic> diagnostics() {
    return List.copyOf(new TreeMap<>(hits).values());
  }
}
