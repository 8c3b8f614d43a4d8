package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Validates a merged, interpolated Compose model against the Compose JSON schema shipped in
 * {@code berth/compose/compose-spec.json}, like compose-go does before loading. Implements the
 * subset of JSON Schema (draft 7) that file uses: type, properties, patternProperties,
 * additionalProperties, items, oneOf, enum, required, minimum, maximum, pattern, uniqueItems and
 * local {@code $ref}. Scalars take their YAML type; an interpolated value takes the type of its
 * resulting text, as compose-go's type casting does.
 */
public final class ComposeSchema {
  private static final String RESOURCE = "/berth/compose/compose-spec.json";

  private final Map<?, ?> root;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private ComposeSchema(Map<?, ?> root) {
    this.root = root;
  }

  private static final class Holder {
    static final ComposeSchema STANDARD = load();

    private static ComposeSchema load() {
      try (InputStream in = ComposeSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
        // JSON is YAML, and snakeyaml-engine is already here.
        Object tree = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        return new ComposeSchema((Map<?, ?>) tree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The Compose specification schema. */
  public static ComposeSchema standard() {
    return Holder.STANDARD;
  }

  public List<SchemaViolation> validate(YamlMap model) {
    List<SchemaViolation> out = new ArrayList<>();
    check(model, root, "", out);
    return out;
  }

  private void check(YamlNode n, Map<?, ?> schema, String path, List<SchemaViolation> out) {
    if (schema.get("$ref") instanceof String ref) {
      schema = resolve(ref);
      if (schema == null) return;
    }
    Object type = schema.get("type");
    if (type != null && !typeMatches(n, type)) {
      out.add(new SchemaViolation(path, n.range(), label(path) + " must be " + describe(type)
          + ", not " + typeName(n)));
      return;
    }
    if (schema.get("oneOf") instanceof List<?> oneOf) checkOneOf(n, oneOf, path, out);
    if (schema.get("enum") instanceof List<?> en && n instanceof YamlScalar s
        && !enumContains(en, s)) {
      List<String> allowed = new ArrayList<>();
      en.forEach(v -> allowed.add(String.valueOf(v)));
      out.add(new SchemaViolation(path, n.range(), label(path) + " must be one of "
          + String.join(", ", allowed) + ", not '" + s.value() + "'"));
    }
    if (n instanceof YamlScalar s) checkScalar(s, schema, path, out);
    if (n instanceof YamlMap m) checkObject(m, schema, path, out);
    if (n instanceof YamlSeq q) checkArray(q, schema, path, out);
  }

  private void checkOneOf(YamlNode n, List<?> oneOf, String path, List<SchemaViolation> out) {
    List<List<SchemaViolation>> results = new ArrayList<>();
    int matches = 0;
    for (Object branch : oneOf) {
      List<SchemaViolation> errs = new ArrayList<>();
      check(n, (Map<?, ?>) branch, path, errs);
      results.add(errs);
      if (errs.isEmpty()) matches++;
    }
    if (matches == 1) return;
    if (matches > 1) {
      out.add(new SchemaViolation(path, n.range(), label(path) + " matches more than one form"));
      return;
    }
    // Report the branch of the node's own shape, so the message is about what was written.
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < oneOf.size(); i++) {
      Map<?, ?> b = deref((Map<?, ?>) oneOf.get(i));
      if (b == null || b.get("type") == null) continue;
      if (typeMatches(n, b.get("type"))) {
        out.addAll(results.get(i));
        return;
      }
      kinds.add(describe(b.get("type")));
    }
    out.add(new SchemaViolation(path, n.range(), label(path) + " must be "
        + (kinds.isEmpty() ? "of another form" : String.join(" or ", kinds)) + ", not "
        + typeName(n)));
  }

  private void checkScalar(YamlScalar s, Map<?, ?> schema, String path,
      List<SchemaViolation> out) {
    YamlScalar.Kind k = kind(s);
    if (schema.get("pattern") instanceof String p && k == YamlScalar.Kind.STRING
        && !pattern(p).matcher(s.value()).find()) {
      out.add(new SchemaViolation(path, s.range(), label(path) + " '" + s.value()
          + "' does not match " + p));
    }
    if (k == YamlScalar.Kind.INT || k == YamlScalar.Kind.FLOAT) {
      double v = number(s.value());
      if (schema.get("minimum") instanceof Number min && v < min.doubleValue()) {
        out.add(new SchemaViolation(path, s.range(), label(path) + " must be at least " + min));
      }
      if (schema.get("maximum") instanceof Number max && v > max.doubleValue()) {
        out.add(new SchemaViolation(path, s.range(), label(path) + " must be at most " + max));
      }
    }
  }

  private void checkObject(YamlMap m, Map<?, ?> schema, String path, List<SchemaViolation> out) {
    Map<?, ?> props = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
    Map<?, ?> patternProps = schema.get("patternProperties") instanceof Map<?, ?> p ? p : Map.of();
    Object additional = schema.get("additionalProperties");
    if (schema.get("required") instanceof List<?> required) {
      for (Object r : required) {
        if (m.get(String.valueOf(r)).isEmpty()) {
          out.add(new SchemaViolation(path, m.range(), label(path) + " is missing required '"
              + r + "'"));
        }
      }
    }
    for (YamlMap.Entry e : m.entries()) {
      String child = path.isEmpty() ? e.name() : path + "." + e.name();
      boolean matched = false;
      if (props.get(e.name()) instanceof Map<?, ?> ps) {
        matched = true;
        check(e.value(), ps, child, out);
      }
      for (Map.Entry<?, ?> pp : patternProps.entrySet()) {
        if (pattern(String.valueOf(pp.getKey())).matcher(e.name()).find()) {
          matched = true;
          check(e.value(), (Map<?, ?>) pp.getValue(), child, out);
        }
      }
      if (matched || additional == null) continue;
      if (Boolean.FALSE.equals(additional)) {
        out.add(new SchemaViolation(child, e.key().range(), (path.isEmpty() ? "" : path + ": ")
            + "additional property '" + e.name() + "' is not allowed"));
      } else if (additional instanceof Map<?, ?> as) {
        check(e.value(), as, child, out);
      }
    }
  }

  private void checkArray(YamlSeq q, Map<?, ?> schema, String path, List<SchemaViolation> out) {
    if (schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < q.items().size(); i++) {
        check(q.items().get(i), items, path + "." + i, out);
      }
    }
    if (Boolean.TRUE.equals(schema.get("uniqueItems"))) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < q.items().size(); i++) {
        if (q.items().get(i) instanceof YamlScalar s && seen.putIfAbsent(s.value(), i) != null) {
          out.add(new SchemaViolation(path + "." + i, s.range(), label(path)
              + " contains '" + s.value() + "' more than once"));
        }
      }
    }
  }

  private Map<?, ?> deref(Map<?, ?> schema) {
    return schema.get("$ref") instanceof String ref ? resolve(ref) : schema;
  }

  private Map<?, ?> resolve(String ref) {
    if (!ref.startsWith("#/")) return null;
    Object n = root;
    for (String part : ref.substring(2).split("/")) {
      if (!(n instanceof Map<?, ?> m)) return null;
      n = m.get(part.replace("~1", "/").replace("~0", "~"));
    }
    return n instanceof Map<?, ?> m ? m : null;
  }

  private Pattern pattern(String p) {
    return patterns.computeIfAbsent(p, Pattern::compile);
  }

  private static YamlScalar.Kind kind(YamlScalar s) {
    if (!s.raw().equals(s.value())) {
      return new YamlScalar(s.value(), s.value(), true, s.range(), "").kind();
    }
    return s.kind();
  }

  private static boolean typeMatches(YamlNode n, Object type) {
    if (type instanceof List<?> types) {
      for (Object t : types) {
        if (typeMatches(n, String.valueOf(t))) return true;
      }
      return false;
    }
    return typeMatches(n, String.valueOf(type));
  }

  private static boolean typeMatches(YamlNode n, String t) {
    if (n instanceof YamlMap) return t.equals("object");
    if (n instanceof YamlSeq) return t.equals("array");
    YamlScalar.Kind k = kind((YamlScalar) n);
    return switch (t) {
      case "string" -> k == YamlScalar.Kind.STRING;
      case "integer" -> k == YamlScalar.Kind.INT
          || (k == YamlScalar.Kind.FLOAT && isWhole(((YamlScalar) n).value()));
      case "number" -> k == YamlScalar.Kind.INT || k == YamlScalar.Kind.FLOAT;
      case "boolean" -> k == YamlScalar.Kind.BOOL;
      case "null" -> k == YamlScalar.Kind.NULL;
      default -> false;
    };
  }

  private static boolean isWhole(String v) {
    double d = number(v);
    return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
  }

  private static double number(String v) {
    try {
      String t = v.replace("_", "");
      if (t.startsWith("0x")) return Long.parseLong(t.substring(2), 16);
      if (t.startsWith("0o")) return Long.parseLong(t.substring(2), 8);
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean enumContains(List<?> en, YamlScalar s) {
    for (Object v : en) {
      if (String.valueOf(v).equals(s.value())) return true;
    }
    return false;
  }

  private static String typeName(YamlNode n) {
    if (n instanceof YamlMap) return "a mapping";
    if (n instanceof YamlSeq) return "a list";
    return switch (kind((YamlScalar) n)) {
      case NULL -> "null";
      case BOOL -> "a boolean";
      case INT -> "an integer";
      case FLOAT -> "a number";
      default -> "a string";
    };
  }

  private static String describe(Object type) {
    if (!(type instanceof List<?> types)) return article(String.valueOf(type));
    List<String> parts = new ArrayList<>();
    types.forEach(t -> parts.add(article(String.valueOf(t))));
    return String.join(" or ", parts);
  }

  private static String article(String t) {
    return switch (t) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      case "null" -> "null";
      default -> "a " + t;
    };
  }

  private static String label(String path) {
    return path.isEmpty() ? "the file" : path;
  }
}
