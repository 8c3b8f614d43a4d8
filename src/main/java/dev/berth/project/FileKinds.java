package dev.berth.project;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Recognises the files berth lints by their names, the way users and hadolint/dclint name them,
 * and, for names that say less than they seem, by a look at the content: YAML with a compose-like
 * name that is some other format, and templates that a generator renders before Docker sees them.
 */
public final class FileKinds {
  private FileKinds() {}

  /**
   * Last extensions that make a {@code Dockerfile.*}/{@code Dockerfile-*} name something else: a
   * backup, docs, an ignore file (redpanda's {@code Dockerfile.ignore}), a script, or a template to render ({@code Dockerfile.j2},
   * {@code Dockerfile-alpine.template}, fluentd's {@code Dockerfile.template.erb}: ERB, EJS,
   * Handlebars, Mustache, Nunjucks, Tera, Twig, Liquid, Go templates).
   */
  private static final Set<String> NOT_DOCKERFILE_SUFFIXES = Set.of("dockerignore", "ignore", "md",
      "txt", "rst", "orig", "rej", "swp", "bak", "tmp", "old", "j2", "jinja", "jinja2", "tpl", "tmpl",
      "templ", "template", "erb", "ejs", "hbs", "mustache", "njk", "tera", "twig", "liquid",
      "gotmpl", "sh", "ps1", "py", "js", "json", "yml", "yaml", "toml", "lock", "log", "patch",
      "diff");

  /**
   * Compose file names: the names docker compose and podman-compose read by default
   * ({@code compose}, {@code docker-compose}, {@code podman-compose}, {@code container-compose},
   * .yaml or .yml), and variants of them ({@code docker-compose.dev.yml},
   * {@code compose.override.yaml}, {@code docker-compose-local.yml}, {@code dev.compose.yaml}).
   * {@code composer.yml} is not
   * one. Other names ({@code metricbeat-compose.yml}) are files only ever given with {@code -f},
   * usually on top of another: name them with {@code -f} or in {@code .berth.yaml}.
   */
  private static final List<String> COMPOSE_PREFIXES = List.of("docker-", "podman-",
      "container-");

  /** Top-level keys of the Compose specification that say a file is one. */
  private static final Set<String> COMPOSE_SECTIONS = Set.of("services", "include", "networks",
      "volumes", "secrets", "configs", "models");
  /** Top-level keys Compose also accepts but other formats share ({@code name}). */
  private static final Set<String> COMPOSE_NEUTRAL = Set.of("version", "name");
  private static final Pattern TOP_LEVEL_KEY =
      Pattern.compile("^(?:\"([^\"]+)\"|'([^']+)'|([^\\s#:\"'\\-{\\[][^:#]*?))\\s*:(?:\\s|$)");

  public static ProjectFile.Kind classify(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.equals(".dockerignore") || lower.endsWith(".dockerignore")) {
      return ProjectFile.Kind.DOCKERIGNORE;
    }
    if (isCompose(lower)) return ProjectFile.Kind.COMPOSE;
    if (isDockerfile(fileName)) return ProjectFile.Kind.DOCKERFILE;
    return ProjectFile.Kind.OTHER;
  }

  /**
   * Application settings modules read as support sources because they say what the app loads at
   * run time: Django's {@code settings.py} or a {@code settings/} package module.
   */
  public static boolean isAppSettings(String path) {
    if (!path.endsWith(".py")) return false;
    if (path.equals("settings.py") || path.endsWith("/settings.py")) return true;
    // (.*/)?settings/[A-Za-z0-9_]+\.py, by hand: this is asked of every file in the tree
    int slash = path.lastIndexOf('/');
    if (slash < 0 || !(path.startsWith("settings/") && slash == "settings".length()
        || path.startsWith("/settings/", slash - "/settings".length()))) {
      return false;
    }
    String stem = path.substring(slash + 1, path.length() - ".py".length());
    if (stem.isEmpty()) return false;
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code Dockerfile}, {@code Containerfile}, {@code Dockerfile.dev}, {@code Dockerfile-dev},
   * {@code Dockerfile_prod}, {@code DockerfileAlpine} (and the same for Containerfile),
   * {@code app.Dockerfile}; and the
   * lowercase {@code dockerfile}, which BuildKit reads when {@code Dockerfile} is absent
   * (louislam/uptime-kuma's docker/dockerfile), with its {@code -}/{@code _} variants
   * ({@code dockerfile-kasm-chrome}: kasmtech/workspaces-images builds 70 such files with
   * {@code -f}).
   */
  private static boolean isDockerfile(String name) {
    if (name.equals("Dockerfile") || name.equals("Containerfile") || name.equals("dockerfile")) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".dockerfile") && lower.length() > ".dockerfile".length()) return true;
    for (String base : new String[] {"Dockerfile", "Containerfile", "dockerfile"}) {
      // In lower case, any extension makes it a file about Dockerfiles (dockerfile.riot, a UI
      // component; dockerfile_test.go, a test of a Dockerfile parser; dockerfile-icon.svg).
      if (base.equals("dockerfile") && name.indexOf('.', base.length()) >= 0) continue;
      if (name.length() > base.length() + 1 && name.startsWith(base)
          && ".-_".indexOf(name.charAt(base.length())) >= 0) {
        String rest = lower.substring(base.length() + 1);
        return !NOT_DOCKERFILE_SUFFIXES.contains(rest.substring(rest.lastIndexOf('.') + 1));
      }
      // a variant named in CamelCase, no separator (psono-server's DockerfileAlpine and
      // DockerfileDebian, built with -f): letters and digits only, so no extension
      if (!base.equals("dockerfile") && name.length() > base.length() && name.startsWith(base)
          && Character.isUpperCase(name.charAt(base.length()))
          && name.chars().allMatch(Character::isLetterOrDigit)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code ((docker|podman|container)-)?compose([._-].*)?\.ya?ml}, matched by hand: linear in the
   * name whatever it holds.
   */
  private static boolean isCompose(String lower) {
    // NAME.compose.yaml (komodo's dev.compose.yaml and compose/mongo.compose.yaml, tunarr's
    // docker/example.compose.yaml): a variant named with compose as its last word
    for (String end : List.of(".compose.yaml", ".compose.yml")) {
      if (lower.endsWith(end) && lower.length() > end.length()
          && lower.chars().noneMatch(c -> "\n\r\u0085\u2028\u2029".indexOf(c) >= 0)) {
        return true;
      }
    }
    String rest = lower;
    for (String prefix : COMPOSE_PREFIXES) {
      if (rest.startsWith(prefix + "compose")) {
        rest = rest.substring(prefix.length());
        break;
      }
    }
    if (!rest.startsWith("compose")) return false;
    rest = rest.substring("compose".length());
    int ext = rest.endsWith(".yml") ? 4 : rest.endsWith(".yaml") ? 5 : -1;
    if (ext < 0) return false;
    String middle = rest.substring(0, rest.length() - ext);
    if (middle.isEmpty()) return true;
    if ("._-".indexOf(middle.charAt(0)) < 0) return false;
    // the regex's "." stops at line terminators
    for (int i = 0; i < middle.length(); i++) {
      if ("\n\r\u0085\u2028\u2029".indexOf(middle.charAt(i)) >= 0) return false;
    }
    return true;
  }

  /**
   * False for YAML with a compose-like name that is evidently another format: none of its
   * top-level keys is a Compose section ({@code services}, {@code include}, ...) and one of them
   * is a key Compose does not have ({@code on:}/{@code jobs:} of a GitHub workflow named
   * {@code test-docker-compose.yml}). A file berth cannot tell (no top-level keys found) counts as
   * compose, and Compose itself judges it.
   */
  public static boolean looksLikeCompose(String text) {
    boolean section = false;
    boolean foreign = false;
    for (String key : topLevelKeys(text)) {
      if (COMPOSE_SECTIONS.contains(key)) section = true;
      else if (!COMPOSE_NEUTRAL.contains(key) && !key.startsWith("x-")) foreign = true;
    }
    return section || !foreign;
  }

  /**
   * A piece of YAML to paste under another file's key: its first key is indented, under no parent,
   * and no key starts at the first column (greenlight's docker-compose.kc.yml, a `  keycloak:`
   * service that gl-install.sh appends to docker-compose.yml with `cat ... >>`). Compose reads
   * only whole files, so such a file is never one on its own.
   */
  public static boolean indentedFragment(String text) {
    if (!topLevelKeys(text).isEmpty()) return false;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.equals("---")) continue;
      // a whole compose file indented as a block (`  services:`) is still one
      return (line.startsWith(" ") || line.startsWith("\t"))
          && INDENTED_KEY.matcher(t).lookingAt()
          && !COMPOSE_SECTIONS.contains(t.substring(0, t.indexOf(':')).strip())
          && !COMPOSE_NEUTRAL.contains(t.substring(0, t.indexOf(':')).strip())
          && !t.startsWith("x-");
    }
    return false;
  }

  private static final Pattern INDENTED_KEY = Pattern.compile("[A-Za-z0-9_.-]++\\s*+:(?:\\s|$)");

  /**
   * Surely a compose file whatever its name: a top-level {@code services} key, and every other
   * top-level key one Compose has ({@code docker stack deploy -c examples/standalone.yaml}).
   */
  public static boolean composeWithServices(String text) {
    List<String> keys = topLevelKeys(text);
    return keys.contains("services") && keys.stream().allMatch(k -> COMPOSE_SECTIONS.contains(k)
        || COMPOSE_NEUTRAL.contains(k) || k.startsWith("x-"));
  }

  /** The keys of a YAML text's top-level mapping, in order, read line by line. */
  private static List<String> topLevelKeys(String text) {
    List<String> out = new java.util.ArrayList<>();
    for (String line : text.split("\n", -1)) {
      var m = TOP_LEVEL_KEY.matcher(line);
      if (!m.find()) continue;
      String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      out.add(key.strip());
    }
    return out;
  }

  /** Words of a directory or file name that say it holds templates to render. */
  private static final Set<String> TEMPLATE_WORDS = Set.of("tmpl", "template", "templates");

  /**
   * Extensions that make a file the model a generator renders: {@code Dockerfile.model}
   * (PrestaShop/docker's prestashop_docker.py and generate_tags.sh fill it per PHP version) and
   * autoconf's {@code Dockerfile.in} (config.status writes FILE from FILE.in). Only as the
   * extension: {@code docker-in-docker.Dockerfile} is no model.
   */
  private static final java.util.List<String> MODEL_EXTENSIONS = java.util.List.of(".model", ".in");

  /**
   * A path with a directory named {@code tmpl}, {@code template} or {@code templates}, or whose
   * name pairs such a word with dockerfile(s) or docker ({@code dockerfile-templates/}), or a file
   * name one of whose words (split at {@code .}, {@code -}, {@code _}) is, or starts with,
   * {@code tmpl} ({@code tmplv3.Dockerfile}) or is {@code template}, or a name ending in a model
   * extension ({@code .model}, {@code .in}).
   */
  public static boolean templatePath(String path) {
    if (inTemplateDirectory(path)) return true;
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String dir = parts[i].toLowerCase(Locale.ROOT);
      // a name that says it holds Dockerfile templates: dotnet-docker's eng/dockerfile-templates/
      // (not any template word: services/email-template-renderer/ is a service)
      List<String> words = List.of(dir.split("[._-]+"));
      if (words.stream().anyMatch(TEMPLATE_WORDS::contains)
          && words.stream().anyMatch(w -> w.equals("dockerfile") || w.equals("dockerfiles")
              || w.equals("docker"))) {
        return true;
      }
    }
    String name = parts[parts.length - 1].toLowerCase(Locale.ROOT);
    for (String w : name.split("[._-]+")) {
      if (w.startsWith("tmpl") || w.equals("template")) return true;
    }
    return MODEL_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** Directory names of a documentation tree. */
  public static final java.util.Set<String> DOCS_DIRECTORIES = java.util.Set.of("docs", "doc",
      "documentation");

  /**
   * A directory of the path is a documentation tree's: {@code docs/}, {@code doc/} or
   * {@code documentation/} (crazy-max/diun's docs/install/docker.md shows its {@code docker run};
   * maplibre/martin's docs/content/files/compose.nginx.yaml is an example a docs page includes).
   */
  public static boolean inDocsDirectory(String path) {
    return docsTreeParent(path).isPresent();
  }

  /**
   * The directory that holds the path's first documentation directory ("" at the root): the
   * project a page of that tree documents; empty when no directory of the path is one.
   */
  public static java.util.Optional<String> docsTreeParent(String path) {
    String[] parts = path.split("/");
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (DOCS_DIRECTORIES.contains(parts[i].toLowerCase(Locale.ROOT))) {
        return java.util.Optional.of(base.toString());
      }
      if (base.length() > 0) base.append('/');
      base.append(parts[i]);
    }
    return java.util.Optional.empty();
  }

  /**
   * A directory of the path is named {@code tmpl}, {@code template} or {@code templates}, also
   * with leading underscores or dots (pyroscope's {@code examples/_templates/}, whose files
   * {@code make examples/sync-templates} copies into each example).
   */
  public static boolean inTemplateDirectory(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String dir = parts[i].toLowerCase(Locale.ROOT).replaceFirst("^[._]+", "");
      if (TEMPLATE_WORDS.contains(dir)) return true;
    }
    return false;
  }

  /**
   * A path component that is a template placeholder: cookiecutter's
   * {@code {{cookiecutter.project_slug}}}, copier's {@code {{ name }}} or
   * {@code {% if x %}dir{% endif %}}. What is below it is rendered before anything is built.
   */
  public static java.util.Optional<String> templateRoot(String path) {
    int from = 0;
    for (String part : path.split("/")) {
      int end = from + part.length();
      if ((part.contains("{{") && part.contains("}}")) || (part.contains("{%") && part.contains("%}"))) {
        return java.util.Optional.of(path.substring(0, end));
      }
      from = end + 1;
    }
    return java.util.Optional.empty();
  }

  /** A line whose first non-blank characters open a Jinja or Go template tag. */
  private static final Pattern TEMPLATE_LINE = Pattern.compile("(?m)^[ \\t]*(\\{%|\\{\\{|\\{#)");

  /**
   * Compose text that is evidently a template rather than YAML: a line opens a template tag
   * ({@code {% if %}}, {@code {{ var }}}) and the text does not parse as YAML. Valid YAML that
   * only holds such text in a string (a config's {@code content: |}) is compose.
   */
  public static boolean isYamlTemplate(String text) {
    if (!TEMPLATE_LINE.matcher(text).find()) return false;
    try {
      for (var ignored : new Parse(LoadSettings.builder().build()).parseString(text)) {
        // events only: aliases are not expanded
      }
      return false;
    } catch (YamlEngineException e) {
      return true;
    }
  }


  /**
   * Text in a template path ({@link #templatePath}) that holds a scriptlet tag: xwiki-contrib's
   * template/docker-compose.yml and template/.env, which its Gradle build renders with Groovy's
   * template engine into one directory per version and database ({@code <% if (db == 'mysql')
   * print ...}); such text may well parse as YAML, with keys no compose file means.
   */
  public static boolean isScriptletTemplate(String path, String text) {
    return templatePath(path) && text.contains("<%") && hasScriptlet(text);
  }

  /**
   * A line holds a scriptlet tag of Groovy, ERB, JSP or EJS templates ({@code <% if (x) %>}) or
   * starts one; one pass with indexOf (a regex rescanned long lines from every {@code <%}).
   */
  private static boolean hasScriptlet(String text) {
    int lineStart = 0;
    while (lineStart < text.length()) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      int open = text.indexOf("<%", lineStart);
      if (open < 0) return false;
      if (open < lineEnd) {
        if (text.substring(lineStart, open).isBlank()) return true;
        // only this line is searched: a text without "%>" would be rescanned from every line
        if (text.substring(open + 2, lineEnd).contains("%>")) return true;
        lineStart = lineEnd + 1;
      } else {
        // skip to the line holding the next <%
        int before = text.lastIndexOf('\n', open);
        lineStart = before < 0 ? 0 : before + 1;
      }
    }
    return false;
  }

  /** A comment line, not the first, that is a generator directive: {@code #!for prod}. */
  private static final Pattern DIRECTIVE_LINE = Pattern.compile("\n[ \t]*+#![a-z]++\\b");

  /**
   * Compose text named as a template ({@link #templatePath}) whose comments carry a generator's
   * directives: onyx's docker-compose.template.yml, rendered by its ods generator into the three
   * compose files ({@code #!for prod,no-letsencrypt} ... {@code #!endfor} choose per-variant
   * alternatives, so the template repeats keys no compose file may repeat).
   */
  public static boolean isDirectiveTemplate(String path, String text) {
    return templatePath(path) && DIRECTIVE_LINE.matcher(text).find();
  }

  /** True when {@code line} holds a Jinja or Go template tag. */
  public static boolean hasTemplateTag(String line) {
    return line.contains("{{") || (line.contains("{%") && line.contains("%}"))
        || line.stripLeading().startsWith("{%") || line.stripLeading().startsWith("{#");
  }

  /** {@code ${name.with.dots}}: a build tool's resource-filtering placeholder. */
  private static final Pattern DOTTED_PLACEHOLDER =
      Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_-]*+(?:\\.[A-Za-z0-9_-]++)++\\}");

  /**
   * The text holds a {@code ${docker.base.image}}-style placeholder, which Maven's and Gradle's
   * resource filtering replace (maven-resources-plugin "Filtering": {@code ${project.version}},
   * {@code ${pkg.name}} from properties) and no Dockerfile or shell variable can name.
   */
  public static boolean hasDottedPlaceholder(String text) {
    return text.contains("${") && DOTTED_PLACEHOLDER.matcher(text).find();
  }

  /**
   * A line that is one placeholder a script substitutes with sed ({@code %%NONROOT_ADD%%} in
   * roundcube's templates/Dockerfile-debian.templ, rendered by its update.sh), or one Python
   * format field ({@code {args}} in mlrun's tests/Dockerfile.test-nb, which its test reads and
   * fills with {@code str.format} before building): no instruction starts with a brace.
   */
  public static boolean isPlaceholderLine(String line) {
    String t = line.strip();
    if (t.length() >= 3 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
      for (int i = 1; i < t.length() - 1; i++) {
        char c = t.charAt(i);
        if (!(c == '_' || Character.isLetterOrDigit(c) && c < 128)) return false;
      }
      return !Character.isDigit(t.charAt(1));
    }
    if (t.length() < 5 || !t.startsWith("%%") || !t.endsWith("%%")) return false;
    for (int i = 2; i < t.length() - 2; i++) {
      char c = t.charAt(i);
      if (!(c == '_' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) return false;
    }
    return true;
  }
}
