package dev.berth.compose.yaml;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into {@link YamlNode} trees with positions, via snakeyaml-engine's node API so
 * custom tags survive. Applies {@code <<} merge keys, records duplicate keys (Compose refuses them;
 * the first entry is kept, so the rest of the file is still read) and
 * bounds alias expansion: every node produced counts, shared anchors included, so an alias bomb
 * stops at {@link #MAX_NODES} with a LIMIT diagnostic.
 */
public final class YamlReader {
  public static final int MAX_NODES = 100_000;
  public static final int MAX_DEPTH = 500;

  /**
   * Documents in order (empty documents dropped), or diagnostics when the text is not valid.
   *
   * @param duplicates keys repeated in one mapping: Compose refuses the file (yaml.v3: "mapping
   *     key ... already defined at line N"), but berth understands it, keeping the first entry
   */
  public record Result(List<YamlNode> documents, List<Diagnostic> diagnostics,
      List<Duplicate> duplicates) {
    public Result {
      documents = List.copyOf(documents);
      diagnostics = List.copyOf(diagnostics);
      duplicates = List.copyOf(duplicates);
    }

    public Result(List<YamlNode> documents, List<Diagnostic> diagnostics) {
      this(documents, diagnostics, List.of());
    }

    public boolean ok() {
      return diagnostics.isEmpty();
    }
  }

  /** A key written again in the same mapping, and where it was first written. */
  public record Duplicate(String key, Range at, Range first) {}

  private final SourceFile file;
  private final List<Duplicate> duplicates = new ArrayList<>();
  private final int[] cpToChar;
  private int produced;

  private YamlReader(SourceFile file) {
    this.file = file;
    this.cpToChar = codePointTable(file.text());
  }

  public static Result read(SourceFile file) {
    return new YamlReader(file).run();
  }

  private Result run() {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file.path())
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(10_000)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(Math.max(1, file.text().length() * 2 + 16))
        .setUseMarks(true)
        .build();
    List<YamlNode> docs = new ArrayList<>();
    try {
      Optional<YamlInput.TooDeep> deep = YamlInput.tooDeep(file.text(), settings, MAX_DEPTH);
      if (deep.isPresent()) {
        return new Result(List.of(), List.of(diag(deep.get().at().map(this::point)
            .orElse(Range.wholeFile(file.path())), Diagnostic.Kind.LIMIT,
            "YAML nested deeper than " + MAX_DEPTH + " levels")));
      }
      for (Node n : new Compose(settings).composeAllFromReader(YamlInput.reader(file.text()))) {
        if (n == null) continue;
        YamlNode converted = convert(n, 0);
        if (converted instanceof YamlScalar s && s.isNull() && s.tag().isEmpty()) continue;
        docs.add(converted);
      }
    } catch (Failure f) {
      return new Result(List.of(), List.of(f.diagnostic));
    } catch (MarkedYamlEngineException e) {
      Range at = e.getProblemMark().or(e::getContextMark).map(this::point)
          .orElse(Range.wholeFile(file.path()));
      String msg = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      if (e.getContext() != null && !e.getContext().isBlank()) msg = e.getContext() + ": " + msg;
      return new Result(List.of(), List.of(diag(at, Diagnostic.Kind.PARSE_ERROR,
          "invalid YAML: " + oneLine(msg))));
    } catch (YamlEngineException e) {
      String msg = oneLine(String.valueOf(e.getMessage()));
      boolean limit = msg.contains("aliases") || msg.contains("code points");
      return new Result(List.of(), List.of(diag(Range.wholeFile(file.path()),
          limit ? Diagnostic.Kind.LIMIT : Diagnostic.Kind.PARSE_ERROR,
          (limit ? "YAML limit exceeded: " : "invalid YAML: ") + msg)));
    } catch (StackOverflowError e) {
      return new Result(List.of(), List.of(diag(Range.wholeFile(file.path()),
          Diagnostic.Kind.LIMIT, "YAML nesting too deep")));
    }
    return new Result(docs, List.of(), duplicates);
  }

  private static final class Failure extends RuntimeException {
    final transient Diagnostic diagnostic;

    Failure(Diagnostic d) {
      super(d.message(), null, false, false);
      this.diagnostic = d;
    }
  }

  /** A converted subtree, shared by every alias to it; size counts its expanded nodes. */
  private record Converted(YamlNode node, int size, int height) {}

  private final java.util.IdentityHashMap<Node, Converted> done = new java.util.IdentityHashMap<>();
  private int maxDepthSeen;
  private int viaAliases;

  private YamlNode convert(Node n, int depth) {
    Converted hit = done.get(n);
    if (hit != null) {
      viaAliases += hit.size();
      produced += hit.size();
      maxDepthSeen = Math.max(maxDepthSeen, depth + hit.height());
      checkLimits(n, depth + hit.height());
      return hit.node();
    }
    int before = produced;
    int outerMax = maxDepthSeen;
    maxDepthSeen = depth;
    YamlNode out = convertFresh(n, depth);
    done.put(n, new Converted(out, produced - before, maxDepthSeen - depth));
    maxDepthSeen = Math.max(outerMax, maxDepthSeen);
    return out;
  }

  private void checkLimits(Node n, int depth) {
    if (produced > MAX_NODES) throw tooManyNodes(n);
    if (depth > MAX_DEPTH) {
      throw new Failure(diag(range(n), Diagnostic.Kind.LIMIT,
          "YAML nested deeper than " + MAX_DEPTH + " levels"));
    }
  }

  /** Alias expansion is named only when aliases added nodes: a big plain file is just big. */
  private Failure tooManyNodes(Node n) {
    return new Failure(diag(range(n), Diagnostic.Kind.LIMIT, viaAliases > 0
        ? "YAML expands to more than " + MAX_NODES + " nodes (" + viaAliases + " of them through "
            + "aliases); refusing to load it"
        : "YAML has more than " + MAX_NODES + " nodes, berth's limit for one file; refusing to "
            + "load it"));
  }

  private YamlNode convertFresh(Node n, int depth) {
    maxDepthSeen = Math.max(maxDepthSeen, depth);
    if (++produced > MAX_NODES) throw tooManyNodes(n);
    if (depth > MAX_DEPTH) {
      throw new Failure(diag(range(n), Diagnostic.Kind.LIMIT,
          "YAML nested deeper than " + MAX_DEPTH + " levels"));
    }
    String tag = customTag(n.getTag());
    if (n instanceof ScalarNode s) {
      boolean plain = s.getScalarStyle() == ScalarStyle.PLAIN && tag.isEmpty()
          && !explicitString(s);
      return new YamlScalar(s.getValue(), s.getValue(), plain, range(n), tag);
    }
    if (n instanceof SequenceNode q) {
      List<YamlNode> items = new ArrayList<>();
      for (Node c : q.getValue()) items.add(convert(c, depth + 1));
      return new YamlSeq(items, range(n), tag);
    }
    MappingNode m = (MappingNode) n;
    List<YamlMap.Entry> own = new ArrayList<>();
    Map<String, Range> seen = new HashMap<>();
    List<YamlMap> merged = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode ks)) {
        throw new Failure(diag(range(k), Diagnostic.Kind.PARSE_ERROR,
            "mapping keys must be scalars"));
      }
      if (ks.getValue().equals("<<") && (ks.getScalarStyle() == ScalarStyle.PLAIN
          || ks.getTag().getValue().equals("tag:yaml.org,2002:merge"))) {
        collectMerge(t.getValueNode(), depth, merged);
        continue;
      }
      Range first = seen.putIfAbsent(ks.getValue(), range(k));
      if (first != null) {
        duplicates.add(new Duplicate(ks.getValue(), range(k), first));
        continue;
      }
      YamlScalar key = new YamlScalar(ks.getValue(), ks.getValue(), false, range(k), "");
      own.add(new YamlMap.Entry(key, convert(t.getValueNode(), depth + 1)));
    }
    // Explicit keys win over merged ones; among merged maps the first one listed wins.
    List<YamlMap.Entry> entries = new ArrayList<>(own);
    for (YamlMap src : merged) {
      for (YamlMap.Entry e : src.entries()) {
        if (seen.putIfAbsent(e.name(), e.key().range()) == null) entries.add(e);
      }
    }
    return new YamlMap(entries, range(n), tag);
  }

  private void collectMerge(Node value, int depth, List<YamlMap> out) {
    if (value instanceof MappingNode) {
      out.add((YamlMap) convert(value, depth + 1));
    } else if (value instanceof SequenceNode q) {
      for (Node c : q.getValue()) {
        if (!(c instanceof MappingNode)) {
          throw new Failure(diag(range(c), Diagnostic.Kind.PARSE_ERROR,
              "merge key '<<' needs a mapping or a list of mappings"));
        }
        out.add((YamlMap) convert(c, depth + 1));
      }
    } else {
      throw new Failure(diag(range(value), Diagnostic.Kind.PARSE_ERROR,
          "merge key '<<' needs a mapping or a list of mappings"));
    }
  }

  private static boolean explicitString(ScalarNode s) {
    // The core schema resolves plain "80" to int; a plain scalar still tagged str was written !!str.
    if (!s.getTag().equals(Tag.STR)) return false;
    YamlScalar probe = new YamlScalar(s.getValue(), s.getValue(), true, null, "");
    return probe.kind() != YamlScalar.Kind.STRING;
  }

  private static String customTag(Tag t) {
    String v = t.getValue();
    return v.startsWith("tag:yaml.org,2002:") ? "" : v;
  }

  private Range range(Node n) {
    int start = n.getStartMark().map(this::offset).orElse(0);
    int end = n.getEndMark().map(this::offset).orElse(start);
    return file.range(start, Math.max(start, end));
  }

  private Range point(Mark m) {
    int o = offset(m);
    return file.range(o, o);
  }

  private int offset(Mark m) {
    int i = Math.max(0, m.getIndex());
    if (cpToChar == null) return Math.min(i, file.text().length());
    return i < cpToChar.length ? cpToChar[i] : file.text().length();
  }

  /** Marks count code points; SourceFile counts UTF-16 units. Null when they coincide. */
  private static int[] codePointTable(String text) {
    boolean surrogates = false;
    for (int i = 0; i < text.length() && !surrogates; i++) {
      surrogates = Character.isSurrogate(text.charAt(i));
    }
    if (!surrogates) return null;
    int[] table = new int[text.codePointCount(0, text.length()) + 1];
    int cp = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      table[cp++] = i;
    }
    table[cp] = text.length();
    return table;
  }

  private Diagnostic diag(Range r, Diagnostic.Kind kind, String message) {
    return new Diagnostic(r, kind, message);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
