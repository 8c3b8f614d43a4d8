package dev.berth.rules.security;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.SourceMatch;
import dev.berth.context.View;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.hygiene.ImageStages;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A COPY/ADD into a shipped stage that puts a private key or a {@code .env} file into the image,
 * where anyone who pulls the image can read it. A source that names such a file is judged
 * whatever the context; a directory source ({@code COPY . .}) only in a build context a compose
 * file or {@code .berth.yaml} declares, using what that context sends: files on disk that the
 * {@code .dockerignore} does not exclude, git-ignored ones included (a developer's {@code .env} is
 * sent by {@code docker build} as much as a tracked file). A {@code .env} that is tracked by git is
 * public already and is usually copied on purpose (frontend builds read it), so inside a directory
 * copy only a git-ignored one counts; private keys count either way. A {@code .env} the project
 * only expects (its template {@code .env.example} is there, the {@code .env} itself is not) is a
 * note. A {@code .env} the source names itself that is the repository's, not git-ignored, and holds
 * no credential ({@link DotenvCredentials}) is the image's committed defaults.
 */
@RuleMeta(
    id = "BTH608",
    summary = "COPY puts a private key or a .env file into the image",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    securitySeverity = "8.0")
public final class SecretFileInImage implements DockerfileRule {
  /** File names that hold credentials: SSH private keys, dotenv files, credential stores. */
  private static final String KEY_NAMES = "id_(rsa|dsa|ecdsa|ed25519)";
  private static final String DOTENV_NAMES =
      "\\.env(\\.(local|prod|production|staging|development|dev))?";
  private static final Pattern SECRET = Pattern.compile(KEY_NAMES + "|" + DOTENV_NAMES
      + "|\\.git-credentials|\\.netrc|\\.pypirc");
  /** Dotenv files. */
  private static final Pattern DOTENV = Pattern.compile(DOTENV_NAMES);
  /** Private keys: secret wherever they come from. */
  private static final Pattern KEY = Pattern.compile(KEY_NAMES);
  /** The copy of a dotenv file committed as documentation. */
  private static final Pattern TEMPLATE = Pattern.compile(
      "\\.env\\.(example|sample|template|dist|defaults|tpl)|env\\.(example|sample)");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BuildContexts contexts = BuildContexts.of(project);
    Set<Integer> shipped = ImageStages.of(dockerfile, project);
    Set<Range> reported = new HashSet<>();
    for (BuildContext build : contexts.forDockerfile(dockerfile.path())) {
      boolean declared = build.origin() == BuildContext.Origin.COMPOSE
          || build.origin() == BuildContext.Origin.CONFIG;
      Optional<ContextFiles> files = contexts.files(build);
      for (Stage stage : dockerfile.stages()) {
        if (!shipped.contains(stage.index())) continue;
        for (Instruction i : stage.instructions()) {
          if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
          for (SourceMatch m : contexts.sources(build, t)) {
            if (reported.contains(m.range())) continue;
            List<String> secrets = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            List<String> configOnly = new ArrayList<>();
            boolean explicit = found(m, files, declared, DotenvCredentials.of(project), secrets,
                expected, configOnly);
            if (!secrets.isEmpty()) {
              reported.add(m.range());
              Optional<String> local = localImage(dockerfile, stage);
              var r = ctx.report(m.range(), message(m.source(), secrets, explicit)
                  + local.map(w -> "; " + w + ", which matters where the image is pushed or"
                      + " shared").orElse(""));
              if (local.isPresent()) r.severity(Severity.NOTE);
              files.ifPresent(f -> secrets.stream().limit(5).forEach(s ->
                  r.related(Range.wholeFile(f.rootPath(s)), "copied into the image")));
            } else if (!configOnly.isEmpty()) {
              reported.add(m.range());
              var r = ctx.report(m.range(), message(m.source(), configOnly, false)
                  + "; as it stands it names no secret (only settings such as URLs), but a"
                  + " developer's own copy with credentials would go in too")
                  .severity(Severity.NOTE);
              files.ifPresent(f -> r.related(Range.wholeFile(f.rootPath(configOnly.get(0))),
                  "copied into the image"));
            } else if (!expected.isEmpty()) {
              reported.add(m.range());
              ctx.report(m.range(), messageExpected(m.source(), expected.get(0)))
                  .severity(Severity.NOTE);
            }
          }
        }
      }
    }
  }

  /**
   * A development, test or example image (versitygw's tests/Dockerfile_test_bats, RedisInsight's
   * tests/e2e/e2e.Dockerfile, hanko's frontend/examples/*): built on a developer's machine or in
   * CI and not published, so what it holds reaches no one who pulls it; how it reads, when it is.
   */
  private static Optional<String> localImage(Dockerfile df, Stage stage) {
    dev.berth.image.DevelopmentImages images = dev.berth.image.DevelopmentImages.standard();
    Optional<String> example = images.exampleWord(df.path());
    if (example.isPresent()) {
      return Optional.of("it is an example image (its path says '" + example.get() + "')");
    }
    return images.matches(df, stage)
        ? Optional.of("it is a development or test image (by its path, stage name or header)")
        : Optional.empty();
  }

  /**
   * Fills the secret files a source copies, and the {@code .env} files it would copy once
   * created from their template; true when the source names the secret file itself.
   */
  private static boolean found(SourceMatch m, Optional<ContextFiles> files, boolean declared,
      DotenvCredentials credentials, List<String> secrets, List<String> expected,
      List<String> configOnly) {
    boolean reaches = m.outcome() == SourceMatch.Outcome.MATCHED
        || m.outcome() == SourceMatch.Outcome.DEVELOPER_ONLY;
    if (!reaches) return false;
    String name = m.resolved().substring(m.resolved().lastIndexOf('/') + 1);
    if (SECRET.matcher(name).matches()) {
      // A dotenv file of the repository that holds no credential, named on purpose, is the
      // image's defaults (monica's scripts/docker/.env.production, APP_KEY left empty). A
      // developer's git-ignored one, a key or another credential store is judged by its name.
      boolean defaults = m.outcome() == SourceMatch.Outcome.MATCHED
          && DOTENV.matcher(name).matches() && m.gitIgnoredBy().isEmpty()
          && files.map(f -> f.gitIgnoredBy(m.resolved(), false).isEmpty()).orElse(false)
          && files.map(f -> !credentials.mayHoldCredential(f.rootPath(m.resolved())))
              .orElse(false);
      if (defaults) return false;
      // A dotenv file present and empty copies nothing in: not reported when the repository
      // commits it (ferdium-server's one-newline docker/.env, which its entrypoint fills);
      // git-ignored, a note like a settings-only one: a developer's own copy would go in too.
      boolean empty = DOTENV.matcher(name).matches()
          && files.map(f -> credentials.setsNothing(f.rootPath(m.resolved()))).orElse(false);
      if (empty) {
        boolean ignored = !m.gitIgnoredBy().isEmpty()
            || files.map(f -> f.gitIgnoredBy(m.resolved(), false).isPresent()).orElse(false);
        if (ignored) configOnly.add(m.resolved());
        return false;
      }
      secrets.add(m.resolved());
      return true;
    }
    if (!declared || files.isEmpty()) return false;
    ContextFiles f = files.get();
    boolean dir = m.resolved().isEmpty() || f.entry(m.resolved())
        .map(e -> e.kind() == FileTree.Kind.DIRECTORY).orElse(false);
    List<String> copied = dir ? f.filesUnder(m.resolved(), View.DEVELOPER) : m.files();
    Set<String> present = new HashSet<>(copied);
    for (String p : copied) {
      String base = p.substring(p.lastIndexOf('/') + 1);
      if (SECRET.matcher(base).matches() && (KEY.matcher(base).matches()
          || f.gitIgnoredBy(p, false).isPresent())) {
        // a .env that names no secret at all (hanko's examples: NEXT_PUBLIC_ URLs, force-added
        // beside `*.env` in .gitignore) is configuration as it stands: kept apart, a note
        if (!KEY.matcher(base).matches() && credentials.namesNoSecret(f.rootPath(p))) {
          configOnly.add(p);
        } else {
          secrets.add(p);
        }
      } else if (TEMPLATE.matcher(base).matches()) {
        String env = p.substring(0, p.lastIndexOf('/') + 1) + ".env";
        if (!present.contains(env) && f.excludedBy(env).isEmpty()) expected.add(env);
      }
    }
    return false;
  }

  public static String message(String source, List<String> secrets, boolean explicit) {
    String first = secrets.get(0);
    String more = secrets.size() > 1 ? " (and " + (secrets.size() - 1) + " more)" : "";
    return explicit
        ? "COPY " + source + " puts " + first + " into the image, where anyone who can pull the "
            + "image can read it; pass it at build time with RUN --mount=type=secret or mount it "
            + "at run time instead"
        : "COPY " + source + " sends " + first + more + " into the image, where anyone who can "
            + "pull the image can read it; exclude it in .dockerignore";
  }

  public static String messageExpected(String source, String env) {
    return "COPY " + source + " will put " + env + " into the image once it is created from its "
        + "template, as the project's setup asks, and .dockerignore does not exclude it; add "
        + "'.env' to .dockerignore";
  }
}
