package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compose's "merge and override" as compose-go implements it (override/merge.go and
 * override/uncity.go, compose-spec/compose-go e70e961), on located trees. Mappings merge
 * key-wise and sequences append; a null override keeps the base; the fields in {@link #SPECIAL}
 * have their own rule (short list syntax turned into the long mapping before merging,
 * key/value mappings turned into {@code KEY=VALUE} lists, replacement); then
 * {@link #unicity} keeps one entry per key in the lists compose-go indexes (the later entry
 * takes the earlier one's place). {@code !override} replaces and {@code !reset} removes.
 * Every value keeps the range of the file its text came from; a value compose-go synthesizes
 * (a depends_on default, a {@code KEY=VALUE} item) takes the range of the text it was made from.
 * Where compose-go would fail ("cannot override"), the override wins.
 */
public final class ComposeMerge {
  private ComposeMerge() {}

  public static final String RESET = "!reset";
  public static final String OVERRIDE = "!override";

  private interface Merger {
    YamlNode merge(YamlNode base, YamlNode over, TreePath path);
  }

  /** compose-go's mergeSpecials. */
  private static final Map<String, Merger> SPECIAL = specials();

  private static Map<String, Merger> specials() {
    Map<String, Merger> m = new LinkedHashMap<>();
    m.put("networks.*.ipam.config", ComposeMerge::mergeIpamConfig);
    for (String p : List.of("networks.*.labels", "volumes.*.labels", "services.*.annotations",
        "services.*.build.args", "services.*.build.additional_contexts", "services.*.build.labels",
        "services.*.deploy.labels", "services.*.dns", "services.*.dns_opt",
        "services.*.dns_search", "services.*.env_file", "services.*.label_file",
        "services.*.environment", "services.*.labels", "services.*.volumes.*.volume.labels",
        "services.*.sysctls", "services.*.tmpfs")) {
      m.put(p, (b, o, path) -> concat(toSequence(withoutResetKeys(b, o)),
          toSequence(withoutResets(o)), b, o));
    }
    m.put("services.*.build", ComposeMerge::mergeBuild);
    m.put("services.*.build.extra_hosts", ComposeMerge::mergeExtraHosts);
    m.put("services.*.extra_hosts", ComposeMerge::mergeExtraHosts);
    for (String p : List.of("services.*.command", "services.*.entrypoint",
        "services.*.healthcheck.test", "services.*.ulimits.*")) {
      m.put(p, (b, o, path) -> o);
    }
    m.put("services.*.depends_on", (b, o, path) -> mergeMaps(
        toMapping(b, ComposeMerge::startedDependency),
        toMapping(o, ComposeMerge::startedDependency), path));
    for (String p : List.of("services.*.models", "services.*.networks")) {
      m.put(p, (b, o, path) -> mergeMaps(toMapping(b, ComposeMerge::nothing),
          toMapping(o, ComposeMerge::nothing), path));
    }
    m.put("services.*.logging", ComposeMerge::mergeLogging);
    return m;
  }

  /** compose-go's unique: list paths and what identifies an entry. */
  private static final Map<String, Function<YamlNode, Optional<String>>> UNIQUE = unique();

  private static Map<String, Function<YamlNode, Optional<String>>> unique() {
    Map<String, Function<YamlNode, Optional<String>>> m = new LinkedHashMap<>();
    for (String p : List.of("networks.*.labels", "networks.*.ipam.options",
        "services.*.annotations", "services.*.build.args", "services.*.build.additional_contexts",
        "services.*.build.platform", "services.*.build.tags", "services.*.build.labels",
        "services.*.cap_add", "services.*.cap_drop", "services.*.deploy.labels",
        "services.*.dns", "services.*.dns_opt", "services.*.dns_search",
        "services.*.environment", "services.*.labels", "services.*.links",
        "services.*.networks.*.aliases", "services.*.networks.*.link_local_ips",
        "services.*.profiles", "services.*.sysctls", "services.*.tmpfs")) {
      m.put(p, ComposeMerge::keyValueKey);
    }
    m.put("services.*.configs", n -> mountKey(n, ""));
    m.put("services.*.secrets", n -> mountKey(n, "/run/secrets"));
    m.put("services.*.devices", ComposeMerge::deviceKey);
    m.put("services.*.env_file", ComposeMerge::envFileKey);
    m.put("services.*.expose", ComposeMerge::scalarText);
    m.put("services.*.ports", ComposeMerge::portKey);
    m.put("services.*.volumes", ComposeMerge::volumeKey);
    return m;
  }

  /** Merges {@code over} onto {@code base}; both are whole Compose documents. */
  public static YamlMap mergeDocuments(YamlMap base, YamlMap over) {
    return mergeMaps(base, over, TreePath.ROOT);
  }

  /** Merges two service definitions (used by {@code extends}). */
  public static YamlMap mergeServices(YamlMap base, YamlMap over) {
    return mergeMaps(base, over, new TreePath(List.of("services", "x")));
  }

  /** Merges a local resource over an included one of the same name ({@code include}). */
  public static YamlNode mergeResource(String section, YamlNode included, YamlNode local) {
    return merge(included, local, new TreePath(List.of(section, "x")));
  }

  private static YamlMap mergeMaps(YamlMap base, YamlMap over, TreePath path) {
    List<YamlMap.Entry> out = new ArrayList<>(base.entries());
    for (YamlMap.Entry e : over.entries()) {
      String key = e.name();
      int at = indexOf(out, key);
      YamlNode v = e.value();
      if (v.hasTag(RESET)) {
        if (at >= 0) out.remove(at);
        // Keep the reset marker so a later pass can drop it; nothing to merge it with now.
        out.add(new YamlMap.Entry(e.key(), v));
        continue;
      }
      // A merged entry keeps the key where it was first declared; its value says where it came from.
      if (at < 0 || v.hasTag(OVERRIDE)) {
        if (at >= 0) {
          out.set(at, new YamlMap.Entry(out.get(at).key(), v));
        } else {
          out.add(e);
        }
        continue;
      }
      YamlNode merged = merge(out.get(at).value(), v, path.next(key));
      out.set(at, new YamlMap.Entry(out.get(at).key(), merged));
    }
    return new YamlMap(out, base.range(), base.tag());
  }

  /** compose-go MergeYaml. */
  private static YamlNode merge(YamlNode base, YamlNode over, TreePath path) {
    if (base.hasTag(RESET)) return over;
    for (Map.Entry<String, Merger> s : SPECIAL.entrySet()) {
      if (path.matches(s.getKey())) return s.getValue().merge(base, over, path);
    }
    if (isNull(over)) return base;
    if (base instanceof YamlMap bm && over instanceof YamlMap om) return mergeMaps(bm, om, path);
    if (base instanceof YamlSeq bs && over instanceof YamlSeq os) {
      List<YamlNode> items = new ArrayList<>(bs.items());
      items.addAll(os.items());
      return new YamlSeq(items, bs.range(), bs.tag());
    }
    return over;
  }

  private static int indexOf(List<YamlMap.Entry> entries, String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).name().equals(key)) return i;
    }
    return -1;
  }

  private static boolean isNull(YamlNode n) {
    return n instanceof YamlScalar s && s.isNull();
  }

  // ---- specials ----

  /** mergeBuild: a string is {@code {context: <string>}}. */
  private static YamlNode mergeBuild(YamlNode base, YamlNode over, TreePath path) {
    Optional<YamlMap> b = buildMap(base);
    Optional<YamlMap> o = buildMap(over);
    if (b.isEmpty()) return over;
    return o.isEmpty() ? b.get() : mergeMaps(b.get(), o.get(), path);
  }

  private static Optional<YamlMap> buildMap(YamlNode n) {
    if (n instanceof YamlMap m) return Optional.of(m);
    if (n instanceof YamlScalar s && !s.isNull()) {
      YamlScalar key = new YamlScalar("context", "context", false, s.range(), "");
      return Optional.of(new YamlMap(List.of(new YamlMap.Entry(key, s)), s.range(), ""));
    }
    return Optional.empty();
  }

  /** mergeLogging: options merge when both name the same driver (or one names none). */
  private static YamlNode mergeLogging(YamlNode base, YamlNode over, TreePath path) {
    if (!(base instanceof YamlMap b) || !(over instanceof YamlMap o)) {
      return isNull(over) ? base : over;
    }
    Optional<YamlNode> bd = b.get("driver");
    Optional<YamlNode> od = o.get("driver");
    if (bd.isEmpty() || od.isEmpty() || sameValue(bd.get(), od.get())) {
      return mergeMaps(b, o, path);
    }
    return o;
  }

  private static boolean sameValue(YamlNode a, YamlNode b) {
    return a instanceof YamlScalar x && b instanceof YamlScalar y && x.kind() == y.kind()
        && goText(x).equals(goText(y));
  }

  /** mergeExtraHosts: both as lists; an override entry equal to a base entry is dropped. */
  private static YamlNode mergeExtraHosts(YamlNode base, YamlNode over, TreePath path) {
    List<YamlNode> b = toSequence(base);
    List<String> seen = new ArrayList<>();
    for (YamlNode n : b) seen.add(goText(n));
    List<YamlNode> o = new ArrayList<>();
    for (YamlNode n : toSequence(over)) {
      if (!seen.contains(goText(n))) o.add(n);
    }
    return concat(b, o, base, over);
  }

  private static YamlNode concat(List<YamlNode> b, List<YamlNode> o, YamlNode base,
      YamlNode over) {
    List<YamlNode> items = new ArrayList<>(b);
    items.addAll(o);
    return new YamlSeq(items, base.range(), base instanceof YamlSeq s ? s.tag() : "");
  }

  /**
   * convertIntoSequence: a list as is, a string as a one-item list, a mapping as
   * {@code KEY=VALUE} items ({@code KEY} alone for null, one item per element for a list value)
   * sorted as strings.
   */
  private static List<YamlNode> toSequence(YamlNode n) {
    if (n instanceof YamlSeq s) return s.items();
    if (n instanceof YamlScalar s) return s.isNull() ? List.of() : List.of(s);
    List<YamlScalar> out = new ArrayList<>();
    for (YamlMap.Entry e : ((YamlMap) n).entries()) {
      YamlNode v = e.value();
      if (isNull(v)) {
        out.add(string(e.name(), e.key().range()));
      } else if (v instanceof YamlSeq q) {
        for (YamlNode i : q.items()) out.add(string(e.name() + "=" + goText(i), i.range()));
      } else if (v instanceof YamlScalar sv) {
        // The text as written stays known (a value from a variable is the environment's).
        out.add(new YamlScalar(e.name() + "=" + goText(v), e.name() + "=" + sv.raw(), false,
            v.range(), ""));
      } else {
        out.add(string(e.name() + "=" + goText(v), v.range()));
      }
    }
    out.sort((x, y) -> x.value().compareTo(y.value()));
    return new ArrayList<>(out);
  }

  /** convertIntoMapping: list items become keys with the given value. */
  private static YamlMap toMapping(YamlNode n, Function<YamlScalar, YamlNode> value) {
    if (n instanceof YamlMap m) return m;
    List<YamlMap.Entry> out = new ArrayList<>();
    if (n instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (!(i instanceof YamlScalar s)) continue;
        int at = indexOf(out, s.value());
        YamlMap.Entry e = new YamlMap.Entry(string(s.value(), s.range()), value.apply(s));
        if (at >= 0) {
          out.set(at, e);
        } else {
          out.add(e);
        }
      }
    }
    return new YamlMap(out, n.range(), "");
  }

  /**
   * The base without the keys the override resets. compose-go removes a {@code !reset} key from
   * what is already loaded before merging, by path: only through mappings, so a key written in
   * list form ({@code - FOO=1}) is not reached.
   */
  private static YamlNode withoutResetKeys(YamlNode base, YamlNode over) {
    if (!(base instanceof YamlMap b) || !(over instanceof YamlMap o)) return base;
    YamlMap out = b;
    for (YamlMap.Entry e : o.entries()) {
      if (e.value().hasTag(RESET)) out = out.without(e.name());
    }
    return out;
  }

  /** The override without its {@code !reset} entries (they only remove). */
  private static YamlNode withoutResets(YamlNode over) {
    if (!(over instanceof YamlMap o)) return over;
    List<YamlMap.Entry> out = new ArrayList<>();
    for (YamlMap.Entry e : o.entries()) {
      if (!e.value().hasTag(RESET)) out.add(e);
    }
    return new YamlMap(out, o.range(), o.tag());
  }

  /** A depends_on list item in its long form (compose-go mergeDependsOn). */
  private static YamlNode startedDependency(YamlScalar item) {
    Range r = item.range();
    return new YamlMap(List.of(
        new YamlMap.Entry(string("condition", r), string("service_started", r)),
        new YamlMap.Entry(string("required", r), new YamlScalar("true", "true", true, r, ""))),
        r, "");
  }

  private static YamlNode nothing(YamlScalar item) {
    return new YamlScalar("", "", true, item.range(), "");
  }

  private static YamlScalar string(String v, Range r) {
    return new YamlScalar(v, v, false, r, "");
  }

  /**
   * mergeIPAMConfig, including its quirks: each base entry is merged with the override entries
   * of the same subnet; override entries of another subnet are added once; a base entry no
   * override entry meets is dropped.
   */
  private static YamlNode mergeIpamConfig(YamlNode base, YamlNode over, TreePath path) {
    if (!(base instanceof YamlSeq b) || !(over instanceof YamlSeq o)) return over;
    List<YamlNode> out = new ArrayList<>();
    for (YamlNode original : b.items()) {
      YamlMap right = original instanceof YamlMap m ? m
          : toMapping(original, ComposeMerge::nothing);
      for (YamlNode override : o.items()) {
        YamlMap left = override instanceof YamlMap m ? m
            : toMapping(override, ComposeMerge::nothing);
        String leftSubnet = subnet(left);
        if (!leftSubnet.equals(subnet(right))) {
          if (indexOfSubnet(out, leftSubnet) < 0) {
            out.add(left);
            continue;
          }
        }
        right = mergeMaps(right, left, path);
        int at = indexOfSubnet(out, subnet(right));
        if (at >= 0) {
          out.set(at, right);
        } else {
          out.add(right);
        }
      }
    }
    return new YamlSeq(out, b.range(), b.tag());
  }

  private static String subnet(YamlNode n) {
    return n instanceof YamlMap m && m.get("subnet").orElse(null) instanceof YamlScalar s
        ? s.kind() + ":" + s.value() : "<nil>";
  }

  private static int indexOfSubnet(List<YamlNode> configs, String subnet) {
    for (int i = 0; i < configs.size(); i++) {
      if (subnet(configs.get(i)).equals(subnet)) return i;
    }
    return -1;
  }

  // ---- unicity ----

  /** compose-go EnforceUnicity over a whole document. */
  public static YamlMap unicity(YamlMap doc) {
    return (YamlMap) unicity(doc, TreePath.ROOT);
  }

  private static YamlNode unicity(YamlNode n, TreePath path) {
    if (n instanceof YamlMap m) {
      List<YamlMap.Entry> out = new ArrayList<>();
      for (YamlMap.Entry e : m.entries()) {
        out.add(new YamlMap.Entry(e.key(), unicity(e.value(), path.next(e.name()))));
      }
      return new YamlMap(out, m.range(), m.tag());
    }
    if (!(n instanceof YamlSeq q)) return n;
    for (Map.Entry<String, Function<YamlNode, Optional<String>>> u : UNIQUE.entrySet()) {
      if (path.matches(u.getKey())) return unique(q, u.getValue());
    }
    return n;
  }

  private static YamlSeq unique(YamlSeq q, Function<YamlNode, Optional<String>> keyOf) {
    List<YamlNode> out = new ArrayList<>();
    Map<String, Integer> keys = new HashMap<>();
    for (YamlNode item : q.items()) {
      Optional<String> key = keyOf.apply(item);
      Integer at = key.map(keys::get).orElse(null);
      if (at != null) {
        out.set(at, item);
      } else {
        out.add(item);
        key.ifPresent(k -> keys.put(k, out.size() - 1));
      }
    }
    return new YamlSeq(out, q.range(), q.tag());
  }

  /** keyValueIndexer: the text before '='. */
  private static Optional<String> keyValueKey(YamlNode n) {
    return scalarText(n).map(t -> t.indexOf('=') < 0 ? t : t.substring(0, t.indexOf('=')));
  }

  /** mountIndexer: the target, else the default directory and the source. */
  private static Optional<String> mountKey(YamlNode n, String dir) {
    if (n instanceof YamlScalar s) return Optional.of(dir + "/" + s.value());
    if (n instanceof YamlMap m) {
      Optional<String> target = text(m, "target");
      return target.isPresent() ? target : Optional.of(dir + "/" + text(m, "source").orElse(""));
    }
    return Optional.empty();
  }

  /** deviceMappingIndexer: the container path. */
  private static Optional<String> deviceKey(YamlNode n) {
    if (n instanceof YamlMap m) return text(m, "target");
    return scalarText(n).map(t -> {
      String[] parts = t.split(":", -1);
      return parts.length == 1 ? parts[0] : parts[1];
    });
  }

  /** envFileIndexer: the path. */
  private static Optional<String> envFileKey(YamlNode n) {
    if (n instanceof YamlMap m) return text(m, "path");
    return scalarText(n);
  }

  /**
   * portIndexer on the long form every entry ends up in ({@code host:published:target/protocol},
   * host 0.0.0.0 and tcp by default). A published port written as a YAML number keeps Go's
   * rendering of a non-string, so it never equals the same port written as a string, as in
   * compose-go. A short entry that expands to several (a target range) keys on its text.
   */
  private static Optional<String> portKey(YamlNode n) {
    if (n instanceof YamlScalar s) {
      Optional<PortMapping> p = PortMapping.parseShort(s);
      if (p.isEmpty() || p.get().target().contains("-")) return Optional.of(s.value());
      PortMapping pm = p.get();
      return Optional.of((pm.hostIp().isEmpty() ? "0.0.0.0" : pm.hostIp()) + ":"
          + pm.published().orElse("%!s(<nil>)") + ":" + pm.target() + "/" + pm.protocol());
    }
    if (!(n instanceof YamlMap m)) return Optional.empty();
    String host = text(m, "host_ip").orElse("0.0.0.0");
    String published = m.get("published").map(v -> v instanceof YamlScalar s
        && s.kind() == YamlScalar.Kind.STRING ? s.value() : "%!s(" + goText(v) + ")")
        .orElse("%!s(<nil>)");
    String target = m.get("target").map(ComposeMerge::goText).orElse("%!d(<nil>)");
    return Optional.of(host + ":" + published + ":" + target + "/"
        + text(m, "protocol").orElse("tcp"));
  }

  /** volumeIndexer: the container path (a short entry's path cleaned, as compose-go does). */
  private static Optional<String> volumeKey(YamlNode n) {
    if (n instanceof YamlScalar s) {
      return Optional.of(cleanPath(Mount.parseShort(s).target().value()));
    }
    if (n instanceof YamlMap m) return text(m, "target");
    return Optional.empty();
  }

  /** Go's path.Clean, as compose-go applies it to a short volume's target. */
  private static String cleanPath(String p) {
    if (p.isEmpty() || p.indexOf('\\') >= 0) return p;
    String n = Paths.normalize(p);
    if (!p.startsWith("/")) return n;
    while (n.equals("..") || n.startsWith("../")) n = n.equals("..") ? "." : n.substring(3);
    return n.equals(".") ? "/" : "/" + n;
  }

  private static Optional<String> text(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlScalar s && !s.isNull())
        .map(v -> ((YamlScalar) v).value());
  }

  private static Optional<String> scalarText(YamlNode n) {
    return n instanceof YamlScalar s && !s.isNull() ? Optional.of(s.value()) : Optional.empty();
  }

  // ---- Go's %v ----

  /** The value as Go's {@code fmt} {@code %v} prints what YAML decoded it to. */
  private static String goText(YamlNode n) {
    if (n instanceof YamlSeq q) {
      List<String> parts = new ArrayList<>();
      for (YamlNode i : q.items()) parts.add(goText(i));
      return "[" + String.join(" ", parts) + "]";
    }
    if (n instanceof YamlMap m) {
      List<String> parts = new ArrayList<>();
      for (YamlMap.Entry e : m.entries()) parts.add(e.name() + ":" + goText(e.value()));
      parts.sort(null);
      return "map[" + String.join(" ", parts) + "]";
    }
    YamlScalar s = (YamlScalar) n;
    return switch (s.kind()) {
      case NULL -> "<nil>";
      case BOOL -> s.value().toLowerCase(java.util.Locale.ROOT);
      case INT -> goInt(s.value());
      case FLOAT -> goFloat(s.value());
      default -> s.value();
    };
  }

  private static String goInt(String v) {
    try {
      String t = v.startsWith("+") ? v.substring(1) : v;
      boolean neg = t.startsWith("-");
      String digits = neg ? t.substring(1) : t;
      long n = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16)
          : digits.startsWith("0o") ? Long.parseLong(digits.substring(2), 8)
          : Long.parseLong(digits);
      return Long.toString(neg ? -n : n);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  /** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent below 1e-4 or from 1e21. */
  private static String goFloat(String v) {
    String t = v.toLowerCase(java.util.Locale.ROOT);
    if (t.endsWith(".nan")) return "NaN";
    if (t.endsWith(".inf")) return t.startsWith("-") ? "-Inf" : "+Inf";
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return v;
    }
    if (d == 0) return (1 / d < 0) ? "-0" : "0";
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp < -4 || exp >= 21) {
      String digits = b.unscaledValue().abs().toString();
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+")
          + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return b.toPlainString();
  }

  // ---- reset / override ----

  /** Drops {@code !reset} entries and items, and forgets {@code !override} marks. */
  public static YamlNode clean(YamlNode n) {
    if (n instanceof YamlMap m) {
      List<YamlMap.Entry> out = new ArrayList<>();
      for (YamlMap.Entry e : m.entries()) {
        if (e.value().hasTag(RESET)) continue;
        out.add(new YamlMap.Entry(e.key(), clean(e.value())));
      }
      return new YamlMap(out, m.range(), untag(m.tag()));
    }
    if (n instanceof YamlSeq s) {
      List<YamlNode> out = new ArrayList<>();
      for (YamlNode i : s.items()) {
        if (!i.hasTag(RESET)) out.add(clean(i));
      }
      return new YamlSeq(out, s.range(), untag(s.tag()));
    }
    YamlScalar sc = (YamlScalar) n;
    return sc.tag().equals(OVERRIDE)
        ? new YamlScalar(sc.value(), sc.raw(), sc.plain(), sc.range(), "") : sc;
  }

  private static String untag(String t) {
    return t.equals(OVERRIDE) || t.equals(RESET) ? "" : t;
  }
}
