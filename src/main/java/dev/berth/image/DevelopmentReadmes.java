package dev.berth.image;

import dev.berth.compose.Paths;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * READMEs that restrict the files below them to development or tests, with the header phrases of
 * {@link DevelopmentImages}: the openings are read once per project and directory.
 */
public final class DevelopmentReadmes {
  private DevelopmentReadmes() {}

  /** Lines of a README read for its purpose: its title and opening paragraph. */
  private static final int README_OPENING_LINES = 8;

  /**
   * The README of {@code composeFile}'s directory, or of one above it short of the repository's
   * root, opens by restricting what it holds to development or tests (drone's
   * docker/compose/README.md: "# Local development ... used by the core development team for
   * local development and testing purposes only", above drone-gitea/ and drone-github/): what is
   * there is such a setup. The root's README describes the whole project, whose other files may
   * ship.
   */
  public static boolean readmeSaysDevelopmentOnly(Project project, String composeFile) {
    String name = Paths.fileName(composeFile);
    String dir = Paths.dir(composeFile);
    for (String d = dir; !d.isEmpty() && !d.equals("."); d = Paths.dir(d)) {
      String opening = readmeOpening(project, d);
      // A sentence that names compose files speaks of those ("`docker-compose.dev.yml` is for
      // local development only; `docker-compose.prod.yml` deploys"), not of their siblings.
      for (String sentence : SENTENCE_END.split(opening)) {
        if (!DevelopmentImages.standard().saysDevelopmentOnly(sentence)) continue;
        Matcher m = COMPOSE_NAME.matcher(sentence);
        boolean names = false;
        boolean thisOne = false;
        while (m.find()) {
          String token = m.group();
          if (!token.endsWith(".yml") && !token.endsWith(".yaml")) continue;
          names = true;
          thisOne |= token.equals(name);
        }
        if (!names || thisOne) return true;
      }
    }
    return false;
  }

  /** Where a README sentence or clause ends: a stop, semicolon or blank line. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("[.;!?][`*_)\"']*+\\s++|\\n[ \\t\\r]*+\\n");

  /** A word that may be a file name; those ending in .yml or .yaml name compose files. */
  private static final Pattern COMPOSE_NAME = Pattern.compile("[A-Za-z0-9_.-]++");

  /** The title and opening paragraph of a directory's README, or "" without one. */
  private static String readmeOpening(Project project, String dir) {
    Map<String, String> cache = project.fact(ReadmeCache.class, p -> new ReadmeCache()).byDir;
    return cache.computeIfAbsent(dir, d -> {
      for (String name : List.of("README.md", "README", "readme.md", "README.txt")) {
        String path = d + "/" + name;
        Optional<SourceFile> f = AppSources.of(project).read(path);
        if (f.isEmpty()) continue;
        String[] lines = f.get().text().split("\n", README_OPENING_LINES + 1);
        return String.join("\n", Arrays.copyOf(lines,
            Math.min(lines.length, README_OPENING_LINES)));
      }
      return "";
    });
  }

  /** The README openings of a project, by directory. */
  private static final class ReadmeCache {
    final Map<String, String> byDir = new ConcurrentHashMap<>();
  }
}
