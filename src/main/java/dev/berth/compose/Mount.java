package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * One service {@code volumes} entry, short ({@code [source:]target[:mode]}) or long syntax.
 *
 * @param source volume name or host path as written after interpolation; empty for anonymous
 *     volumes and tmpfs
 * @param hostPath for binds: the host path, root-relative when it is inside the project
 *     (may start with ".." when it escapes the root) or absolute
 * @param tmpfsSize bytes, for tmpfs mounts that declare a size
 */
public record Mount(Type type, Optional<Located<String>> source, Located<String> target,
    boolean readOnly, Optional<String> hostPath, Optional<Long> tmpfsSize, Range range) {

  public enum Type { BIND, VOLUME, TMPFS, NPIPE, IMAGE, CLUSTER }

  /** Where the Docker daemon's socket is, or a directory holding it (the engine's defaults). */
  private static final java.util.Set<String> DOCKER_SOCKETS = java.util.Set.of(
      "/var/run/docker.sock", "/run/docker.sock", "/var/run", "/run", "/var/run/docker",
      "/run/docker");

  /**
   * The Docker daemon's socket (or the directory holding it) when this bind mount gives it to
   * the container: whoever can talk to it can start a privileged container with the host's root
   * filesystem, whatever {@code :ro} says.
   */
  public Optional<String> dockerSocket() {
    if (type != Type.BIND || source.isEmpty()) return Optional.empty();
    String src = source.get().value().replaceAll("/+$", "");
    return Optional.of(src).filter(DOCKER_SOCKETS::contains);
  }

  static boolean isPath(String s) {
    return s.startsWith(".") || s.startsWith("/") || s.startsWith("~") || s.startsWith("\\")
        || s.matches("^[A-Za-z]:[\\\\/].*");
  }

  static Optional<String> hostPath(String source) {
    if (source.startsWith("/") || source.startsWith("~") || source.matches("^[A-Za-z]:.*")) {
      return Optional.of(source);
    }
    return Optional.of(Paths.normalize(source));
  }

  public static Mount parseShort(YamlScalar s) {
    String v = s.value();
    String[] parts = splitShort(v);
    Range r = s.range();
    if (parts.length == 1) {
      return new Mount(Type.VOLUME, Optional.empty(), new Located<>(parts[0], r), false,
          Optional.empty(), Optional.empty(), r);
    }
    String source = parts[0];
    String target = parts[1];
    boolean ro = false;
    if (parts.length > 2) {
      for (String opt : parts[2].split(",")) ro |= opt.equals("ro");
    }
    boolean bind = isPath(source);
    return new Mount(bind ? Type.BIND : Type.VOLUME, Optional.of(new Located<>(source, r)),
        new Located<>(target, r), ro, bind ? hostPath(source) : Optional.empty(),
        Optional.empty(), r);
  }

  /** Splits on ':' but keeps a Windows drive letter ("C:\\data:/data") in the source. */
  private static String[] splitShort(String v) {
    if (v.matches("^[A-Za-z]:[\\\\/].*")) {
      String[] rest = v.substring(2).split(":", 3);
      rest[0] = v.substring(0, 2) + rest[0];
      return rest;
    }
    return v.split(":", 3);
  }

  public static Optional<Mount> parse(YamlNode n) {
    if (n instanceof YamlScalar s) return Optional.of(parseShort(s));
    if (!(n instanceof YamlMap m)) return Optional.empty();
    Optional<Located<String>> target = located(m, "target");
    if (target.isEmpty()) return Optional.empty();
    Optional<Located<String>> source = located(m, "source");
    String typeName = source.isPresent() || m.get("type").isPresent()
        ? text(m, "type") : "volume";
    Type type;
    try {
      // Locale.ROOT: under a Turkish default locale "bind" would become "B\u0130ND"
      type = Type.valueOf(typeName.isEmpty() ? "VOLUME"
          : typeName.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean ro = text(m, "read_only").equalsIgnoreCase("true");
    Optional<Long> size = Optional.empty();
    if (m.get("tmpfs").orElse(null) instanceof YamlMap t && t.get("size").orElse(null)
        instanceof YamlScalar sz) {
      size = Sizes.bytes(sz.value());
    }
    Optional<String> host = type == Type.BIND ? source.flatMap(s -> hostPath(s.value()))
        : Optional.empty();
    return Optional.of(new Mount(type, source, target.get(), ro, host, size, m.range()));
  }

  private static Optional<Located<String>> located(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlScalar)
        .map(v -> new Located<>(((YamlScalar) v).value(), v.range()));
  }

  private static String text(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlScalar).map(v -> ((YamlScalar) v).value())
        .orElse("");
  }
}
