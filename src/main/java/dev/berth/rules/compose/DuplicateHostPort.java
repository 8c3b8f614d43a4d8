package dev.berth.rules.compose;

import dev.berth.compose.ComposeInvocation;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.config.BerthConfig;
import dev.berth.evidence.ComposeRun;
import dev.berth.evidence.RepoEvidence;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Two published ports that bind the same host port, protocol and address (a wildcard address
 * overlaps every address) cannot both be up: the second container fails with "port is already
 * allocated". Checked within a project and across compose projects that Compose runs as one
 * (same project name, no file in common), whose differently named services run side by side.
 */
@RuleMeta(id = "BTH104", summary = "The same host port is published twice",
    severity = Severity.ERROR, category = Category.BUG,
    aliases = {"dclint no-duplicate-exported-ports"})
public final class DuplicateHostPort implements ProjectRule {

  /**
   * @param otherFiles for another compose project: its first file and why Compose runs both as
   *     one project; empty within one project
   */
  public static String message(String hostPort, String service, String otherService,
      Optional<String> otherFiles, boolean sameService) {
    if (sameService) {
      return "host port " + hostPort + " is published twice by service '" + service
          + "'; the container fails to start with 'port is already allocated'";
    }
    String other = otherFiles.map(f -> "service '" + otherService + "' of " + f)
        .orElse("service '" + otherService + "'");
    return "host port " + hostPort + " of service '" + service + "' is also published by "
        + other + "; when both are up, the second container fails to start with 'port is "
        + "already allocated'";
  }

  private record Published(ComposeProject project, Service service, PortMapping port,
      int from, int to) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    List<ComposeProject> projects = project.composeProjects();
    Set<Range> reported = new HashSet<>();
    // Projects run as one only under a shared run name: ask runAsOne only about those (all
    // pairs was 1.1 M questions on 1,500 projects).
    Map<String, List<Integer>> byRunName = new HashMap<>();
    Map<String, Set<String>> publishers = publishersByDirectoryPort(projects);
    for (int i = 0; i < projects.size(); i++) {
      List<Published> mine = published(projects.get(i));
      BiPredicate<String, String> together = startedTogether(projects.get(i), projects);
      Optional<List<Set<String>>> shown = documentedMenu(project, projects.get(i));
      if (shown.isPresent()) {
        together = startedIn(projects.get(i), shown.get());
      } else {
        Optional<List<Set<String>>> ci = ciRunMenu(project, projects.get(i));
        if (ci.isPresent()) together = startedIn(projects.get(i), ci.get());
      }
      report(mine, mine, Optional.empty(), together, reported, ctx);
      java.util.TreeSet<Integer> earlier = new java.util.TreeSet<>();
      for (RunName n : runNames(projects.get(i))) {
        List<Integer> seen = byRunName.computeIfAbsent(n.name(), k -> new ArrayList<>());
        earlier.addAll(seen);
        if (seen.isEmpty() || seen.get(seen.size() - 1).intValue() != i) seen.add(i);
      }
      for (int j : earlier) {
        ComposeProject other = projects.get(j);
        Optional<String> why = runAsOne(projects.get(i), other, project.config());
        if (why.isEmpty()) continue;
        // Under a directory's default name only: a port that three or more whole setups of that
        // directory publish is a menu's (docker-selenium's root, where docker-compose-v3.yml,
        // docker-compose-v2-tracing.yml and a dozen others each bring up a grid on 4444, each
        // headed "docker compose -f THIS up"): one setup is chosen and run, not two together.
        List<Published> later = mine;
        List<Published> theirs = published(other);
        if (why.get().startsWith(DIRECTORY_NAME)) {
          later = later.stream().filter(x -> !menuPort(x, publishers)).toList();
          theirs = theirs.stream().filter(x -> !menuPort(x, publishers)).toList();
        }
        report(later, theirs, Optional.of("`" + other.files().get(0)
            + "`, which runs in the same Compose project (" + why.get() + ")"),
            (x, y) -> true, reported, ctx);
      }
    }
  }

  /**
   * Why Compose runs two projects as one, so that both sets of services are up together, or
   * empty when berth cannot tell that it does. They must share no file (projects sharing a file
   * are alternative setups of one app: base+dev, base+prod; so are projects defining a service of
   * the same name, which would be one container, and a production setup beside another), both
   * must be known to run (a fragment's name is its unknown base's), the configuration must not list them as
   * alternatives, and they must run under one project name that is theirs by design: a name both
   * declare ({@code name:}, or {@code -p} / {@code COMPOSE_PROJECT_NAME} in the repository's
   * scripts), or the default name of the directory both are in (as the seed's dev and test files
   * started side by side). Directory names that merely coincide (two {@code docker/} folders of
   * unrelated subprojects) do not count, so results do not depend on where the root is.
   */
  static Optional<String> runAsOne(ComposeProject a, ComposeProject b, BerthConfig config) {
    if (a.isFragment() || b.isFragment()) return Optional.empty();
    if (!Collections.disjoint(a.files(), b.files())) return Optional.empty();
    // Under one project name a service is one container: an `up` of the second project would
    // recreate the first's service of the same name, so two files defining one service are
    // alternative setups of one app (nginx-proxy's docker-compose.yml and its
    // docker-compose-separate-containers.yml, both with `whoami`), never up side by side.
    if (sharesServiceName(a, b)) return Optional.empty();
    if (setupsOfOneSystem(a, b)) return Optional.empty();
    // A production setup and another one (writefreely's docker-compose.prod.yml beside its
    // development docker-compose.yml, each a whole stack with its database) are alternatives: a
    // machine deploys or develops. A test or tools file is a companion the seed ran beside dev.
    if (production(a) != production(b)) return Optional.empty();
    // A file named for a CPU architecture (seaweedfs's test/foundationdb docker-compose.arm64.yml
    // beside docker-compose.simple.yml) is the setup for that machine: one or the other runs.
    if (!architecture(a).equals(architecture(b))) return Optional.empty();
    // So is a file named for an edition of the app (gpt4free's docker-compose-slim.yml beside
    // docker-compose.yml, the slim and the full image of one app; a -gpu or -cpu file): the
    // README offers one setup or the other.
    if (!edition(a).equals(edition(b)) && a.projectDirectory().equals(b.projectDirectory())) {
      return Optional.empty();
    }
    // Example files (itzg's examples/docker-compose-*.yml, each a whole server on 25565) are a
    // menu: one is copied and run, never two together.
    if (dev.berth.compose.EnvTemplates.isExample(a.files().get(0))
        && dev.berth.compose.EnvTemplates.isExample(b.files().get(0))) {
      return Optional.empty();
    }
    for (String fa : a.files()) {
      for (String fb : b.files()) {
        if (config.alternatives(fa, fb)) return Optional.empty();
      }
    }
    // Sessions: the repository starts each only with a foreground `up`, which holds its terminal
    // until stopped (seaweedfs's make targets, each `docker compose -f compose/local-X-compose.yml
    // -p seaweedfs up`): one setup at a time, not two stacks side by side.
    if (foregroundOnly(a) && foregroundOnly(b)) return Optional.empty();
    for (RunName x : runNames(a)) {
      for (RunName y : runNames(b)) {
        if (!x.name().equals(y.name())) continue;
        if (x.declared() && y.declared()) {
          return Optional.of("both run as project '" + x.name() + "'");
        }
        // Files of a CI configuration directory that no command of the repository names are
        // what CI jobs start, each job its own set (apisix's ci/pod/docker-compose.{first,
        // plugin,last}.yml, one per matrix job, through a make variable): a shared directory
        // says nothing of which run together there. A script that starts both does.
        if (a.projectDirectory().equals(b.projectDirectory())
            && !(dev.berth.compose.Paths.inCiDirectory(a.files().get(0))
                && dev.berth.compose.Paths.inCiDirectory(b.files().get(0))
                && a.invocations().isEmpty() && b.invocations().isEmpty())) {
          return Optional.of(DIRECTORY_NAME + " '" + x.name() + "' of their directory");
        }
      }
    }
    return Optional.empty();
  }

  private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "production", "mainnet");

  /** A file of the project is named for production ({@code docker-compose.prod.yml}). */
  private static boolean production(ComposeProject p) {
    return nameWord(p, "[._-]+", PRODUCTION_WORDS).isPresent();
  }

  /**
   * The first word of {@code words} in a file name of the project, the names split at
   * {@code separators} (lower-cased).
   */
  private static Optional<String> nameWord(ComposeProject p, String separators,
      Set<String> words) {
    for (String f : p.files()) {
      String name = dev.berth.compose.Paths.fileName(f).toLowerCase(java.util.Locale.ROOT);
      for (String w : name.split(separators)) {
        if (words.contains(w)) return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  private static final Set<String> EDITION_WORDS = Set.of("slim", "lite", "light", "minimal",
      "full", "gpu", "cpu", "cuda", "rocm");

  /** The edition a file of the project is named for, or "" ({@code docker-compose-slim.yml}). */
  private static String edition(ComposeProject p) {
    return nameWord(p, "[._-]+", EDITION_WORDS).orElse("");
  }

  private static final Set<String> ARCHITECTURE_WORDS = Set.of("arm64", "aarch64", "amd64",
      "x86", "x86_64", "x64", "armv7", "armhf", "arm", "ppc64le", "s390x", "riscv64");

  /**
   * The CPU architecture a file of the project is named for, or "" ({@code compose.arm64.yml});
   * not split at {@code _}, which {@code x86_64} holds.
   */
  private static String architecture(ComposeProject p) {
    return nameWord(p, "[.-]+", ARCHITECTURE_WORDS).orElse("");
  }

  private static boolean sharesServiceName(ComposeProject a, ComposeProject b) {
    Set<String> names = new HashSet<>();
    for (Service s : a.services().values()) names.add(s.serviceName());
    for (Service s : b.services().values()) {
      if (names.contains(s.serviceName())) return true;
    }
    return false;
  }

  /**
   * Two setups of one system: a service of each plays the same part (a word of their names in
   * common, or the same image or build) and publishes the very same mapping (host address, host
   * port, container port, protocol): itzg's {@code mc} in docker-compose.yml and {@code mc-dev} in
   * compose-dev.yml, both 25565:25565; chroma's {@code server} and its test file's
   * {@code test_server}, both 8000:8000; seaweedfs's {@code weed-master} and its test file's
   * {@code seaweedfs-master}, both 9333:9333. Unless one program (the same image or build) is
   * published at different host ports for one container port in the two, which is how a stack
   * made to run beside another differs from it (the seed's test file: postgres on 5434 beside
   * dev's 5433).
   */
  static boolean setupsOfOneSystem(ComposeProject a, ComposeProject b) {
    boolean same = false;
    for (Service x : a.services().values()) {
      for (Service y : b.services().values()) {
        boolean program = sameProgram(x, y);
        if (!program && !sharesNameWord(x, y)) continue;
        for (PortMapping px : x.ports()) {
          for (PortMapping py : y.ports()) {
            if (!px.target().equals(py.target()) || !px.protocol().equalsIgnoreCase(py.protocol())
                || px.published().isEmpty() || py.published().isEmpty()) {
              continue;
            }
            boolean identical = px.published().equals(py.published())
                && px.hostIp().equals(py.hostIp());
            // one program moved aside: made to run beside the other (a postgres:14 of pgweb's
            // version menu on 5434 is another program than docker-compose.yml's postgres:15)
            if (!identical && program) return false;
            same |= identical;
          }
        }
      }
    }
    return same;
  }

  /** The same image, or the same build (context and Dockerfile). */
  private static boolean sameProgram(Service x, Service y) {
    if (x.build().isPresent() || y.build().isPresent()) {
      return x.build().isPresent() && y.build().isPresent()
          && x.build().get().contextPath().equals(y.build().get().contextPath())
          && x.build().get().contextPath().isPresent()
          && x.build().get().dockerfile().map(d -> d.value())
              .equals(y.build().get().dockerfile().map(d -> d.value()));
    }
    return x.image().isPresent() && y.image().isPresent()
        && x.image().get().value().equals(y.image().get().value())
        && !x.image().get().value().contains("$");
  }

  private static boolean sharesNameWord(Service x, Service y) {
    Set<String> words = nameWords(x.serviceName());
    for (String w : nameWords(y.serviceName())) {
      if (words.contains(w)) return true;
    }
    return false;
  }

  /** A service name's words, digits dropped ({@code postgres15} is postgres): 2+ letters. */
  private static Set<String> nameWords(String name) {
    Set<String> out = new HashSet<>();
    for (String w : name.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
      if (w.length() >= 2) out.add(w);
    }
    return out;
  }

  /** A project name a project runs under, and whether someone chose it (not the directory's). */
  private record RunName(String name, boolean declared) {}

  /**
   * The names a project runs under: those the repository's scripts give it ({@code -p},
   * {@code COMPOSE_PROJECT_NAME}; one berth cannot read matches nothing) or, where they give
   * none, its own; and its own anyway when it is its directory's default project, which
   * {@code docker compose up} there runs by hand.
   */
  private static List<RunName> runNames(ComposeProject p) {
    RunName own = new RunName(p.name(), p.nameDeclaration().isPresent());
    List<RunName> out = new ArrayList<>();
    if (p.invocations().isEmpty() || p.basis() == ComposeProject.Basis.DISCOVERED) out.add(own);
    for (ComposeInvocation inv : p.invocations()) {
      if (inv.projectName().isEmpty()) {
        out.add(own);
      } else if (!inv.projectName().get().equals(ComposeInvocation.UNKNOWN_NAME)) {
        out.add(new RunName(ComposeLoader.normalizeName(inv.projectName().get()), true));
      }
    }
    return out;
  }

  /** @param across for another project, how the message names it; empty within one project */
  private static void report(List<Published> later, List<Published> earlier,
      Optional<String> across, BiPredicate<String, String> together, Set<Range> reported,
      RuleContext ctx) {
    boolean same = across.isEmpty();
    // One finding per pair of services: ports two services share through one merged anchor
    // (Laravel Sail's `laravel.queue: <<: *app` publishing the app's 80 and 5173 again) are one
    // cause, the other ports related locations.
    Map<String, RuleContext.Report> pairs = new HashMap<>();
    for (int a = 0; a < later.size(); a++) {
      Published x = later.get(a);
      int limit = same ? a : earlier.size();
      // the first clash with a service that is no choice beside it wins over one that is
      Published chosen = null;
      boolean choice = false;
      for (int b = 0; b < limit; b++) {
        Published y = earlier.get(b);
        if (!same && x.service().serviceName().equals(y.service().serviceName())) continue;
        if (!together.test(x.service().serviceName(), y.service().serviceName())) continue;
        if (!clash(x, y)) continue;
        // Versions or family members of one server nothing depends on: a choice, started one at
        // a time (pgweb's postgres17/postgres18, vendure's mariadb/mysql_8) — or both by a plain
        // `docker compose up` (OpenBAS's IDE run configuration starts its elasticsearch and
        // opensearch together): a note that says what it assumes.
        boolean isChoice = versionsOfOneImage(x.service(), y.service())
            && !dependedOn(x.project(), x.service(), y.service());
        if (chosen == null || choice && !isChoice) {
          chosen = y;
          choice = isChoice;
        }
        if (!choice) break;
      }
      if (chosen != null) {
        Published y = chosen;
        if (!reported.add(x.port().range())) continue;
        String hostPort = describe(x, y);
        boolean sameService = same && x.service().serviceName().equals(y.service().serviceName());
        String pair = x.service().serviceName() + "\u0000" + y.service().serviceName();
        RuleContext.Report first = pairs.get(pair);
        if (first != null && !sameService) {
          first.related(x.port().range(), "host port " + hostPort + " is published by both too");
          continue;
        }
        RuleContext.Report r = ctx.report(x.port().range(), message(hostPort,
                x.service().serviceName(), y.service().serviceName(), across, sameService)
                + (choice ? "; both are versions of one server, which berth takes for a choice"
                    + " started one at a time (`docker compose up " + x.service().serviceName()
                    + "`): a plain `docker compose up` starts both" : ""))
            .related(y.port().range(), "host port " + hostPort + " first published here");
        if (choice) r.severity(dev.berth.rules.Severity.NOTE);
        pairs.put(pair, r);
      }
    }
  }

  /**
   * Two services of the same image at different tags ({@code postgres:18} and {@code postgres:17}
   * on one host port, pgweb's docker-compose-pg.yml), or of two servers of one family
   * ({@link dev.berth.compose.ServerFamilies}: mariadb and mysql), are versions to choose from,
   * one at a time: nobody starts two of them on one port. Unknown tags (a variable) are no such
   * evidence.
   */
  static boolean versionsOfOneImage(Service a, Service b) {
    if (a.image().isEmpty() || b.image().isEmpty() || a.build().isPresent()
        || b.build().isPresent()) {
      return false;
    }
    String x = a.image().get().value();
    String y = b.image().get().value();
    if (x.contains("$") || y.contains("$") || x.contains("@") || y.contains("@")) return false;
    // Two servers of one family (vendure's mariadb, mysql:8.0 and mysql:5.7 on 3306, each a
    // database to develop against; temporal's elasticsearch and opensearch on 9200, one per CI
    // job): a choice of server, like two tags of one image.
    Optional<String> fx = dev.berth.compose.ServerFamilies.standard().familyOf(x);
    if (fx.isPresent() && !x.equals(y)
        && fx.equals(dev.berth.compose.ServerFamilies.standard().familyOf(y))) {
      return true;
    }
    int cx = x.lastIndexOf(':');
    int cy = y.lastIndexOf(':');
    if (cx <= x.lastIndexOf('/') || cy <= y.lastIndexOf('/')) return false;
    return x.substring(0, cx).equals(y.substring(0, cy))
        && !x.substring(cx + 1).equals(y.substring(cy + 1));
  }

  /**
   * Another service of the project depends on one of the two (a review's app with
   * {@code depends_on: [db, cache]} on postgres and postgis): the project starts them together,
   * so they are no choice of one.
   */
  private static boolean dependedOn(ComposeProject p, Service a, Service b) {
    for (Service s : p.services().values()) {
      for (var d : s.dependsOn()) {
        String n = d.service().value();
        if (n.equals(a.serviceName()) || n.equals(b.serviceName())) return true;
      }
    }
    return false;
  }

  /**
   * Which services of a project the repository's own commands start together. When every
   * {@code docker compose up} of the project that berth reads names the services to start
   * (laradock's {@code docker compose up -d "${services[@]}"}, behind its documented
   * {@code docker compose up -d nginx mysql}), the project is a menu: two of its services are up
   * together only when one such command starts both, named or pulled in by {@code depends_on}.
   * A project layered on a menu's files (an override attached to it) that nothing starts on its
   * own is a menu of the same commands. Otherwise (no such command, or one that starts
   * everything) every service is up with every other.
   */
  static BiPredicate<String, String> startedTogether(ComposeProject p,
      List<ComposeProject> all) {
    Optional<List<Set<String>>> menu = menu(p);
    if (menu.isEmpty() && p.invocations().stream().noneMatch(DuplicateHostPort::isUp)) {
      menu = all.stream()
          .filter(b -> b != p && p.files().containsAll(b.files()))
          .map(DuplicateHostPort::menu).flatMap(Optional::stream).findFirst();
    }
    if (menu.isEmpty()) return (x, y) -> true;
    return startedIn(p, menu.get());
  }

  /** Two services are up together when one command starts both, named or as dependencies. */
  private static BiPredicate<String, String> startedIn(ComposeProject p,
      List<Set<String>> menu) {
    List<Set<String>> started = menu.stream().map(n -> withDependencies(p, n)).toList();
    return (x, y) -> started.stream().anyMatch(s -> s.contains(x) && s.contains(y));
  }

  /**
   * A menu the repository's documentation shows, for a project its own commands never start
   * with {@code up}: every {@code docker compose up} of the project a README's shell blocks
   * show names the services to start (debezium-examples' debezium-server-sink-pubsub README:
   * one section per database, each `docker compose up -d debezium-server-<db>`, never two of
   * them together). A documented {@code up} naming no service starts everything: no menu.
   */
  private static Optional<List<Set<String>>> documentedMenu(Project project, ComposeProject p) {
    if (p.invocations().stream().anyMatch(DuplicateHostPort::isUp)) return Optional.empty();
    return documentedUps(project, p).filter(out -> out.size() >= 2);
  }

  /**
   * The services each {@code docker compose up} of the project a README shows names; empty when
   * one names none (it starts everything) or a word berth cannot read (any service).
   */
  private static Optional<List<Set<String>>> documentedUps(Project project, ComposeProject p) {
    List<Set<String>> out = new ArrayList<>();
    for (ComposeRun r : RepoEvidence.of(project).documentedComposeRuns()) {
      if (r.subcommand().filter("up"::equals).isEmpty() || !runsProject(r, p)) continue;
      Set<String> named = upServices(r.arguments().stream()
          .map(a -> a.value().orElse(ComposeInvocation.UNKNOWN_NAME)).toList());
      if (named.isEmpty() || named.contains(ComposeInvocation.UNKNOWN_NAME)) return Optional.empty();
      out.add(named);
    }
    return Optional.of(out);
  }

  /**
   * A project that CI pipelines only ever {@code run}, one service per step (risingwave's
   * Buildkite steps: docker-compose plugin {@code run: source-test-env} or
   * {@code run: sink-test-env} on ci/docker-compose.yml, each with its own dependencies, never
   * both): {@code docker compose run SERVICE} starts that service and its dependencies only
   * (docs.docker.com reference compose run: "runs a one-time command against a service ... linked
   * services are started unless they are already running"), so two services are up together
   * only when one run starts both. Only when at least two runs of distinct services are read,
   * every one from a CI pipeline, none names a service berth cannot read, and nothing starts the
   * project with {@code up}; an {@code up} a README shows adds the services it names, and one
   * that names none (everything) makes it no menu.
   */
  private static Optional<List<Set<String>>> ciRunMenu(Project project, ComposeProject p) {
    List<Set<String>> out = new ArrayList<>();
    // by what read them: a Buildkite pipeline may sit anywhere (risingwave's ci/workflows/)
    Set<Range> fromCi = new HashSet<>();
    for (ComposeRun r : RepoEvidence.of(project).composeRuns()) {
      if (r.source().ci()) fromCi.add(r.range());
    }
    for (ComposeInvocation inv : p.invocations()) {
      if (isUp(inv)) return Optional.empty();
      if (inv.subcommand().filter("run"::equals).isEmpty()) continue;
      if (!fromCi.contains(inv.where())) return Optional.empty();
      Optional<String> service = runService(inv.arguments());
      if (service.isEmpty() || service.get().equals(ComposeInvocation.UNKNOWN_NAME)) {
        return Optional.empty();
      }
      if (out.stream().noneMatch(x -> x.contains(service.get()))) out.add(Set.of(service.get()));
    }
    if (out.size() < 2) return Optional.empty();
    // a documented `up` starts what it names (risingwave's ci/ldap-test README: `docker-compose
    // -f ci/docker-compose.yml up -d ldap-server`), one naming nothing starts everything
    Optional<List<Set<String>>> shown = documentedUps(project, p);
    if (shown.isEmpty()) return Optional.empty();
    out.addAll(shown.get());
    return Optional.of(out);
  }

  /** The service a {@code docker compose run} names: its first word after the options. */
  private static Optional<String> runService(List<String> args) {
    return ComposeInvocation.operands(args, ComposeInvocation.RUN_VALUE_OPTIONS).stream()
        .findFirst();
  }


  /** The documented command runs this project: its files, or its directory's default files. */
  private static boolean runsProject(ComposeRun r, ComposeProject p) {
    if (r.files().isEmpty()) {
      return p.basis() == ComposeProject.Basis.DISCOVERED && r.projectDirectory().isEmpty()
          && r.cwd().dir().filter(p.projectDirectory()::equals).isPresent();
    }
    List<String> files = new ArrayList<>();
    for (dev.berth.evidence.Value f : r.files()) {
      if (f.value().isEmpty()) return false;
      files.add(f.value().get());
    }
    return files.equals(p.files());
  }

  private static boolean isUp(ComposeInvocation inv) {
    return inv.subcommand().filter("up"::equals).isPresent();
  }

  /**
   * Every way the project is started is one of the repository's commands (not a directory's
   * default files, which anyone may start by hand), and each is an {@code up} that stays in the
   * foreground: no {@code -d}/{@code --detach}/{@code --wait} (docs.docker.com reference compose
   * up: "--detach, -d: Detached mode"; "--wait ... Implies detached mode"), not run with
   * {@code &}, no word berth cannot read.
   */
  private static boolean foregroundOnly(ComposeProject p) {
    if (p.invocations().isEmpty() || p.basis() == ComposeProject.Basis.DISCOVERED) return false;
    for (ComposeInvocation inv : p.invocations()) {
      if (!isUp(inv) || inv.background()) return false;
      for (String arg : inv.arguments()) {
        if (arg.equals(ComposeInvocation.UNKNOWN_NAME) || arg.equals("--detach")
            || arg.equals("--wait") || arg.startsWith("--wait=")
            || arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('d') > 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** The services each {@code up} of the project names, when every one names some. */
  private static Optional<List<Set<String>>> menu(ComposeProject p) {
    List<Set<String>> out = new ArrayList<>();
    for (ComposeInvocation inv : p.invocations()) {
      if (!isUp(inv)) continue;
      Set<String> named = upServices(inv.arguments());
      if (named.isEmpty()) return Optional.empty(); // `up` alone starts every service
      out.add(named);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** The services a {@code docker compose up} names after its options (none: every service). */
  private static Set<String> upServices(List<String> args) {
    return new HashSet<>(ComposeInvocation.operands(args, ComposeInvocation.UP_VALUE_OPTIONS));
  }



  private static Set<String> withDependencies(ComposeProject p, Set<String> named) {
    Set<String> out = new HashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(named);
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (!out.add(s)) continue;
      p.service(s).ifPresent(svc -> svc.dependsOn().forEach(d -> todo.push(d.service().value())));
    }
    return out;
  }

  private static boolean clash(Published x, Published y) {
    if (!x.port().protocol().equalsIgnoreCase(y.port().protocol())) return false;
    if (exclusiveProfiles(x.service(), y.service())) return false;
    if (parked(x) || parked(y)) return false;
    if (variantsOfOne(x, y) || acrossGuessedLayer(x, y)) return false;
    if (x.to() < y.from() || y.to() < x.from()) return false;
    String ipx = x.port().hostIp();
    String ipy = y.port().hostIp();
    return wildcard(ipx) || wildcard(ipy) || ipx.equals(ipy);
  }

  /**
   * One port declaration that two services share through {@code extends}, where one of them sits
   * in profiles: a template and its variants (nextcloud AIO's tests: {@code app-base} in profile
   * {@code none}, extended by one service per profile). Which of them a profile starts together
   * is the repository's choice berth cannot see; without profiles both start and it is reported.
   */
  private static boolean variantsOfOne(Published x, Published y) {
    return x.service() != y.service() && x.port().range().equals(y.port().range())
        && (!x.service().profiles().isEmpty() || !y.service().profiles().isEmpty());
  }

  /**
   * A fragment that berth layers on its directory's default files because they complete it
   * ({@link ComposeProject.Basis#ATTACHED}) may really sit on another base (otel-lgtm's
   * {@code docker-compose.oats.yml}, whose {@code lgtm} comes from the oats tool's template): a
   * clash between a port only the fragment publishes and one only the guessed base publishes
   * rests on that guess, so it is not reported. Clashes inside either file still are.
   */
  private static boolean acrossGuessedLayer(Published x, Published y) {
    ComposeProject p = x.project();
    if (p != y.project() || p.basis() != ComposeProject.Basis.ATTACHED) return false;
    String fragment = p.files().get(p.files().size() - 1);
    return x.port().range().file().equals(fragment) != y.port().range().file().equals(fragment);
  }

  /**
   * A service an override takes out of the set: {@code deploy.replicas: 0} or {@code scale: 0}
   * (unopim's compose.dev.apache.yaml disables nginx and fpm for Apache), or profiles that only a
   * later file than the one publishing the port gives it (binance-trading-bot's scale override
   * parks the single-process `app` under `profiles: ['_parked']`): it does not start with the
   * others.
   */
  private static boolean parked(Published p) {
    Service s = p.service();
    if (s.replicas().filter(r -> r.value() == 0).isPresent()) return true;
    String file = p.port().range().file();
    int portLayer = p.project().files().indexOf(file);
    int profileLayer = s.profiles().isEmpty() ? -1
        : p.project().files().indexOf(s.profiles().get(0).range().file());
    // both in the project's own files (not an extends or include file), the profiles later
    return portLayer >= 0 && profileLayer > portLayer
        && s.profiles().stream().noneMatch(pr -> pr.range().file().equals(file));
  }

  /** Services only in disjoint profiles are alternatives (dev vs prod), not neighbours. */
  private static boolean exclusiveProfiles(Service a, Service b) {
    if (a.profiles().isEmpty() || b.profiles().isEmpty()) return false;
    Set<String> pa = new HashSet<>();
    a.profiles().forEach(p -> pa.add(p.value()));
    return b.profiles().stream().noneMatch(p -> pa.contains(p.value()));
  }

  private static boolean wildcard(String ip) {
    return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
  }

  private static String describe(Published x, Published y) {
    int port = Math.max(x.from(), y.from());
    String ip = wildcard(x.port().hostIp()) ? y.port().hostIp() : x.port().hostIp();
    return (wildcard(ip) ? "" : ip + ":") + port + "/" + x.port().protocol();
  }

  private static final String DIRECTORY_NAME = "both take the name";

  /** Setups of one directory publishing one host port from which on they are a menu. */
  static final int MENU_SETUPS = 3;

  /**
   * The files of each project directory that declare each published host port and protocol
   * (keys {@code directory NUL port/protocol}), among the projects that are compared at all: not
   * fragments, production setups, examples or files for one CPU architecture or edition. A file
   * counts once however many projects hold it (a base and its overrides are one setup). Ranges
   * count at their first port.
   */
  private static Map<String, Set<String>> publishersByDirectoryPort(List<ComposeProject> projects) {
    Map<String, Set<String>> out = new HashMap<>();
    for (ComposeProject p : projects) {
      if (p.isFragment() || production(p) || !architecture(p).isEmpty()
          || !edition(p).isEmpty() || dev.berth.compose.EnvTemplates.isExample(p.files().get(0))) {
        continue;
      }
      for (Published x : published(p)) {
        out.computeIfAbsent(menuKey(x), k -> new HashSet<>()).add(x.port().range().file());
      }
    }
    return out;
  }

  private static String menuKey(Published x) {
    return x.project().projectDirectory() + "\u0000" + x.from() + "/" + x.port().protocol();
  }

  /**
   * Every network the service joins is declared {@code internal: true}: Docker publishes none of
   * its ports (moby/moby#36174, docker/compose#6534: the mapping is accepted and no host port is
   * bound), so they take no host port from anyone (keep's corporate-proxy setup, whose front end
   * is reached only through the nginx that publishes the same port).
   */
  private static boolean onlyInternalNetworks(ComposeProject p, Service s) {
    if (s.networks().isEmpty() || s.networkMode().isPresent()) return false;
    return s.networks().stream().allMatch(n -> {
      dev.berth.compose.Resource r = p.networks().get(n.name().value());
      return r != null && r.definition() instanceof dev.berth.compose.yaml.YamlMap m
          && m.get("internal").filter(v -> v instanceof dev.berth.compose.yaml.YamlScalar sc
              && sc.value().equalsIgnoreCase("true")).isPresent();
    });
  }

  private static boolean menuPort(Published x, Map<String, Set<String>> publishers) {
    return publishers.getOrDefault(menuKey(x), Set.of()).size() >= MENU_SETUPS;
  }

  private static List<Published> published(ComposeProject p) {
    List<Published> out = new ArrayList<>();
    for (Service s : p.services().values()) {
      if (onlyInternalNetworks(p, s)) continue;
      for (PortMapping m : s.ports()) {
        Optional<int[]> r = m.publishedPorts();
        // A range whose size differs from the container range lets Docker pick one free port.
        boolean picksOne = r.isPresent() && m.targetPorts().isPresent()
            && r.get()[1] - r.get()[0] != m.targetPorts().get()[1] - m.targetPorts().get()[0];
        if (r.isPresent() && !picksOne) out.add(new Published(p, s, m, r.get()[0], r.get()[1]));
      }
    }
    return out;
  }
}
