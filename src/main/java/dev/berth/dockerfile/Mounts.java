package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code RUN --mount=...} values: one CSV record (quoted fields allowed, {@code ""} escapes a quote)
 * of {@code key=value} fields, as BuildKit's parseMount reads it. Keys are lower-cased; bare fields
 * such as {@code ro} or {@code required} are kept with an empty value.
 */
final class Mounts {
  private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
  private static final Set<String> KEYS = Set.of("type", "from", "source", "target", "readonly",
      "id", "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro",
      "rw", "readwrite", "env");
  private static final Set<String> BARE = Set.of("readonly", "ro", "readwrite", "rw", "required");

  private Mounts() {}

  static Mount parse(String value, Range range) {
    List<String> fields = fields(value);
    String type = "bind";
    Map<String, String> options = new LinkedHashMap<>();
    if (fields != null) {
      for (String field : fields) {
        int eq = field.indexOf('=');
        String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
        String v = eq < 0 ? "" : field.substring(eq + 1);
        if (key.equals("type") && eq >= 0) {
          type = v.toLowerCase(Locale.ROOT);
        } else {
          options.put(key, v);
        }
      }
    }
    return new Mount(type, Collections.unmodifiableMap(options), range);
  }

  /** BuildKit's error for this mount value, or null. Values with variables are not judged. */
  static String validate(String value) {
    List<String> fields = fields(value);
    if (fields == null) return "failed to parse csv mounts: invalid quoting in " + value;
    String type = "bind";
    for (String field : fields) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (eq < 0) {
        if (!BARE.contains(key)) return "invalid field '" + field + "' must be a key=value pair";
        if (key.equals("required") && !type.equals("secret") && !type.equals("ssh")) {
          return "unexpected key '" + key + "' for mount type '" + type + "'";
        }
        continue;
      }
      String v = field.substring(eq + 1);
      if (key.equals("from")) {
        int dollar = v.indexOf('$');
        if (dollar >= 0 && dollar != v.length() - 1) {
          return "'from' doesn't support variable expansion, define alias stage instead";
        }
      }
      if (!KEYS.contains(key)) {
        return InstructionBuilder.suggest("unexpected key '" + key + "' in '" + field + "'", key,
            new ArrayList<>(new java.util.TreeSet<>(KEYS)), true);
      }
      if (key.equals("type") && !v.contains("$")) {
        type = v.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
          return InstructionBuilder.suggest("unsupported mount type " + ArgText.quote(v), v,
              new ArrayList<>(new java.util.TreeSet<>(TYPES)), true);
        }
      }
    }
    return null;
  }

  /** Splits one CSV record; null when the quoting is invalid. */
  static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      StringBuilder f = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) return null;
          char c = s.charAt(i++);
          if (c == '"') {
            if (i < n && s.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              break;
            }
          } else {
            f.append(c);
          }
        }
        if (i < n && s.charAt(i) != ',') return null;
      } else {
        while (i < n && s.charAt(i) != ',') {
          if (s.charAt(i) == '"') return null;
          f.append(s.charAt(i++));
        }
      }
      out.add(f.toString());
      if (i >= n) return out;
      i++; // comma
    }
  }
}
