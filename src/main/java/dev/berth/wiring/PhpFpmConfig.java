package dev.berth.wiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pools of a php-fpm configuration and where each listens, as php-fpm reads them: the main
 * file, then each {@code include=} in place (a glob in its last part is taken in sorted order;
 * a relative path is taken from the prefix); a {@code [pool]} section named again, in any file,
 * continues that pool (php-fpm compares the names case-insensitively), and a later
 * {@code listen} replaces an earlier one. php.net install.fpm.configuration and php-src
 * sapi/fpm/fpm/fpm_conf.c. Anything berth cannot follow (a variable, an unreadable or unlistable
 * file, a line it cannot parse, a pool without {@code listen}) makes the answer unknown.
 */
final class PhpFpmConfig {
  /** php-fpm refuses to include more than 5 files recursively (fpm_conf_load_ini_file). */
  private static final int MAX_DEPTH = 5;
  private static final int MAX_FILES = 64;

  /** Where the configuration's files come from. */
  interface Files {
    /** The text of the file at the absolute {@code path}. */
    FileText read(String path) throws ConfigUnknown;

    /** The absolute paths of the files directly in directory {@code dir}, in any order. */
    List<String> list(String dir) throws ConfigUnknown;
  }

  /**
   * A file's text and how a message names where a line of it is.
   *
   * @param at where the line starting at an offset is, for a listener's origin
   */
  record FileText(String path, String text, java.util.function.IntFunction<dev.berth.source.Range> at) {}

  /**
   * The {@code listen} a pool ends with.
   *
   * @param value as written ({@code 9000}, {@code 127.0.0.1:9000}, {@code /run/php/fpm.sock})
   */
  record PoolListen(String pool, String value, Bind bind, String path,
      dev.berth.source.Range at) {}

  private final String prefix;
  private final Files files;
  /** Pools by lower-cased name, in the order php-fpm creates them. */
  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private Pool current;
  private int count;

  private static final class Pool {
    final String name;
    String listen;
    String path;
    dev.berth.source.Range at;

    Pool(String name) {
      this.name = name;
    }
  }

  private PhpFpmConfig(String prefix, Files files) {
    this.prefix = prefix;
    this.files = files;
  }

  /**
   * The pools' listen addresses; empty when unknown.
   *
   * @param main the main configuration file (absolute)
   * @param prefix the install prefix relative paths start from
   */
  static Optional<List<PoolListen>> read(String main, String prefix, Files files) {
    PhpFpmConfig c = new PhpFpmConfig(prefix, files);
    try {
      c.file(main, 0);
      List<PoolListen> out = new ArrayList<>();
      for (Pool p : c.pools.values()) {
        // "[pool www] no listen address have been defined!": php-fpm does not start.
        if (p.listen == null) return Optional.empty();
        Optional<Bind> b = bind(p.listen);
        if (b.isEmpty()) return Optional.empty();
        out.add(new PoolListen(p.name, p.listen, b.get(), p.path, p.at));
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (ConfigUnknown e) {
      return Optional.empty();
    }
  }

  /**
   * A {@code listen} value: {@code port} (every address), {@code addr:port},
   * {@code [v6addr]:port}, or an absolute unix socket path; empty for anything else.
   */
  static Optional<Bind> bind(String v) {
    if (v.startsWith("/")) return Optional.of(new Bind.Unix(v));
    if (v.matches("\\d+")) {
      return Bind.port(v).isPresent()
          ? Optional.of(new Bind.Tcp(Optional.of("0.0.0.0"), Integer.parseInt(v)))
          : Optional.empty();
    }
    if (v.startsWith("*:")) return Optional.empty(); // not one of the documented forms
    return Bind.parse(v).filter(b -> b instanceof Bind.Tcp);
  }

  private void file(String path, int depth) throws ConfigUnknown {
    if (++count > MAX_FILES || depth >= MAX_DEPTH) throw new ConfigUnknown();
    FileText f = files.read(path);
    String text = f.text();
    int offset = 0;
    for (String line : text.split("\n", -1)) {
      int start = offset;
      offset += line.length() + 1;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith(";")) continue;
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) throw new ConfigUnknown();
        String name = t.substring(1, t.length() - 1).strip();
        if (name.isEmpty() || name.contains("$")) throw new ConfigUnknown();
        if (name.equalsIgnoreCase("global")) {
          current = null;
        } else {
          current = pools.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Pool(name));
        }
        continue;
      }
      int eq = t.indexOf('=');
      // `#` comments are gone from PHP's ini syntax since 7.0; a line berth cannot read is unknown.
      if (eq <= 0 || t.startsWith("#")) throw new ConfigUnknown();
      String key = t.substring(0, eq).strip();
      String value = value(t.substring(eq + 1).strip());
      switch (key.toLowerCase(Locale.ROOT)) {
        case "include" -> include(value, depth);
        case "listen" -> {
          // listen belongs to a pool; php-fpm rejects it in [global].
          if (current == null) throw new ConfigUnknown();
          if (value.contains("${")) throw new ConfigUnknown();
          String v = value.replace("$pool", current.name);
          if (v.contains("$")) throw new ConfigUnknown();
          current.listen = v;
          current.path = path;
          current.at = f.at().apply(start);
        }
        default -> { }
      }
    }
  }

  /** An ini value: quotes removed, a trailing {@code ; comment} dropped. */
  private static String value(String raw) throws ConfigUnknown {
    if (raw.startsWith("\"")) {
      int close = raw.indexOf('"', 1);
      if (close < 0) throw new ConfigUnknown();
      String rest = raw.substring(close + 1).strip();
      if (!rest.isEmpty() && !rest.startsWith(";")) throw new ConfigUnknown();
      return raw.substring(1, close);
    }
    int semi = raw.indexOf(';');
    return (semi < 0 ? raw : raw.substring(0, semi)).strip();
  }

  private void include(String pattern, int depth) throws ConfigUnknown {
    if (pattern.isEmpty() || pattern.contains("$")) throw new ConfigUnknown();
    String path = dev.berth.image.ImageFilesystem.normalize(
        pattern.startsWith("/") ? pattern : prefix + "/" + pattern);
    String dir = dev.berth.image.ImageFilesystem.parent(path);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (wildcard(dir)) throw new ConfigUnknown();
    if (!wildcard(name)) {
      file(path, depth + 1);
      return;
    }
    // Without a match php-fpm includes nothing (GLOB_NOMATCH); glob(3) sorts its matches.
    List<String> matched = new ArrayList<>();
    for (String f : files.list(dir)) {
      String base = f.substring(f.lastIndexOf('/') + 1);
      if (glob(name, base)) matched.add(f);
    }
    matched.sort(null);
    for (String f : matched) file(f, depth + 1);
  }

  /** A glob(3) wildcard ({@code *}, {@code ?}, {@code [}) in {@code s}. */
  private static boolean wildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** glob(3) on one path part: {@code *}, {@code ?}; no hidden files for a leading wildcard. */
  static boolean glob(String pattern, String name) throws ConfigUnknown {
    if (pattern.contains("[")) throw new ConfigUnknown();
    if (name.startsWith(".") && !pattern.startsWith(".")) return false;
    return dev.berth.context.Paths.glob(pattern).matcher(name).matches();
  }
}
