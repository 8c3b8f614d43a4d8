package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names that mark a Dockerfile or a stage as a development or test environment, from
 * {@code berth/images/development-images.yaml} (each entry with its source).
 */
public final class DevelopmentImages {
  private static final String RESOURCE = "/berth/images/development-images.yaml";
  private final Set<String> words;
  private final Set<String> buildStages;
  private final Set<String> headerPhrases;
  private final Set<String> wordEndings;
  private final Set<String> developmentTargets;

  private DevelopmentImages(Set<String> words, Set<String> buildStages, Set<String> headerPhrases,
      Set<String> wordEndings, Set<String> developmentTargets) {
    this.developmentTargets = Set.copyOf(developmentTargets);
    this.words = Set.copyOf(words);
    this.buildStages = Set.copyOf(buildStages);
    this.headerPhrases = Set.copyOf(headerPhrases);
    this.wordEndings = Set.copyOf(wordEndings);
  }

  private static final class Standard {
    static final DevelopmentImages INSTANCE = load();
  }

  public static DevelopmentImages standard() {
    return Standard.INSTANCE;
  }

  /**
   * A path or stage name one of whose words is listed ({@code apps/web/Dockerfile.dev}) or ends
   * with a listed ending ({@code docker/Dockerfile.s3tests}).
   */
  public boolean matches(String name) {
    for (String w : name.toLowerCase(Locale.ROOT).split("[/._-]+")) {
      if (words.contains(w)) return true;
      for (String end : wordEndings) {
        if (w.length() > end.length() && w.endsWith(end)) return true;
      }
    }
    return false;
  }

  /**
   * A Dockerfile whose path, or the given stage's name, has one of the words
   * ({@code apps/web/Dockerfile.dev}, a stage named {@code test}), or whose header says the image
   * is for development or tests only ({@link #saysDevelopmentOnly}).
   */
  public boolean matches(dev.berth.dockerfile.Dockerfile df, dev.berth.dockerfile.Stage stage) {
    return matches(df.path()) || stage.name().filter(this::matches).isPresent()
        || saysDevelopmentOnly(df);
  }

  /**
   * The comments above the Dockerfile's first instruction hold one of the header phrases ("Not
   * suitable for production use."), across line breaks and whatever the case.
   */
  public boolean saysDevelopmentOnly(dev.berth.dockerfile.Dockerfile df) {
    int first = df.instructions().isEmpty() ? Integer.MAX_VALUE
        : df.instructions().get(0).range().startLine();
    StringBuilder header = new StringBuilder();
    for (dev.berth.dockerfile.Comment c : df.comments()) {
      if (c.range().startLine() >= first) break;
      header.append(' ').append(c.text());
    }
    return saysDevelopmentOnly(header.toString());
  }

  /** The text holds one of the header phrases, across line breaks and whatever the case. */
  public boolean saysDevelopmentOnly(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (String phrase : headerPhrases) {
      if (t.contains(phrase)) return true;
    }
    return false;
  }

  /** Lines of a README read for its purpose: its title and opening paragraph. */
  private static final int README_OPENING_LINES = 8;

  /**
   * The README of the directory, or of a directory above it short of the repository's root, opens
   * by restricting what it holds to development or tests (drone's docker/compose/README.md:
   * "# Local development ... used by the core development team for local development and testing
   * purposes only", above drone-gitea/ and drone-github/): what is there is such a setup. The
   * root's README describes the whole project, whose other files may ship.
   */
  public static boolean readmeSaysDevelopmentOnly(dev.berth.project.Project project,
      String composeFile) {
    String name = dev.berth.compose.Paths.fileName(composeFile);
    String dir = dev.berth.compose.Paths.dir(composeFile);
    for (String d = dir; !d.isEmpty() && !d.equals("."); d = dev.berth.compose.Paths.dir(d)) {
      String opening = readmeOpening(project, d);
      // A sentence that names compose files speaks of those ("`docker-compose.dev.yml` is for
      // local development only; `docker-compose.prod.yml` deploys"), not of their siblings.
      for (String sentence : SENTENCE_END.split(opening)) {
        if (!standard().saysDevelopmentOnly(sentence)) continue;
        java.util.regex.Matcher m = COMPOSE_NAME.matcher(sentence);
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
  private static final java.util.regex.Pattern SENTENCE_END =
      java.util.regex.Pattern.compile("[.;!?][`*_)\"']*+\\s++|\\n[ \\t\\r]*+\\n");

  /** A word that may be a file name; those ending in .yml or .yaml name compose files. */
  private static final java.util.regex.Pattern COMPOSE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.-]++");

  /** The title and opening paragraph of a directory's README, or "" without one. */
  private static String readmeOpening(dev.berth.project.Project project, String dir) {
    java.util.Map<String, String> cache = project.fact(ReadmeCache.class, p -> new ReadmeCache())
        .byDir;
    return cache.computeIfAbsent(dir, d -> {
      for (String name : List.of("README.md", "README", "readme.md", "README.txt")) {
        String path = d + "/" + name;
        java.util.Optional<dev.berth.source.SourceFile> f =
            dev.berth.project.AppSources.of(project).read(path);
        if (f.isEmpty()) continue;
        String[] lines = f.get().text().split("\n", README_OPENING_LINES + 1);
        return String.join("\n", java.util.Arrays.copyOf(lines,
            Math.min(lines.length, README_OPENING_LINES)));
      }
      return "";
    });
  }

  /** The README openings of a project, by directory. */
  private static final class ReadmeCache {
    final java.util.Map<String, String> byDir = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /**
   * A build target that makes the whole compose project a development environment
   * ({@code target: ${DOCKER_BUILD_TARGET:-debug}}): a development word, not a test one (a
   * project may run its test stage beside the services it ships).
   */
  public boolean developmentTarget(String name) {
    for (String w : name.toLowerCase(Locale.ROOT).split("[/._-]+")) {
      if (developmentTargets.contains(w)) return true;
    }
    return false;
  }

  /** A stage name that says the stage compiles what later stages ship ({@code builder}). */
  public boolean buildStage(String name) {
    return buildStages.contains(name.toLowerCase(Locale.ROOT)) || matches(name);
  }

  @SuppressWarnings("unchecked")
  private static DevelopmentImages load() {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(DevelopmentImages.class,
        RESOURCE);
    return new DevelopmentImages(names(doc, "words"), names(doc, "build-stages"),
        names(doc, "header-phrases"), names(doc, "word-endings"),
        names(doc, "development-targets"));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> names(Map<String, Object> doc, String key) {
    Set<String> out = new HashSet<>();
    for (Map<String, Object> e : DataResources.sourcedEntries(doc, key, RESOURCE)) {
      for (Object n : (List<Object>) e.get("names")) out.add(String.valueOf(n));
    }
    return out;
  }
}
