package dev.berth.image;

import dev.berth.source.DataResources;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  private final Set<String> exampleWords;
  private final Set<String> harnessWords;

  private DevelopmentImages(Set<String> words, Set<String> buildStages, Set<String> headerPhrases,
      Set<String> wordEndings, Set<String> developmentTargets, Set<String> exampleWords,
      Set<String> harnessWords) {
    this.words = Set.copyOf(words);
    this.buildStages = Set.copyOf(buildStages);
    this.headerPhrases = Set.copyOf(headerPhrases);
    this.wordEndings = Set.copyOf(wordEndings);
    this.developmentTargets = Set.copyOf(developmentTargets);
    this.exampleWords = Set.copyOf(exampleWords);
    this.harnessWords = Set.copyOf(harnessWords);
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
    String[] all = words(name);
    for (int i = 0; i < all.length; i++) {
      String w = all[i];
      if (words.contains(w)) return true;
      // two adjacent words read as one: Dockerfile.load-generator as loadgenerator
      if (i + 1 < all.length && words.contains(w + all[i + 1])) return true;
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
        || saysDevelopmentOnly(df) || gitpodWorkspace(df.path());
  }

  /**
   * Gitpod's workspace image by its conventional name, {@code .gitpod.Dockerfile}, which
   * {@code .gitpod.yml}'s {@code image: file:} builds (gitpod.io/docs/configure/workspaces/
   * workspace-image; tremor-runtime's, on gitpod/workspace-full): a cloud editor's environment.
   * Only that name: the word gitpod alone also names the Gitpod project's own service images.
   */
  static boolean gitpodWorkspace(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.equals(".gitpod.dockerfile");
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

  /**
   * A build target that makes the whole compose project a development environment
   * ({@code target: ${DOCKER_BUILD_TARGET:-debug}}): a development word, not a test one (a
   * project may run its test stage beside the services it ships).
   */
  public boolean developmentTarget(String name) {
    for (String w : words(name)) {
      if (developmentTargets.contains(w)) return true;
    }
    return false;
  }

  /**
   * The word of a path that marks it as an example or sample ({@code examples/chat-app/Dockerfile}
   * gives {@code examples}), split as {@link #matches(String)} splits it ({@link #words}).
   */
  public Optional<String> exampleWord(String path) {
    for (String w : words(path)) {
      if (exampleWords.contains(w)) return Optional.of(w);
    }
    return Optional.empty();
  }

  /**
   * The word of a compose file's path that marks it as one a test or CI harness runs
   * ({@code pkg/e2e/testdata/x/compose.yaml} gives {@code e2e}), or a word with a test ending
   * ({@code s3tests}).
   */
  public Optional<String> harnessWord(String path) {
    for (String w : words(path)) {
      if (harnessWords.contains(w)) return Optional.of(w);
      for (String end : wordEndings) {
        if (w.length() > end.length() && w.endsWith(end)) return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /** A path's or name's words, lower case: split at {@code /}, {@code .}, {@code _}, {@code -}. */
  private static String[] words(String name) {
    return name.toLowerCase(Locale.ROOT).split("[/._-]+");
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
        names(doc, "development-targets"), names(doc, "example-words"),
        names(doc, "harness-words"));
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
