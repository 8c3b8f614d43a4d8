package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compose's "merge and override" rules on located trees: mappings merge key-wise, sequences
 * append; {@code command}, {@code entrypoint} and {@code healthcheck.test} are replaced; ports,
 * volumes, secrets and configs are keyed by what makes them unique; environment-like lists merge
 * by variable name; {@code !override} replaces and {@code !reset} removes. Values keep the range of
 * the file they came from, so an override's value points into the override file.
 */
public final class ComposeMerge {
  private ComposeMerge() {}

  public static final String RESET = "!reset";
  public static final String OVERRIDE = "!override";

  private static final Set<String> REPLACED = Set.of(
      "services.*.command", "services.*.entrypoint", "services.*.healthcheck.test");
  private static final Set<String> MAP_LIKE = Set.of(
      "services.*.environment", "services.*.labels", "services.*.build.args",
      "services.*.extra_hosts", "services.*.sysctls", "services.*.annotations",
      "services.*.depends_on", "services.*.networks", "services.*.build.labels",
      "services.*.build.additional_contexts", "services.*.deploy.labels");
  private static final Set<String> UNIQUE = Set.of(
      "services.*.expose", "services.*.dns", "services.*.dns_search", "services.*.tmpfs",
      "services.*.env_file", "services.*.profiles", "services.*.cap_add", "services.*.cap_drop",
      "services.*.external_links", "services.*.security_opt", "services.*.group_add",
      "services.*.links", "services.*.volumes_from", "services.*.devices");
  private static final Set<String> NAMED_CHILDREN = Set.of(
      "services", "volumes", "networks", "secrets", "configs", "models");

  /** Merges {@code over} onto {@code base}; both are whole Compose documents. */
  public static YamlMap mergeDocuments(YamlMap base, YamlMap over) {
    return mergeMaps(base, over, "");
  }

  /** Merges two service definitions (used by {@code extends}). */
  public static YamlMap mergeServices(YamlMap base, YamlMap over) {
    return mergeMaps(base, over, "services.*");
  }

  static String childPath(String path, String key) {
    if (NAMED_CHILDREN.contains(path)) return path + ".*";
    return path.isEmpty() ? key : path + "." + key;
  }

  private static YamlMap mergeMaps(YamlMap base, YamlMap over, String path) {
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
      YamlNode merged = mergeValues(out.get(at).value(), v, childPath(path, key));
      out.set(at, new YamlMap.Entry(out.get(at).key(), merged));
    }
    return new YamlMap(out, base.range(), base.tag());
  }

  private static YamlNode mergeValues(YamlNode base, YamlNode over, String path) {
    if (base.hasTag(RESET)) return over;
    if (REPLACED.contains(path)) return over;
    if (MAP_LIKE.contains(path)) {
      boolean hosts = path.endsWith(".extra_hosts");
      Optional<YamlMap> b = asMap(base, hosts);
      Optional<YamlMap> o = asMap(over, hosts);
      if (b.isPresent() && o.isPresent()) return mergeMaps(b.get(), o.get(), path);
      return over;
    }
    if (base instanceof YamlMap bm && over instanceof YamlMap om) return mergeMaps(bm, om, path);
    if (base instanceof YamlSeq bs && over instanceof YamlSeq os) {
      if (UNIQUE.contains(path)) return appendUnique(bs, os);
      if (path.equals("services.*.ports")) return keyed(bs, os, ComposeMerge::portKey);
      if (path.equals("services.*.volumes")) return keyed(bs, os, ComposeMerge::volumeKey);
      if (path.equals("services.*.secrets") || path.equals("services.*.configs")) {
        return keyed(bs, os, ComposeMerge::fileRefKey);
      }
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

  private static YamlSeq appendUnique(YamlSeq base, YamlSeq over) {
    List<YamlNode> items = new ArrayList<>(base.items());
    Set<String> seen = new LinkedHashSet<>();
    for (YamlNode n : items) seen.add(scalarText(n));
    for (YamlNode n : over.items()) {
      String k = scalarText(n);
      if (k == null || seen.add(k)) items.add(n);
    }
    return new YamlSeq(items, base.range(), base.tag());
  }

  private interface KeyFn {
    String key(YamlNode n);
  }

  private static YamlSeq keyed(YamlSeq base, YamlSeq over, KeyFn fn) {
    List<YamlNode> items = new ArrayList<>(base.items());
    for (YamlNode n : over.items()) {
      String k = fn.key(n);
      int at = -1;
      for (int i = 0; k != null && i < items.size(); i++) {
        if (k.equals(fn.key(items.get(i)))) at = i;
      }
      if (at >= 0) {
        YamlNode old = items.get(at);
        items.set(at, old instanceof YamlMap om && n instanceof YamlMap nm
            ? mergeMaps(om, nm, "") : n);
      } else {
        items.add(n);
      }
    }
    return new YamlSeq(items, base.range(), base.tag());
  }

  static String portKey(YamlNode n) {
    return PortMapping.parse(n)
        .map(p -> p.hostIp() + "|" + p.target() + "|" + p.published().orElse("") + "|"
            + p.protocol())
        .orElse(n instanceof YamlScalar s ? s.value() : null);
  }

  static String volumeKey(YamlNode n) {
    if (n instanceof YamlScalar s) return Mount.parseShort(s).target().value();
    if (n instanceof YamlMap m) return text(m, "target");
    return null;
  }

  static String fileRefKey(YamlNode n) {
    if (n instanceof YamlScalar s) return s.value();
    if (n instanceof YamlMap m) {
      return text(m, "target").isEmpty() ? text(m, "source") : text(m, "target");
    }
    return null;
  }

  private static String text(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlScalar).map(v -> ((YamlScalar) v).value())
        .orElse("");
  }

  private static String scalarText(YamlNode n) {
    return n instanceof YamlScalar s ? s.value() : null;
  }

  /**
   * A list like {@code ["A=1", "B"]} (environment, labels, extra_hosts, depends_on, networks) as
   * a mapping; each value keeps the range of its list item. A mapping is returned as is.
   */
  public static Optional<YamlMap> asMap(YamlNode n, boolean colonSeparates) {
    if (n instanceof YamlMap m) return Optional.of(m);
    if (!(n instanceof YamlSeq s)) return Optional.empty();
    Map<String, YamlMap.Entry> out = new LinkedHashMap<>();
    for (YamlNode item : s.items()) {
      if (!(item instanceof YamlScalar sc)) return Optional.empty();
      String t = sc.value();
      int eq = t.indexOf('=');
      // extra_hosts also accepts "host:ip"
      if (eq < 0 && colonSeparates && t.indexOf(':') > 0) eq = t.indexOf(':');
      String key = eq < 0 ? t : t.substring(0, eq);
      YamlScalar keyNode = new YamlScalar(key, key, false, sc.range(), "");
      YamlScalar value = eq < 0
          ? new YamlScalar("", sc.raw(), true, sc.range(), "")
          : new YamlScalar(t.substring(eq + 1), sc.raw(), false, sc.range(), "");
      out.put(key, new YamlMap.Entry(keyNode, value));
    }
    return Optional.of(new YamlMap(new ArrayList<>(out.values()), s.range(), s.tag()));
  }

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
