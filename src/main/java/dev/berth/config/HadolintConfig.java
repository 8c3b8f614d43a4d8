package dev.berth.config;

import dev.berth.compose.yaml.YamlInput;
import dev.berth.rules.Aliases;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads hadolint's configuration file at the project root, as hadolint's own schema defines it
 * (hadolint/hadolint {@code src/Hadolint/Config/Configfile.hs} and {@code Configuration.hs}):
 * {@code ignored}, {@code override} ({@code error}/{@code warning}/{@code info}/{@code style}
 * lists), {@code failure-threshold}, {@code trustedRegistries} (a string or a list) and
 * {@code disable-ignore-pragma}. Keys that only concern hadolint's own output ({@code format},
 * {@code no-color}, …) or its label rules are read and noted as not applied. hadolint also looks
 * in the user's home directory; berth reads nothing outside the project root.
 */
public final class HadolintConfig {
  public static final List<String> FILE_NAMES = List.of(".hadolint.yaml", ".hadolint.yml");
  private static final int MAX_BYTES = 1 << 20;

  private HadolintConfig() {}

  /**
   * {@code config} with what the root's hadolint file adds (unchanged when there is none).
   *
   * @param failLevelFixed a fail level was set by {@code .berth.yaml} or {@code --fail-level}
   * @param rules every rule berth knows
   */
  public static BerthConfig apply(Path root, BerthConfig config, boolean failLevelFixed,
      List<RuleInfo> rules) {
    for (String name : FILE_NAMES) {
      Path file = root.resolve(name);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) continue;
      return read(file, name, config, failLevelFixed, rules);
    }
    return config;
  }

  private static BerthConfig read(Path file, String name, BerthConfig config,
      boolean failLevelFixed, List<RuleInfo> rules) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        return failed(config, name, "hadolint configuration file is larger than 1 MiB");
      }
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      return parse(new SourceFile(name, text), config, failLevelFixed, rules);
    } catch (CharacterCodingException e) {
      return failed(config, name, "hadolint configuration file is not valid UTF-8");
    } catch (IOException e) {
      return failed(config, name, "cannot read hadolint configuration file: " + e.getMessage());
    }
  }

  /** Parses hadolint configuration text (testable without a disk). */
  public static BerthConfig parse(SourceFile file, BerthConfig config, boolean failLevelFixed,
      List<RuleInfo> rules) {
    Optional<Node> doc;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.path())
          .setMaxAliasesForCollections(20).setAllowRecursiveKeys(false)
          .setCodePointLimit(MAX_BYTES).build();
      // Bounded as .berth.yaml is: the composer recurses once per nesting level.
      if (YamlInput.tooDeep(file.text(), settings, BerthConfigLoader.MAX_DEPTH).isPresent()) {
        return failed(config, file.path(), "hadolint configuration nested deeper than "
            + BerthConfigLoader.MAX_DEPTH + " levels");
      }
      doc = new Compose(settings).composeReader(YamlInput.reader(file.text()));
    } catch (YamlEngineException e) {
      return failed(config, file.path(), "invalid YAML in hadolint configuration: "
          + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip());
    } catch (RuntimeException e) {
      // a bug of the YAML library on this text: this file cannot be read, the run is not over
      return failed(config, file.path(), "the YAML reader failed on the hadolint configuration: "
          + String.valueOf(e).replaceAll("\\s+", " ").strip());
    }
    Reader r = new Reader(file, config, failLevelFixed, rules);
    doc.ifPresent(r::read);
    return config.withImported(r.result(), r.registries);
  }

  private static BerthConfig failed(BerthConfig config, String path, String message) {
    return config.withImported(new ImportedConfig(Optional.of(path), Map.of(), Map.of(),
        Optional.empty(), true, List.of(),
        List.of(new Diagnostic(Range.wholeFile(path), Diagnostic.Kind.CONFIG, message))),
        List.of());
  }

  private static final class Reader {
    private final SourceFile file;
    private final BerthConfig config;
    private final boolean failLevelFixed;
    private final List<RuleInfo> rules;
    final Map<String, Range> ignored = new LinkedHashMap<>();
    final Map<String, Severity> severities = new LinkedHashMap<>();
    Optional<Optional<Severity>> failLevel = Optional.empty();
    boolean pragmas = true;
    final List<String> registries = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Diagnostic> problems = new ArrayList<>();

    Reader(SourceFile file, BerthConfig config, boolean failLevelFixed, List<RuleInfo> rules) {
      this.file = file;
      this.config = config;
      this.failLevelFixed = failLevelFixed;
      this.rules = rules;
    }

    ImportedConfig result() {
      return new ImportedConfig(Optional.of(file.path()), ignored, severities, failLevel, pragmas,
          notes, problems);
    }

    void read(Node root) {
      if (isNull(root)) return;
      if (!(root instanceof MappingNode map)) {
        problem(root, "hadolint configuration must be a mapping");
        return;
      }
      for (NodeTuple t : map.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
        Node v = t.getValueNode();
        switch (key) {
          case "ignored" -> {
            for (Node id : list(v, key)) ignore(id);
          }
          case "override" -> override(v);
          case "failure-threshold" -> threshold(v);
          case "trustedRegistries" -> {
            if (v instanceof ScalarNode s && !isNull(s)) {
              registries.add(s.getValue());
            } else {
              for (Node n : list(v, key)) scalar(n).ifPresent(registries::add);
            }
            if (!config.trustedRegistries().isEmpty()) {
              notes.add("trustedRegistries: not applied, .berth.yaml sets trusted-registries");
              registries.clear();
            } else {
              notes.add("trustedRegistries: " + registries + " used as trusted-registries");
            }
          }
          case "disable-ignore-pragma" -> {
            pragmas = !scalar(v).map(s -> s.equalsIgnoreCase("true")).orElse(false);
            notes.add("disable-ignore-pragma: # hadolint pragmas are "
                + (pragmas ? "honoured" : "not honoured"));
          }
          default -> notes.add(key + ": not applied (only hadolint's own output or label rules"
              + " use it)");
        }
      }
    }

    private void ignore(Node n) {
      Optional<String> id = scalar(n);
      if (id.isEmpty()) return;
      List<RuleInfo> standIns = standIns(id.get());
      for (RuleInfo r : standIns) {
        if (config.configures(r.id())) {
          notes.add("ignored: " + id.get() + " not applied to " + r.id()
              + ", which .berth.yaml configures");
        } else {
          ignored.putIfAbsent(r.id(), range(n));
          notes.add("ignored: " + id.get() + " suppresses " + r.id());
        }
      }
    }

    private void override(Node v) {
      if (isNull(v)) return;
      if (!(v instanceof MappingNode map)) {
        problem(v, "hadolint \"override\" must be a mapping of error, warning, info or style "
            + "to lists of rule codes");
        return;
      }
      for (NodeTuple t : map.getValue()) {
        String level = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
        Severity severity = switch (level) {
          case "error" -> Severity.ERROR;
          case "warning" -> Severity.WARNING;
          case "info", "style" -> Severity.NOTE;
          default -> null;
        };
        if (severity == null) {
          notes.add("override." + level + ": not applied (hadolint knows error, warning, info, "
              + "style)");
          continue;
        }
        for (Node n : list(t.getValueNode(), "override." + level)) {
          Optional<String> id = scalar(n);
          if (id.isEmpty()) continue;
          for (RuleInfo r : standIns(id.get())) {
            if (config.configures(r.id())) {
              notes.add("override: " + id.get() + " not applied to " + r.id()
                  + ", which .berth.yaml configures");
              continue;
            }
            severities.merge(r.id(), severity, (a, b) -> a.atLeast(b) ? a : b);
            notes.add("override: " + id.get() + " makes " + r.id() + " " + severity.sarifLevel());
          }
        }
      }
    }

    private void threshold(Node v) {
      Optional<String> s = scalar(v);
      if (s.isEmpty()) return;
      Optional<Optional<Severity>> level = switch (s.get().toLowerCase(Locale.ROOT)) {
        case "error" -> Optional.of(Optional.of(Severity.ERROR));
        case "warning" -> Optional.of(Optional.of(Severity.WARNING));
        case "info", "style" -> Optional.of(Optional.of(Severity.NOTE));
        case "ignore", "none" -> Optional.of(Optional.empty());
        default -> Optional.empty();
      };
      if (level.isEmpty()) {
        problem(v, "unknown hadolint failure-threshold \"" + s.get()
            + "\" (expected error, warning, info, style, ignore or none)");
      } else if (failLevelFixed) {
        notes.add("failure-threshold: not applied, berth's fail level is set");
      } else {
        failLevel = level;
        notes.add("failure-threshold: " + s.get() + " applies to rules with hadolint aliases");
      }
    }

    /** The berth rules standing for a hadolint code; a note when there is none. */
    private List<RuleInfo> standIns(String code) {
      List<RuleInfo> out = rules.stream().filter(r -> r.aliases().stream()
          .anyMatch(a -> a.equalsIgnoreCase(code))).toList();
      if (out.isEmpty()) notes.add(code + ": no berth rule stands for it, not applied");
      return out;
    }

    private List<Node> list(Node v, String key) {
      if (isNull(v)) return List.of();
      if (v instanceof SequenceNode seq) return seq.getValue();
      problem(v, "hadolint \"" + key + "\" must be a list");
      return List.of();
    }

    private Optional<String> scalar(Node n) {
      if (n instanceof ScalarNode s && !isNull(s)) return Optional.of(s.getValue().strip());
      problem(n, "expected a string");
      return Optional.empty();
    }

    private static boolean isNull(Node n) {
      return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private Range range(Node n) {
      return n.getStartMark().map(m -> Range.point(file.path(), m.getLine() + 1,
          m.getColumn() + 1)).orElse(Range.wholeFile(file.path()));
    }

    private void problem(Node n, String message) {
      problems.add(new Diagnostic(range(n), Diagnostic.Kind.CONFIG, message));
    }
  }
}
