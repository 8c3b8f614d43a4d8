package dev.berth.context;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The builds compose services declare, as {@code docker compose build} runs them: the context
 * relative to the project directory (the loader has already rebased it onto the root), the
 * Dockerfile relative to the context (absolute allowed), {@code dockerfile_inline}, target, args
 * and {@code additional_contexts}. Remote and outside-the-root contexts are carried as unknown.
 */
public final class ComposeContexts {
  private ComposeContexts() {}

  static List<BuildContext> of(Project project) {
    Map<String, BuildContext> unique = new LinkedHashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        if (s.build().isEmpty()) continue;
        BuildContext c = of(project, cp, s, s.build().get());
        // two services building the same thing the same way are one build to judge
        unique.putIfAbsent(key(c), c);
      }
    }
    return List.copyOf(unique.values());
  }

  private static String key(BuildContext c) {
    Map<String, ContextLocation> named = new LinkedHashMap<>();
    c.namedContexts().forEach((k, v) -> named.put(k, v.location()));
    return c.location() + "|" + c.dockerfile() + "|" + c.target() + "|" + c.buildArgs() + "|"
        + named + "|" + (c.inlineDockerfile() ? c.definedAt() : "");
  }

  private static BuildContext of(Project project, ComposeProject cp, Service s, Build b) {
    FileTree tree = project.fileTree();
    Function<String, Optional<SourceFile>> sources = project::source;
    String root = project.root().toString();
    ContextLocation location = location(b.context().value(), root);
    List<Range> definedAt = new ArrayList<>();
    definedAt.add(b.context().range());
    b.dockerfile().ifPresent(d -> definedAt.add(d.range()));
    b.dockerfileInline().ifPresent(d -> definedAt.add(d.range()));
    boolean inline = b.dockerfileInline().isPresent();
    String dockerfile = inline ? inlineName(cp, s) : dockerfilePath(location,
        b.dockerfile().map(Located::value).orElse("Dockerfile"), root);
    Map<String, Optional<String>> args = new LinkedHashMap<>();
    b.args().forEach((k, v) -> args.put(k, v.value()));
    Map<String, BuildContext.NamedContext> named = new LinkedHashMap<>();
    for (Map.Entry<String, Located<String>> e : b.additionalContexts().entrySet()) {
      ContextLocation l = namedLocation(e.getValue().value(), root);
      named.put(e.getKey(), new BuildContext.NamedContext(e.getKey(), l, e.getValue().range(),
          BuildContexts.ignoreFile(l, Optional.empty(), tree, sources)));
    }
    // an inline Dockerfile has no path, so only <context>/.dockerignore can apply
    BuildContext.IgnoreFile ignore = BuildContexts.ignoreFile(location,
        inline ? Optional.empty() : Optional.of(dockerfile), tree, sources);
    return new BuildContext(s.serviceName(), location, dockerfile,
        b.target().map(Located::value), BuildContext.Origin.COMPOSE, definedAt, ignore, args,
        named, inline);
  }

  /** The synthetic name of an inline Dockerfile: never a path in the tree. */
  static String inlineName(ComposeProject cp, Service s) {
    return "<dockerfile_inline of service " + s.serviceName() + " in " + cp.files().get(0) + ">";
  }

  /** Where a compose build's context is. */
  public static ContextLocation location(Project project, Build build) {
    return location(build.context().value(), project.root().toString());
  }

  /**
   * The root-relative Dockerfile a compose build runs, as {@link BuildContext#dockerfile()} names
   * it; empty for {@code dockerfile_inline}.
   */
  public static Optional<String> dockerfile(Project project, Build build) {
    if (build.dockerfileInline().isPresent()) return Optional.empty();
    String root = project.root().toString();
    return Optional.of(dockerfilePath(location(build.context().value(), root),
        build.dockerfile().map(Located::value).orElse("Dockerfile"), root));
  }

  /** A context as the loader left it: "./x" or "." (root-relative), "../x", absolute, or a URL. */
  static ContextLocation location(String value, String root) {
    String v = value.trim();
    if (v.startsWith("/") && !root.isEmpty() && (v.equals(root) || v.startsWith(root + "/"))) {
      v = v.equals(root) ? "." : v.substring(root.length() + 1);
    }
    return ContextLocation.of(v, "");
  }

  private static ContextLocation namedLocation(String value, String root) {
    String v = value.trim();
    if (v.startsWith("docker-image://")) return new ContextLocation.Unknown(value, "an image");
    if (v.startsWith("service:")) {
      return new ContextLocation.Unknown(value, "the image of another service");
    }
    if (v.startsWith("target:")) return new ContextLocation.Unknown(value, "a build target");
    return location(v, root);
  }

  /**
   * The Dockerfile's root-relative path: relative to a local context, or absolute (inside the
   * root it becomes root-relative). Anything else is a name no project file has.
   */
  static String dockerfilePath(ContextLocation location, String name, String root) {
    if (name.startsWith("/")) {
      if (!root.isEmpty() && name.startsWith(root + "/")) {
        return Paths.clean(name.substring(root.length() + 1));
      }
      return name;
    }
    if (location instanceof ContextLocation.Local l) {
      return Paths.clean(Paths.join(l.dir(), name));
    }
    ContextLocation.Unknown u = (ContextLocation.Unknown) location;
    return u.spec() + "#" + name;
  }
}
