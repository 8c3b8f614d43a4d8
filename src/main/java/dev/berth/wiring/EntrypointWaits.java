package dev.berth.wiring;

import static dev.berth.source.DataResources.strings;

import dev.berth.image.ContainerProcess;
import dev.berth.image.EntrypointScripts;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.ImageFiles;
import dev.berth.source.DataResources;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage's ENTRYPOINT script does before it hands over to the container's command that
 * needs another service: waits for a host:port ({@code wait-for-it}, a {@code until pg_isready}
 * loop), runs database migrations, or runs checks that fail without production settings
 * ({@code berth/wiring/start-dependencies.yaml}). Only commands that run on every start are
 * listed: not inside an if/case/loop body, not after {@code ||}, not in the background, before
 * the script's {@code exec "$@"}. Only scripts read from a project file whose commands all parse
 * and that hand over to their arguments ({@code exec "$@"}) are judged: then every command the
 * image is started with, one-off ones included, waits first.
 */
public final class EntrypointWaits {
  /** What kind of dependency the command has. */
  public enum Kind { WAIT, MIGRATION, CHECK }

  /** A command of the script that needs another service, and where it is written. */
  public record Wait(Kind kind, String command, Range at) {}

  /** The script, the ENTRYPOINT that runs it, and what it waits on before {@code exec "$@"}. */
  public record Script(SourceFile file, Range entrypoint, List<Wait> waits) {
    public Script {
      waits = List.copyOf(waits);
    }
  }

  private record Pattern(List<String> words, List<String> unless) {}

  private static final Catalog CATALOG = Catalog.load();
  private static final Set<String> HAND_OVER = Set.of("\"$@\"", "$@", "\"${@}\"", "${@}");

  private final Project project;

  private EntrypointWaits(Project project) {
    this.project = project;
  }

  public static EntrypointWaits of(Project project) {
    return project.fact(EntrypointWaits.class, EntrypointWaits::new);
  }

  /**
   * The container's ENTRYPOINT script (the image's own ENTRYPOINT, as {@code docker run} starts
   * it) with the commands that wait on another service; empty when there is no such script berth
   * can read whole from a project file.
   */
  public Optional<Script> script(Container c) {
    Optional<ContainerProcess> proc = ContainerProcess.of(c.stage());
    Optional<String> path = EntrypointScripts.scriptPath(c.stage());
    if (proc.isEmpty() || path.isEmpty()) return Optional.empty();
    Optional<ImageFiles.Content> content = ImageFiles.read(project, c, path.get());
    if (content.isEmpty() || content.get().file().isEmpty()) return Optional.empty();
    SourceFile file = content.get().file().get();
    Optional<List<Wait>> waits = waits(file);
    if (waits.isEmpty()) return Optional.empty();
    Range entrypoint = proc.get().source(proc.get().programIndex()).range();
    return Optional.of(new Script(file, entrypoint, waits.get()));
  }

  /** The waits before the hand-over; empty when the script does not parse or hand over. */
  static Optional<List<Wait>> waits(SourceFile file) {
    ShellScript script = ShellScript.parse(file.text());
    if (!script.complete()) return Optional.empty();
    List<Wait> out = new ArrayList<>();
    // After a command started in the background, a wait may be for a server the script itself
    // runs (postgres & until pg_isready ...): no longer another service.
    boolean ownServer = false;
    for (SimpleCommand c : script.commands()) {
      if (handsOver(c)) return Optional.of(out);
      if (c.background()) ownServer = true;
      if (c.background() || c.subshell()) continue;
      List<String> words = c.words().stream().map(EntrypointWaits::word).toList();
      if (words.isEmpty()) continue;
      boolean local = ownServer || words.stream().anyMatch(EntrypointWaits::loopback);
      Range at = file.range(c.start(), Math.min(file.text().length(), c.end()));
      String text = file.text().substring(c.start(), Math.min(file.text().length(), c.end()));
      Optional<ShellScript.Loop> loop =
          script.loops().stream().filter(l -> l.inCondition(c)).findFirst();
      if (loop.isPresent()) {
        boolean nested = loop.get().conditional();
        Optional<List<String>> host = Optional.ofNullable(CATALOG.probes().get(base(words.get(0))));
        if (!nested && !local && host.isPresent() && remote(c, host.get())) {
          out.add(new Wait(Kind.WAIT, text, at));
        }
        continue;
      }
      if (c.conditional()) continue;
      if (matches(CATALOG.waits(), words) && !local) {
        out.add(new Wait(Kind.WAIT, text, at));
        // exec wait-for-it db:5432 -- "$@": waits, then runs the command it was given.
        if (c.words().stream().anyMatch(w -> HAND_OVER.contains(w.raw()))) return Optional.of(out);
      } else if (matches(CATALOG.migrations(), words) && !ownServer) {
        out.add(new Wait(Kind.MIGRATION, text, at));
      } else if (matches(CATALOG.checks(), words)) {
        out.add(new Wait(Kind.CHECK, text, at));
      }
    }
    return Optional.empty();
  }

  private static boolean loopback(String word) {
    return word.contains("localhost") || word.contains("127.0.0.1") || word.contains("::1");
  }

  /**
   * The probe names a server: it has no host options (nc, curl: the target is an operand), or
   * one of them is given, or an operand is a URL or a variable (a connection string).
   */
  private static boolean remote(SimpleCommand c, List<String> hostOptions) {
    if (hostOptions.isEmpty()) return true;
    for (ShellWord w : c.args()) {
      String raw = w.raw();
      for (String o : hostOptions) {
        if (raw.equals(o) || raw.startsWith(o + "=") || o.length() == 2 && raw.startsWith(o)) {
          return true;
        }
      }
      if (!raw.startsWith("-") && (raw.contains("://") || raw.contains("$"))) return true;
    }
    return false;
  }

  /** {@code exec "$@"} or {@code "$@"} alone: the script runs the command it was given. */
  private static boolean handsOver(SimpleCommand c) {
    List<String> raw = c.words().stream().map(ShellWord::raw).toList();
    if (raw.isEmpty()) return false;
    int first = raw.get(0).equals("exec") ? 1 : 0;
    return raw.size() > first && HAND_OVER.contains(raw.get(first));
  }

  private static String word(ShellWord w) {
    return w.value().orElse(w.raw());
  }

  private static String base(String word) {
    return word.substring(word.lastIndexOf('/') + 1);
  }

  /** The words contain one pattern's words in order (base names for paths, NAME=value for NAME). */
  private static boolean matches(List<Pattern> patterns, List<String> words) {
    for (Pattern p : patterns) {
      int k = 0;
      for (String w : words) {
        if (k < p.words().size() && same(p.words().get(k), w)) k++;
      }
      if (k < p.words().size()) continue;
      boolean excluded = p.unless().stream().anyMatch(u -> words.stream()
          .anyMatch(w -> w.equals(u) || w.endsWith("=" + u)));
      if (!excluded) return true;
    }
    return false;
  }

  private static boolean same(String pattern, String word) {
    return word.equals(pattern) || base(word).equals(pattern) || word.startsWith(pattern + "=");
  }

  /** {@code probes}: each probe's name and the options that name its server. */
  private record Catalog(List<Pattern> waits, Map<String, List<String>> probes,
      List<Pattern> migrations, List<Pattern> checks) {
    @SuppressWarnings("unchecked")
    static Catalog load() {
      Map<String, Object> root = (Map<String, Object>) DataResources.tree(EntrypointWaits.class,
          "/berth/wiring/start-dependencies.yaml");
      Map<String, List<String>> probes = new HashMap<>();
      for (Object o : (List<Object>) root.get("probes")) {
        Map<String, Object> m = (Map<String, Object>) o;
        probes.put(String.valueOf(m.get("name")), strings(m.get("host")));
      }
      return new Catalog(patterns(root.get("waits")), Map.copyOf(probes),
          patterns(root.get("migrations")), patterns(root.get("checks")));
    }

    @SuppressWarnings("unchecked")
    private static List<Pattern> patterns(Object list) {
      List<Pattern> out = new ArrayList<>();
      for (Object o : (List<Object>) list) {
        Map<String, Object> m = (Map<String, Object>) o;
        out.add(new Pattern(strings(m.get("words")), strings(m.get("unless"))));
      }
      return out;
    }
  }
}
