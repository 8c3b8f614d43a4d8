package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validates a merged, interpolated Compose model against the Compose JSON schema shipped in
 * {@code berth/compose/compose-spec.json}, like compose-go does before loading. Implements the
 * JSON Schema keywords in {@link #ASSERTIONS} (all the bundled file uses); annotations are
 * ignored. A schema part using any other keyword cannot be decided: it is never reported, and a
 * {@code oneOf}/{@code anyOf} that depends on it is not reported either. Scalars take the type
 * {@link ComposeTypes} gives them (an interpolated string stays a string; compose-go's casts
 * apply); a scalar built from a variable nobody sets is unknown and not judged.
 */
public final class ComposeSchema {
  private static final String RESOURCE = "/berth/compose/compose-spec.json";

  /** Keywords that constrain values, all implemented here. */
  public static final Set<String> ASSERTIONS = Set.of("$ref", "type", "enum", "const", "oneOf",
      "anyOf", "allOf", "properties", "patternProperties", "additionalProperties", "required",
      "items", "uniqueItems", "minItems", "maxItems", "minimum", "maximum", "pattern");
  /** Keywords that only describe (JSON Schema annotations and identifiers). */
  public static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "definitions",
      "$comment", "title", "description", "default", "deprecated", "examples", "readOnly",
      "writeOnly", "format");

  private final Map<?, ?> root;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private ComposeSchema(Map<?, ?> root) {
    this.root = root;
  }

  private static final class Holder {
    static final ComposeSchema STANDARD = load();

    private static ComposeSchema load() {
      // JSON is YAML: the build packs it like the catalogs (DataResources).
      return new ComposeSchema((Map<?, ?>) DataResources.tree(ComposeSchema.class, RESOURCE));
    }
  }

  /** The Compose specification schema. */
  public static ComposeSchema standard() {
    return Holder.STANDARD;
  }

  /** A schema given as a parsed JSON document (for tests). */
  static ComposeSchema of(Map<?, ?> document) {
    return new ComposeSchema(document);
  }

  /** The schema document (for tests that check which keywords it uses). */
  Map<?, ?> document() {
    return root;
  }

  public List<SchemaViolation> validate(YamlMap model) {
    return validate(model, s -> false);
  }

  /** @param unknown scalars whose value is not known: nothing is said about them */
  public List<SchemaViolation> validate(YamlMap model, Predicate<YamlScalar> unknown) {
    Outcome out = new Outcome();
    new Run(unknown).check(model, root, "#", "", out);
    return out.violations;
  }

  /** Violations found, and whether some schema part could not be decided. */
  private static final class Outcome {
    final List<SchemaViolation> violations = new ArrayList<>();
    boolean undecided;

    void add(String path, YamlNode n, String at, String cause, String message) {
      violations.add(new SchemaViolation(path, n.range(), message, at + "|" + cause));
    }
  }

  /** One validation of one model. {@code at} is the schema location, for grouping causes. */
  private final class Run {
    private final Predicate<YamlScalar> unknown;

    Run(Predicate<YamlScalar> unknown) {
      this.unknown = unknown;
    }

    void check(YamlNode n, Map<?, ?> schema, String at, String path, Outcome out) {
      if (n instanceof YamlScalar s && unknown.test(s)) return;
      for (Object k : schema.keySet()) {
        if (!ASSERTIONS.contains(k) && !ANNOTATIONS.contains(k)) out.undecided = true;
      }
      if (schema.get("$ref") instanceof String ref) {
        Map<?, ?> target = resolve(ref);
        if (target == null) {
          out.undecided = true;
        } else {
          check(n, target, ref, path, out);
        }
      }
      Object type = schema.get("type");
      if (type != null && !typeMatches(n, type)) {
        out.add(path, n, at, "type:" + typeName(n), label(path) + " must be " + describe(type)
            + ", not " + typeName(n));
        return;
      }
      if (schema.get("oneOf") instanceof List<?> oneOf) checkOneOf(n, oneOf, at, path, out, true);
      if (schema.get("anyOf") instanceof List<?> anyOf) checkOneOf(n, anyOf, at, path, out, false);
      if (schema.get("allOf") instanceof List<?> allOf) {
        for (int i = 0; i < allOf.size(); i++) {
          check(n, (Map<?, ?>) allOf.get(i), at + "/allOf/" + i, path, out);
        }
      }
      if (schema.containsKey("enum") && schema.get("enum") instanceof List<?> en
          && !(n instanceof YamlScalar s && enumContains(en, s))) {
        List<String> allowed = new ArrayList<>();
        en.forEach(v -> allowed.add(String.valueOf(v)));
        out.add(path, n, at, "enum:" + shown(n), label(path) + " must be one of "
            + String.join(", ", allowed) + ", not " + shown(n));
      }
      if (schema.containsKey("const") && !(n instanceof YamlScalar s
          && enumContains(java.util.Collections.singletonList(schema.get("const")), s))) {
        out.add(path, n, at, "const:" + shown(n), label(path) + " must be "
            + schema.get("const") + ", not " + shown(n));
      }
      if (n instanceof YamlScalar s) checkScalar(s, schema, at, path, out);
      if (n instanceof YamlMap m) checkObject(m, schema, at, path, out);
      if (n instanceof YamlSeq q) checkArray(q, schema, at, path, out);
    }

    /** oneOf (exactly one branch) or anyOf (at least one). */
    private void checkOneOf(YamlNode n, List<?> branches, String at, String path, Outcome out,
        boolean exactlyOne) {
      String keyword = exactlyOne ? "/oneOf/" : "/anyOf/";
      List<Outcome> results = new ArrayList<>();
      int matches = 0;
      boolean undecided = false;
      for (int i = 0; i < branches.size(); i++) {
        Outcome o = new Outcome();
        check(n, (Map<?, ?>) branches.get(i), at + keyword + i, path, o);
        results.add(o);
        if (o.violations.isEmpty() && o.undecided) undecided = true;
        if (o.violations.isEmpty() && !o.undecided) matches++;
      }
      if (matches == 1 || (matches > 1 && !exactlyOne)) return;
      if (undecided) {
        out.undecided = true;
        return;
      }
      if (matches > 1) {
        out.add(path, n, at, "oneOf:many", label(path) + " matches more than one form");
        return;
      }
      // Report the branch of the node's own shape, so the message is about what was written.
      List<String> kinds = new ArrayList<>();
      for (int i = 0; i < branches.size(); i++) {
        Map<?, ?> b = deref((Map<?, ?>) branches.get(i));
        if (b == null || b.get("type") == null) continue;
        if (typeMatches(n, b.get("type"))) {
          out.violations.addAll(results.get(i).violations);
          return;
        }
        kinds.add(describe(b.get("type")));
      }
      out.add(path, n, at, "type:" + typeName(n), label(path) + " must be "
          + (kinds.isEmpty() ? "of another form" : String.join(" or ", kinds)) + ", not "
          + typeName(n));
    }

    private void checkScalar(YamlScalar s, Map<?, ?> schema, String at, String path,
        Outcome out) {
      YamlScalar.Kind k = s.kind();
      if (schema.get("pattern") instanceof String p && k == YamlScalar.Kind.STRING
          && !pattern(p).matcher(s.value()).find()) {
        out.add(path, s, at, "pattern:" + s.value(), label(path) + " '" + s.value()
            + "' does not match " + p);
      }
      if (k == YamlScalar.Kind.INT || k == YamlScalar.Kind.FLOAT) {
        double v = number(s.value());
        if (schema.get("minimum") instanceof Number min && v < min.doubleValue()) {
          out.add(path, s, at, "minimum", label(path) + " must be at least " + min);
        }
        if (schema.get("maximum") instanceof Number max && v > max.doubleValue()) {
          out.add(path, s, at, "maximum", label(path) + " must be at most " + max);
        }
      }
    }

    private void checkObject(YamlMap m, Map<?, ?> schema, String at, String path, Outcome out) {
      Map<?, ?> props = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
      Map<?, ?> patternProps =
          schema.get("patternProperties") instanceof Map<?, ?> p ? p : Map.of();
      Object additional = schema.get("additionalProperties");
      if (schema.get("required") instanceof List<?> required) {
        for (Object r : required) {
          if (m.get(String.valueOf(r)).isEmpty()) {
            out.add(path, m, at, "required:" + r, label(path) + " is missing required '" + r
                + "'");
          }
        }
      }
      for (YamlMap.Entry e : m.entries()) {
        String child = path.isEmpty() ? e.name() : path + "." + e.name();
        boolean matched = false;
        if (props.get(e.name()) instanceof Map<?, ?> ps) {
          matched = true;
          check(e.value(), ps, at + "/properties/" + e.name(), child, out);
        }
        for (Map.Entry<?, ?> pp : patternProps.entrySet()) {
          if (pattern(String.valueOf(pp.getKey())).matcher(e.name()).find()) {
            matched = true;
            check(e.value(), (Map<?, ?>) pp.getValue(), at + "/patternProperties/" + pp.getKey(),
                child, out);
          }
        }
        if (matched || additional == null) continue;
        if (Boolean.FALSE.equals(additional)) {
          out.violations.add(new SchemaViolation(child, e.key().range(),
              (path.isEmpty() ? "" : path + ": ") + "additional property '" + e.name()
                  + "' is not allowed", at + "|additionalProperties:" + e.name()));
        } else if (additional instanceof Map<?, ?> as) {
          check(e.value(), as, at + "/additionalProperties", child, out);
        }
      }
    }

    private void checkArray(YamlSeq q, Map<?, ?> schema, String at, String path, Outcome out) {
      Object items = schema.get("items");
      if (items instanceof Map<?, ?> itemSchema) {
        for (int i = 0; i < q.items().size(); i++) {
          check(q.items().get(i), itemSchema, at + "/items", path + "." + i, out);
        }
      } else if (items != null && !(items instanceof Boolean)) {
        out.undecided = true; // draft-07 tuple form
      }
      if (schema.get("minItems") instanceof Number min && q.items().size() < min.intValue()) {
        out.add(path, q, at, "minItems", label(path) + " must have at least " + min + " items");
      }
      if (schema.get("maxItems") instanceof Number max && q.items().size() > max.intValue()) {
        out.add(path, q, at, "maxItems", label(path) + " must have at most " + max + " items");
      }
      if (Boolean.TRUE.equals(schema.get("uniqueItems"))) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < q.items().size(); i++) {
          // Only scalars are compared (by JSON type and value); an unknown one equals nothing.
          if (!(q.items().get(i) instanceof YamlScalar s) || unknown.test(s)) continue;
          if (seen.putIfAbsent(jsonKey(s), i) != null) {
            out.add(path + "." + i, s, at, "uniqueItems:" + s.value(), label(path)
                + " contains '" + s.value() + "' more than once");
          }
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
    YamlScalar.Kind k = ((YamlScalar) n).kind();
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

  /** The scalar as a JSON value would compare: its type and its value. */
  private static String jsonKey(YamlScalar s) {
    return switch (s.kind()) {
      case INT, FLOAT -> "n:" + number(s.value());
      case BOOL -> "b:" + s.value().toLowerCase(java.util.Locale.ROOT);
      case NULL -> "null";
      default -> "s:" + s.value();
    };
  }

  /** JSON equality of a scalar with enum/const values (a string never equals a number). */
  private static boolean enumContains(List<?> en, YamlScalar s) {
    for (Object v : en) {
      boolean same = switch (s.kind()) {
        case STRING -> v instanceof String str && str.equals(s.value());
        case INT, FLOAT -> v instanceof Number num && num.doubleValue() == number(s.value());
        case BOOL -> v instanceof Boolean b && b.toString().equalsIgnoreCase(s.value());
        case NULL -> v == null;
      };
      if (same) return true;
    }
    return false;
  }

  private static String shown(YamlNode n) {
    return n instanceof YamlScalar s && s.kind() != YamlScalar.Kind.NULL ? "'" + s.value() + "'"
        : typeName(n);
  }

  private static String typeName(YamlNode n) {
    if (n instanceof YamlMap) return "a mapping";
    if (n instanceof YamlSeq) return "a list";
    return switch (((YamlScalar) n).kind()) {
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
