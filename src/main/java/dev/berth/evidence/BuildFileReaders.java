package dev.berth.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.compose.Paths;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.FileTree;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bake files ({@code docker-bake.hcl}, {@code docker-bake.json}) and Skaffold configs: each
 * target or artifact is a build. Paths are read from the file's own directory, where the tools
 * look for the file by default; a Bake file the repository's commands run from another directory
 * is read again from there ({@link RepoEvidence}).
 */
final class BuildFileReaders {
  /** Made on first use: a repository without JSON build files never loads Jackson. */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
    /**
     * devcontainer.json is JSON with comments and trailing commas (containers.dev: "JSON with
     * Comments").
     */
    static final JsonFactory JSONC = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
        .build();
  }

  private static final String WHY = "a variable or expression berth cannot know";

  private BuildFileReaders() {}

  /** One Bake target: its attributes as far as known, and where it is written. */
  private record Target(Range range, Map<String, Hcl.Expr> attributes) {}

  static Collector bakeHcl(SourceFile file, FileTree tree) {
    return bakeHcl(file, tree, Optional.empty());
  }

  /** @param runFrom the directory Bake runs in, when known; else the file's own (a convention) */
  static Collector bakeHcl(SourceFile file, FileTree tree, Optional<String> runFrom) {
    Map<String, String> vars = new HashMap<>();
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Hcl.Block b : Hcl.parse(file.text(), RepoEvidence.MAX_TOKENS_PER_FILE)) {
      if (b.type().equals("variable") && b.labels().size() == 1
          && b.attributes().get("default") instanceof Hcl.Str s && !s.text().contains("${")) {
        vars.put(b.labels().get(0), s.text());
      }
      if (b.type().equals("target") && b.labels().size() == 1) {
        targets.put(b.labels().get(0), new Target(file.range(b.start(),
            Math.min(file.text().length(), b.start() + 6)), b.attributes()));
      }
    }
    return bake(file, tree, vars, targets, runFrom);
  }

  static Collector bakeJson(SourceFile file, FileTree tree) {
    return bakeJson(file, tree, Optional.empty());
  }

  static Collector bakeJson(SourceFile file, FileTree tree, Optional<String> runFrom) {
    Map<String, String> vars = new HashMap<>();
    Map<String, Target> targets = new LinkedHashMap<>();
    try (JsonParser p = Json.FACTORY.createParser(file.text())) {
      if (p.nextToken() != JsonToken.START_OBJECT) return new Collector(SourceKind.BAKE_FILE, tree);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int at = (int) p.currentTokenLocation().getCharOffset();
          Hcl.Expr value = json(p);
          if (!(value instanceof Hcl.ObjectExpr o)) continue;
          if (section.equals("variable") && o.entries().get("default") instanceof Hcl.Str s) {
            vars.put(name, s.text());
          } else if (section.equals("target")) {
            targets.put(name, new Target(file.range(at, Math.min(file.text().length(),
                at + name.length() + 2)), o.entries()));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON berth can read: what was read so far stands
    }
    return bake(file, tree, vars, targets, runFrom);
  }

  /**
   * A Dev Container on Compose (containers.dev/implementors/json_reference, "dockerComposeFile":
   * "Path or an ordered list of paths to Docker Compose files relative to the devcontainer.json
   * file"): the tool brings the files up as one project, the listed order being the -f order,
   * with {@code service} and {@code runServices} (all services without it). rubygems.org's
   * .devcontainer/docker-compose.yml is layered so on the root file that defines its db.
   * Read as that command, run in the devcontainer.json's directory.
   */
  private static void composeDevContainer(SourceFile file, Map<String, Hcl.Expr> top,
      Collector out) {
    Hcl.Expr listed = top.get("dockerComposeFile");
    List<Hcl.Str> files = new ArrayList<>();
    if (listed instanceof Hcl.Str one) {
      files.add(one);
    } else if (listed instanceof Hcl.ListExpr list) {
      for (Hcl.Expr e : list.items()) {
        if (!(e instanceof Hcl.Str f)) return;
        files.add(f);
      }
    }
    if (files.isEmpty() || files.stream().anyMatch(f -> f.text().contains("${"))) return;
    StringBuilder command = new StringBuilder("docker compose");
    for (Hcl.Str f : files) command.append(" -f ").append(ScriptReaders.quoted(f.text()));
    command.append(" up -d");
    if (top.get("runServices") instanceof Hcl.ListExpr run) {
      List<String> services = new ArrayList<>();
      if (top.get("service") instanceof Hcl.Str main) services.add(main.text());
      for (Hcl.Expr e : run.items()) {
        if (!(e instanceof Hcl.Str s)) return;
        if (!services.contains(s.text())) services.add(s.text());
      }
      for (String svc : services) command.append(' ').append(ScriptReaders.quoted(svc));
    }
    MappedText text = new MappedText().append(command.toString(), files.get(0).offset());
    String dir = ScriptReaders.parent(file.path());
    ScriptInterpreter.run(text.text(), text.positions(file), Optional.empty(),
        new ScriptInterpreter.State(Optional.of(dir), false, Map.of(), java.util.Set.of()), out);
  }

  /** A JSON value as the HCL model has it (strings, lists, objects; the rest unknown). */
  private static Hcl.Expr json(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      return new Hcl.Str(p.getText(), (int) p.currentTokenLocation().getCharOffset());
    }
    if (t == JsonToken.START_ARRAY) {
      List<Hcl.Expr> items = new ArrayList<>();
      while (true) {
        JsonToken peek = p.nextToken();
        if (peek == JsonToken.END_ARRAY || peek == null) return new Hcl.ListExpr(items);
        if (peek == JsonToken.VALUE_STRING) {
          items.add(new Hcl.Str(p.getText(), (int) p.currentTokenLocation().getCharOffset()));
        } else {
          p.skipChildren();
          items.add(new Hcl.Other());
        }
      }
    }
    if (t == JsonToken.START_OBJECT) {
      Map<String, Hcl.Expr> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        entries.put(k, json(p));
      }
      return new Hcl.ObjectExpr(entries);
    }
    return new Hcl.Other();
  }

  private static Collector bake(SourceFile file, FileTree tree, Map<String, String> vars,
      Map<String, Target> targets, Optional<String> runFrom) {
    Collector out = new Collector(SourceKind.BAKE_FILE, tree);
    String dir = runFrom.orElse(ScriptReaders.parent(file.path()));
    Cwd cwd = new Cwd(Optional.of(dir), runFrom.isPresent() ? Cwd.Basis.KNOWN
        : Cwd.Basis.CONVENTION);
    // a target's own tags (or an ancestor's other than the metadata target) win over those the
    // metadata target lends
    Map<String, Target> withoutMetadata = new LinkedHashMap<>(targets);
    withoutMetadata.remove(METADATA_TARGET);
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      Map<String, Hcl.Expr> attrs = inherited(e.getKey(), targets, 0);
      if (attrs.containsKey("dockerfile-inline")) continue;
      Value context = attrs.containsKey("context") ? path(attrs.get("context"), vars, dir)
          : Value.known(".", dir);
      Value dockerfile;
      Hcl.Expr df = attrs.get("dockerfile");
      if (df == null) {
        dockerfile = out.dockerfile(Optional.empty(), context, "bake");
      } else if (context.value().isPresent()) {
        dockerfile = path(df, vars, context.value().get());
      } else {
        dockerfile = Value.unknown(string(df, vars).raw(), context.why());
      }
      Optional<Value> target = Optional.ofNullable(attrs.get("target"))
          .map(t -> string(t, vars));
      Map<String, Optional<String>> args = new LinkedHashMap<>();
      if (attrs.get("args") instanceof Hcl.ObjectExpr o) {
        o.entries().forEach((k, v) -> args.put(k, string(v, vars).value()));
      }
      List<Value> tags = new ArrayList<>();
      if (inherits(e.getKey(), METADATA_TARGET, targets, 0)
          && !inherited(e.getKey(), withoutMetadata, 0).containsKey("tags")) {
        // docker/metadata-action's bake file redefines this target with the tags it computes
        // (its README, "Bake definition"): the workflow that passes it says which names.
        tags.add(Value.unknown(METADATA_TARGET, METADATA_TAGS));
      } else if (attrs.get("tags") instanceof Hcl.ListExpr l) {
        for (Hcl.Expr t : l.items()) tags.add(string(t, vars));
      }
      out.builds.add(new DockerBuild(e.getValue().range(), SourceKind.BAKE_FILE,
          "bake target `" + e.getKey() + "`", cwd,
          dockerfile, context, target, args, tags, Optional.empty()));
    }
    return out;
  }

  /** The target docker/metadata-action's bake-file output defines (its README). */
  static final String METADATA_TARGET = "docker-metadata-action";
  static final String METADATA_TAGS = "the tags docker/metadata-action computes in CI";

  /** The Bake target a build of a Bake file is, by the tool name {@link #bake} gives it. */
  static String targetName(DockerBuild b) {
    String t = b.tool();
    return t.startsWith("bake target `") && t.endsWith("`") ? t.substring(13, t.length() - 1) : "";
  }

  /** {@code name} is {@code ancestor} or inherits from it, directly or through others. */
  private static boolean inherits(String name, String ancestor, Map<String, Target> targets,
      int depth) {
    if (name.equals(ancestor)) return true;
    Target t = targets.get(name);
    if (t == null || depth > 8 || !(t.attributes().get("inherits") instanceof Hcl.ListExpr l)) {
      return false;
    }
    return l.items().stream().anyMatch(p -> p instanceof Hcl.Str s
        && inherits(s.text(), ancestor, targets, depth + 1));
  }

  /** A target's attributes over those of the targets it {@code inherits} from. */
  private static Map<String, Hcl.Expr> inherited(String name, Map<String, Target> targets,
      int depth) {
    Target t = targets.get(name);
    Map<String, Hcl.Expr> out = new LinkedHashMap<>();
    if (t == null || depth > 8) return out;
    if (t.attributes().get("inherits") instanceof Hcl.ListExpr l) {
      for (Hcl.Expr parent : l.items()) {
        if (parent instanceof Hcl.Str s) out.putAll(inherited(s.text(), targets, depth + 1));
      }
    }
    out.putAll(t.attributes());
    return out;
  }

  private static Value string(Hcl.Expr e, Map<String, String> vars) {
    if (e instanceof Hcl.Str s) {
      return Hcl.interpolate(s.text(), vars).map(v -> Value.known(s.text(), v))
          .orElse(Value.unknown(s.text(), WHY));
    }
    if (e instanceof Hcl.Ref r && vars.containsKey(r.name())) {
      return Value.known(r.name(), vars.get(r.name()));
    }
    return Value.unknown(e instanceof Hcl.Ref r ? r.name() : "", WHY);
  }

  private static Value path(Hcl.Expr e, Map<String, String> vars, String base) {
    Value v = string(e, vars);
    if (v.value().isEmpty()) return v;
    String p = v.value().get();
    if (p.startsWith("/")) return Value.unknown(v.raw(), "an absolute path");
    if (p.contains("://") || p.startsWith("git@") || p.startsWith("target:")
        || p.startsWith("docker-image:")) {
      return Value.unknown(v.raw(), "not a local directory");
    }
    if (p.startsWith("cwd://")) p = p.substring(6);
    return ScriptInterpreter.inside(v.raw(), "/" + base + "/" + p);
  }

  // ---- GoReleaser --------------------------------------------------------------------------

  /**
   * Every {@code dockers:} / {@code dockers_v2:} entry of a GoReleaser config: GoReleaser builds
   * the Dockerfile (default {@code Dockerfile}, relative to the project directory: the config's
   * directory, or the root when only the root holds that path) in a temporary
   * directory that holds the binaries it just built and the entry's {@code extra_files}
   * (goreleaser.com customization/docker: "the Dockerfile ... is copied into a temporary
   * directory along with the binaries and extra files"). That context is not the repository's:
   * unknown (ntfy's `COPY ntfy /usr/bin`).
   */
  static Collector goreleaser(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.GORELEASER, tree);
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok()) return out;
    String dir = ScriptReaders.parent(file.path());
    for (YamlNode doc : r.documents()) {
      if (!(doc instanceof YamlMap m)) continue;
      // only a config that builds images copies its binaries into a docker build's context
      if (m.get("dockers").isPresent() || m.get("dockers_v2").isPresent()
          || m.get("includes").isPresent()) {
        releaseBinaries(m, out);
      }
      for (String key : List.of("dockers", "dockers_v2")) {
        if (!(m.get(key).orElse(null) instanceof YamlSeq seq)) continue;
        for (YamlNode n : seq.items()) {
          if (!(n instanceof YamlMap d)) continue;
          String name = YamlText.string(d, "dockerfile").orElse("Dockerfile");
          Value dockerfile = goreleaserDockerfile(name, dir, tree);
          Range at = YamlText.scalar(d, "dockerfile").map(YamlScalar::range).orElse(d.range());
          out.builds.add(goreleaserBuild(at, dir, dockerfile, imageTemplates(d)));
        }
      }
      // A config that includes its `dockers:` from a template (ory's projects: `includes:
      // from_url: .../ory/xgoreleaser/master/build.tmpl.yml`) passes the Dockerfiles as
      // `variables:` the template reads ({{ .Var.dockerfile_alpine }}): a value naming a
      // Dockerfile of the repository is one GoReleaser builds.
      if (m.get("includes").isPresent() && m.get("variables").orElse(null) instanceof YamlMap vars) {
        for (YamlMap.Entry e : vars.entries()) {
          if (!(e.value() instanceof YamlScalar sc)) continue;
          String name = sc.value().strip();
          String lower = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
          if (name.contains("{{") || name.startsWith("/") || !(lower.startsWith("dockerfile")
              || lower.endsWith(".dockerfile"))) {
            continue;
          }
          Value dockerfile = goreleaserDockerfile(name, dir, tree);
          if (dockerfile.value().filter(tree::isFile).isEmpty()) continue;
          out.builds.add(goreleaserBuild(sc.range(), dir, dockerfile, List.of()));
        }
      }
    }
    return out;
  }

  /**
   * The binaries the config builds: each {@code builds} entry's {@code binary}, which defaults to
   * {@code project_name} (goreleaser.com/customization/builds: "binary: ... Default:
   * '{{ .ProjectName }}'"). GoReleaser copies them into each docker build's context, where a
   * Dockerfile's {@code COPY keto /usr/bin/keto} finds them. Templated names are unknown.
   */
  private static void releaseBinaries(YamlMap m, Collector out) {
    Optional<YamlScalar> project = YamlText.scalar(m, "project_name");
    List<YamlScalar> names = new ArrayList<>();
    boolean defaulted = !(m.get("builds").orElse(null) instanceof YamlSeq);
    if (m.get("builds").orElse(null) instanceof YamlSeq builds) {
      for (YamlNode b : builds.items()) {
        if (!(b instanceof YamlMap bm)) continue;
        Optional<YamlScalar> binary = YamlText.scalar(bm, "binary");
        if (binary.isPresent()) {
          names.add(binary.get());
        } else {
          defaulted = true;
        }
      }
    }
    if (defaulted) project.ifPresent(names::add);
    for (YamlScalar n : names) {
      String name = n.value().strip();
      // a binary may sit in a directory of the archive ("bin/app"): its file name is copied
      String file = name.substring(name.lastIndexOf('/') + 1);
      if (!file.isEmpty() && !name.contains("{{")) out.releaseBinaries.putIfAbsent(file, n.range());
    }
  }

  /**
   * A Dockerfile a GoReleaser config names: from the config's directory, or, when none is there,
   * from the project root, where GoReleaser resolves paths, also for a config that sits elsewhere
   * (pomerium's `goreleaser release --config .github/goreleaser.yaml` with `dockerfile:
   * .github/Dockerfile-release`).
   */
  private static Value goreleaserDockerfile(String name, String dir, FileTree tree) {
    Value dockerfile = fromDirectory(dir, name, "{{");
    if (!dir.isEmpty() && dockerfile.value().filter(tree::isFile).isEmpty()) {
      Value fromRoot = ScriptInterpreter.inside(name, "/" + name);
      if (fromRoot.value().filter(tree::isFile).isPresent()) dockerfile = fromRoot;
    }
    return dockerfile;
  }

  /**
   * A path written in a file of directory {@code dir}, root-relative; unknown when it holds a
   * template or variable ({@code templateMark}: the double opening brace of GoReleaser's and
   * Skaffold's templates, the dollar and brace of a Dev Container's variables) or is absolute.
   */
  private static Value fromDirectory(String dir, String written, String templateMark) {
    return written.contains(templateMark) || written.startsWith("/")
        ? Value.unknown(written, WHY) : ScriptInterpreter.inside(written, "/" + dir + "/" + written);
  }

  private static DockerBuild goreleaserBuild(Range at, String dir, Value dockerfile,
      List<Value> images) {
    return new DockerBuild(at, SourceKind.GORELEASER, "goreleaser",
        new Cwd(Optional.of(dir), Cwd.Basis.CONVENTION), dockerfile,
        Value.unknown("(goreleaser's build directory)", "GoReleaser's temporary directory"
            + " with the binaries it built and the entry's extra_files"),
        Optional.empty(), Map.of(), images, Optional.empty());
  }

  /**
   * An entry's {@code image_templates}: the images it pushes (goreleaser.com/customization/docker,
   * "image_templates: Templates of the Docker image names"). A templated tag
   * ({@code containrrr/watchtower:amd64-{{ .Version }}}) still names the image; a templated name
   * names nothing berth can read.
   */
  private static List<Value> imageTemplates(YamlMap d) {
    List<Value> out = new ArrayList<>();
    // dockers_v2 names the images and their tags apart (sablierapp/sablier's .goreleaser.yaml:
    // `images: ['sablierapp/sablier', 'ghcr.io/sablierapp/sablier']`, `tags: ['{{ .Version }}',
    // 'latest']`): each image with each literal tag, or by its name alone for a templated one
    if (d.get("images").orElse(null) instanceof YamlSeq images) {
      List<String> tags = new ArrayList<>();
      if (d.get("tags").orElse(null) instanceof YamlSeq ts) {
        for (YamlNode t : ts.items()) if (t instanceof YamlScalar sc) tags.add(sc.value().strip());
      }
      for (YamlNode n : images.items()) {
        if (!(n instanceof YamlScalar sc)) continue;
        String name = sc.value().strip();
        if (name.isEmpty() || name.contains("{{")) continue;
        if (tags.isEmpty()) out.add(Value.known(name, name));
        for (String tag : tags) {
          Value v = tag.contains("{{") || tag.isEmpty() ? Value.known(name + ":" + tag, name)
              : Value.known(name + ":" + tag, name + ":" + tag);
          if (!out.contains(v)) out.add(v);
        }
      }
      return out;
    }
    if (!(d.get("image_templates").orElse(null) instanceof YamlSeq seq)) return out;
    for (YamlNode n : seq.items()) {
      if (!(n instanceof YamlScalar sc)) continue;
      String t = sc.value().strip();
      int colon = t.lastIndexOf(':');
      boolean tagged = colon > t.lastIndexOf('/');
      String name = tagged ? t.substring(0, colon) : t;
      if (name.isEmpty() || name.contains("{{")) continue;
      out.add(Value.known(t, tagged && t.substring(colon).contains("{{") ? name : t));
    }
    return out;
  }

  // ---- Concourse ---------------------------------------------------------------------------

  /**
   * A Concourse task that builds an image with concourse/oci-build-task: {@code params.DOCKERFILE}
   * and {@code params.CONTEXT} (default {@code .}) are relative to the task's working directory,
   * which holds each of the task's {@code inputs} as a directory of that name
   * (concourse-ci.org/tasks.html "inputs"; github.com/concourse/oci-build-task README "params").
   * A DOCKERFILE under an input whose rest names this repository's file is that Dockerfile; a
   * CONTEXT that is not inside the same input is the working directory or another input, outside
   * the repository: unknown (concourse-docker's {@code CONTEXT: .} with
   * {@code COPY ./concourse-docker/entrypoint.sh}).
   */
  static Collector concourseTask(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.CONCOURSE_TASK, tree);
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok()) return out;
    for (YamlNode doc : r.documents()) {
      if (!(doc instanceof YamlMap m) || m.get("platform").isEmpty() || m.get("run").isEmpty()) {
        continue;
      }
      Optional<YamlMap> params = YamlText.map(m, "params");
      Optional<String> df = params.flatMap(p -> YamlText.string(p, "DOCKERFILE"));
      if (df.isEmpty()) continue;
      Set<String> inputs = new java.util.LinkedHashSet<>();
      if (m.get("inputs").orElse(null) instanceof YamlSeq seq) {
        for (YamlNode n : seq.items()) {
          if (n instanceof YamlMap i) YamlText.string(i, "name").ifPresent(inputs::add);
        }
      }
      String path = Paths.normalize(df.get());
      int slash = path.indexOf('/');
      if (slash < 0 || !inputs.contains(path.substring(0, slash))) continue;
      String input = path.substring(0, slash);
      String inRepo = path.substring(slash + 1);
      if (!tree.isFile(inRepo)) continue;
      String ctx = Paths.normalize(params.flatMap(p -> YamlText.string(p, "CONTEXT")).orElse("."));
      Value context = ctx.equals(input) ? Value.known(ctx, "")
          : ctx.startsWith(input + "/")
              ? ScriptInterpreter.inside(ctx, ctx.substring(input.length() + 1))
          : Value.unknown(ctx, "the Concourse task's working directory (its inputs as"
              + " directories), outside the repository");
      Range at = params.flatMap(p -> YamlText.scalar(p, "DOCKERFILE")).map(YamlScalar::range)
          .orElse(m.range());
      out.builds.add(new DockerBuild(at, SourceKind.CONCOURSE_TASK, "oci-build-task",
          new Cwd(Optional.of(""), Cwd.Basis.CONVENTION), Value.known(df.get(), inRepo), context,
          params.flatMap(p -> YamlText.string(p, "TARGET")).map(t -> Value.known(t, t)),
          Map.of(), List.of(), Optional.empty()));
    }
    return out;
  }

  // ---- Woodpecker and Drone ------------------------------------------------------------------

  /**
   * Woodpecker's build plugins ({@code woodpeckerci/plugin-docker-buildx}, {@code plugin-kaniko},
   * thegeeklab's {@code wp-docker-buildx}) and Drone's ({@code plugins/docker},
   * {@code plugins/kaniko}), which share their settings: {@code repo} (one name, a
   * comma-separated list or a YAML list) names the image, {@code dockerfile} (default
   * {@code Dockerfile}) and {@code context} (default {@code .}) are relative to the workspace,
   * the repository's checkout (woodpecker-ci.org/plugins/docker-buildx and /plugins/kaniko,
   * "Settings"). Steps are a map by name or a list ({@code steps:}, the older
   * {@code pipeline:}); every YAML document of a Drone file is a pipeline. A step's
   * {@code commands} run in a shell from the workspace, like a GitLab job's script.
   */
  static Collector woodpecker(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.WOODPECKER, tree);
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok()) return out;
    for (YamlNode doc : r.documents()) {
      if (!(doc instanceof YamlMap m)) continue;
      Optional<YamlNode> steps = m.get("steps").or(() -> m.get("pipeline"));
      List<YamlMap> each = new ArrayList<>();
      if (steps.orElse(null) instanceof YamlMap byName) {
        for (YamlMap.Entry e : byName.entries()) {
          if (e.value() instanceof YamlMap step) each.add(step);
        }
      } else if (steps.orElse(null) instanceof YamlSeq list) {
        for (YamlNode n : list.items()) {
          if (n instanceof YamlMap step) each.add(step);
        }
      }
      for (YamlMap step : each) {
        buildPlugin(step, out);
        CiReaders.runLines(file, YamlText.scalars(step.get("commands")),
            new ScriptInterpreter.State(Optional.of(""), false, Map.of(), Set.of()), out);
      }
    }
    return out;
  }

  /**
   * A OneDev build spec: each job's steps run in order in the job's workspace, a checkout of the
   * repository (docs.onedev.io, "Build Spec", step types): a {@code CommandStep}'s
   * {@code interpreter.commands} are shell lines run there, and a {@code BuildImageStep} builds
   * {@code dockerfile} (workspace-relative, default {@code Dockerfile} in the build path) from
   * {@code buildPath} (default the workspace), after the job's earlier commands. OneDev's
   * {@code @property@} and {@code @build_version@} placeholders are unknown.
   */
  static Collector onedev(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.ONEDEV, tree);
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok()) return out;
    for (YamlNode doc : r.documents()) {
      if (!(doc instanceof YamlMap m) || !(m.get("jobs").orElse(null) instanceof YamlSeq jobs)) {
        continue;
      }
      for (YamlNode j : jobs.items()) {
        if (!(j instanceof YamlMap job)
            || !(job.get("steps").orElse(null) instanceof YamlSeq steps)) {
          continue;
        }
        // each step is a new shell in the workspace; a build earlier in the job stays earlier
        Optional<Range> builtAfter = Optional.empty();
        for (YamlNode n : steps.items()) {
          if (!(n instanceof YamlMap step)) continue;
          String type = YamlText.string(step, "type").orElse("");
          if (type.equals("CommandStep")) {
            ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(""), false,
                Map.of(), Set.of());
            state.builtAfter = builtAfter;
            List<YamlScalar> lines = YamlText.map(step, "interpreter")
                .map(i -> YamlText.scalars(i.get("commands"))).orElse(List.of());
            for (YamlScalar line : lines) {
              // @placeholders@ are substituted by OneDev before the shell runs: unknown here
              MappedText text = YamlText.mapped(file, line).replaceAll("@", "@",
                  x -> x.matches("[A-Za-z0-9_:.-]+") ? "$(onedev)" : "@" + x + "@");
              state = ScriptInterpreter.run(text.text(), text.positions(file), Optional.empty(),
                  state, out);
            }
            builtAfter = state.builtAfter;
          } else if (type.equals("BuildImageStep")) {
            Optional<YamlScalar> path = YamlText.scalar(step, "buildPath");
            Optional<YamlScalar> df = YamlText.scalar(step, "dockerfile");
            Value context = path.map(p -> onedevPath(p.value())).orElse(Value.known("", ""));
            Value dockerfile = df.map(d -> onedevPath(d.value()))
                .orElseGet(() -> context.value().map(c -> Value.known("Dockerfile",
                    c.isEmpty() ? "Dockerfile" : c + "/Dockerfile"))
                    .orElse(Value.unknown("Dockerfile", context.why())));
            Range at = df.or(() -> path).map(YamlScalar::range)
                .orElse(YamlText.scalar(step, "type").get().range());
            List<Value> tags = new ArrayList<>();
            YamlText.map(step, "output").flatMap(o -> YamlText.string(o, "tags"))
                .ifPresent(t -> {
                  for (String tag : t.trim().split("\\s+")) {
                    if (!tag.isBlank()) tags.add(onedevText(tag));
                  }
                });
            out.builds.add(new DockerBuild(at, SourceKind.ONEDEV, "OneDev BuildImageStep",
                new Cwd(Optional.of(""), Cwd.Basis.KNOWN), dockerfile, context, Optional.empty(),
                Map.of(), tags, builtAfter));
          }
        }
      }
    }
    return out;
  }

  private static Value onedevText(String raw) {
    return raw.contains("@") ? Value.unknown(raw, "a OneDev placeholder berth cannot know")
        : Value.known(raw, raw);
  }

  /** A workspace-relative path of a OneDev step, root-relative (the workspace is a checkout). */
  private static Value onedevPath(String raw) {
    Value v = onedevText(raw.trim());
    if (v.value().isEmpty()) return v;
    String p = v.value().get();
    if (p.startsWith("/")) return Value.unknown(raw, "an absolute path");
    return ScriptInterpreter.inside(raw, "/" + p);
  }

  private static final java.util.regex.Pattern BUILD_PLUGIN = java.util.regex.Pattern.compile(
      "(?:plugin-|wp-|drone-)?(?:docker|docker-buildx|buildx|kaniko)");

  private static void buildPlugin(YamlMap step, Collector out) {
    Optional<String> image = YamlText.string(step, "image");
    Optional<YamlMap> settings = YamlText.map(step, "settings");
    if (image.isEmpty() || settings.isEmpty()) return;
    String repository = image.get().replaceAll("[:@].*$", "");
    if (!BUILD_PLUGIN.matcher(repository.substring(repository.lastIndexOf('/') + 1)).matches()) {
      return;
    }
    YamlMap s = settings.get();
    Optional<YamlScalar> fileNode = YamlText.scalar(s, "dockerfile");
    Optional<YamlScalar> contextNode = YamlText.scalar(s, "context");
    Value context = pluginPath(contextNode.map(YamlScalar::value).orElse("."));
    Value dockerfile = pluginPath(fileNode.map(YamlScalar::value).orElse("Dockerfile"));
    List<Value> tags = new ArrayList<>();
    for (YamlScalar repo : YamlText.scalars(s.get("repo"))) {
      for (String name : repo.value().split(",")) {
        if (!name.isBlank()) tags.add(pluginText(name.trim()));
      }
    }
    Range at = fileNode.or(() -> contextNode).map(YamlScalar::range)
        .orElse(YamlText.scalar(step, "image").get().range());
    out.builds.add(new DockerBuild(at, SourceKind.WOODPECKER, repository,
        new Cwd(Optional.of(""), Cwd.Basis.KNOWN), dockerfile, context,
        YamlText.string(s, "target").map(t -> Value.known(t, t)), Map.of(), tags, Optional.empty()));
  }

  /** A setting's text: unknown when it names a pipeline variable ({@code ${CI_COMMIT_TAG}}). */
  private static Value pluginText(String raw) {
    return raw.contains("${") || raw.contains("$$")
        ? Value.unknown(raw, "a pipeline variable berth cannot know") : Value.known(raw, raw);
  }

  private static Value pluginPath(String raw) {
    Value t = pluginText(raw);
    if (t.value().isEmpty()) return t;
    if (t.value().get().startsWith("/")) return Value.unknown(raw, "an absolute path");
    return ScriptInterpreter.inside(raw, "/" + t.value().get());
  }

  // ---- Skaffold ----------------------------------------------------------------------------

  /** Every {@code build.artifacts} entry, the profiles' ones included. */
  static Collector skaffold(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.SKAFFOLD, tree);
    YamlReader.Result r = YamlReader.read(file);
    if (!r.ok()) return out;
    String dir = ScriptReaders.parent(file.path());
    for (YamlNode doc : r.documents()) {
      if (!(doc instanceof YamlMap m)) continue;
      artifacts(m, dir, out);
      if (m.get("profiles").orElse(null) instanceof YamlSeq profiles) {
        for (YamlNode p : profiles.items()) {
          if (p instanceof YamlMap pm) artifacts(pm, dir, out);
        }
      }
    }
    return out;
  }

  private static void artifacts(YamlMap m, String dir, Collector out) {
    Optional<YamlNode> list = YamlText.map(m, "build").flatMap(b -> b.get("artifacts"));
    if (list.isEmpty() || !(list.get() instanceof YamlSeq seq)) return;
    for (YamlNode n : seq.items()) {
      if (!(n instanceof YamlMap a)) continue;
      Optional<YamlMap> docker = YamlText.map(a, "docker");
      // other builders (jib, ko, buildpacks, custom) do not run a Dockerfile
      if (docker.isEmpty() && a.entries().stream().anyMatch(e -> List.of("jib", "ko",
          "buildpacks", "custom", "bazel").contains(e.name()))) {
        continue;
      }
      String ctx = YamlText.string(a, "context").orElse(".");
      Value context = fromDirectory(dir, ctx, "{{");
      String name = docker.flatMap(d -> YamlText.string(d, "dockerfile")).orElse("Dockerfile");
      Value dockerfile = context.value().isPresent() && !name.contains("{{")
          ? ScriptInterpreter.inside(name, "/" + context.value().get() + "/" + name)
          : Value.unknown(name, WHY);
      Optional<Value> target = docker.flatMap(d -> YamlText.string(d, "target"))
          .map(t -> Value.known(t, t));
      Map<String, Optional<String>> args = new LinkedHashMap<>();
      docker.flatMap(d -> YamlText.map(d, "buildArgs")).ifPresent(b -> {
        for (YamlMap.Entry e : b.entries()) {
          args.put(e.name(), e.value() instanceof YamlScalar s && !s.value().contains("{{")
              ? Optional.of(s.value()) : Optional.empty());
        }
      });
      List<Value> tags = YamlText.string(a, "image").map(i -> List.of(Value.known(i, i)))
          .orElse(List.of());
      Range at = YamlText.scalar(a, "image").map(YamlScalar::range).orElse(a.range());
      out.builds.add(new DockerBuild(at, SourceKind.SKAFFOLD, "skaffold",
          new Cwd(Optional.of(dir), Cwd.Basis.CONVENTION), dockerfile, context, target, args,
          tags, Optional.empty()));
    }
  }

  /**
   * A Dev Container configuration that builds a Dockerfile: {@code build.dockerfile} (or the
   * older top-level {@code dockerFile}) and {@code build.context} (or {@code context}, default
   * {@code .}), both relative to the configuration's own directory
   * (containers.dev/implementors/json_reference). A configuration on compose files
   * ({@code dockerComposeFile}) builds through them, which berth reads as compose.
   */
  static Collector devContainer(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.DEV_CONTAINER, tree);
    Map<String, Hcl.Expr> top;
    boolean keepsCommand = false;
    try (JsonParser p = Json.JSONC.createParser(file.text())) {
      p.nextToken();
      if (!p.hasToken(JsonToken.START_OBJECT)) return out;
      top = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        if (k.equals("overrideCommand")) {
          JsonToken t = p.nextToken();
          keepsCommand = t == JsonToken.VALUE_FALSE;
          p.skipChildren(); // an object or array here is no setting: its keys are not the file's
        } else {
          top.put(k, json(p));
        }
      }
    } catch (IOException | RuntimeException e) {
      return out;
    }
    if (top.containsKey("dockerComposeFile")) {
      composeDevContainer(file, top, out);
      return out;
    }
    Map<String, Hcl.Expr> build = top.get("build") instanceof Hcl.ObjectExpr o ? o.entries()
        : Map.of();
    Hcl.Expr named = build.containsKey("dockerfile") ? build.get("dockerfile")
        : top.get("dockerFile");
    if (!(named instanceof Hcl.Str df)) return out;
    String dir = ScriptReaders.parent(file.path());
    Hcl.Expr ctx = build.containsKey("context") ? build.get("context") : top.get("context");
    String ctxText = ctx instanceof Hcl.Str c ? c.text() : ".";
    // ${localWorkspaceFolder} and the other variables name paths on the developer's machine
    Value context = ctx != null && !(ctx instanceof Hcl.Str) ? Value.unknown(ctxText, WHY)
        : fromDirectory(dir, ctxText, "${");
    Value dockerfile = fromDirectory(dir, df.text(), "${");
    Optional<Value> target = build.get("target") instanceof Hcl.Str t
        ? Optional.of(Value.known(t.text(), t.text())) : Optional.empty();
    Map<String, Optional<String>> args = new LinkedHashMap<>();
    if (build.get("args") instanceof Hcl.ObjectExpr a) {
      a.entries().forEach((k, v) -> args.put(k, v instanceof Hcl.Str s && !s.text().contains("${")
          ? Optional.of(s.text()) : Optional.empty()));
    }
    int at = df.offset();
    Range range = file.range(at, Math.min(file.text().length(), at + df.text().length() + 2));
    out.builds.add(new DockerBuild(range, SourceKind.DEV_CONTAINER, "Dev Containers",
        Cwd.known(dir), dockerfile, context, target, args, List.of(), Optional.empty()));
    boolean overrides = !keepsCommand;
    dockerfile.value().ifPresent(path -> out.devContainers.add(new DevContainer(range, path,
        target.flatMap(Value::value), overrides)));
    return out;
  }
}
