package dev.berth.compose;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where projects commit the template of a git-ignored env file that their setup instructions copy
 * into place ({@code cp .env.example .env}), or of a compose override file copied the same way.
 * The names are conventions seen in public projects, each listed with one that uses it; none of
 * them is read by Compose itself.
 */
public final class EnvTemplates {
  private EnvTemplates() {}

  /** Appended to the env file's own name: {@code .env} → {@code .env.example}. */
  private static final List<String> SUFFIXES = List.of(
      ".example",   // laradock/laradock, hoppscotch/hoppscotch, makeplane/plane: cp .env.example .env
      ".sample",    // common Rails/Node convention: cp .env.sample .env
      ".template",  // TandoorRecipes/recipes docs: wget .../.env.template -O .env
      ".dist",      // Symfony: .env.dist (before Symfony 4.1)
      ".tmpl",
      ".defaults",  // READMEs: cp .env.defaults .env
      "-sample",    // testdrivenio/django-on-docker README: rename .env.dev-sample to .env.dev
      "-example",
      "-template",  // chartbrew/chartbrew: npm run setup copies .env-template to .env
      "-dist",      // tt-rss/tt-rss: .env-dist, "Copy this file to .env before building"
      ".docker",    // pixelfed/pixelfed: .env.docker is the template its docs copy to .env
      ".shared");   // apptension/saas-boilerplate: .env.shared's header, "cp .env.shared .env"

  /**
   * Words that make a file an example the reader copies into place (the SUFFIXES' words:
   * {@code .env.example}, {@code docker-compose.override.example.yml}, {@code compose.sample.yaml},
   * {@code .env.dist}), and directory names that hold such examples (a catalogue's
   * {@code examples/bookstack/docker-compose.yml}: Haxxnet/Compose-Examples).
   */
  private static final java.util.Set<String> EXAMPLE_WORDS = java.util.Set.of("example", "sample",
      "template", "dist", "tmpl", "templ"); // templ: frain-dev/convoy's docker-compose.templ.yml
  private static final java.util.Set<String> EXAMPLE_DIRECTORIES = java.util.Set.of("example",
      "examples", "sample", "samples", "templates");

  /**
   * A file that is an example to copy, not one that is used where it is: a word of its name
   * (split at {@code .}, {@code -} and {@code _}) is one of the template words, or a word of a
   * directory name on its root-relative path is {@code examples} (or example, sample, samples,
   * templates: chroma's bin/templates/docker-compose.yml, which a script renders).
   */
  public static boolean isExample(String file) {
    if (exampleByName(file)) return true;
    String path = Paths.normalize(file);
    for (String dir = Paths.dir(path); !dir.isEmpty() && !dir.equals("."); dir = Paths.dir(dir)) {
      // a word of the name: grist-core's docker-compose-examples/
      for (String word : Paths.fileName(dir).toLowerCase(java.util.Locale.ROOT).split("[._-]+")) {
        if (EXAMPLE_DIRECTORIES.contains(word)) return true;
      }
    }
    return false;
  }

  /**
   * A file whose own name says it is an example to copy ({@code docker-compose.example.yml}):
   * unlike a file in an {@code examples/} catalogue, which is usually run where it is.
   */
  public static boolean exampleByName(String file) {
    String name = Paths.fileName(Paths.normalize(file)).toLowerCase(java.util.Locale.ROOT);
    for (String word : name.split("[._-]+")) {
      if (EXAMPLE_WORDS.contains(word)) return true;
    }
    return false;
  }

  /** Other names for the template of a file named {@code .env}. */
  private static final List<String> DOT_ENV_NAMES = List.of(
      "env.example",  // jitsi/docker-jitsi-meet README: cp env.example .env
      "example.env",  // frappe/frappe_docker docs: cp example.env .env
      "env.sample",
      "sample.env",
      "env.template",
      "env-template", // gristlabs/grist-core docker-compose-examples: generateSecureSecrets.sh cp env-template .env
      "ENVEXAMPLE",   // getmaxun/maxun SETUP.md: create .env with the content of ENVEXAMPLE
      ".example_env"); // chiefonboarding/ChiefOnboarding docs/development.md: cp .example_env .env

  /**
   * The template of the root-relative env file {@code envFile}: a template name in its own
   * directory, and for a file named {@code .env} also in the directories above it up to the root
   * (documentation examples in a subdirectory are set up with the repository's one template).
   *
   * @param isFile whether a root-relative path is a file berth can see
   */
  public static Optional<String> find(String envFile, Predicate<String> isFile) {
    return find(envFile, isFile, false);
  }

  /**
   * As {@link #find}, for a file a service reads as its {@code env_file} or as the project's
   * variables: there a template by the file's own name may also sit in a directory above
   * (a recipe set up with the main install's template). Other files (a compose override, a
   * mounted configuration) are copied beside the file that uses them.
   */
  public static Optional<String> findEnvFile(String envFile, Predicate<String> isFile) {
    return find(envFile, isFile, true);
  }

  /** Words of an env file's name that name the production setup, and what its development twin says. */
  private static final List<String> PRODUCTION_WORDS = List.of("prod", "production");
  private static final List<String> DEVELOPMENT_WORDS = List.of("dev", "development", "local");

  /**
   * The development twin of a production env file the repository does not hold: {@code
   * backend.prod.env} beside a committed {@code backend.dev.env} (Couchers' app/: deployment.md
   * "copy all .dev.env files into .prod.env and customize the configuration"; the .prod.env files
   * are git-ignored), {@code .env.production} beside {@code .env.development}. Only a name that
   * differs in that one word.
   */
  public static Optional<String> developmentTwin(String envFile, Predicate<String> isFile) {
    String path = Paths.normalize(envFile);
    String dir = Paths.dir(path);
    String name = Paths.fileName(path);
    String[] parts = name.split("(?<=[._-])|(?=[._-])");
    for (int i = 0; i < parts.length; i++) {
      if (!PRODUCTION_WORDS.contains(parts[i].toLowerCase(java.util.Locale.ROOT))) continue;
      for (String dev : DEVELOPMENT_WORDS) {
        String[] twin = parts.clone();
        twin[i] = dev;
        String candidate = Paths.resolve(dir, String.join("", twin));
        if (isFile.test(candidate)) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The template of an env file that sits above the compose file reading it, committed beside
   * that compose file (idno/known's docker/docker-compose.yml reads {@code ../.env}, whose
   * template is docker/sample.env: "Copy docker/sample.env to .env", docker/README.md).
   *
   * @param user the root-relative compose file that names {@code envFile}
   */
  public static Optional<String> besideUser(String envFile, String user,
      Predicate<String> isFile) {
    String path = Paths.normalize(envFile);
    String dir = Paths.dir(path);
    String userDir = Paths.dir(Paths.normalize(user));
    boolean below = dir.isEmpty() || dir.equals(".") ? !userDir.isEmpty() && !userDir.equals(".")
        : userDir.startsWith(dir + "/");
    return below ? in(userDir, Paths.fileName(path), isFile) : Optional.empty();
  }

  private static Optional<String> find(String envFile, Predicate<String> isFile,
      boolean envFileAbove) {
    String path = Paths.normalize(envFile);
    String dir = Paths.dir(path);
    String name = Paths.fileName(path);
    Optional<String> here = in(dir, name, isFile);
    if (here.isPresent()) return here;
    boolean dotEnv = name.equals(".env");
    if (!dotEnv && !envFileAbove) return Optional.empty();
    while (!dir.isEmpty() && !dir.equals(".")) {
      dir = Paths.dir(dir);
      // another name is its own: only its template by that very name counts above
      // (aleph's contrib/aleph-traefik-minio-keycloak reads aleph.env, whose template is the
      // root's aleph.env.tmpl, which the install docs copy)
      Optional<String> above = dotEnv ? in(dir, name, isFile) : suffixed(dir, name, isFile);
      if (above.isPresent()) return above;
    }
    return Optional.empty();
  }

  /** Words of a compose file's name that say nothing about which setup it is. */
  private static final java.util.Set<String> GENERIC = java.util.Set.of("docker", "compose", "yml",
      "yaml", "env");

  /**
   * A template named for one setup beside a missing {@code .env}: {@code .env.NAME.example} (or
   * sample, template, dist), which the setup's instructions copy to {@code .env} (coolify's
   * DEVELOPMENT.md: "Duplicate the .env.development.example file and rename the copy to .env").
   * With several, the one sharing a word with {@code hint} (the compose file that reads it:
   * {@code docker-compose.dev.yml} and {@code development}, {@code docker-compose.windows.yml} and
   * {@code windows-docker-desktop}); none when that does not single one out.
   *
   * Looked for in the env file's directory, then in the directories above it (as {@link #find}
   * does for {@code .env}: coolify's other/nightly copies of its compose files are set up with the
   * root's templates).
   *
   * @param files the names of the files in a root-relative directory
   */
  public static Optional<String> variant(String envFile,
      java.util.function.Function<String, List<String>> files, String hint) {
    String path = Paths.normalize(envFile);
    if (!Paths.fileName(path).equals(".env")) return Optional.empty();
    String dir = Paths.dir(path);
    for (int depth = 0; depth < 64; depth++) {
      Optional<String> here = variantIn(dir, files.apply(dir), hint);
      if (here.isPresent() || dir.isEmpty() || dir.equals(".")) return here;
      dir = Paths.dir(dir);
    }
    return Optional.empty();
  }

  private static Optional<String> variantIn(String dir, List<String> siblings, String hint) {
    // `.env.NAME.example`, or the same without the leading dot (danswer's env.prod.template,
    // which deployment/README.md has the reader set up as .env beside docker-compose.prod.yml);
    // the dotless form only when the compose file's name picks it (below): danswer's
    // env.nginx.template is the template of the .env.nginx its compose files also read
    List<String> candidates = siblings.stream().filter(n -> (n.startsWith(".env.")
            && n.split("\\.").length >= 4 || n.startsWith("env.") && n.split("\\.").length >= 3)
        && EXAMPLE_WORDS.contains(
            n.substring(n.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT)))
        .map(n -> n.startsWith(".") ? n : "." + n).distinct().sorted().toList();
    if (candidates.isEmpty()) return Optional.empty();
    List<String> hintWords = java.util.Arrays.stream(Paths.fileName(hint)
        .toLowerCase(java.util.Locale.ROOT).split("[._-]+"))
        .filter(w -> w.length() >= 3 && !GENERIC.contains(w)).toList();
    List<String> sharing = candidates.stream().filter(c -> java.util.Arrays.stream(
            c.substring(5, c.lastIndexOf('.')).toLowerCase(java.util.Locale.ROOT).split("[._-]+"))
        .anyMatch(w -> hintWords.stream().anyMatch(h -> w.startsWith(h) || h.startsWith(w)
            && w.length() >= 3))).toList();
    List<String> pick = sharing.size() == 1 ? sharing
        : candidates.size() == 1 && siblings.contains(candidates.get(0)) ? candidates
        : List.of();
    return pick.stream().findFirst()
        .map(n -> siblings.contains(n) ? n : n.substring(1))
        .map(n -> Paths.resolve(dir, n));
  }

  private static Optional<String> suffixed(String dir, String name, Predicate<String> isFile) {
    for (String suffix : SUFFIXES) {
      String p = Paths.resolve(dir, name + suffix);
      if (isFile.test(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  private static Optional<String> in(String dir, String name, Predicate<String> isFile) {
    Optional<String> suffixed = suffixed(dir, name, isFile);
    if (suffixed.isPresent()) return suffixed;
    // the template of a dot file is often committed without the dot: onyx's env.nginx.template
    // for .env.nginx (its docs: cp env.nginx.template .env.nginx)
    if (name.startsWith(".") && name.length() > 1) {
      for (String suffix : SUFFIXES) {
        String p = Paths.resolve(dir, name.substring(1) + suffix);
        if (isFile.test(p)) return Optional.of(p);
      }
    }
    // the word before the extension: schlagmichdoch/PairDrop's turnserver_example.conf and
    // rtc_config_example.json, which its docs copy to the git-ignored turnserver.conf and
    // rtc_config.json (also config.example.json, config-sample.json)
    int dot = name.lastIndexOf('.');
    if (dot > 0 && dot < name.length() - 1) {
      String stem = name.substring(0, dot);
      String ext = name.substring(dot);
      for (String word : List.of("example", "sample", "template", "dist")) {
        for (String sep : List.of(".", "_", "-")) {
          String p = Paths.resolve(dir, stem + sep + word + ext);
          if (isFile.test(p)) return Optional.of(p);
        }
      }
    }
    if (name.equals(".env")) {
      for (String alt : DOT_ENV_NAMES) {
        String p = Paths.resolve(dir, alt);
        if (isFile.test(p)) return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
