package dev.berth.evidence;

import dev.berth.context.Paths;
import dev.berth.project.AppSources;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makefiles that another Makefile of the repository includes, with the directory make runs them
 * from: the includer's (GNU make manual 3.3 "Including Other Makefiles": the included text is
 * read as if it were written there, and recipes run in the directory make was started in).
 * VictoriaMetrics' root Makefile has {@code include app/*}{@code /Makefile}, whose
 * {@code docker build -f app/vmui/Dockerfile-web ./app/vmui/packages/vmui} is written from the
 * root ("All these commands must run from repository root").
 */
final class MakeIncludes {
  private static final int MAX_MAKEFILES = 300;
  private static final Pattern INCLUDE = Pattern.compile(
      "(?m)^[ \\t]*+-?s?include[ \\t]++([^\\n#]++)");

  private final Map<String, String> runFrom;

  private MakeIncludes(Map<String, String> runFrom) {
    this.runFrom = Map.copyOf(runFrom);
  }

  static MakeIncludes of(Project project) {
    return project.fact(MakeIncludes.class, MakeIncludes::compute);
  }

  /** The directory make runs the included Makefile {@code path} from, when another includes it. */
  Optional<String> runFrom(String path) {
    return Optional.ofNullable(runFrom.get(path));
  }

  private static MakeIncludes compute(Project project) {
    List<String> makefiles = project.fileTree().all()
        .filter(e -> e.kind() == FileTree.Kind.FILE && (e.name().equals("Makefile")
            || e.name().equals("makefile") || e.name().equals("GNUmakefile")
            || e.name().endsWith(".mk")))
        .map(FileTree.Entry::path).limit(MAX_MAKEFILES).toList();
    Map<String, String> out = new HashMap<>();
    // GNU make resolves an include from the directory make runs in, also inside an included
    // file (root Makefile: include mk/main.mk; mk/main.mk: include mk/web.mk): a second pass
    // follows such chains from where their first file is read.
    for (int pass = 0; pass < 2; pass++) {
      includes(project, makefiles, out);
    }
    return new MakeIncludes(out);
  }

  private static void includes(Project project, List<String> makefiles, Map<String, String> out) {
    for (String includer : makefiles) {
      Optional<SourceFile> text = AppSources.of(project).read(includer);
      if (text.isEmpty() || !text.get().text().contains("include")) continue;
      String dir = out.getOrDefault(includer, Paths.parent(includer));
      Matcher m = INCLUDE.matcher(text.get().text());
      while (m.find()) {
        for (String word : m.group(1).trim().split("\\s+")) {
          if (word.isEmpty() || word.contains("$") || word.startsWith("/")) continue;
          String joined = Paths.clean(dir.isEmpty() ? word : dir + "/" + word);
          Pattern glob = Paths.glob(joined);
          for (String candidate : makefiles) {
            if (!candidate.equals(includer) && glob.matcher(candidate).matches()
                && !Paths.parent(candidate).equals(dir)) {
              out.putIfAbsent(candidate, dir);
            }
          }
        }
      }
    }
  }
}
