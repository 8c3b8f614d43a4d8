package dev.berth.evidence;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.ImageRef;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.Stages;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fact: the images the repository builds itself and where it uses them. A Dockerfile's images
 * are the names its builds give them ({@code -t}, {@code tags:}, a compose service's
 * {@code image:} next to its {@code build:}); another Dockerfile uses one when its {@code FROM}
 * (with the ARG defaults, or the build args the repository passes), {@code COPY --from} or
 * {@code RUN --mount from=} names it. Images are compared by repository (registry and path),
 * whatever the tag: a base is built as {@code :latest} and {@code :1.2} and used as either.
 */
public final class RepoImages {
  /** Where a Dockerfile uses an image: the instruction that names it. */
  public record Use(String dockerfile, Range range, String image, boolean proven) {
    /** Written out: see {@link Range#hashCode()} (a generated one links at first use). */
    @Override
    public int hashCode() {
      return dockerfile.hashCode() * 31 + range.hashCode();
    }
  }

  /** An image the repository builds, and where it says so. */
  public record Built(String dockerfile, String image, Range evidence) {}

  private final Project project;
  private final Map<String, List<Built>> builtByName = new LinkedHashMap<>();
  private final Map<String, List<Built>> namesOf = new HashMap<>();
  // a set per name: every Dockerfile of a large tree may use the same base (a list's contains
  // made recording the uses quadratic)
  private final Map<String, Set<Use>> usesByName = new LinkedHashMap<>();
  private final Set<String> run = new HashSet<>();
  // the references the repository runs, by name: tags tell images of one name apart
  private final Map<String, Set<String>> runRefs = new HashMap<>();
  private final Set<String> runByCompose = new HashSet<>();
  private final Map<String, List<ImageRun>> commandRuns = new HashMap<>();
  private final Map<String, List<ImageRun>> documentedRuns = new HashMap<>();
  private final Set<String> builtByCompose = new HashSet<>();
  /** Runs whose image word is an unread build tag written the same way ({@link #sameWordTags}). */
  private final Map<ImageRun, String> sameWordRuns = new HashMap<>();

  private RepoImages(Project project) {
    this.project = project;
  }

  public static RepoImages of(Project project) {
    return project.fact(RepoImages.class, p -> new RepoImages(p).compute());
  }

  private RepoImages compute() {
    RepoEvidence evidence = RepoEvidence.of(project);
    // a README's build names the image as well as a script's does (pinot's base images)
    List<DockerBuild> naming = new ArrayList<>(evidence.builds());
    // (a README's path that names no Dockerfile here is a reader's, not a build of this tree)
    evidence.documentedBuilds().stream()
        .filter(b -> b.dockerfile().value().filter(project.fileTree()::isFile).isPresent())
        .forEach(naming::add);
    for (DockerBuild b : naming) {
      if (b.dockerfile().value().isEmpty()) continue;
      for (Value tag : b.tags()) {
        tag.value().ifPresent(t -> built(b.dockerfile().value().get(), t, b.range()));
      }
    }
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        Optional<String> dockerfile = s.build().flatMap(Build::dockerfilePath);
        dockerfile.ifPresent(builtByCompose::add);
        if (s.image().isEmpty()) continue;
        if (dockerfile.isPresent()) {
          built(dockerfile.get(), s.image().get().value(), s.image().get().range());
        } else if (s.build().isEmpty()) {
          name(s.image().get().value()).ifPresent(n -> {
            run.add(n);
            runByCompose.add(n);
            runRefs.computeIfAbsent(n, k -> new HashSet<>()).add(s.image().get().value());
          });
        }
      }
    }
    copiedOverrides(evidence);
    for (ImageRun r : evidence.runs()) {
      for (Value w : r.words()) {
        w.value().flatMap(RepoImages::name).ifPresent(n -> {
          run.add(n);
          commandRuns.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
          runRefs.computeIfAbsent(n, k -> new HashSet<>()).add(w.value().get());
        });
      }
    }
    sameWordTags(evidence);
    // only under the image each one runs: that is all shownRuns asks of them
    for (ImageRun r : evidence.documentedRuns()) {
      r.image().flatMap(RepoImages::name).ifPresent(n ->
          documentedRuns.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
    }
    // each Dockerfile's references are found in parallel (resolving its stages is the cost),
    // then recorded in Dockerfile order
    List<List<Use>> found = project.dockerfiles().parallelStream()
        .map(df -> uses(df, evidence)).toList();
    for (List<Use> uses : found) {
      for (Use u : uses) {
        name(u.image()).ifPresent(n ->
            usesByName.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(u));
      }
    }
    ownerTags(naming);
    return this;
  }

  /**
   * A tag berth cannot read, written the very same way as the image word of a {@code docker run}
   * of the same script (DOMjudge's build-judgehost.sh: {@code docker build -t
   * "${docker_tag}-build" -f judgehost/Dockerfile.build .}, then {@code docker run --privileged
   * "${docker_tag}-build"}): the run runs that build's image, whatever the variable holds. Both
   * are recorded under a name made from the word, which no real reference has.
   */
  private void sameWordTags(RepoEvidence evidence) {
    Map<String, DockerBuild> unread = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (DockerBuild b : evidence.builds()) {
      if (b.dockerfile().value().isEmpty()) continue;
      for (Value t : b.tags()) {
        if (t.value().isEmpty() && t.raw().contains("$")) {
          String key = b.range().file() + "\u0000" + t.raw();
          DockerBuild earlier = unread.putIfAbsent(key, b);
          // one word for builds of several Dockerfiles (`"$1"` in two functions): which one a
          // run runs is unknown
          if (earlier != null && !earlier.dockerfile().equals(b.dockerfile())) ambiguous.add(key);
        }
      }
    }
    ambiguous.forEach(unread::remove);
    if (unread.isEmpty()) return;
    for (ImageRun r : evidence.runs()) {
      for (Value w : r.words()) {
        String key = r.range().file() + "\u0000" + w.raw();
        DockerBuild b = w.value().isEmpty() ? unread.get(key) : null;
        if (b == null) continue;
        String image = "unread.invalid/word-" + Integer.toHexString(key.hashCode());
        built(b.dockerfile().value().get(), image, b.range());
        String n = name(image).orElseThrow();
        run.add(n);
        commandRuns.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
        runRefs.computeIfAbsent(n, k -> new HashSet<>()).add(image);
        sameWordRuns.put(r, n);
        break;
      }
    }
  }

  /**
   * A workflow tag written with the repository's owner or name
   * ({@code ghcr.io/${{ github.repository_owner }}/base:latest}, revoltchat's builder base): the
   * owner is what the repository's own references to that registry and image name say
   * ({@code FROM ghcr.io/revoltchat/base:latest AS builder}), when they all say the same.
   */
  private void ownerTags(List<DockerBuild> naming) {
    Set<String> references = new LinkedHashSet<>();
    usesByName.values().forEach(us -> us.forEach(u -> references.add(u.image())));
    runRefs.values().forEach(references::addAll);
    if (references.isEmpty()) return;
    for (DockerBuild b : naming) {
      if (b.dockerfile().value().isEmpty()) continue;
      for (Value tag : b.tags()) {
        Optional<String> t = tag.value()
            .filter(v -> v.contains(CiReaders.OWNER) || v.contains(CiReaders.REPOSITORY));
        if (t.isEmpty()) continue;
        resolveOwner(t.get(), references)
            .ifPresent(resolved -> built(b.dockerfile().value().get(), resolved, b.range()));
      }
    }
  }

  /** One path component of an image name (distribution/reference's path-component). */
  private static final String COMPONENT = "([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)";

  /**
   * The tag with its placeholders replaced by the only values the references give them; empty
   * when none or several fit.
   */
  private static Optional<String> resolveOwner(String tag, Set<String> references) {
    int colon = tag.lastIndexOf(':');
    String name = colon > tag.lastIndexOf('/') ? tag.substring(0, colon) : tag;
    if (name.length() > 512) return Optional.empty();
    // a component written out besides the registry (ghcr.io/<owner>/base's `base`): a tag that
    // is the placeholders alone (`${{ github.repository }}:latest`) would fit any owner/name
    String[] parts = name.split("/");
    boolean literal = false;
    for (int k = 0; k < parts.length; k++) {
      boolean registry = k == 0 && parts.length > 1
          && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
      if (!registry && !parts[k].contains(CiReaders.OWNER)
          && !parts[k].contains(CiReaders.REPOSITORY)) {
        literal = true;
      }
    }
    if (!literal) return Optional.empty();
    StringBuilder regex = new StringBuilder();
    List<String> order = new ArrayList<>();
    int i = 0;
    while (i < name.length()) {
      int o = name.indexOf(CiReaders.OWNER, i);
      int r = name.indexOf(CiReaders.REPOSITORY, i);
      int next = o < 0 ? r : r < 0 ? o : Math.min(o, r);
      if (next < 0) {
        regex.append(java.util.regex.Pattern.quote(name.substring(i)));
        break;
      }
      if (next > i) regex.append(java.util.regex.Pattern.quote(name.substring(i, next)));
      boolean owner = next == o;
      regex.append(COMPONENT);
      order.add(owner ? CiReaders.OWNER : CiReaders.REPOSITORY);
      i = next + (owner ? CiReaders.OWNER : CiReaders.REPOSITORY).length();
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex.toString());
    Set<List<String>> fits = new HashSet<>();
    for (String ref : references) {
      // the reference as written, without its digest and tag
      String refName = ref.indexOf('@') >= 0 ? ref.substring(0, ref.indexOf('@')) : ref;
      int c = refName.lastIndexOf(':');
      if (c > refName.lastIndexOf('/')) refName = refName.substring(0, c);
      if (refName.length() > 512) continue;
      java.util.regex.Matcher m = p.matcher(refName);
      if (!m.matches()) continue;
      List<String> values = new ArrayList<>();
      for (int g = 1; g <= m.groupCount(); g++) values.add(m.group(g));
      fits.add(values);
    }
    if (fits.size() != 1) return Optional.empty();
    List<String> values = fits.iterator().next();
    String out = tag;
    for (int g = 0; g < order.size(); g++) {
      int at = out.indexOf(order.get(g));
      out = out.substring(0, at) + values.get(g) + out.substring(at + order.get(g).length());
    }
    return Optional.of(out);
  }

  /**
   * A compose file a repository script copies over a project's override name, adding
   * {@code build:} to services the project's own file pulls by {@code image:}: then the image is
   * built from that context (mailcow's image workflow copies
   * {@code helper-scripts/docker-compose.override.yml.d/BUILD_FLAGS/docker-compose.override.yml}
   * into place and runs {@code docker compose build}; the service {@code dockerapi-mailcow}
   * names {@code ghcr.io/mailcow/dockerapi}, the override builds it from
   * {@code ./data/Dockerfiles/dockerapi}). Relative paths resolve from the project directory.
   */
  private void copiedOverrides(RepoEvidence evidence) {
    for (Map.Entry<String, String> copy : evidence.overrideCopies().entrySet()) {
      String dest = copy.getKey();
      String dir = dest.contains("/") ? dest.substring(0, dest.lastIndexOf('/')) : "";
      Optional<ComposeProject> target = project.composeProjects().stream()
          .filter(cp -> cp.projectDirectory().equals(dir)).findFirst();
      Optional<YamlMap> services = AppSources.of(project).read(copy.getValue())
          .flatMap(YamlText::document).flatMap(d -> YamlText.map(d, "services"));
      if (target.isEmpty() || services.isEmpty()) continue;
      for (YamlMap.Entry e : services.get().entries()) {
        Optional<Located<String>> image = target.get().service(e.name())
            .filter(s -> s.build().isEmpty()).flatMap(Service::image);
        if (image.isEmpty() || !(e.value() instanceof YamlMap svc)) continue;
        Optional<YamlNode> build = svc.get("build");
        Optional<String> context = build.flatMap(b -> b instanceof YamlScalar c
            ? Optional.of(c.value()) : b instanceof YamlMap m ? YamlText.string(m, "context")
            : Optional.empty());
        if (context.isEmpty() || context.get().contains("$") || context.get().contains("://")
            || context.get().startsWith("/")) {
          continue;
        }
        String file = build.filter(YamlMap.class::isInstance)
            .flatMap(b -> YamlText.string((YamlMap) b, "dockerfile")).orElse("Dockerfile");
        String joined = (dir.isEmpty() ? "" : dir + "/") + context.get() + "/" + file;
        Optional<String> dockerfile = ScriptInterpreter.inside(joined, "/" + joined).value();
        dockerfile.filter(df -> project.dockerfiles().stream().anyMatch(d -> d.path().equals(df)))
            .ifPresent(df -> built(df, image.get().value(), build.get().range()));
      }
    }
  }

  private void built(String dockerfile, String image, Range at) {
    Optional<String> n = name(image);
    if (n.isEmpty()) return;
    Built b = new Built(dockerfile, image, at);
    builtByName.computeIfAbsent(n.get(), k -> new ArrayList<>()).add(b);
    namesOf.computeIfAbsent(dockerfile, k -> new ArrayList<>()).add(b);
  }

  /** Every image reference in a Dockerfile: FROM (as built), COPY --from, RUN --mount from=. */
  private List<Use> uses(Dockerfile df, RepoEvidence evidence) {
    List<Use> out = new ArrayList<>();
    List<Map<String, String>> argSets = new ArrayList<>();
    argSets.add(Map.of());
    for (DockerBuild b : evidence.buildsOf(df.path())) {
      Map<String, String> args = new HashMap<>();
      b.buildArgs().forEach((k, v) -> v.ifPresent(x -> args.put(k, x)));
      if (!args.isEmpty()) argSets.add(args);
    }
    for (Map<String, String> args : argSets) {
      for (StageFacts f : Stages.of(project).of(df, args)) {
        if (f.parent().isPresent()) continue;
        f.baseName().knownValue()
            .ifPresent(image -> use(out, df, f.stage().from().range(), image));
      }
    }
    for (Stage s : df.stages()) {
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.FileTransfer t && t.from().isPresent()
            && df.stage(t.from().get()).isEmpty()) {
          use(out, df, t.range(), t.from().get());
        }
        if (i instanceof Instruction.Run r) {
          for (Mount m : r.mounts()) {
            m.option("from").filter(f -> df.stage(f).isEmpty())
                .ifPresent(f -> use(out, df, r.range(), f));
          }
        }
      }
    }
    return out;
  }

  private static void use(List<Use> out, Dockerfile df, Range at, String image) {
    if (image.contains("$")) return; // no name: not recorded (compute asks name() once)
    out.add(new Use(df.path(), at, image, true));
  }

  /** Two references of one name with the same tag, {@code latest} when none is written. */
  private static boolean sameTag(String a, String b) {
    Optional<String> x = ImageRef.parse(a).map(r -> r.tag().orElse("latest"));
    return x.isPresent() && x.equals(ImageRef.parse(b).map(r -> r.tag().orElse("latest")));
  }

  /** Registry and repository path of a reference, without tag or digest. */
  static Optional<String> name(String reference) {
    if (reference.contains("$")) return Optional.empty();
    // `acme/runner:${VERSION}` with VERSION unset: the tag is blank, the image's name is known
    // (unstract's runner, built by one compose file and run by another)
    String r = reference.endsWith(":") ? reference.substring(0, reference.length() - 1) : reference;
    return ImageRef.parse(r).map(x -> x.registry() + "/" + x.path());
  }

  /**
   * Every in-repository build of the image a reference names, whatever the tag: the Dockerfiles
   * that may have made it (woodpecker publishes its agent from a scratch and an Alpine
   * Dockerfile under one name, told apart by tags its pipeline computes).
   */
  public List<Built> candidates(String reference) {
    return name(reference).map(n -> builtByName.getOrDefault(n, List.of())).orElse(List.of());
  }

  /**
   * The builds a reference runs: those of its name written with its tag when some are (the
   * compose file's `localstack/localstack` is the `latest` the main Dockerfile's build writes,
   * not the `s3-latest` of Dockerfile.s3), else every build of the name ({@link #candidates}).
   */
  public List<Built> runCandidates(String reference) {
    List<Built> all = candidates(reference);
    if (reference.endsWith(":")) return all; // a blank tag: any of them
    List<Built> tagged = all.stream().filter(b -> sameTag(reference, b.image())).toList();
    return tagged.isEmpty() ? all : tagged;
  }

  /**
   * The in-repository build of the image a reference names, when exactly one Dockerfile builds
   * it, or, where several build the name, exactly one builds it with the reference's tag
   * (pinot's base-runtime image: `25-amazoncorretto` from amazoncorretto.dockerfile,
   * `25-ms-openjdk` from ms-openjdk.dockerfile; its image's FROM picks the first by default).
   */
  public Optional<Built> builtFrom(String reference) {
    List<Built> b = name(reference).map(n -> builtByName.getOrDefault(n, List.of()))
        .orElse(List.of());
    Set<String> dockerfiles = new HashSet<>();
    for (Built x : b) dockerfiles.add(x.dockerfile());
    if (dockerfiles.size() == 1) return Optional.of(b.get(0));
    List<Built> tagged = b.stream().filter(x -> sameTag(reference, x.image())).toList();
    return tagged.stream().map(Built::dockerfile).distinct().count() == 1
        ? Optional.of(tagged.get(0)) : Optional.empty();
  }

  /**
   * Where another Dockerfile uses an image this one builds, when the repository only ever uses
   * that image as a base (no compose service builds or runs it, no {@code docker run} names it):
   * this Dockerfile's final stage is then not what any container runs. When nothing names this
   * Dockerfile's image, a probable link stands in ({@link Use#proven()} false): a Dockerfile whose
   * file name says {@code base} next to one whose {@code FROM} is a variable without a default or
   * an image named {@code ...base}.
   */
  public Optional<Use> onlyBaseOf(Dockerfile df) {
    if (builtByCompose.contains(df.path())) return Optional.empty();
    List<Built> names = namesOf.getOrDefault(df.path(), List.of());
    if (names.isEmpty()) return probableBase(df);
    Optional<Use> first = Optional.empty();
    for (Built b : names) {
      String n = name(b.image()).orElseThrow();
      if (runsImageOf(df, n)) return Optional.empty();
      for (Use u : usesByName.getOrDefault(n, Set.of())) {
        if (!u.dockerfile().equals(df.path()) && first.isEmpty()) first = Optional.of(u);
      }
    }
    return first;
  }

  /**
   * Whether a run of name {@code n} may be the image {@code df} builds. Images of one name are
   * compared whatever the tag, except where the repository builds that name from several
   * Dockerfiles (uptime-kuma's {@code louislam/uptime-kuma:base2}, {@code :builder-go},
   * {@code :nightly2}): there the tag tells them apart, so a run whose tag is written out and is
   * none of the tags {@code df} is built with, when every build of {@code df} writes its tags
   * out, runs another Dockerfile's image.
   */
  private boolean runsImageOf(Dockerfile df, String n) {
    if (!run.contains(n)) return false;
    Set<String> dockerfiles = new HashSet<>();
    builtByName.getOrDefault(n, List.of()).forEach(b -> dockerfiles.add(b.dockerfile()));
    if (dockerfiles.size() < 2) return true;
    Set<String> tags = new HashSet<>();
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(df.path())) {
      for (Value t : b.tags()) {
        if (t.value().isEmpty()) return true; // a tag berth cannot read may be any
        t.value().filter(v -> name(v).filter(n::equals).isPresent())
            .flatMap(v -> ImageRef.parse(v).flatMap(ImageRef::effectiveTag)).ifPresent(tags::add);
      }
    }
    for (String ref : runRefs.getOrDefault(n, Set.of())) {
      Optional<ImageRef> r = ImageRef.parse(ref);
      if (r.isEmpty() || r.get().digest().isPresent()) return true;
      if (r.get().effectiveTag().filter(tags::contains).isPresent()) return true;
    }
    return false;
  }

  /**
   * The repository runs an image built from {@code df} by name ({@code docker run}, a compose
   * service's {@code image:}), so it may give it a command from outside.
   */
  public boolean runs(Dockerfile df) {
    for (Built b : namesOf.getOrDefault(df.path(), List.of())) {
      Optional<String> n = name(b.image()).filter(run::contains);
      if (n.isEmpty()) continue;
      // one name built from several Dockerfiles: only a run of this one's tag
      String name = n.get();
      if (runRefs.getOrDefault(name, Set.of()).stream().noneMatch(r -> runsBuild(r, b, name))) {
        continue;
      }
      // Only `docker run`s of the name, each after a later build of it from another Dockerfile
      // in the same file: that build's image is the one run (crawlab's workflow tags its
      // backend, frontend and app builds `image`, and runs `image` right after the app's).
      boolean shadowed = !runByCompose.contains(name)
          && !commandRuns.getOrDefault(name, List.of()).isEmpty()
          && commandRuns.get(name).stream().allMatch(r -> shadowedAt(r, b, name));
      if (!shadowed) return true;
    }
    return false;
  }

  /** How far above a run a build of its image may be to be the one it runs. */
  private static final int SHADOW_LINES = 12;

  /**
   * The last build of {@code name} before run {@code r} in the run's own file builds another
   * Dockerfile: the run gets that build's image, whatever earlier builds of the name made.
   */
  private boolean shadowedAt(ImageRun r, Built b, String name) {
    Optional<String> ref = r.image();
    if (ref.isEmpty() || !name(ref.get()).filter(name::equals).isPresent()) return false;
    Built latest = null;
    for (Built o : builtByName.getOrDefault(name, List.of())) {
      // only a build just before the run, in the same step or script body: a workflow's jobs
      // run on machines of their own, so a build in another job replaces nothing here
      if (!o.evidence().file().equals(r.range().file())
          || o.evidence().startLine() >= r.range().startLine()
          || r.range().startLine() - o.evidence().startLine() > SHADOW_LINES
          || !sameTag(ref.get(), o.image())) {
        continue;
      }
      if (latest == null || o.evidence().startLine() > latest.evidence().startLine()) latest = o;
    }
    return latest != null && !latest.dockerfile().equals(b.dockerfile());
  }

  /**
   * A run of {@code reference} (of name {@code name}) runs the image of build {@code b}: the
   * name is built from one Dockerfile, or the run's tag is this build's, or it is a tag no build
   * of the name writes (`latest` that CI publishes from one of them, berth cannot tell which).
   */
  private boolean runsBuild(String reference, Built b, String name) {
    List<Built> all = builtByName.getOrDefault(name, List.of());
    if (all.stream().map(Built::dockerfile).distinct().count() <= 1) return true;
    return sameTag(reference, b.image())
        || all.stream().noneMatch(o -> sameTag(reference, o.image()));
  }

  /**
   * The {@code docker run}s of an image built from {@code df} that the repository's scripts do
   * or its READMEs show.
   */
  public List<ImageRun> shownRuns(Dockerfile df) {
    List<ImageRun> out = new ArrayList<>();
    for (Built b : namesOf.getOrDefault(df.path(), List.of())) {
      name(b.image()).ifPresent(n -> {
        for (Map<String, List<ImageRun>> m : List.of(commandRuns, documentedRuns)) {
          for (ImageRun r : m.getOrDefault(n, List.of())) {
            // the image it runs, not a word that names it (watchtower watching `myapp`); one
            // name built from several Dockerfiles is told apart by tag (umbrel's usb-installer
            // and usb-installer:builder)
            boolean runsIt = r.image().flatMap(RepoImages::name).filter(n::equals).isPresent()
                && runsBuild(r.image().get(), b, n) || n.equals(sameWordRuns.get(r));
            if (runsIt && !out.contains(r)) out.add(r);
          }
        }
      });
    }
    return out;
  }

  /**
   * Where the repository's Kubernetes manifests run an image built from {@code df}, when every
   * such container runs as a user id other than 0 (microservices-demo's runAsUser: 1000); empty
   * when none does, or one runs it as root.
   */
  public Optional<KubernetesRuns.Run> kubernetesNonRoot(Dockerfile df) {
    Optional<KubernetesRuns.Run> first = Optional.empty();
    for (KubernetesRuns.Run r : kubernetesRuns(df)) {
      // a container that runs it as root, or as the image's own (root) user
      if (r.uid() == 0 || r.uid() == KubernetesRuns.IMAGE_USER) return Optional.empty();
      if (first.isEmpty()) first = Optional.of(r);
    }
    return first;
  }

  /**
   * A Kubernetes manifest of the repository runs the image built from {@code df} as root or as
   * the image's own user.
   */
  public boolean kubernetesRunsAsRoot(Dockerfile df) {
    return kubernetesRuns(df).stream()
        .anyMatch(r -> r.uid() == 0 || r.uid() == KubernetesRuns.IMAGE_USER);
  }

  /** The containers of the repository's Kubernetes manifests that run the image of {@code df}. */
  private List<KubernetesRuns.Run> kubernetesRuns(Dockerfile df) {
    List<KubernetesRuns.Run> out = new ArrayList<>();
    for (KubernetesRuns.Run r : KubernetesRuns.of(project).runs()) {
      Optional<String> n = name(r.image());
      if (n.isEmpty()) continue;
      boolean ours = namesOf.getOrDefault(df.path(), List.of()).stream()
          .anyMatch(b -> name(b.image()).filter(n.get()::equals).isPresent()
              && runsBuild(r.image(), b, n.get()));
      if (ours) out.add(r);
    }
    return out;
  }

  /**
   * A {@code docker run} of an image built from {@code df}, done by the repository's scripts or
   * shown in its READMEs, whose {@code --user} (or {@code -u}) is chosen where it runs: a value
   * with a variable or a command substitution (apprise-api's README:
   * {@code --user "$(id -u):$(id -g)"}), not a fixed uid the image could have been given.
   */
  public Optional<ImageRun> runAsRuntimeUser(Dockerfile df) {
    for (ImageRun r : shownRuns(df)) {
      Optional<Value> user = r.user();
      if (user.isPresent() && (user.get().value().isEmpty() || user.get().raw().contains("$"))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * The repository runs an image built from {@code df} only as a one-off command: every
   * {@code docker run} naming it has {@code --rm} or {@code -it} (or, in a script, mounts files
   * and publishes no port; or, in a CI step, gives it a command and publishes no port) and no
   * {@code -d}, and no compose service runs it. The first such run, when so.
   */
  public Optional<ImageRun> onlyRunOnce(Dockerfile df) {
    List<ImageRun> runs = new ArrayList<>();
    List<ImageRun> documented = new ArrayList<>();
    for (Built b : namesOf.getOrDefault(df.path(), List.of())) {
      Optional<String> n = name(b.image());
      if (n.isEmpty()) continue;
      if (runByCompose.contains(n.get())) return Optional.empty();
      String name = n.get();
      for (ImageRun r : commandRuns.getOrDefault(name, List.of())) {
        if (r.image().map(i -> runsBuild(i, b, name)).orElse(true)) runs.add(r);
      }
      documented.addAll(documentedRuns.getOrDefault(name, List.of()));
    }
    // No script runs it, but its README does, every time as a command (grafana/oncall's
    // migrator: `docker run --rm -e MODE=plan ... oncall-migrator`): a tool. A documented run
    // that publishes a port is someone trying a service, which the image then is.
    // A documented run with --entrypoint runs another program of the image (dendrite's
    // `docker run --rm --entrypoint=/usr/bin/generate-keys ...` setup steps): it says nothing
    // of how the image's own program runs, so it does not count.
    boolean fromCommands = !runs.isEmpty();
    if (runs.isEmpty()) {
      for (ImageRun r : documented) {
        if (r.publishesPort()) return Optional.empty();
        if (!r.replacesEntrypoint()) runs.add(r);
      }
    }
    for (ImageRun r : runs) {
      // started with `&` while the script goes on (a server for the tests that follow): not a
      // command the script waits for
      if (r.background()) return Optional.empty();
      boolean rm = false;
      boolean stdin = false;
      boolean tty = false;
      boolean mount = false;
      for (Value w : r.options()) {
        String v = w.value().orElse("");
        if (v.equals("--detach") || v.startsWith("--restart")) return Optional.empty();
        mount |= v.equals("-v") || v.startsWith("--volume") || v.startsWith("--mount")
            || v.matches("-v\\S+");
        // short options cluster (-dit): docs.docker.com reference/cli/docker/container/run
        if (v.matches("-[dit]+")) {
          if (v.indexOf('d') >= 0) return Optional.empty();
          stdin |= v.indexOf('i') >= 0;
          tty |= v.indexOf('t') >= 0;
        }
        rm |= v.equals("--rm");
        stdin |= v.equals("--interactive");
        tty |= v.equals("--tty");
      }
      // -it: a terminal session someone works in (photoprism's Makefile opens bash in its
      // TensorFlow build image), which ends when they leave it: no service either.
      // A script's foreground run that mounts files and publishes no port is a job on those
      // files that the script waits for (zerotier's pkg/*/build.sh: `docker run -v
      // $(pwd):/zto ztasustor` makes the package): no service either.
      boolean serves = r.publishesPort() || r.hostNetwork();
      boolean job = fromCommands && mount && !serves;
      // A CI step's foreground run that gives the image a command of its own is a job the step
      // waits for (prefect's old-sqlite workflow: `docker run IMAGE sh -c "..."`, no --rm).
      job |= fromCommands && r.source().ci() && !r.command().isEmpty() && !serves;
      if (!rm && !(stdin && tty) && !job) return Optional.empty();
    }
    return runs.stream().findFirst();
  }

  private Optional<Use> probableBase(Dockerfile df) {
    String file = df.path().substring(df.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!List.of(file.split("[._-]")).contains("base")) return Optional.empty();
    String dir = df.path().contains("/") ? df.path().substring(0, df.path().lastIndexOf('/'))
        : "";
    for (Dockerfile other : project.dockerfiles()) {
      String otherDir = other.path().contains("/")
          ? other.path().substring(0, other.path().lastIndexOf('/')) : "";
      if (other == df || !otherDir.equals(dir)) continue;
      for (StageFacts f : Stages.of(project).of(other)) {
        if (f.parent().isPresent()) continue;
        Optional<String> image = f.baseName().knownValue();
        String last = image.flatMap(RepoImages::name).map(n -> n.substring(n.lastIndexOf('/') + 1))
            .orElse("");
        boolean variable = image.isEmpty() || image.get().isEmpty();
        if (variable || last.endsWith("base")) {
          return Optional.of(new Use(other.path(), f.stage().from().range(),
              image.orElse(f.stage().from().image().text()), false));
        }
      }
    }
    return Optional.empty();
  }
}
