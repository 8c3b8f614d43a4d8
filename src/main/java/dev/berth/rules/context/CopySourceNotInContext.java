package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.StageGraph;
import dev.berth.context.SourceMatch;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A COPY/ADD source or bind-mount source that the builder will not find in its context: missing
 * from the repository, outside the context directory, or excluded by the .dockerignore. Sources
 * that exist only as git-ignored files are left alone (they are often built on the host first).
 * One cause, one finding: the same path failing the same way in several instructions of a build is
 * reported at the first, with the others as related locations.
 */
@RuleMeta(
    id = "BTH301",
    summary = "COPY/ADD source is not in the build context, so the build fails",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH,
    aliases = {"CopyIgnoredFile"})
public final class CopySourceNotInContext implements DockerfileRule {

  /** One failing source: what it is written in, and in which context it was looked up. */
  private record Failure(Optional<BuildContext.NamedContext> named, String what, SourceMatch m) {
    /**
     * Same path, same context, same way of failing: one cause. Every source that exists only
     * above the context has one cause too, the context itself (huginn's Makefile builds
     * {@code docker/multi-process} as the context of a Dockerfile whose 16 sources are relative
     * to the repository root): one finding, the other sources as related locations.
     */
    List<Object> cause() {
      return List.of(named.map(BuildContext.NamedContext::name).orElse(""), m.outcome(),
          m.outcome() == SourceMatch.Outcome.OUTSIDE_CONTEXT ? "" : m.resolved());
    }
  }

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BuildContexts contexts = BuildContexts.of(project);
    ContextNames.Once once = new ContextNames.Once(ctx);
    for (BuildContext build : contexts.forDockerfile(dockerfile.path())) {
      // A context nobody declared, for a Dockerfile whose context is elsewhere:
      // a sample to copy into one's own project (fluentd's Dockerfile.sample: COPY fluent.conf,
      // the user's file) that nothing here builds: its context is the user's, not this tree;
      // a directory a Maven build copies into its output, adds the built artifacts to and
      // builds the image from (nifi's docker/ into target/docker-build): the context is that
      // output, not this directory; a source missing here says nothing.
      // A Dockerfile in a test data directory (testdata/, fixtures/, tests/resources/) that
      // nothing builds is an input a test reads (E2B's CLI tests convert
      // tests/commands/template/fixtures/*/e2b.Dockerfile into template code), not an image.
      if ((!build.known() || build.origin() == BuildContext.Origin.INFERRED)
          && (sampleName(dockerfile.path()) || dev.berth.evidence.BuildToolCopies.of(project)
              .copiedBeforeBuild(dockerfile.path()) || stagingCopy(project, dockerfile)
              || dev.berth.project.TestData.directory(
                  dev.berth.compose.Paths.dir(dockerfile.path())).isPresent())) {
        continue;
      }
      Optional<BuildContexts.Fit> fit = build.known() ? Optional.empty()
          : contexts.fit(dockerfile.path());
      Map<List<Object>, List<Failure>> causes = new LinkedHashMap<>();
      Consumer<Failure> collect = f -> {
        if (f.m().fails()) causes.computeIfAbsent(f.cause(), k -> new ArrayList<>()).add(f);
      };
      for (Stage stage : StageGraph.reachable(dockerfile, build)) {
        for (Instruction i : stage.instructions()) {
          if (i instanceof Instruction.FileTransfer t) {
            Optional<BuildContext.NamedContext> named = BuildContexts.namedSource(build, t);
            for (SourceMatch m : contexts.sourceOutcomes(build, t)) {
              collect.accept(new Failure(named, t.name(), m));
            }
          } else if (i instanceof Instruction.Run r) {
            for (Mount mount : r.mounts()) {
              if (mount.type().isEmpty() || mount.type().equalsIgnoreCase("bind")) {
                collect.accept(new Failure(mount.option("from").flatMap(build::namedContext),
                    "RUN --mount", contexts.mountSource(build, mount)));
              }
            }
          }
        }
      }
      Optional<BuildContexts.Elsewhere> madeThere = contexts.madeElsewhere(build);
      for (List<Failure> same : causes.values()) {
        Failure first = same.get(0);
        // only where the other build's context holds what this one misses
        Optional<Supplied> prebuilt = madeThere
            .filter(o -> first.m().elsewhere().filter(o::holds).isPresent())
            .map(o -> new Supplied(o.assumption(), Optional.of(o.at()), o.relation()));
        Optional<Supplied> supplied = prebuilt.or(() -> supplied(project, dockerfile, build,
            first.m()));
        report(once, build, fit, first.named(), first.what(), first.m(),
            supplied.map(Supplied::assumption).orElse("")).ifPresent(r -> {
          supplied.ifPresent(x -> {
            r.severity(Severity.NOTE);
            x.at().ifPresent(at -> r.related(at, x.relation()));
          });
          for (Failure other : same.subList(1, same.size())) {
            r.related(other.m().range(), other.what() + " of `" + other.m().source()
                + "` fails the same way here"
                + other.m().elsewhere().map(e -> " (it exists at `" + e + "`)").orElse(""));
          }
        });
      }
    }
  }

  /**
   * Why the builder is expected to supply a missing source, which makes the finding a note
   * stating that it assumes it was not supplied.
   *
   * @param at where the repository says so, if anywhere, and how the note relates it
   */
  private record Supplied(String assumption, Optional<Range> at, String relation) {}

  /**
   * The first reason a missing source is the builder's to supply: a credentials file (rabbitmq's
   * selenium/Dockerfile.local copies .npmrc, which its README has users behind a VPN put in
   * place) or a TLS key or certificate; a comment of the Dockerfile that tells how to make it
   * (ragflow's Dockerfile_tei: `# hf download --local-dir tei_data/BAAI/bge-m3 ...` above `COPY tei_data /data`); a document
   * that tells the reader to put it at this very path (tidb-docker-compose's README: "copy their
   * binary files to ... tidb-binlog/bin/pump"); the jar a Maven module of the repository builds
   * (mall's document/sh/Dockerfile adds mall-admin-1.0-SNAPSHOT.jar, which mall-admin/pom.xml
   * makes with `mvn package`); a package or archive file for an image nothing in the repository
   * builds (percona-docker's Dockerfile-pro RPMs, which its release job downloads).
   */
  private static Optional<Supplied> supplied(Project project, Dockerfile dockerfile,
      BuildContext build, SourceMatch m) {
    if (m.outcome() != SourceMatch.Outcome.MISSING) return Optional.empty();
    String name = dev.berth.context.Paths.name(m.resolved());
    if (CREDENTIAL_FILES.contains(name)) {
      return Optional.of(new Supplied("; `" + name + "` holds credentials, which each user"
          + " supplies and no repository commits: this assumes it was not supplied",
          Optional.empty(), ""));
    }
    // a TLS key or certificate (logflare's cloudbuild/secret_setup.Dockerfile copies the
    // cert.pem and keys its Cloud Build pipeline decrypts into the context), as BTH306 reads one
    if (BindMountSourceMissing.keyMaterial(name)) {
      return Optional.of(new Supplied("; `" + name + "` is a key or certificate, which each"
          + " installation makes or decrypts for itself and repositories do not commit: this"
          + " assumes it was not put there", Optional.empty(), ""));
    }
    Optional<dev.berth.dockerfile.Comment> told = makingComment(dockerfile, m.source());
    if (told.isPresent()) {
      return Optional.of(new Supplied("; a comment of the Dockerfile (line "
          + told.get().range().startLine() + ") tells the builder how to make it: this assumes"
          + " it was not made", Optional.of(told.get().range()),
          "the comment that says how to make it"));
    }
    Optional<dev.berth.evidence.Produced> documented = build.localDir().flatMap(dir ->
        documentedAt(project, dev.berth.context.Paths.join(dir, m.resolved())));
    if (documented.isPresent()) {
      return Optional.of(new Supplied("; `" + documented.get().range().file() + "` tells the"
          + " reader to put it there: this assumes it was not put",
          Optional.of(documented.get().range()), "the document says to put it there"));
    }
    Optional<Supplied> maven = dev.berth.evidence.BuildToolCopies.of(project).mavenArtifact(name)
        .map(a -> new Supplied("; it is the jar `" + a + "` builds (mvn package), which the"
            + " builder copies here before building: this assumes it was not",
            Optional.of(Range.wholeFile(a)), "the module that builds it"));
    if (maven.isPresent()) return maven;
    // ory/keto's older .docker/Dockerfile: COPY keto, the binary its .goreleaser.yml builds and
    // copies into the context of its docker builds; nothing here declares this build's context
    if ((build.origin() == BuildContext.Origin.INFERRED || !build.known())
        && m.source().equals(name)) {
      Optional<Range> binary = dev.berth.evidence.RepoEvidence.of(project).releaseBinary(name);
      if (binary.isPresent()) {
        return Optional.of(new Supplied("; `" + name + "` is the binary GoReleaser builds (`"
            + binary.get().file() + "`) and copies into the context of its docker builds: this"
            + " assumes this Dockerfile is not built that way", binary,
            "the GoReleaser configuration that builds it"));
      }
    }
    // percona-docker's Dockerfile-pro: COPY Percona-Server-server-57-5.7.44-53.1.el8.x86_64.rpm,
    // a customers-only package its release job downloads beside the Dockerfile; rundeck's
    // packaging/test images: COPY rundeck.rpm, which its test script copies in before `docker
    // build "$DIR"`; KnowStreaming's ADD pub.tar, the packed frontend. Nothing in the repository
    // declares the context, so nothing here says the file is missing where the build runs.
    // liquibase's examples/oracle/Dockerfile.sqlplus ("You must already have the sqlplus
    // archives downloaded from Oracle"): the same for a context berth cannot even infer
    if ((build.origin() == BuildContext.Origin.INFERRED || !build.known())
        && packageOrArchive(name)) {
      return Optional.of(new Supplied("; `" + name + "` is a package or archive, which"
          + " repositories do not commit and a packaging or release step puts beside the"
          + " Dockerfile: this assumes it was not put there", Optional.empty(), ""));
    }
    return Optional.empty();
  }

  /**
   * Packages and archives: what a packaging or release step usually makes (an archive may also
   * be a vendored source tarball, which is why the finding only says it assumes).
   */
  private static final List<String> ARTIFACT_EXTENSIONS = List.of(".rpm", ".deb", ".apk", ".whl",
      ".jar", ".war", ".ear", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip");

  /** A package or archive file: {@code pkg-server-8.0.46-38.1.el9.x86_64.rpm}, {@code pub.tar}. */
  static boolean packageOrArchive(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return ARTIFACT_EXTENSIONS.stream().anyMatch(e -> lower.length() > e.length()
        && lower.endsWith(e));
  }

  /**
   * Files that hold a user's credentials for package registries and hosts: npm's per-user
   * {@code .npmrc} (docs.npmjs.com cli configuring-npm npmrc: "auth-related configuration"
   * such as {@code _authToken}), PyPI's {@code .pypirc} (packaging.python.org, the .pypirc file:
   * "username" and "password" for repositories), {@code .netrc} (GNU inetutils ftp, The .netrc
   * file: login and password per machine) and git's {@code .git-credentials} (git-credential-store).
   */
  private static final java.util.Set<String> CREDENTIAL_FILES = java.util.Set.of(".npmrc",
      ".pypirc", ".netrc", ".git-credentials");

  /**
   * A document's sentence that names this very path with its directories (root-relative, or
   * relative to the document's directory): a README that says "copy ... to tidb-binlog/bin/pump".
   * A bare name is not enough: "copy your cert to nginx/certs/server.crt" says nothing of another
   * directory's server.crt.
   */
  private static Optional<dev.berth.evidence.Produced> documentedAt(Project project,
      String path) {
    return dev.berth.evidence.RepoEvidence.of(project).describedCreation(path).filter(d -> {
      String docDir = dev.berth.context.Paths.parent(d.range().file());
      return d.path().contains("/") && (d.path().equals(path)
          || !docDir.isEmpty() && path.equals(docDir + "/" + d.path()));
    });
  }

  /**
   * Verbs of a comment that tells the builder to fetch or make a file before building; mkdir is
   * the step that makes a directory (OpenHands' toolqa: {@code # mkdir data} above
   * {@code COPY data/}).
   */
  private static final java.util.regex.Pattern MAKING = java.util.regex.Pattern.compile(
      "(?i)\\b(?:download|downloads|unzip|extract|put|place|generate|clone|fetch|mkdir"
          + "|--local-dir)\\b");

  /**
   * A comment of the Dockerfile that names the source's first path component as a word and
   * says to download, unpack, place or generate something: the builder's preparation step. The
   * comment's identifiers count word by word ({@code download_tools('/workspace')} names tools
   * and says download: OpenHands' toolqa), so {@code _} separates words on both sides.
   */
  private static Optional<dev.berth.dockerfile.Comment> makingComment(Dockerfile df,
      String source) {
    String s = source.startsWith("./") ? source.substring(2) : source;
    int slash = s.indexOf('/');
    String head = (slash < 0 ? s : s.substring(0, slash)).replaceAll("[*?\\[].*$", "")
        .replace('_', ' ');
    if (head.length() < 3 || head.equals("..")) return Optional.empty();
    java.util.regex.Pattern word = java.util.regex.Pattern.compile(
        "(?<![A-Za-z0-9.-])" + java.util.regex.Pattern.quote(head) + "(?![A-Za-z0-9])");
    for (dev.berth.dockerfile.Comment c : df.comments()) {
      // a commented-out instruction (`# RUN mkdir -p /app/logs`) is the image's, not a step of
      // the builder's
      if (COMMENTED_INSTRUCTION.matcher(c.text()).find()) continue;
      String text = c.text().replace('_', ' ');
      if (word.matcher(text).find() && MAKING.matcher(text).find()) return Optional.of(c);
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern COMMENTED_INSTRUCTION = java.util.regex.Pattern
      .compile("^\\s*+#?\\s*+(?:RUN|COPY|ADD|WORKDIR|ENV|ARG|FROM|CMD|ENTRYPOINT|VOLUME|USER)\\s");

  /**
   * Another Dockerfile of the same name in a directory of the same name has the very same
   * instructions (comments aside) and is built with a context someone declares (a compose
   * service, {@code .berth.yaml}, the repository's build commands) above its own directory: this
   * one is taken for a staging copy put there, by a script berth may not read (skoruba's
   * {@code templates/template-docker/}, which a PowerShell script copies into
   * {@code template-publish/content/src/}, whose compose file builds it from
   * {@code template-publish/content}). Its sources are judged at the copy that is built.
   */
  private static boolean stagingCopy(Project project, Dockerfile dockerfile) {
    String text = withoutComments(dockerfile.source().text());
    BuildContexts contexts = BuildContexts.of(project);
    for (Dockerfile other : project.dockerfiles()) {
      // the same directory name too: a copied directory, not two small images that happen to
      // read alike (several `FROM nginx` + `COPY dist/` images, each with its own dist/)
      if (other == dockerfile || !sameDirectoryAndName(other.path(), dockerfile.path())
          || !withoutComments(other.source().text()).equals(text)) {
        continue;
      }
      // built from a directory above its own (skoruba's context template-publish/content for
      // src/<Project>/Dockerfile): what the copy needs lives outside the copied directory, which
      // is why the staging one cannot find it; a Dockerfile built from its own directory would
      // carry its sources when copied, so one missing beside it is missing for real
      String otherDir = dev.berth.context.Paths.parent(other.path());
      if (contexts.forDockerfile(other.path()).stream().anyMatch(b -> b.known()
          && b.origin() != BuildContext.Origin.INFERRED && b.localDir().filter(ctx ->
              ctx.isEmpty() ? !otherDir.isEmpty() : otherDir.startsWith(ctx + "/")).isPresent())) {
        return true;
      }
    }
    return false;
  }

  /** {@code a/X/Dockerfile} and {@code b/c/X/Dockerfile}: the same file in a directory named alike. */
  private static boolean sameDirectoryAndName(String a, String b) {
    String dirA = dev.berth.context.Paths.parent(a);
    String dirB = dev.berth.context.Paths.parent(b);
    return !dirA.isEmpty() && !dirB.isEmpty()
        && dev.berth.context.Paths.name(a).equals(dev.berth.context.Paths.name(b))
        && dev.berth.context.Paths.name(dirA).equals(dev.berth.context.Paths.name(dirB));
  }

  /** The lines that are no comment: the same instructions, whatever the comments say. */
  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      if (!line.stripLeading().startsWith("#")) out.append(line.stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * A word of the file name says it is a sample (Dockerfile.sample, example.Dockerfile): the
   * example words of development-images.yaml.
   */
  private static boolean sampleName(String path) {
    return dev.berth.image.DevelopmentImages.standard()
        .exampleWord(dev.berth.compose.Paths.fileName(path)).isPresent();
  }

  /**
   * @param fit for an assumed context, how many candidate directories hold every source: when
   *     none does, the build fails wherever it runs and the assumed context's failures are
   *     reported with the assumption; when several do, only a source that is in none of them
   *     (missing whatever the context) is reported; when a directory below the Dockerfile's holds
   *     them all, nothing is
   */
  private static Optional<RuleContext.Report> report(ContextNames.Once once, BuildContext build,
      Optional<BuildContexts.Fit> fit, Optional<BuildContext.NamedContext> named, String what,
      SourceMatch m, String assumption) {
    String message;
    if (build.known()) {
      message = message(what, m, named.map(n -> ContextNames.named(n, build))
          .orElse(ContextNames.context(build))) + ContextNames.assumption(build);
    } else if (fit.filter(BuildContexts.Fit.BELOW::equals).isPresent()) {
      // every source is in a directory below: most likely the context nobody here declares
      return Optional.empty();
    } else if (fit.orElse(BuildContexts.Fit.SEVERAL) == BuildContexts.Fit.NONE) {
      message = message(what, m, ContextNames.context(build)) + NO_DIRECTORY_FITS;
    } else if (m.outcome() == SourceMatch.Outcome.MISSING) {
      message = messageNowhere(what, m, ContextNames.dir(build));
    } else {
      return Optional.empty();
    }
    Optional<RuleContext.Report> made = once.report(m.range(), message + assumption, build);
    if (made.isEmpty()) return made;
    RuleContext.Report r = made.get();
    if (named.isPresent()) {
      r.related(named.get().definedAt(), "named context `" + named.get().name() + "`");
      ContextNames.directory(named.get().location()).ifPresent(d -> r.related(d, "build context"));
    } else {
      ContextNames.relate(r, build);
    }
    m.excludedBy().ifPresent(p -> r.related(p.range(), "excludes `" + m.resolved() + "`"));
    m.elsewhere().ifPresent(e -> r.related(Range.wholeFile(e), "the file the build needs"));
    if (m.outcome() != SourceMatch.Outcome.OUTSIDE_CONTEXT) {
      r.related(Range.wholeFile(ContextNames.rootPath(named.map(n -> n.location())
          .orElse(build.location()), m.resolved())), "the path the builder looks up");
    }
    return made;
  }

  static final String NO_DIRECTORY_FITS = " (berth assumes the Dockerfile's own directory is the "
      + "build context: nothing declares it, and no directory at or above the Dockerfile holds "
      + "every file it copies, so the build fails from any of them)";

  /** A source that is in neither the Dockerfile's directory nor any directory above it. */
  public static String messageNowhere(String what, SourceMatch m, String dockerfileDir) {
    return what + " source `" + m.source() + "` is neither in `" + dockerfileDir + "`, the "
        + "Dockerfile's directory, nor in any directory above it, so the build fails with "
        + "\"not found\" whichever of them is the build context";
  }

  /** The message for one failing source; {@code what} is COPY, ADD or "RUN --mount". */
  public static String message(String what, SourceMatch m, BuildContext build) {
    return message(what, m, ContextNames.context(build));
  }

  /** @param context the context as messages name it ("the build context `x`") */
  static String message(String what, SourceMatch m, String context) {
    String src = "`" + m.source() + "`";
    String fails = ", so the build fails with \"not found\"";
    boolean rewritten = !m.source().equals(m.resolved())
        && !m.source().replaceAll("^\\./|/$", "").equals(m.resolved());
    String resolved = rewritten ? " (BuildKit resolves it to `" + m.resolved()
        + "` inside the context)" : "";
    switch (m.outcome()) {
      case EXCLUDED:
        return what + " source " + src + " is excluded from " + context
            + " by the .dockerignore pattern `" + m.excludedBy().map(p -> p.display()).orElse("?")
            + "` (" + m.excludedBy().map(ContextNames::where).orElse("?") + ")" + fails;
      case OUTSIDE_CONTEXT:
        return what + " source " + src + " is outside " + context + resolved + "; it exists at `"
            + m.elsewhere().orElse("?") + "`, which the builder never receives" + fails;
      default:
        return what + " source " + src + " does not exist in " + context + resolved
            + " (nor in any directory above it)" + fails;
    }
  }
}
