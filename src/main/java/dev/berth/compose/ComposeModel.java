package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a merged, interpolated Compose tree into the typed model. Tolerant: a value of the wrong
 * shape is left out of the typed view (the schema check reports it), never an exception.
 */
final class ComposeModel {
  private ComposeModel() {}

  /** Reads a root-relative env_file; empty when it could not be read. */
  interface EnvFiles extends Function<EnvFileRef, Optional<EnvFileValues>> {}

  /** Parsed env_file: values with their ranges in the env file. */
  record EnvFileValues(Map<String, Located<Optional<String>>> values) {}

  static Service service(Located<String> name, YamlMap d, EnvFiles envFiles,
      Optional<ExtendsRef> ext) {
    return service(name, d, envFiles, ext, r -> false);
  }

  /**
   * @param interpolatesUnset whether a value's text uses a variable that is not set: Compose
   *     substitutes an empty string, but whoever runs the project is expected to set it (in a
   *     {@code .env} berth does not have), so the container's value is unknown, not empty
   */
  static Service service(Located<String> name, YamlMap d, EnvFiles envFiles,
      Optional<ExtendsRef> ext, java.util.function.Predicate<Range> interpolatesUnset) {
    List<EnvFileRef> envFileRefs = envFileRefs(d.get("env_file").orElse(null));
    Map<String, Located<Optional<String>>> env = new LinkedHashMap<>();
    for (EnvFileRef ref : envFileRefs) {
      envFiles.apply(ref).ifPresent(v -> env.putAll(v.values()));
    }
    keyValues(d.get("environment").orElse(null)).forEach((k, v) -> env.put(k,
        v.value().isPresent() && interpolatesUnset.test(v.range())
            ? new Located<>(Optional.empty(), v.range()) : v));
    Optional<YamlMap> deploy = map(d, "deploy");
    Optional<YamlMap> resources = deploy.flatMap(m -> map(m, "resources"));
    Optional<YamlMap> limits = resources.flatMap(m -> map(m, "limits"));
    Optional<YamlMap> reservations = resources.flatMap(m -> map(m, "reservations"));
    ResourceLimits rl = new ResourceLimits(
        limits.flatMap(m -> bytes(m, "memory")), limits.flatMap(m -> scalar(m, "cpus")),
        reservations.flatMap(m -> bytes(m, "memory")),
        reservations.flatMap(m -> scalar(m, "cpus")));
    Optional<Located<Integer>> replicas = deploy.flatMap(m -> scalar(m, "replicas"))
        .flatMap(s -> integer(s));
    if (replicas.isEmpty()) replicas = scalar(d, "scale").flatMap(ComposeModel::integer);
    List<PortMapping> ports = new ArrayList<>();
    for (YamlNode p : items(d.get("ports").orElse(null))) PortMapping.parse(p).ifPresent(ports::add);
    List<Mount> volumes = new ArrayList<>();
    for (YamlNode v : items(d.get("volumes").orElse(null))) Mount.parse(v).ifPresent(volumes::add);
    return new Service(name, d, scalar(d, "image"), build(d.get("build").orElse(null)),
        words(d.get("command").orElse(null)), words(d.get("entrypoint").orElse(null)), env,
        envFileRefs, ports, strings(d.get("expose").orElse(null)), volumes,
        strings(d.get("tmpfs").orElse(null)), scalar(d, "user"), scalar(d, "working_dir"),
        healthcheck(d.get("healthcheck").orElse(null)), dependsOn(d.get("depends_on").orElse(null)),
        networks(d.get("networks").orElse(null)), scalar(d, "network_mode"),
        strings(d.get("profiles").orElse(null)), rl, bytes(d, "mem_limit"), scalar(d, "restart"),
        fileRefs(d.get("secrets").orElse(null)), fileRefs(d.get("configs").orElse(null)),
        scalar(d, "container_name"), strings(d.get("links").orElse(null)),
        strings(d.get("volumes_from").orElse(null)), replicas, ext);
  }

  static Map<String, Resource> resources(YamlMap model, String section) {
    Map<String, Resource> out = new LinkedHashMap<>();
    if (!(model.get(section).orElse(null) instanceof YamlMap defs)) return out;
    for (YamlMap.Entry e : defs.entries()) {
      Located<String> name = new Located<>(e.name(), e.key().range());
      YamlNode v = e.value();
      boolean external = false;
      Optional<Located<String>> extName = Optional.empty();
      Optional<Located<String>> driver = Optional.empty();
      Optional<Located<String>> file = Optional.empty();
      if (v instanceof YamlMap m) {
        YamlNode ext = m.get("external").orElse(null);
        external = ext instanceof YamlMap
            || (ext instanceof YamlScalar s && s.value().equalsIgnoreCase("true"));
        extName = scalar(m, "name");
        if (ext instanceof YamlMap em && extName.isEmpty()) extName = scalar(em, "name");
        driver = scalar(m, "driver");
        file = scalar(m, "file");
      }
      out.put(e.name(), new Resource(name, external, extName, driver, file, v));
    }
    return out;
  }

  private static Optional<Build> build(YamlNode n) {
    if (n instanceof YamlScalar s) {
      Located<String> ctx = new Located<>(s.value(), s.range());
      return Optional.of(new Build(ctx, localPath(s.value()), Optional.empty(), Optional.empty(),
          Optional.empty(), Map.of(), Map.of(), List.of(), java.util.Set.of()));
    }
    if (!(n instanceof YamlMap m)) return Optional.empty();
    Located<String> ctx = scalar(m, "context").orElse(new Located<>(".", m.range()));
    Map<String, Located<String>> extra = new LinkedHashMap<>();
    for (var e : keyValues(m.get("additional_contexts").orElse(null)).entrySet()) {
      e.getValue().value().ifPresent(v -> extra.put(e.getKey(),
          new Located<>(v, e.getValue().range())));
    }
    return Optional.of(new Build(ctx, localPath(ctx.value()), scalar(m, "dockerfile"),
        scalar(m, "dockerfile_inline"), scalar(m, "target"),
        keyValues(m.get("args").orElse(null)), extra,
        m.get("secrets").map(ComposeModel::fileRefs).orElse(List.of()),
        fromEnvironment(m.get("args").orElse(null))));
  }

  /** The names in an args/environment block whose value comes from the environment. */
  private static java.util.Set<String> fromEnvironment(YamlNode n) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (n instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        if (!(e.value() instanceof YamlScalar s) || s.isNull() || Interpolation.usesVariable(s.raw())) {
          out.add(e.name());
        }
      }
    } else if (n instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (!(i instanceof YamlScalar s)) continue;
        int eq = s.value().indexOf('=');
        if (eq < 0 || Interpolation.usesVariable(s.raw())) {
          out.add(eq < 0 ? s.value() : s.value().substring(0, eq));
        }
      }
    }
    return out;
  }

  private static Optional<String> localPath(String ctx) {
    if (ctx.contains("://") || ctx.startsWith("git@") || ctx.startsWith("github.com/")
        || Paths.isAbsolute(ctx)) {
      return Optional.empty();
    }
    return Optional.of(Paths.normalize(ctx));
  }

  private static Optional<Located<List<String>>> words(YamlNode n) {
    if (n instanceof YamlScalar s) {
      if (s.isNull()) return Optional.empty();
      return ShellWords.split(s.value()).map(w -> new Located<>(w, s.range()));
    }
    if (n instanceof YamlSeq q) {
      List<String> out = new ArrayList<>();
      for (YamlNode i : q.items()) {
        if (i instanceof YamlScalar s) out.add(s.value());
      }
      return Optional.of(new Located<>(out, q.range()));
    }
    return Optional.empty();
  }

  private static Optional<Healthcheck> healthcheck(YamlNode n) {
    if (!(n instanceof YamlMap m)) return Optional.empty();
    Optional<Located<List<String>>> test = Optional.empty();
    YamlNode t = m.get("test").orElse(null);
    if (t instanceof YamlScalar s && !s.isNull()) {
      test = Optional.of(new Located<>(List.of("CMD-SHELL", s.value()), s.range()));
    } else if (t instanceof YamlSeq) {
      test = words(t);
    }
    boolean disabled = scalar(m, "disable").map(l -> l.value().equalsIgnoreCase("true"))
        .orElse(false)
        || test.map(l -> !l.value().isEmpty() && l.value().get(0).equals("NONE")).orElse(false);
    return Optional.of(new Healthcheck(test, disabled, scalar(m, "interval"), scalar(m, "timeout"),
        scalar(m, "start_period"), scalar(m, "retries"), m.range()));
  }

  private static List<Dependency> dependsOn(YamlNode n) {
    List<Dependency> out = new ArrayList<>();
    if (n instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (i instanceof YamlScalar s) {
          out.add(new Dependency(new Located<>(s.value(), s.range()),
              new Located<>("service_started", s.range()), true, false));
        }
      }
    } else if (n instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        Located<String> svc = new Located<>(e.name(), e.key().range());
        Located<String> cond = new Located<>("service_started", e.key().range());
        boolean required = true;
        boolean restart = false;
        if (e.value() instanceof YamlMap dm) {
          cond = scalar(dm, "condition").orElse(cond);
          required = !scalar(dm, "required").map(l -> l.value().equalsIgnoreCase("false"))
              .orElse(false);
          restart = scalar(dm, "restart").map(l -> l.value().equalsIgnoreCase("true"))
              .orElse(false);
        }
        out.add(new Dependency(svc, cond, required, restart));
      }
    }
    return out;
  }

  private static List<ServiceNetwork> networks(YamlNode n) {
    List<ServiceNetwork> out = new ArrayList<>();
    if (n instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (i instanceof YamlScalar s) {
          out.add(new ServiceNetwork(new Located<>(s.value(), s.range()), List.of(),
              Optional.empty()));
        }
      }
    } else if (n instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        List<Located<String>> aliases = List.of();
        Optional<Located<String>> ip = Optional.empty();
        if (e.value() instanceof YamlMap nm) {
          aliases = strings(nm.get("aliases").orElse(null));
          ip = scalar(nm, "ipv4_address");
        }
        out.add(new ServiceNetwork(new Located<>(e.name(), e.key().range()), aliases, ip));
      }
    }
    return out;
  }

  private static List<FileReference> fileRefs(YamlNode n) {
    List<FileReference> out = new ArrayList<>();
    for (YamlNode i : items(n)) {
      if (i instanceof YamlScalar s) {
        out.add(new FileReference(new Located<>(s.value(), s.range()), Optional.empty()));
      } else if (i instanceof YamlMap m) {
        Optional<Located<String>> src = scalar(m, "source");
        src.ifPresent(s -> out.add(new FileReference(s, scalar(m, "target"))));
      }
    }
    return out;
  }

  private static List<EnvFileRef> envFileRefs(YamlNode n) {
    List<EnvFileRef> out = new ArrayList<>();
    for (YamlNode i : items(n)) {
      if (i instanceof YamlScalar s) {
        out.add(new EnvFileRef(new Located<>(s.value(), s.range()), true));
      } else if (i instanceof YamlMap m) {
        Optional<Located<String>> p = scalar(m, "path");
        boolean required = !scalar(m, "required").map(l -> l.value().equalsIgnoreCase("false"))
            .orElse(false);
        p.ifPresent(path -> out.add(new EnvFileRef(path, required)));
      }
    }
    return out;
  }

  /** environment / args / labels in map or list form; bare names map to empty. */
  static Map<String, Located<Optional<String>>> keyValues(YamlNode n) {
    Map<String, Located<Optional<String>>> out = new LinkedHashMap<>();
    if (n instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        Optional<String> v = e.value() instanceof YamlScalar s && !s.isNull()
            ? Optional.of(s.value()) : Optional.empty();
        Range r = e.value() instanceof YamlScalar s && !s.isNull() ? s.range() : e.key().range();
        out.put(e.name(), new Located<>(v, r));
      }
    } else if (n instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (!(i instanceof YamlScalar s)) continue;
        int eq = s.value().indexOf('=');
        if (eq < 0) {
          out.put(s.value(), new Located<>(Optional.empty(), s.range()));
        } else {
          out.put(s.value().substring(0, eq),
              new Located<>(Optional.of(s.value().substring(eq + 1)), s.range()));
        }
      }
    }
    return out;
  }

  static List<YamlNode> items(YamlNode n) {
    if (n instanceof YamlSeq q) return q.items();
    if (n instanceof YamlScalar s && !s.isNull()) return List.of(s);
    if (n instanceof YamlMap m) return List.of(m);
    return List.of();
  }

  static List<Located<String>> strings(YamlNode n) {
    List<Located<String>> out = new ArrayList<>();
    for (YamlNode i : items(n)) {
      if (i instanceof YamlScalar s) out.add(new Located<>(s.value(), s.range()));
    }
    return out;
  }

  static Optional<YamlMap> map(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlMap).map(v -> (YamlMap) v);
  }

  /** A string setting; null and the empty string are both unset (Go's zero value). */
  static Optional<Located<String>> scalar(YamlMap m, String key) {
    return m.get(key)
        .filter(v -> v instanceof YamlScalar s && !s.isNull() && !s.value().isEmpty())
        .map(v -> new Located<>(((YamlScalar) v).value(), v.range()));
  }

  private static Optional<Located<Long>> bytes(YamlMap m, String key) {
    return scalar(m, key).flatMap(l -> Sizes.bytes(l.value()).map(b -> new Located<>(b, l.range())));
  }

  private static Optional<Located<Integer>> integer(Located<String> l) {
    try {
      return Optional.of(new Located<>(Integer.parseInt(l.value().trim()), l.range()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
