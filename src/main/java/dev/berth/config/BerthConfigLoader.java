package dev.berth.config;

import dev.berth.compose.yaml.YamlInput;
import dev.berth.context.PathGlob;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads {@code .berth.yaml}. Strict on purpose: an unknown key or rule id is almost always a typo
 * that would otherwise silently change what gets checked, so every problem becomes a CONFIG
 * diagnostic with its position and the caller exits 2.
 */
public final class BerthConfigLoader {
  /** The file looked for at the project root when {@code --config} is not given. */
  public static final String FILE_NAME = ".berth.yaml";

  static final List<String> KEYS = List.of("rules", "enable", "disable", "fail-level", "ignore",
      "trusted-registries", "compose", "contexts", "compose-alternatives", "style-per-file");
  /** Configuration files larger than this are refused. */
  public static final int MAX_BYTES = 1 << 20;
  /** Deeper YAML is refused before it is composed (the composer recurses per level). */
  public static final int MAX_DEPTH = 64;

  private BerthConfigLoader() {}

  /**
   * The configuration (defaults where the file is silent) and every problem found.
   *
   * @param setsFailLevel the file has a {@code fail-level} key (it then wins over hadolint's
   *     {@code failure-threshold})
   */
  public record Outcome(BerthConfig config, List<Diagnostic> errors, boolean setsFailLevel) {
    public Outcome {
      errors = List.copyOf(errors);
    }

    public Outcome(BerthConfig config, List<Diagnostic> errors) {
      this(config, errors, false);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Reads and checks a configuration file.
   *
   * @param displayPath how diagnostics name the file (root-relative when it is under the root)
   * @param knownRuleIds ids a configuration may name (normally those of {@code Registry.infos()})
   */
  public static Outcome read(Path file, String displayPath, Set<String> knownRuleIds) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        return failed(displayPath, Diagnostic.Kind.LIMIT, "configuration file is larger than 1 MiB");
      }
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      return parse(new SourceFile(displayPath, text), knownRuleIds);
    } catch (CharacterCodingException e) {
      return failed(displayPath, Diagnostic.Kind.IO_ERROR, "configuration file is not valid UTF-8");
    } catch (IOException e) {
      return failed(displayPath, Diagnostic.Kind.IO_ERROR,
          "cannot read configuration file: " + describe(e));
    }
  }

  /** Parses and checks configuration text. */
  public static Outcome parse(SourceFile file, Set<String> knownRuleIds) {
    Node root;
    try {
      LoadSettings settings = LoadSettings.builder()
          .setLabel(file.path())
          .setMaxAliasesForCollections(20)
          .setAllowRecursiveKeys(false)
          .setCodePointLimit(MAX_BYTES)
          .build();
      Optional<YamlInput.TooDeep> deep = YamlInput.tooDeep(file.text(), settings, MAX_DEPTH);
      if (deep.isPresent()) {
        return new Outcome(BerthConfig.defaults(), List.of(new Diagnostic(deep.get().at()
            .map(m -> point(file, m)).orElse(Range.wholeFile(file.path())),
            Diagnostic.Kind.CONFIG, "configuration nested deeper than " + MAX_DEPTH + " levels")));
      }
      Optional<Node> doc = new Compose(settings).composeReader(YamlInput.reader(file.text()));
      if (doc.isEmpty()) return new Outcome(BerthConfig.defaults(), List.of());
      root = doc.get();
    } catch (MarkedYamlEngineException e) {
      Range where = e.getProblemMark().map(m -> point(file, m))
          .orElse(Range.wholeFile(file.path()));
      return new Outcome(BerthConfig.defaults(), List.of(new Diagnostic(where,
          Diagnostic.Kind.CONFIG, "invalid YAML: " + oneLine(e.getProblem()))));
    } catch (YamlEngineException e) {
      return new Outcome(BerthConfig.defaults(), List.of(new Diagnostic(
          Range.wholeFile(file.path()), Diagnostic.Kind.CONFIG,
          "invalid YAML: " + oneLine(e.getMessage()))));
    } catch (RuntimeException e) {
      // a bug of the YAML library on this text: this file cannot be read, the run is not over
      return new Outcome(BerthConfig.defaults(), List.of(new Diagnostic(
          Range.wholeFile(file.path()), Diagnostic.Kind.INTERNAL,
          "the YAML reader failed on this file: " + oneLine(e.toString()))));
    }
    return new Reader(file, knownRuleIds).read(root);
  }

  private static Outcome failed(String path, Diagnostic.Kind kind, String message) {
    return new Outcome(BerthConfig.defaults(),
        List.of(new Diagnostic(Range.wholeFile(path), kind, message)));
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String oneLine(String s) {
    return s == null ? "syntax error" : s.replaceAll("\\s+", " ").trim();
  }

  private static Range point(SourceFile file, Mark m) {
    return Range.point(file.path(), m.getLine() + 1, m.getColumn() + 1);
  }

  /** Walks the node tree once, collecting every error instead of stopping at the first. */
  private static final class Reader {
    private final SourceFile file;
    private final Set<String> known;
    private final List<Diagnostic> errors = new ArrayList<>();

    Reader(SourceFile file, Set<String> known) {
      this.file = file;
      this.known = known;
    }

    Outcome read(Node root) {
      BerthConfig d = BerthConfig.defaults();
      Set<String> enabled = new LinkedHashSet<>();
      Set<String> disabled = new LinkedHashSet<>();
      Map<String, Severity> severities = new LinkedHashMap<>();
      Optional<Severity> failLevel = d.failLevel();
      List<String> ignore = new ArrayList<>();
      List<String> registries = new ArrayList<>();
      List<List<String>> compose = new ArrayList<>();
      List<List<String>> alternatives = new ArrayList<>();
      Map<String, String> contexts = new LinkedHashMap<>();
      OptionalInt stylePerFile = d.stylePerFile();
      Set<String> switchedOn = new LinkedHashSet<>();

      if (isNull(root)) return new Outcome(d, List.of());
      if (!(root instanceof MappingNode map)) {
        error(root, "the configuration must be a mapping of keys (" + String.join(", ", KEYS) + ")");
        return new Outcome(d, errors);
      }
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : map.getValue()) {
        Optional<String> key = scalar(t.getKeyNode(), "a key");
        if (key.isEmpty()) continue;
        if (!KEYS.contains(key.get())) {
          error(t.getKeyNode(), "unknown key \"" + key.get() + "\" (expected one of: "
              + String.join(", ", KEYS) + ")");
          continue;
        }
        if (!seen.add(key.get())) {
          error(t.getKeyNode(), "duplicate key \"" + key.get() + "\"");
          continue;
        }
        Node v = t.getValueNode();
        switch (key.get()) {
          case "rules" -> readRules(v, disabled, severities, switchedOn);
          case "enable" -> enabled.addAll(ruleIds(v, "enable"));
          case "disable" -> disabled.addAll(ruleIds(v, "disable"));
          case "fail-level" -> failLevel = readFailLevel(v, failLevel);
          case "ignore" -> ignore.addAll(ignoreGlobs(v));
          case "trusted-registries" -> registries.addAll(strings(v, "trusted-registries"));
          case "compose" -> compose.addAll(composeGroups(v));
          case "compose-alternatives" -> alternatives.addAll(composeAlternatives(v));
          case "contexts" -> contexts.putAll(readContexts(v));
          case "style-per-file" -> stylePerFile = readStylePerFile(v, stylePerFile);
          default -> throw new AssertionError(key.get());
        }
      }
      BerthConfig config = new BerthConfig(enabled, disabled, severities, failLevel, ignore,
          registries, compose, contexts, alternatives, ImportedConfig.none(), stylePerFile,
          switchedOn);
      return new Outcome(config, errors, seen.contains("fail-level"));
    }

    private void readRules(Node v, Set<String> disabled, Map<String, Severity> severities,
        Set<String> switchedOn) {
      if (isNull(v)) return;
      if (!(v instanceof MappingNode map)) {
        error(v, "\"rules\" must be a mapping of rule id to on, off, error, warning or note");
        return;
      }
      for (NodeTuple t : map.getValue()) {
        Optional<String> id = ruleId(t.getKeyNode());
        Optional<String> level = scalar(t.getValueNode(), "on, off, error, warning or note");
        if (id.isEmpty() || level.isEmpty()) continue;
        switch (level.get().toLowerCase(Locale.ROOT)) {
          case "off" -> disabled.add(id.get());
          case "on" -> switchedOn.add(id.get());
          case "error", "warning", "note" -> severities.put(id.get(), Severity.parse(level.get()));
          default -> error(t.getValueNode(), "unknown level \"" + level.get() + "\" for "
              + id.get() + " (expected on, off, error, warning or note)");
        }
      }
    }

    /** A count of style findings text output prints per file, or {@code all}. */
    private OptionalInt readStylePerFile(Node v, OptionalInt current) {
      Optional<String> s = scalar(v, "a number or all");
      if (s.isEmpty()) return current;
      if (s.get().equalsIgnoreCase("all")) return OptionalInt.empty();
      try {
        int n = Integer.parseInt(s.get().strip());
        if (n >= 0) return OptionalInt.of(n);
      } catch (NumberFormatException e) {
        // reported below
      }
      error(v, "\"style-per-file\" must be a number (0 or more) or all, not \"" + s.get() + "\"");
      return current;
    }

    /** {@code none} is an empty Optional: findings never fail the run. */
    private Optional<Severity> readFailLevel(Node v, Optional<Severity> current) {
      Optional<String> s = scalar(v, "error, warning, note or none");
      if (s.isEmpty()) return current;
      return switch (s.get().toLowerCase(Locale.ROOT)) {
        case "none" -> Optional.empty();
        case "error", "warning", "note" -> Optional.of(Severity.parse(s.get()));
        default -> {
          error(v, "unknown fail-level \"" + s.get() + "\" (expected error, warning, note or none)");
          yield current;
        }
      };
    }

    private List<String> ruleIds(Node v, String key) {
      List<String> ids = new ArrayList<>();
      for (Node item : items(v, key, "a list of rule ids")) ruleId(item).ifPresent(ids::add);
      return ids;
    }

    private Optional<String> ruleId(Node n) {
      Optional<String> id = scalar(n, "a rule id");
      if (id.isPresent() && !known.contains(id.get())) {
        error(n, "unknown rule id \"" + id.get() + "\"");
        return Optional.empty();
      }
      return id;
    }

    private List<String> strings(Node v, String key) {
      List<String> out = new ArrayList<>();
      for (Node item : items(v, key, "a list of strings")) {
        scalar(item, "a string").ifPresent(out::add);
      }
      return out;
    }

    /** Paths and globs must stay inside the root: berth never reads outside it. */
    private List<String> relativePaths(Node v, String key) {
      List<String> out = new ArrayList<>();
      for (Node item : items(v, key, "a list of paths relative to the project root")) {
        relativePath(item).ifPresent(out::add);
      }
      return out;
    }

    private Optional<String> relativePath(Node item) {
      Optional<String> s = scalar(item, "a path");
      if (s.isEmpty()) return s;
      String p = s.get().replace('\\', '/');
      boolean escapes = p.startsWith("/") || p.matches("[A-Za-z]:.*")
          || java.util.Arrays.asList(p.split("/")).contains("..");
      if (escapes) {
        error(item, "\"" + s.get() + "\" must be relative to the project root, without \"..\"");
        return Optional.empty();
      }
      return s;
    }

    /** Globs inside the root that compile; a bad one is an error at the character at fault. */
    private List<String> ignoreGlobs(Node v) {
      List<String> out = new ArrayList<>();
      for (Node item : items(v, "ignore", "a list of paths relative to the project root")) {
        Optional<String> glob = relativePath(item);
        if (glob.isEmpty()) continue;
        try {
          PathGlob.compile(glob.get());
          out.add(glob.get());
        } catch (PathGlob.Invalid e) {
          Range at = item.getStartMark().map(m -> point(file, m))
              .map(r -> Range.point(r.file(), r.startLine(), r.startColumn() + e.index()
                  + (quoted(item) ? 1 : 0)))
              .orElse(Range.wholeFile(file.path()));
          errors.add(new Diagnostic(at, Diagnostic.Kind.CONFIG,
              "invalid glob \"" + glob.get() + "\": " + e.getMessage()));
        }
      }
      return out;
    }

    private static boolean quoted(Node n) {
      return n instanceof ScalarNode s && s.getScalarStyle() != ScalarStyle.PLAIN;
    }

    /** {@code contexts: {apps/web/Dockerfile: .}}: both sides root-relative, normalised. */
    private Map<String, String> readContexts(Node v) {
      Map<String, String> out = new LinkedHashMap<>();
      if (isNull(v)) return out;
      if (!(v instanceof MappingNode map)) {
        error(v, "\"contexts\" must be a mapping of Dockerfile path to build context directory, "
            + "e.g. {apps/web/Dockerfile: .}");
        return out;
      }
      for (NodeTuple t : map.getValue()) {
        Optional<String> dockerfile = insideRoot(t.getKeyNode(), "a Dockerfile path");
        Optional<String> dir = insideRoot(t.getValueNode(), "a context directory");
        if (dockerfile.isEmpty() || dir.isEmpty()) continue;
        if (dockerfile.get().isEmpty()) {
          error(t.getKeyNode(), "expected a Dockerfile path, found the project root");
        } else if (out.putIfAbsent(dockerfile.get(), dir.get()) != null) {
          error(t.getKeyNode(), "duplicate Dockerfile \"" + dockerfile.get() + "\"");
        }
      }
      return out;
    }

    /** A relative path without "..", normalised ("./a//b/" is "a/b", "." is ""). */
    private Optional<String> insideRoot(Node n, String what) {
      Optional<String> s = scalar(n, what);
      if (s.isEmpty()) return s;
      String p = s.get().replace('\\', '/');
      if (p.startsWith("/") || p.matches("[A-Za-z]:.*")
          || java.util.Arrays.asList(p.split("/")).contains("..")) {
        error(n, "\"" + s.get() + "\" must be relative to the project root, without \"..\"");
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      for (String part : p.split("/")) {
        if (!part.isEmpty() && !part.equals(".")) parts.add(part);
      }
      return Optional.of(String.join("/", parts));
    }

    private List<List<String>> composeGroups(Node v) {
      List<List<String>> groups = new ArrayList<>();
      String shape = "a list of groups, each a list of compose files";
      for (Node group : items(v, "compose", shape)) {
        if (!(group instanceof SequenceNode)) {
          error(group, "each \"compose\" entry must be a list of compose files, e.g. "
              + "[docker-compose.yml, docker-compose.prod.yml]");
          continue;
        }
        if (((SequenceNode) group).getValue().isEmpty()) {
          error(group, "a compose group must name at least one file");
          continue;
        }
        List<String> files = relativePaths(group, "compose");
        if (!files.isEmpty()) groups.add(files);
      }
      return groups;
    }

    /**
     * {@code compose-alternatives: [[a.yml, b.yml], ...]}: each set names two or more distinct
     * compose files, root-relative and normalised like {@code contexts}.
     */
    private List<List<String>> composeAlternatives(Node v) {
      List<List<String>> sets = new ArrayList<>();
      String key = "compose-alternatives";
      for (Node set : items(v, key, "a list of sets, each a list of compose files")) {
        if (!(set instanceof SequenceNode seq)) {
          error(set, "each \"" + key + "\" entry must be a list of compose files that never run "
              + "together, e.g. [docker-compose.yml, docker-compose.alt.yml]");
          continue;
        }
        List<String> files = new ArrayList<>();
        for (Node item : seq.getValue()) {
          Optional<String> f = insideRoot(item, "a compose file path");
          if (f.isEmpty()) continue;
          if (f.get().isEmpty()) {
            error(item, "expected a compose file path, found the project root");
          } else if (files.contains(f.get())) {
            error(item, "duplicate file \"" + f.get() + "\"");
          } else {
            files.add(f.get());
          }
        }
        if (seq.getValue().size() < 2) {
          error(set, "a set of alternatives must name at least two files");
        } else if (files.size() == seq.getValue().size()) {
          sets.add(files);
        }
      }
      return sets;
    }

    private List<Node> items(Node v, String key, String shape) {
      if (isNull(v)) return List.of();
      if (v instanceof SequenceNode seq) return seq.getValue();
      error(v, "\"" + key + "\" must be " + shape);
      return List.of();
    }

    private Optional<String> scalar(Node n, String what) {
      if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
        return Optional.of(s.getValue());
      }
      error(n, "expected " + what + (isNull(n) ? ", found nothing" : ", found a "
          + (n instanceof MappingNode ? "mapping" : "list")));
      return Optional.empty();
    }

    private static boolean isNull(Node n) {
      return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private void error(Node n, String message) {
      Range where = n.getStartMark().map(m -> point(file, m)).orElse(Range.wholeFile(file.path()));
      errors.add(new Diagnostic(where, Diagnostic.Kind.CONFIG, message));
    }
  }
}
