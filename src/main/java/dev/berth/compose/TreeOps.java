package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Whole-tree passes over one Compose file: interpolation and path rebasing. */
final class TreeOps {
  private TreeOps() {}

  /**
   * Interpolates every scalar value (never keys), each charged to the file's {@code budget};
   * records unset variables with the field each value lands in, and bad templates. Variables
   * Compose's own environment always has are not unset ({@link ProvidedVariables}).
   */
  static YamlNode interpolate(YamlNode n, Function<String, Optional<String>> lookup,
      Interpolation.Budget budget, List<UnsetVariable> unset, List<Diagnostic> diags,
      SourceFile source) {
    return interpolate(n, List.of(), lookup, budget, unset, diags, source);
  }

  private static YamlNode interpolate(YamlNode n, List<String> field,
      Function<String, Optional<String>> lookup, Interpolation.Budget budget,
      List<UnsetVariable> unset, List<Diagnostic> diags, SourceFile source) {
    if (n instanceof YamlScalar s) {
      Interpolation.Result r = Interpolation.apply(s.value(), lookup, budget);
      if (r.error().isPresent()) {
        diags.add(new Diagnostic(s.range(), Diagnostic.Kind.PARSE_ERROR, r.error().get()));
        return s;
      }
      for (Interpolation.Missing m : r.missing()) {
        if (ProvidedVariables.provides(m.name())) continue;
        unset.add(new UnsetVariable(m.name(), reference(source, s.range(), m.name()),
            m.required(), m.message(), field, s.value(), r.value()));
      }
      return r.value().equals(s.value()) ? s : s.withValue(r.value());
    }
    if (n instanceof YamlSeq q) {
      List<YamlNode> out = new ArrayList<>();
      for (YamlNode i : q.items()) {
        out.add(interpolate(i, append(field, String.valueOf(out.size())), lookup, budget, unset,
            diags, source));
      }
      return new YamlSeq(out, q.range(), q.tag());
    }
    YamlMap m = (YamlMap) n;
    List<YamlMap.Entry> out = new ArrayList<>();
    for (YamlMap.Entry e : m.entries()) {
      out.add(new YamlMap.Entry(e.key(), interpolate(e.value(), append(field, e.name()), lookup,
          budget, unset, diags, source)));
    }
    return new YamlMap(out, m.range(), m.tag());
  }

  private static List<String> append(List<String> field, String key) {
    List<String> out = new ArrayList<>(field.size() + 1);
    out.addAll(field);
    out.add(key);
    return out;
  }

  /**
   * The range of the first {@code $NAME} / {@code ${NAME...}} reference inside the scalar's text,
   * so a finding underlines the variable; the whole scalar when it cannot be found.
   */
  static Range reference(SourceFile source, Range scalar, String name) {
    if (source == null || !source.path().equals(scalar.file())) return scalar;
    int start = source.offset(scalar.startLine(), scalar.startColumn());
    int end = source.offset(scalar.endLine(), scalar.endColumn());
    String text = source.text();
    for (int i = text.indexOf('$', start); i >= 0 && i < end; i = text.indexOf('$', i + 1)) {
      int dollars = 0;
      for (int k = i - 1; k >= start && text.charAt(k) == '$'; k--) dollars++;
      if (dollars % 2 == 1) continue;
      if (text.startsWith(name, i + 1) && !namePart(text, i + 1 + name.length(), end)) {
        return source.range(i, i + 1 + name.length());
      }
      if (text.startsWith("{" + name, i + 1) && !namePart(text, i + 2 + name.length(), end)) {
        int close = text.indexOf('}', i);
        return source.range(i, close >= 0 && close < end ? close + 1 : i + 2 + name.length());
      }
    }
    return scalar;
  }

  private static boolean namePart(String text, int at, int end) {
    if (at >= end) return false;
    char c = text.charAt(at);
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * Rewrites relative host paths (build contexts, bind sources, env_file, secret/config files,
   * extends.file) so they are relative to the root, written "./x" (or "../x" when escaping), from
   * being relative to {@code baseDir}. Raw text stays in {@link YamlScalar#raw()}.
   */
  static YamlMap rebase(YamlMap doc, String baseDir) {
    YamlMap out = doc;
    if (doc.get("services").orElse(null) instanceof YamlMap services) {
      List<YamlMap.Entry> svc = new ArrayList<>();
      for (YamlMap.Entry e : services.entries()) {
        YamlNode v = e.value() instanceof YamlMap sm ? rebaseService(sm, baseDir) : e.value();
        svc.add(new YamlMap.Entry(e.key(), v));
      }
      out = replace(out, "services", new YamlMap(svc, services.range(), services.tag()));
    }
    for (String section : List.of("secrets", "configs")) {
      if (out.get(section).orElse(null) instanceof YamlMap defs) {
        List<YamlMap.Entry> es = new ArrayList<>();
        for (YamlMap.Entry e : defs.entries()) {
          YamlNode v = e.value() instanceof YamlMap dm ? at(dm, "file", p -> path(p, baseDir))
              : e.value();
          es.add(new YamlMap.Entry(e.key(), v));
        }
        out = replace(out, section, new YamlMap(es, defs.range(), defs.tag()));
      }
    }
    return out;
  }

  /**
   * A {@code build:} mapping without {@code context} builds from the project directory: compose-go
   * sets the default {@code context: .} after merging the files (transform/defaults.go,
   * defaultBuildContext), and resolves it against the working directory like any other path.
   */
  static YamlMap defaultBuildContext(YamlMap service, String projectDir) {
    if (!(service.get("build").orElse(null) instanceof YamlMap b) || b.get("context").isPresent()) {
      return service;
    }
    String dir = rel(".", projectDir);
    YamlScalar key = new YamlScalar("context", "context", true, b.range(), "");
    YamlScalar value = new YamlScalar(dir, ".", true, b.range(), "");
    return replace(service, "build", b.with("context", key, value));
  }

  private static YamlMap rebaseService(YamlMap s, String baseDir) {
    YamlMap out = s;
    YamlNode build = s.get("build").orElse(null);
    if (build instanceof YamlScalar b) {
      out = replace(out, "build", contextPath(b, baseDir));
    } else if (build instanceof YamlMap bm) {
      YamlMap nb = at(bm, "context", c -> c instanceof YamlScalar cs ? contextPath(cs, baseDir) : c);
      if (nb.get("additional_contexts").orElse(null) instanceof YamlMap ac) {
        List<YamlMap.Entry> es = new ArrayList<>();
        for (YamlMap.Entry e : ac.entries()) {
          YamlNode v = e.value() instanceof YamlScalar vs ? contextPath(vs, baseDir) : e.value();
          es.add(new YamlMap.Entry(e.key(), v));
        }
        nb = replace(nb, "additional_contexts", new YamlMap(es, ac.range(), ac.tag()));
      }
      out = replace(out, "build", nb);
    }
    out = at(out, "env_file", ef -> mapItems(ef, i -> i instanceof YamlMap im
        ? at(im, "path", p -> path(p, baseDir)) : path(i, baseDir)));
    out = at(out, "label_file", lf -> mapItems(lf, i -> path(i, baseDir)));
    out = at(out, "volumes", vs -> mapItems(vs, v -> volume(v, baseDir)));
    out = at(out, "extends", ex -> ex instanceof YamlMap em ? at(em, "file", p -> path(p, baseDir))
        : ex);
    return out;
  }

  private static YamlNode volume(YamlNode v, String baseDir) {
    if (v instanceof YamlScalar s) {
      String t = s.value();
      int colon = t.indexOf(':');
      if (colon > 0 && Mount.isPath(t) && !Paths.isAbsolute(t)) {
        return s.withValue(rel(t.substring(0, colon), baseDir) + t.substring(colon));
      }
      return v;
    }
    if (v instanceof YamlMap m && m.get("type").orElse(null) instanceof YamlScalar type
        && type.value().equals("bind")) {
      return at(m, "source", p -> path(p, baseDir));
    }
    return v;
  }

  private static YamlNode contextPath(YamlScalar s, String baseDir) {
    String v = s.value();
    if (v.contains("://") || v.startsWith("git@") || v.startsWith("github.com/")
        || v.startsWith("docker-image:") || v.startsWith("service:") || v.startsWith("oci-layout:")
        || v.startsWith("target:")) {
      return s;
    }
    return s.withValue(Paths.isAbsolute(v) ? v : rel(v, baseDir));
  }

  private static YamlNode path(YamlNode n, String baseDir) {
    if (!(n instanceof YamlScalar s) || Paths.isAbsolute(s.value())) return n;
    return s.withValue(rel(s.value(), baseDir));
  }

  static String rel(String p, String baseDir) {
    String r = Paths.resolve(baseDir, p);
    return r.equals(".") || r.startsWith("../") || r.equals("..") ? r : "./" + r;
  }

  private static YamlNode mapItems(YamlNode n, UnaryOperator<YamlNode> f) {
    if (n instanceof YamlSeq q) {
      List<YamlNode> out = new ArrayList<>();
      for (YamlNode i : q.items()) out.add(f.apply(i));
      return new YamlSeq(out, q.range(), q.tag());
    }
    return f.apply(n);
  }

  private static YamlMap at(YamlMap m, String key, UnaryOperator<YamlNode> f) {
    Optional<YamlMap.Entry> e = m.entry(key);
    if (e.isEmpty()) return m;
    return m.with(key, e.get().key(), f.apply(e.get().value()));
  }

  private static YamlMap replace(YamlMap m, String key, YamlNode v) {
    return m.with(key, m.entry(key).orElseThrow().key(), v);
  }
}
