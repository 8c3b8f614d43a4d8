package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The type compose-go gives each value once variables are interpolated. Only YAML strings are
 * interpolated, and a string stays a string whatever text the variables put into it
 * ({@code platform: ${P:-}} is the empty string, not null; {@code container_name: ${N}} with
 * N=123 is the string "123"), except at the paths in {@link #CASTS}, where compose-go converts
 * every string (interpolated or quoted) to a boolean or a number, and refuses the project when
 * it does not convert. A value built from a variable nobody sets is unknown: it is not cast and
 * not judged.
 */
final class ComposeTypes {
  private ComposeTypes() {}

  enum Cast { BOOLEAN, INTEGER, NUMBER }

  /**
   * compose-go loader/interpolate.go {@code interpolateTypeCastMapping} (compose-spec/compose-go
   * e70e961, July 2026): toBoolean, toInt/toInt64 and toFloat/toFloat32 by path.
   */
  static final Map<String, Cast> CASTS = casts();

  private static Map<String, Cast> casts() {
    Map<String, Cast> m = new LinkedHashMap<>();
    for (String p : List.of("cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period",
        "cpu_rt_runtime", "cpu_shares", "deploy.replicas", "deploy.update_config.parallelism",
        "deploy.rollback_config.parallelism", "deploy.restart_policy.max_attempts",
        "deploy.placement.max_replicas_per_node", "healthcheck.retries", "oom_score_adj",
        "pids_limit", "ports.[].target", "scale", "ulimits.*", "ulimits.*.hard",
        "ulimits.*.soft")) {
      m.put("services.*." + p, Cast.INTEGER);
    }
    for (String p : List.of("cpu_percent", "cpus", "deploy.update_config.max_failure_ratio",
        "deploy.rollback_config.max_failure_ratio")) {
      m.put("services.*." + p, Cast.NUMBER);
    }
    for (String p : List.of("init", "depends_on.*.required", "depends_on.*.restart",
        "healthcheck.disable", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty",
        "volumes.[].read_only", "volumes.[].volume.nocopy")) {
      m.put("services.*." + p, Cast.BOOLEAN);
    }
    for (String p : List.of("networks.*.external", "networks.*.internal",
        "networks.*.attachable", "networks.*.enable_ipv4", "networks.*.enable_ipv6",
        "volumes.*.external", "secrets.*.external", "configs.*.external")) {
      m.put(p, Cast.BOOLEAN);
    }
    return Map.copyOf(m);
  }

  /** The typed tree, and the strings compose-go fails to cast (it refuses the project). */
  record Result(YamlMap model, List<SchemaViolation> castErrors) {}

  static Result apply(YamlMap model, Predicate<YamlScalar> unknown) {
    List<SchemaViolation> errors = new ArrayList<>();
    YamlNode typed = walk(model, TreePath.ROOT, "", unknown, errors);
    return new Result((YamlMap) typed, errors);
  }

  private static YamlNode walk(YamlNode n, TreePath path, String shown,
      Predicate<YamlScalar> unknown, List<SchemaViolation> errors) {
    if (n instanceof YamlMap m) {
      List<YamlMap.Entry> out = new ArrayList<>();
      for (YamlMap.Entry e : m.entries()) {
        out.add(new YamlMap.Entry(e.key(), walk(e.value(), path.next(e.name()),
            shown.isEmpty() ? e.name() : shown + "." + e.name(), unknown, errors)));
      }
      return new YamlMap(out, m.range(), m.tag());
    }
    if (n instanceof YamlSeq q) {
      List<YamlNode> out = new ArrayList<>();
      for (int i = 0; i < q.items().size(); i++) {
        out.add(walk(q.items().get(i), path.item(), shown + "." + i, unknown, errors));
      }
      return new YamlSeq(out, q.range(), q.tag());
    }
    YamlScalar s = (YamlScalar) n;
    if (!writtenAsString(s)) return s;
    Optional<Map.Entry<String, Cast>> at = castAt(path);
    if (at.isEmpty()) {
      return s.plain() ? new YamlScalar(s.value(), s.raw(), false, s.range(), s.tag()) : s;
    }
    if (unknown.test(s)) return s;
    Cast cast = at.get().getValue();
    Optional<String> converted = convert(cast, s.value());
    if (converted.isEmpty()) {
      errors.add(new SchemaViolation(shown, s.range(), shown + " must be " + describe(cast)
          + ", not '" + s.value() + "' (compose converts this string"
          + (cast == Cast.BOOLEAN ? ": true, false, yes, no, on or off)" : ")"),
          "cast:" + at.get().getKey() + "|" + s.value()));
      return s;
    }
    return new YamlScalar(converted.get(), s.raw(), true, s.range(), s.tag());
  }

  /** Whether YAML read the text as written as a string: the only values compose-go interpolates. */
  static boolean writtenAsString(YamlScalar s) {
    return !s.plain() || new YamlScalar(s.raw(), s.raw(), true, s.range(), "").kind()
        == YamlScalar.Kind.STRING;
  }

  /** The cast compose-go applies at this path, with its pattern. */
  static Optional<Map.Entry<String, Cast>> castAt(TreePath path) {
    for (Map.Entry<String, Cast> e : CASTS_BY_LENGTH.getOrDefault(path.segments().size(),
        List.of())) {
      if (path.matches(e.getKey())) return Optional.of(e);
    }
    return Optional.empty();
  }

  /** {@link #CASTS} by segment count, in order: asked about every scalar of every project. */
  private static final Map<Integer, List<Map.Entry<String, Cast>>> CASTS_BY_LENGTH =
      byLength();

  private static Map<Integer, List<Map.Entry<String, Cast>>> byLength() {
    Map<Integer, List<Map.Entry<String, Cast>>> m = new java.util.HashMap<>();
    for (Map.Entry<String, Cast> e : CASTS.entrySet()) {
      m.computeIfAbsent(e.getKey().split("\\.").length, k -> new java.util.ArrayList<>()).add(e);
    }
    return m;
  }

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern HEX_FLOAT = Pattern.compile(
      "[-+]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][-+]?[0-9]+");
  private static final Set<String> TRUE = Set.of("true", "y", "yes", "on");
  private static final Set<String> FALSE = Set.of("false", "n", "no", "off");

  /**
   * The value as the YAML text of its cast result: strconv.Atoi/ParseInt (base 10),
   * strconv.ParseFloat, and compose-go's toBoolean (case-insensitive, YAML 1.1 words accepted).
   */
  static Optional<String> convert(Cast cast, String v) {
    switch (cast) {
      case BOOLEAN -> {
        String l = v.toLowerCase(Locale.ROOT);
        if (TRUE.contains(l)) return Optional.of("true");
        if (FALSE.contains(l)) return Optional.of("false");
        return Optional.empty();
      }
      case INTEGER -> {
        if (!INTEGER.matcher(v).matches()) return Optional.empty();
        try {
          return Optional.of(Long.toString(Long.parseLong(v)));
        } catch (NumberFormatException e) {
          return Optional.empty(); // out of range, as strconv says
        }
      }
      default -> {
        String l = v.toLowerCase(Locale.ROOT).replaceFirst("^\\+", "");
        if (l.equals("inf") || l.equals("infinity")) return Optional.of(".inf");
        if (l.equals("-inf") || l.equals("-infinity")) return Optional.of("-.inf");
        if (l.equals("nan")) return Optional.of(".nan");
        if (!DECIMAL.matcher(v).matches() && !HEX_FLOAT.matcher(v).matches()) {
          return Optional.empty();
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) return Optional.empty(); // out of range, as strconv says
        return Optional.of(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
      }
    }
  }

  private static String describe(Cast c) {
    return switch (c) {
      case BOOLEAN -> "a boolean";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
    };
  }
}
