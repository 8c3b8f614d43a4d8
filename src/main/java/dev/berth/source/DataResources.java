package dev.berth.source;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * berth's bundled knowledge (base images, programs, development images, the Compose schema) is
 * written as YAML or JSON, each entry with its source. Parsing it with snakeyaml on every run cost
 * a large share of a one-file run's start-up (cold code: measured in bench/RESULTS.md), so the
 * build packs each file once ({@link #main}, at Maven's process-classes phase) into a
 * {@code .packed} twin beside it: the same tree of maps, lists, strings, numbers, booleans and
 * nulls, in a tagged binary form a few dozen lines read. {@link #tree} reads the twin when the
 * class path has one packed from the same bytes, and the YAML otherwise (an IDE that skipped the
 * build step, a file edited since), so both give the same tree; {@code DataResourcesTest} checks
 * that for every packed file.
 */
public final class DataResources {
  /** The YAML/JSON resources the build packs. */
  public static final List<String> PACKED = List.of("/berth/images/base-images.yaml",
      "/berth/programs/programs.yaml", "/berth/images/development-images.yaml",
      "/berth/images/docker-clients.yaml", "/berth/programs/root-tools.yaml",
      "/berth/programs/log-agents.yaml",
      "/berth/compose/compose-spec.json", "/berth/wiring/probe-tools.yaml",
      "/berth/wiring/nginx-images.yaml", "/berth/wiring/url-variables.yaml",
      "/berth/wiring/start-dependencies.yaml", "/berth/programs/script-commands.yaml",
      "/berth/wiring/caddy-images.yaml", "/berth/images/start-refusals.yaml",
      "/berth/images/withdrawn-images.yaml", "/berth/wiring/php-images.yaml",
      "/berth/compose/platforms.yaml", "/berth/compose/server-families.yaml",
      "/berth/images/apt-releases.yaml", "/berth/images/search-paths.yaml",
      "/berth/compose/platform-variables.yaml");
  static final String SUFFIX = ".packed";
  private static final int MAGIC = 0x62657274; // "bert"

  private DataResources() {}

  /**
   * The resource's tree: maps keep their order; numbers are Integer, Long or Double. The twin is
   * used only when it was packed from these very bytes (a checksum of the source is its header),
   * so a YAML edited after the last build (an IDE copies resources without packing) is parsed.
   */
  /**
   * The entries of a catalog's list {@code key} (none when absent), each a mapping that must say
   * where its facts were checked ({@code source}): an entry without one is refused.
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> sourcedEntries(Map<String, Object> doc, String key,
      String resource) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) doc.getOrDefault(key, List.of())) {
      Map<String, Object> e = (Map<String, Object>) o;
      if (String.valueOf(e.getOrDefault("source", "")).isBlank()) {
        throw new IllegalStateException(resource + ": entry without source");
      }
      out.add(e);
    }
    return out;
  }

  /** A list of a resource's tree as strings ({@code String.valueOf} each); none when absent. */
  @SuppressWarnings("unchecked")
  public static List<String> strings(Object node) {
    return node == null ? List.of() : ((List<Object>) node).stream().map(String::valueOf).toList();
  }

  public static Object tree(Class<?> owner, String resource) {
    byte[] source = bytes(owner, resource);
    try (InputStream packed = owner.getResourceAsStream(resource + SUFFIX)) {
      if (packed != null) {
        Optional<Object> tree = read(packed, checksum(source));
        if (tree.isPresent()) return tree.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(source);
  }

  /**
   * The rows of a tab-separated resource, each split on tabs; blank lines and {@code #} comments
   * are skipped.
   */
  public static List<String[]> tsvRows(Class<?> owner, String resource) {
    List<String[]> out = new java.util.ArrayList<>();
    String text = new String(bytes(owner, resource), java.nio.charset.StandardCharsets.UTF_8);
    for (String line : text.split("\r?\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      out.add(line.split("\t"));
    }
    return out;
  }

  /** The resource parsed as YAML (JSON is YAML), as snakeyaml gives it. */
  static Object yaml(Class<?> owner, String resource) {
    return parse(bytes(owner, resource));
  }

  private static Object parse(byte[] source) {
    return new Load(LoadSettings.builder().build())
        .loadFromInputStream(new java.io.ByteArrayInputStream(source));
  }

  private static byte[] bytes(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource " + resource);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long checksum(byte[] source) {
    CRC32 crc = new CRC32();
    crc.update(source);
    return crc.getValue() ^ ((long) source.length << 32);
  }

  /** Writes the packed twin of every {@link #PACKED} resource under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    for (String r : PACKED) {
      byte[] source = Files.readAllBytes(classes.resolve(r.substring(1)));
      try (OutputStream out = Files.newOutputStream(classes.resolve(r.substring(1) + SUFFIX))) {
        write(parse(source), checksum(source), out);
      }
    }
  }

  public static void write(Object tree, long sourceChecksum, OutputStream sink) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink));
    out.writeInt(MAGIC);
    out.writeLong(sourceChecksum);
    value(tree, out);
    out.flush();
  }

  private static void value(Object v, DataOutputStream out) throws IOException {
    if (v == null) {
      out.writeByte('N');
    } else if (v instanceof String s) {
      out.writeByte('S');
      string(s, out);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? 'T' : 'F');
    } else if (v instanceof Integer i) {
      out.writeByte('I');
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte('J');
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte('D');
      out.writeDouble(d);
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte('M');
      out.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        value(e.getKey(), out);
        value(e.getValue(), out);
      }
    } else if (v instanceof List<?> l) {
      out.writeByte('L');
      out.writeInt(l.size());
      for (Object o : l) value(o, out);
    } else {
      throw new IllegalArgumentException("cannot pack a " + v.getClass().getName());
    }
  }

  /** writeUTF stops at 64 KiB; a description may not. */
  private static void string(String s, DataOutputStream out) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** The packed tree, or empty when it was packed from other source bytes (stale). */
  public static Optional<Object> read(InputStream packed, long sourceChecksum) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(packed, 1 << 16));
    if (in.readInt() != MAGIC) throw new IOException("not a packed berth resource");
    if (in.readLong() != sourceChecksum) return Optional.empty();
    return Optional.of(value(in));
  }

  private static Object value(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case 'N':
        return null;
      case 'S': {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
      }
      case 'T':
        return Boolean.TRUE;
      case 'F':
        return Boolean.FALSE;
      case 'I':
        return in.readInt();
      case 'J':
        return in.readLong();
      case 'D':
        return in.readDouble();
      case 'M': {
        int n = in.readInt();
        Map<Object, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
          Object k = value(in);
          m.put(k, value(in));
        }
        return m;
      }
      case 'L': {
        int n = in.readInt();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(value(in));
        return l;
      }
      default:
        throw new IOException("bad tag " + tag + " in a packed berth resource");
    }
  }
}
