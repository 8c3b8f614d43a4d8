package dev.berth.rules.context;

import dev.berth.context.GitIgnores;
import dev.berth.evidence.Produced;
import dev.berth.evidence.RepoEvidence;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.ComposeTestData;
import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.context.Paths;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compose bind mount whose host source does not exist in the project. Docker then creates an
 * empty directory in its place, which is harmless for data directories but breaks file mounts
 * ({@code ./nginx.conf:/etc/nginx/nginx.conf:ro}): so the rule only reports when the target looks
 * like a file, or when the long syntax says {@code bind.create_host_path: false} (then
 * {@code docker compose up} refuses outright). Absolute paths and paths above the root are the
 * host's business: no judgement.
 */
@RuleMeta(
    id = "BTH306",
    summary = "Bind-mount source does not exist, so Docker mounts an empty directory instead",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class BindMountSourceMissing implements ProjectRule {

  /** Config files mounted without an extension. */
  private static final Set<String> FILE_NAMES = Set.of("caddyfile", ".env", ".htpasswd",
      ".npmrc", ".pypirc", ".pgpass", ".netrc", "crontab", "authorized_keys", "known_hosts",
      "hosts", "resolv.conf", "localtime", "timezone");

  @Override
  public void check(Project project, RuleContext ctx) {
    FileTree tree = project.fileTree();
    Set<Range> reported = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      // Relative paths are the project directory's: a fragment's is its unknown base's.
      if (cp.isFragment()) continue;
      // One missing file mounted alike by several services is one cause: one finding, the
      // other services' mounts related (docker-selenium's dev files mount the same jar in each).
      Map<String, RuleContext.Report> byCause = new HashMap<>();
      for (Service s : cp.services().values()) {
        for (Mount m : s.volumes()) {
          if (m.type() != Mount.Type.BIND || m.hostPath().isEmpty() || m.source().isEmpty()) {
            continue;
          }
          // A path made with a blank variable is not the one Compose will see.
          if (cp.blanked(m.source().get().range())) continue;
          Optional<String> path = TreePaths.rootRelative(m.hostPath().get());
          if (path.isEmpty() || path.get().isEmpty()) continue;
          String p = path.get();
          if (tree.get(p).isPresent() || TreePaths.unknown(tree, p)) continue;
          boolean noCreate = createHostPathDisabled(s, m);
          String target = m.target().value();
          if (!noCreate && !looksLikeFile(target)) continue;
          Range at = m.source().get().range();
          if (!reported.add(at)) continue;
          String cause = p + "\n" + target + "\n" + noCreate + "\n" + m.readOnly();
          if (byCause.containsKey(cause)) {
            byCause.get(cause).related(at, "also mounted by service `" + s.serviceName() + "`");
            continue;
          }
          // Files under one directory that is missing altogether (quickwit's tutorial copy
          // mounts ./monitoring/otel-collector-config.yaml and ./monitoring/prometheus.yaml,
          // and ./monitoring/ exists only at the root): the missing directory is the one cause.
          Optional<String> missingDir = missingDirectory(tree, p);
          if (missingDir.isPresent() && byCause.containsKey("dir\n" + missingDir.get())) {
            byCause.get("dir\n" + missingDir.get()).related(at, "`" + p + "`, mounted by service `"
                + s.serviceName() + "`, is under the same missing directory `"
                + missingDir.get() + "`");
            continue;
          }
          Optional<String> elsewhere = sameName(tree, cp.projectDirectory(), p);
          Optional<String> near = elsewhere.isPresent() ? Optional.empty() : nearName(tree, p);
          // A file the repository's setup makes (a README's `curl -o`, a Makefile rule): a
          // note naming that step, like a git-ignored env file with its template.
          Optional<Produced> made = RepoEvidence.of(project).producer(p);
          // An installer of the repository downloads this compose file and runs it in another
          // directory (netmaker's nm-quick.sh, with the Caddyfile and mosquitto.conf it puts
          // beside it): the path is that directory's.
          Optional<Deployed> deployed = made.isPresent() ? Optional.empty()
              : deployedElsewhere(project, at.file(), cp.projectDirectory(), p);
          // A git-ignored env file with a committed template (coolify mounts .env, which
          // DEVELOPMENT.md has you copy from .env.development.example): the setup's copy step.
          Optional<String> template = made.isPresent() || !GitIgnores.of(project).isIgnored(p)
              ? Optional.empty()
              : TreePaths.envTemplate(tree, p, at.file());
          // The service's program reads a configuration file only when its command names one
          // (redis-server FILE), and this command names none: nothing reads the mounted path
          // (conductor's redis:6.2.3-alpine given ./redis.conf at /usr/local/etc/redis/, with
          // no command); Docker's directory there is harmless.
          Optional<String> unread = noCreate ? Optional.empty()
              : unreadConfig(s, target).map(prog -> "; but " + prog + " reads a configuration"
                  + " file only when its command names one, and this service's names none: nothing"
                  + " in the container reads " + target + ", so the directory is a stray one")
                  .or(() -> unreadByNginx(project, s, target));
          String text = message(s.serviceName(), p, target, noCreate, elsewhere)
              + near.map(n -> "; `" + n + "` is beside it: a misspelt name?").orElse("")
              + unread.orElse("");
          Optional<String> testData = ComposeTestData.directory(cp);
          // A compose file named as an example to copy (standardnotes' docker-compose.example.yml,
          // which the self-hosting guide downloads beside its localstack_bootstrap.sh) that
          // nothing here runs: its paths are the copy's directory's.
          // So is one in a template directory that nothing runs (pyroscope's
          // examples/_templates/prometheus/docker-compose.yml, which a make target copies into
          // each example beside its prometheus-provisioning/).
          boolean templateDir = cp.invocations().isEmpty()
              && cp.basis() != ComposeProject.Basis.DECLARED
              && dev.berth.project.FileKinds.inTemplateDirectory(at.file());
          // So is one in the documentation tree that nothing runs (maplibre/martin's
          // docs/content/files/compose.nginx.yaml, shown on a docs page that has the reader
          // write their own nginx.conf beside it).
          boolean docsDir = cp.invocations().isEmpty()
              && cp.basis() != ComposeProject.Basis.DECLARED
              && dev.berth.project.FileKinds.inDocsDirectory(at.file());
          boolean example = (templateDir || docsDir || cp.invocations().isEmpty()
              && cp.basis() != ComposeProject.Basis.DECLARED
              && dev.berth.compose.EnvTemplates.exampleByName(at.file()))
              && !copiedInPlace(project, at.file());
          // A file of a git-ignored directory from which the project mounts several files is
          // part of a workspace the setup fills (docker-magento's src/, which bin/download fills
          // with Magento's source; wazuh-docker's config/ of generated certificates).
          // Git-ignored with no template, mounted read-only: an input each user supplies on
          // purpose (zabbix's TLS files for the database, .gitignore `.*CA_FILE`), whose presence
          // is unknown. A writable one stays an error: the container may be meant to create it,
          // and cannot (writefreely's setup writes config.ini through its mount). Keys and
          // certificates are inputs however they are mounted: no repository commits them, and
          // each installation generates its own (wazuh-docker's certificates tool).
          // Not git-ignored, a key or certificate is still such an input (coturn mounts its
          // docker/coturn/cert.pem and privkey.pem: the .gitignore line meant for cert.pem is
          // misspelt with a Cyrillic letter).
          boolean ignored = GitIgnores.of(project).isIgnored(p);
          boolean local = made.isEmpty() && template.isEmpty()
              && (ignored && (m.readOnly() || inWorkspace(p, project) || buildOutput(p))
                  || keyMaterial(p));
          RuleContext.Report r = ctx.report(at, made.map(x -> text + "; the repository's setup"
              + " creates it first (`" + x.how() + "`)")
              .or(() -> deployed.map(d -> text + d.text()))
              .or(() -> template.map(t -> text + " until it is created from `" + t + "`, the"
                  + " template of this git-ignored file (cp " + t + " " + p + ")"))
              .orElse(local && ignored ? text + "; the repository git-ignores it, so each user is"
                  + " to create it: this assumes it was not"
                  : local ? text + "; a key or certificate is each installation's own to supply:"
                  + " this assumes it was not" : text)
              + testData.map(ComposeTestData::assumption).orElse("")
              + (example ? "; `" + at.file() + "` is " + (templateDir ? "in a template directory"
                  + ", to be copied into place," : docsDir ? "in the documentation, an example"
                  + " to copy into place, which" : "an example to copy into place, which")
                  + " nothing in the repository runs here: this assumes it is run from this"
                  + " directory" : ""));
          byCause.put(cause, r);
          missingDir.ifPresent(d -> byCause.put("dir\n" + d, r));
          if (local || example || unread.isPresent() || deployed.isPresent()) {
            r.severity(Severity.NOTE);
          }
          deployed.ifPresent(d -> r.related(d.at(), "the installer downloads it here"));
          made.ifPresent(x -> r.severity(Severity.NOTE)
              .related(x.range(), "`" + x.how() + "` creates it here"));
          template.ifPresent(t -> r.severity(Severity.NOTE)
              .related(Range.wholeFile(t), "template for it"));
          testData.ifPresent(x -> r.severity(Severity.NOTE));
          r.related(Range.wholeFile(TreePaths.show(cp.projectDirectory())),
              "paths are relative to the project directory");
          r.related(Range.wholeFile(p), "the host path Docker looks for");
          elsewhere.ifPresent(e -> r.related(Range.wholeFile(e), "a file of that name"));
          near.ifPresent(n -> r.related(Range.wholeFile(n), "a file with a near name"));
        }
      }
    }
  }

  /**
   * What to add to the message when an installer of the repository downloads {@code file} and
   * runs it elsewhere: the missing {@code path} (root-relative, under {@code projectDir}) is read
   * there, where the installer does or may not put it.
   */
  static Optional<Deployed> deployedElsewhere(Project project, String file, String projectDir,
      String path) {
    Optional<RepoEvidence.Deployment> d = RepoEvidence.of(project).deployment(file);
    if (d.isEmpty()) return Optional.empty();
    String rel = Optional.ofNullable(Paths.relativize(projectDir, path)).orElse(path);
    return Optional.of(new Deployed(d.get().beside().contains(rel)
        ? "; but the repository's installer runs `" + file + "` elsewhere (`" + d.get().how()
            + "`) and puts `" + rel + "` beside it there"
        : "; but the repository's installer runs `" + file + "` elsewhere (`" + d.get().how()
            + "`), where berth does not see `" + rel + "` put beside it: this assumes it is not",
        d.get().range()));
  }

  /** The message's addition for a deployed compose file, and where the installer downloads it. */
  record Deployed(String text, Range at) {}

  /**
   * The outermost directory of {@code p} (root-relative) that does not exist, when {@code p}'s
   * own parent is missing: the files below it are missing for that one reason.
   */
  private static Optional<String> missingDirectory(FileTree tree, String p) {
    String parent = Paths.parent(p);
    if (parent.isEmpty() || tree.get(parent).isPresent()) return Optional.empty();
    String missing = parent;
    for (String up = Paths.parent(parent); !up.isEmpty() && tree.get(up).isEmpty();
        up = Paths.parent(up)) {
      missing = up;
    }
    return Optional.of(missing);
  }

  /**
   * The program of a service that pulls a catalog image, when it takes its configuration file
   * only as its first operand ({@code config-operand}: redis-server) and the command names no
   * file and does not name {@code target} anywhere.
   */
  private static Optional<String> unreadConfig(Service s, String target) {
    Optional<dev.berth.programs.Invocation> inv = dev.berth.wiring.ImageServices.invocation(s);
    if (inv.isEmpty() || inv.get().program().listens()
        .filter(dev.berth.programs.Program.Listen::configOperand).isEmpty()) {
      return Optional.empty();
    }
    if (inv.get().operand(0).isPresent()
        || inv.get().argv().stream().anyMatch(a -> a.contains(target))) {
      return Optional.empty();
    }
    return Optional.of(inv.get().program().names().get(0));
  }

  /**
   * The service runs nginx from an official image on a main configuration it mounts from the
   * project, and that configuration (with the includes it mounts too) names {@code target}
   * nowhere: pigallery2's ./nginx/error.log at /etc/nginx/error_log.log, where its nginx.conf logs
   * to /var/log/nginx/error.log. The message's addition, saying what it assumes of includes it
   * cannot read.
   */
  private static Optional<String> unreadByNginx(Project project, Service s, String target) {
    Optional<dev.berth.wiring.NginxServiceConfig.Read> read =
        dev.berth.wiring.NginxServiceConfig.of(project, s);
    if (read.isEmpty() || dev.berth.wiring.NginxServiceConfig.names(read.get(), target)) {
      return Optional.empty();
    }
    List<String> unknown = read.get().unread();
    return Optional.of("; but the nginx.conf this service mounts names " + target + " nowhere,"
        + " nor does an include of it match: nothing in the container reads it, so the directory"
        + " is a stray one" + (unknown.isEmpty() ? "" : " (this assumes the files it includes"
        + " from outside the project, " + String.join(", ", unknown) + ", do not name it)"));
  }

  /**
   * The git-ignored directories (root-relative) that are or hold two or more bind-mount sources
   * or build contexts of the repository's compose projects: workspaces each user's setup fills,
   * whose files are inputs like a read-only mount. All projects count: docker-magento's
   * compose.dev-ssh.yaml mounts one file of compose/src/, which compose.dev.yaml mounts six of.
   */
  private static Set<String> ignoredWorkspaces(Project project) {
    return project.fact(Workspaces.class, p -> new Workspaces(computeWorkspaces(p))).dirs();
  }

  /** The workspaces of a project, computed once. */
  private record Workspaces(Set<String> dirs) {}

  private static Set<String> computeWorkspaces(Project project) {
    java.util.Map<String, Set<String>> sources = new java.util.HashMap<>();
    GitIgnores ignores = GitIgnores.of(project);
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        for (Mount m : s.volumes()) {
          if (m.type() != Mount.Type.BIND || m.hostPath().isEmpty()) continue;
          Optional<String> path = TreePaths.rootRelative(m.hostPath().get());
          if (path.isEmpty() || path.get().isEmpty()) continue;
          String top = ignoredAncestor(ignores, path.get());
          if (top != null) sources.computeIfAbsent(top, k -> new HashSet<>()).add(path.get());
        }
        // A build context there counts too (Laravel Sail: the app builds
        // ./vendor/laravel/sail/runtimes/8.4 and mounts a script from
        // ./vendor/laravel/sail/database, all of vendor/ filled by `composer install`).
        Optional<String> context = s.build().flatMap(dev.berth.compose.Build::contextPath)
            .flatMap(TreePaths::rootRelative).filter(c -> !c.isEmpty());
        if (context.isPresent()) {
          String top = ignoredAncestor(ignores, context.get());
          if (top != null) sources.computeIfAbsent(top, k -> new HashSet<>()).add(context.get());
        }
      }
    }
    Set<String> out = new HashSet<>();
    sources.forEach((dir, files) -> {
      if (files.size() >= 2) out.add(dir);
    });
    return Set.copyOf(out);
  }

  /**
   * The outermost directory git ignores that is {@code path} itself (a directory mounted whole,
   * docker-magento's {@code ./src:/var/www/html}) or holds it, or null.
   */
  private static String ignoredAncestor(GitIgnores ignores, String path) {
    String found = null;
    for (String dir = path; !dir.isEmpty(); dir = Paths.parent(dir)) {
      if (ignores.ignoredBy(dir, true).isPresent()) found = dir;
    }
    return found;
  }

  /**
   * {@code path} is in one of the project's {@link #ignoredWorkspaces}; asked only of a missing,
   * git-ignored source, so the project's mounts are walked only then.
   */
  private static boolean inWorkspace(String path, Project project) {
    Set<String> workspaces = ignoredWorkspaces(project);
    for (String dir = Paths.parent(path); !dir.isEmpty(); dir = Paths.parent(dir)) {
      if (workspaces.contains(dir)) return true;
    }
    return false;
  }

  /**
   * File name extensions of TLS keys and certificates: PEM and DER files (RFC 7468 §2: .pem,
   * .crt, .cer, .key), PKCS#12 stores (.p12, .pfx) and Java key stores (.jks).
   */
  private static final Set<String> KEY_MATERIAL = Set.of("pem", "crt", "cer", "key", "p12", "pfx",
      "jks");

  static boolean keyMaterial(String path) {
    return extensionIn(path, KEY_MATERIAL);
  }

  /** The file name's last extension, lower-cased, is one of {@code extensions}. */
  private static boolean extensionIn(String path, Set<String> extensions) {
    String name = Paths.name(path).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1));
  }

  /**
   * Extensions of packaged build outputs: Java archives (.jar, .war, .ear), Python wheels, shared
   * libraries, Debian and RPM packages. Git-ignored, such a file is one the developer builds and
   * drops in (SeleniumHQ/docker-selenium's dev compose files mount selenium_server_deploy.jar,
   * listed in .gitignore under "Selenium Server Dev"); no container creates it through a mount.
   */
  private static final Set<String> BUILD_OUTPUTS = Set.of("jar", "war", "ear", "whl", "so",
      "deb", "rpm");

  private static boolean buildOutput(String path) {
    return extensionIn(path, BUILD_OUTPUTS);
  }

  /** The repository's setup copies {@code file} into its own directory (cp x.example.yml x.yml). */
  private static boolean copiedInPlace(Project project, String file) {
    return RepoEvidence.of(project).copies().entrySet().stream()
        .anyMatch(c -> c.getValue().equals(file) && Paths.parent(c.getKey()).equals(
            Paths.parent(file)));
  }

  /** {@code /etc/nginx/nginx.conf}, {@code /app/.env}: not {@code /etc/nginx/conf.d}. */
  static boolean looksLikeFile(String target) {
    String name = Paths.name(Paths.clean(target)).toLowerCase(Locale.ROOT);
    if (FILE_NAMES.contains(name)) return true;
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) return false;
    String ext = name.substring(dot + 1);
    // a variant suffix says which setup, not what kind of file: .env.dev is a file because .env
    // is, StackStorm's packs.dev (its development packs directory) is not
    if (VARIANT_SUFFIXES.contains(ext)) {
      String base = name.substring(0, dot);
      // a directory name is a plain lower-case word (packs); Procfile.dev, Gemfile.local,
      // .bashrc.local and default.conf.local name files
      return !base.chars().allMatch(c -> c >= 'a' && c <= 'z') || base.endsWith("file")
          || looksLikeFile(base);
    }
    // conf.d, sites-enabled.d, initdb.d are directories by convention
    return !ext.equals("d") && ext.chars().allMatch(Character::isLetterOrDigit);
  }

  private static final Set<String> VARIANT_SUFFIXES = Set.of("dev", "local", "prod", "test",
      "staging");

  private static boolean createHostPathDisabled(Service s, Mount m) {
    if (!(s.definition().get("volumes").orElse(null) instanceof YamlSeq seq)) return false;
    for (YamlNode n : seq.items()) {
      if (n instanceof YamlMap map && map.range().equals(m.range())
          && map.get("bind").orElse(null) instanceof YamlMap bind
          && bind.get("create_host_path").orElse(null) instanceof YamlScalar c) {
        return c.value().equalsIgnoreCase("false");
      }
    }
    return false;
  }

  /** A file with the same name elsewhere in the compose project's directory, if only one. */
  private static Optional<String> sameName(FileTree tree, String projectDir, String path) {
    String name = Paths.name(path);
    var hits = tree.under(projectDir)
        .filter(e -> e.kind() == FileTree.Kind.FILE && e.name().equals(name))
        .limit(2).toList();
    return hits.size() == 1 ? Optional.of(hits.get(0).path()) : Optional.empty();
  }

  /**
   * A file beside {@code path} whose name differs only by letter case or by the {@code .yml} /
   * {@code .yaml} spelling (FreshRSS's compose mounts traefik/tls.yaml; the file is tls.yml), if
   * only one.
   */
  private static Optional<String> nearName(FileTree tree, String path) {
    String name = Paths.name(path);
    String swapped = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) + ".yml"
        : name.endsWith(".yml") ? name.substring(0, name.length() - 4) + ".yaml" : null;
    var hits = tree.children(Paths.parent(path))
        .filter(e -> e.kind() == FileTree.Kind.FILE && !e.name().equals(name)
            && (e.name().equalsIgnoreCase(name) || e.name().equals(swapped)))
        .limit(2).toList();
    return hits.size() == 1 ? Optional.of(hits.get(0).path()) : Optional.empty();
  }

  /** @param path the source, root-relative */
  public static String message(String service, String path, String target,
      boolean noCreate, Optional<String> elsewhere) {
    String where = elsewhere.map(e -> "; a file of that name is at `" + e + "`").orElse("");
    if (noCreate) {
      return "bind-mount source `" + path + "` of service `" + service + "` does not exist "
          + "and `bind.create_host_path` is false, so `docker compose "
          + "up` fails with \"bind source path does not exist\" (Compose versions that ignore "
          + "the setting mount an empty directory instead)" + where;
    }
    return "bind-mount source `" + path + "` of service `" + service + "` does not exist, "
        + "so Docker creates an empty directory there and mounts it "
        + "at " + target + ", where the container expects a file" + where;
  }
}
