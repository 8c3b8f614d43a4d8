package dev.berth.wiring;

import dev.berth.compose.Service;
import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Invocation;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the nginx of a Compose service that runs an official nginx image as it is reads, as far as
 * the project shows it: the service bind-mounts its own main configuration
 * ({@code ./nginx.conf:/etc/nginx/nginx.conf}), whose directives (and those of the included files
 * the service also mounts) name every path nginx opens. pigallery2's examples mount a missing
 * ./nginx/error.log at /etc/nginx/error_log.log, which their nginx.conf never names: nothing reads
 * it.
 */
public final class NginxServiceConfig {
  private NginxServiceConfig() {}

  private static final String MAIN = "/etc/nginx/nginx.conf";
  private static final int MAX_FILES = 32;

  /**
   * @param words every argument of every directive read (include patterns, log and certificate
   *     paths, roots)
   * @param includes the include patterns, made absolute from /etc/nginx
   * @param unread include patterns naming files berth could not read (not mounted from the
   *     project, not the image's own)
   */
  public record Read(Set<String> words, List<String> includes, List<String> unread) {}

  /**
   * The configuration the service's nginx reads, when the service runs nginx from an official
   * image with no {@code -c} and bind-mounts a project file over its main configuration; empty
   * otherwise or when that file does not parse.
   */
  public static Optional<Read> of(Project project, Service s) {
    Optional<Invocation> inv = ImageServices.invocation(s);
    if (inv.isEmpty() || !inv.get().program().names().contains("nginx")
        || inv.get().argv().stream().anyMatch(a -> a.equals("-c") || a.equals("-p"))) {
      return Optional.empty();
    }
    Optional<String> main = text(project, s, MAIN);
    if (main.isEmpty()) return Optional.empty();
    Set<String> words = new HashSet<>();
    List<String> includes = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    Deque<String> texts = new ArrayDeque<>(List.of(main.get()));
    int files = 0;
    while (!texts.isEmpty() && files++ < MAX_FILES) {
      NginxConfig.Parsed parsed = NginxConfig.parse(texts.pop());
      if (parsed.error().isPresent()) return Optional.empty();
      Deque<List<NginxConfig.Directive>> blocks = new ArrayDeque<>(List.of(parsed.directives()));
      while (!blocks.isEmpty()) {
        for (NginxConfig.Directive d : blocks.pop()) {
          d.block().ifPresent(blocks::push);
          for (String v : d.values()) words.add(v);
          if (!d.name().equals("include") || d.values().size() != 1) continue;
          String pattern = d.values().get(0).startsWith("/") ? d.values().get(0)
              : ImageFilesystem.resolve("/etc/nginx", d.values().get(0));
          includes.add(pattern);
          if (pattern.contains("*") || pattern.contains("?")) continue;
          Optional<String> included = text(project, s, pattern);
          if (included.isPresent()) {
            texts.push(included.get());
          } else if (!NginxSetup.Knowledge.STANDARD.inert.contains(
              pattern.substring(pattern.lastIndexOf('/') + 1))) {
            unread.add(pattern);
          }
        }
      }
    }
    return Optional.of(new Read(Set.copyOf(words), List.copyOf(includes), List.copyOf(unread)));
  }

  /**
   * Whether the configuration names {@code target} (absolute): a word that is it, that holds its
   * file name, or an include pattern that matches it; anything under the image's templates
   * directory is read by its entrypoint.
   */
  public static boolean names(Read r, String target) {
    if (target.startsWith("/etc/nginx/templates/")) return true;
    String name = target.substring(target.lastIndexOf('/') + 1);
    for (String w : r.words()) {
      if (w.equals(target) || w.contains(name)) return true;
    }
    for (String inc : r.includes()) {
      if (dev.berth.context.Paths.glob(inc).matcher(target).matches()) return true;
    }
    return false;
  }

  /** The project file the service bind-mounts at {@code path} (or over a directory holding it). */
  private static Optional<String> text(Project project, Service s, String path) {
    return BoundFiles.forService(project, s, path).flatMap(f -> f).map(SourceFile::text);
  }
}
