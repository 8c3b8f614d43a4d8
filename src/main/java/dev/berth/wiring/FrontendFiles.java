package dev.berth.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.View;
import dev.berth.evidence.PackageScripts;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a build context that say how a frontend is built and configured: every
 * {@code package.json} (scripts, dependencies), framework configs ({@code next.config.*},
 * {@code vite.config.*}) and shell scripts (an entrypoint may write variables into the bundle
 * when the container starts). Read, never run; at most {@link #MAX_LISTED} paths are looked at
 * and {@link #MAX_READ} files of each kind read, else the answer is incomplete.
 */
public final class FrontendFiles {
  static final int MAX_LISTED = 20_000;
  static final int MAX_READ = 50;
  /** A JSON object key (a dependency's name, for the runtime-env packages). */
  private static final Pattern JSON_KEY = Pattern.compile("\"(@?[A-Za-z0-9._/-]+)\"\\s*+:");

  /**
   * What one context holds; {@code complete} false when a bound was reached. {@code
   * packageScripts} are the {@code scripts} of the package.json files that parse, read once here
   * with the project's one package.json script reader; {@code packageKeys} every object key
   * written in them (dependency names among them, for the runtime-env packages).
   */
  public record Files(List<SourceFile> packageJsons, List<PackageScripts> packageScripts,
      Set<String> packageKeys, List<SourceFile> configs, List<SourceFile> scripts,
      boolean complete) {
    public Files {
      packageJsons = List.copyOf(packageJsons);
      packageScripts = List.copyOf(packageScripts);
      packageKeys = Set.copyOf(packageKeys);
      configs = List.copyOf(configs);
      scripts = List.copyOf(scripts);
    }

    /** A framework config's text contains {@code text}. */
    public boolean configMentions(String text) {
      return configs.stream().anyMatch(c -> c.text().contains(text));
    }

    /** A shell script's text contains one of {@code texts}. */
    public boolean scriptMentions(String... texts) {
      for (SourceFile sh : scripts) {
        for (String t : texts) {
          if (sh.text().contains(t)) return true;
        }
      }
      return false;
    }

    /** Every file read, for text searches. */
    public List<SourceFile> all() {
      List<SourceFile> out = new ArrayList<>(packageJsons);
      out.addAll(configs);
      out.addAll(scripts);
      return out;
    }
  }

  private final Project project;
  private final Map<String, Files> cache = new ConcurrentHashMap<>();

  private FrontendFiles(Project project) {
    this.project = project;
  }

  public static FrontendFiles of(Project project) {
    return project.fact(FrontendFiles.class, FrontendFiles::new);
  }

  public Optional<Files> of(BuildContext context) {
    Optional<ContextFiles> files = BuildContexts.of(project).files(context);
    if (files.isEmpty() || !context.known()) return Optional.empty();
    ContextFiles cf = files.get();
    return Optional.of(cache.computeIfAbsent(cf.dir(), d -> read(cf)));
  }

  /**
   * The files of every build context of {@code c}; empty when one of them is unknown or could
   * not be read whole.
   */
  public Optional<List<Files>> all(Container c) {
    List<Files> out = new ArrayList<>();
    for (BuildContext bc : c.contexts()) {
      Optional<Files> f = of(bc);
      if (f.isEmpty() || !f.get().complete()) return Optional.empty();
      out.add(f.get());
    }
    return Optional.of(out);
  }

  private Files read(ContextFiles cf) {
    List<String> listed = cf.filesUnder("", View.CLEAN_CLONE).stream()
        .limit(MAX_LISTED + 1L).toList();
    boolean complete = listed.size() <= MAX_LISTED;
    List<SourceFile> pkg = new ArrayList<>();
    List<SourceFile> configs = new ArrayList<>();
    List<SourceFile> scripts = new ArrayList<>();
    AppSources sources = AppSources.of(project);
    for (String f : listed) {
      String name = f.substring(f.lastIndexOf('/') + 1);
      List<SourceFile> into = name.equals("package.json") ? pkg
          : name.matches("(next|vite)\\.config\\.[cm]?[jt]s") ? configs
          : name.endsWith(".sh") ? scripts : null;
      if (into == null) continue;
      if (into.size() >= MAX_READ) {
        complete = false;
        continue;
      }
      Optional<SourceFile> src = sources.read(cf.rootPath(f));
      if (src.isPresent()) {
        into.add(src.get());
      } else {
        complete = false;
      }
    }
    List<PackageScripts> packageScripts = pkg.stream()
        .flatMap(p -> PackageScripts.parse(p.text(), Optional.of(p)).stream()).toList();
    Set<String> keys = new HashSet<>();
    for (SourceFile p : pkg) {
      Matcher m = JSON_KEY.matcher(p.text());
      while (m.find()) keys.add(m.group(1));
    }
    return new Files(pkg, packageScripts, keys, configs, scripts, complete);
  }
}
