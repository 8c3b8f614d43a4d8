package dev.berth.rules.security;

import dev.berth.compose.Service;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.hygiene.CommandLine;
import dev.berth.rules.hygiene.Scripts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Certificate or signature checks switched off: {@code curl -k}, {@code wget
 * --no-check-certificate}, {@code pip --trusted-host}, {@code npm config set strict-ssl false},
 * {@code git -c http.sslVerify=false}, {@code apk --allow-untrusted}, {@code apt-get
 * --allow-unauthenticated} in a RUN; {@code NODE_TLS_REJECT_UNAUTHORIZED=0}, {@code
 * GIT_SSL_NO_VERIFY}, {@code PYTHONHTTPSVERIFY=0} set by ENV, in a RUN or in compose environment.
 * Whoever can intercept the connection then chooses what the build installs or the service trusts.
 * A download from localhost is not judged, nor a RUN that checks what it fetched itself
 * ({@code sha256sum -c}, {@code gpg --verify}).
 */
@RuleMeta(
    id = "BTH605",
    summary = "TLS certificate or package signature verification is turned off",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    securitySeverity = "7.0")
public final class TlsVerificationDisabled implements ProjectRule {
  /** Environment settings that turn verification off, and the values that do. */
  private static final Map<String, Pattern> ENV = Map.of(
      "NODE_TLS_REJECT_UNAUTHORIZED", Pattern.compile("0"),
      "GIT_SSL_NO_VERIFY", Pattern.compile("(?i)1|true|yes"),
      "PYTHONHTTPSVERIFY", Pattern.compile("0"),
      "NPM_CONFIG_STRICT_SSL", Pattern.compile("(?i)false|0"));
  private static final Pattern LOCAL = Pattern.compile(
      "(?i)(https?://)?(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])([:/].*)?");

  @Override
  public void check(Project project, RuleContext ctx) {
    for (Dockerfile df : project.dockerfiles()) {
      boolean insecureRepositories = Scripts.built(df, project).stream()
          .anyMatch(site -> INSECURE_REPOSITORY.matcher(site.script().script().text()).find());
      for (RunScripts.Site site : Scripts.built(df, project)) {
        if (verifies(site.script().commands())) continue;
        // One RUN turning verification off the same way in several commands (tiredofit's ten
        // `curl -sSLk` downloads of the bot-blocker lists) is one cause: one finding, the other
        // commands related.
        Map<String, RuleContext.Report> first = new java.util.HashMap<>();
        for (SimpleCommand c : site.script().commands()) {
          for (ShellWord a : c.assignments()) env(a.value().orElse("")).ifPresent(
              what -> once(ctx, first, what, site.script().range(a)));
          Optional<CommandLine> l = CommandLine.of(c);
          if (l.isEmpty()) continue;
          if (l.get().name().equals("export")) {
            for (ShellWord a : l.get().args()) env(a.value().orElse("")).ifPresent(
                what -> once(ctx, first, what, site.script().range(a)));
            continue;
          }
          Optional<String> what = command(l.get());
          if (what.isEmpty()) continue;
          if (what.get().endsWith(ALLOW_UNAUTHENTICATED) && !insecureRepositories
              && !oldApt(df, project, site.stage())) {
            ctx.report(site.script().range(c), unauthenticatedOnly(l.get().name()))
                .severity(Severity.NOTE);
          } else {
            once(ctx, first, what.get(), site.script().range(c));
          }
        }
      }
      for (Instruction i : df.instructions()) {
        if (!(i instanceof Instruction.Env e)) continue;
        for (KeyValue kv : e.pairs()) {
          env(kv.key().text() + "=" + unquote(kv.value().text())).ifPresent(
              what -> ctx.report(kv.range(), message(what)));
        }
      }
    }
    for (Service s : ComposeSettings.services(project)) {
      for (ComposeSettings.KeyValue kv : ComposeSettings.keyValues(s.definition(), "environment")) {
        env(kv.name() + "=" + kv.value()).ifPresent(what -> report(ctx, kv.range(), what));
      }
    }
  }

  /** The RUN's first such place is the finding; the others are its related locations. */
  private static void once(RuleContext ctx, Map<String, RuleContext.Report> first, String what,
      dev.berth.source.Range at) {
    RuleContext.Report r = first.get(what);
    if (r != null) {
      r.related(at, "the same RUN does it again here");
    } else {
      first.put(what, ctx.report(at, message(what)));
    }
  }

  /**
   * In a compose file taken by its path for a development, test, CI or example setup (grist-core's
   * docker-compose-examples, whose comment says to remove the setting before hosting), the same
   * setting is a note that names that assumption, as BTH600 does for credentials there.
   */
  private static void report(RuleContext ctx, dev.berth.source.Range at, String what) {
    String file = at.file();
    if (ComposeSettings.setupFile(file)) {
      ctx.report(at, message(what) + "; `" + file + "` is taken for a development, test or"
          + " example setup by its path, where it is tolerable only as long as it is never"
          + " deployed as is").severity(Severity.NOTE);
    } else {
      ctx.report(at, message(what));
    }
  }

  /**
   * The RUN checks what it fetched itself ({@code sha256sum -c}, {@code gpg --verify}): a MITM
   * cannot swap the download, so the weakened transport is compensated.
   */
  private static boolean verifies(List<SimpleCommand> commands) {
    for (SimpleCommand c : commands) {
      Optional<CommandLine> l = CommandLine.of(c);
      if (l.isEmpty()) continue;
      String n = l.get().name();
      if (n.matches("sha(1|224|256|384|512)sum|shasum|b2sum|md5sum")
          && (l.get().hasShort('c') || l.get().hasLong("check"))) {
        return true;
      }
      if ((n.equals("gpg") || n.equals("gpgv")) && (n.equals("gpgv") || l.get().hasLong("verify"))) {
        return true;
      }
    }
    return false;
  }

  /** {@code NAME=value} that turns verification off, described. */
  private static Optional<String> env(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) return Optional.empty();
    String name = assignment.substring(0, eq);
    Pattern off = ENV.get(name);
    if (off == null || !off.matcher(assignment.substring(eq + 1)).matches()) return Optional.empty();
    return Optional.of(name + "=" + assignment.substring(eq + 1));
  }

  /** The command, described, when it turns a check off. */
  private static Optional<String> command(CommandLine l) {
    String name = l.name();
    switch (name) {
      case "curl" -> {
        if ((l.hasShort('k') || l.hasLong("insecure")) && !onlyLocal(l)) {
          return Optional.of("curl " + (l.hasLong("insecure") ? "--insecure" : "-k"));
        }
      }
      case "wget" -> {
        if (l.hasLong("no-check-certificate") && !onlyLocal(l)) {
          return Optional.of("wget --no-check-certificate");
        }
      }
      case "pip", "pip3", "python", "python3" -> {
        if (l.hasLong("trusted-host") && !onlyUnusedHosts(l)) return Optional.of("pip --trusted-host");
      }
      case "npm", "yarn", "pnpm" -> {
        if (l.longValue("strict-ssl").filter(v -> v.equalsIgnoreCase("false")).isPresent()
            || l.hasArg("strict-ssl") && l.hasArg("false")) {
          return Optional.of(name + " strict-ssl false");
        }
      }
      case "git" -> {
        if (l.args().stream().map(w -> w.value().orElse("").toLowerCase(Locale.ROOT))
            .anyMatch(v -> v.equals("http.sslverify=false") || v.equals("http.sslverify"))
            && !l.hasArg("true")) {
          return Optional.of("git http.sslVerify false");
        }
      }
      case "apk" -> {
        // A local .apk (a vendor's package fetched beforehand: Microsoft's msodbcsql docs say
        // `apk add --allow-untrusted msodbcsql*.apk`) has no apk signature to check; how it was
        // fetched is another command's question, not a connection this one makes.
        List<String> packages = l.operands(Set.of("X", "repository", "virtual", "t", "root",
            "p", "keys-dir", "arch", "cache-dir")).stream().map(ShellWord::raw)
            .filter(w -> !w.equals("add")).toList();
        boolean localFiles = !packages.isEmpty() && packages.stream().allMatch(w -> w.endsWith(".apk"));
        if (l.hasLong("allow-untrusted") && !localFiles) return Optional.of("apk --allow-untrusted");
      }
      case "apt-get", "apt" -> {
        List<String> options = l.optionValues("o", "option").stream()
            .map(v -> v.toLowerCase(Locale.ROOT)).toList();
        if (l.hasLong("allow-insecure-repositories")
            || options.stream().anyMatch(v -> v.matches("acquire::https::verify-(peer|host)=(false|0)")
                || v.matches("acquire::allowinsecurerepositories=(true|1|yes)"))) {
          return Optional.of(name + " without package or TLS verification");
        }
        if (l.hasLong("allow-unauthenticated")
            || options.stream().anyMatch(v -> v.matches("apt::get::allowunauthenticated=(true|1|yes)"))) {
          return Optional.of(name + ALLOW_UNAUTHENTICATED);
        }
      }
      default -> { }
    }
    return Optional.empty();
  }

  /**
   * Hosts pip no longer contacts by itself: the index moved from pypi.python.org to pypi.org
   * (pip 10's default index-url is https://pypi.org/simple; packages come from
   * files.pythonhosted.org). Trusting only them, with no index or find-links option naming them,
   * turns no check off (rudder-server's `pip install --trusted-host pypi.python.org`, the old
   * "get started" line).
   */
  private static final Set<String> UNUSED_PIP_HOSTS = Set.of("pypi.python.org",
      "pypi.python.org:443");

  private static boolean onlyUnusedHosts(CommandLine l) {
    List<String> hosts = l.optionValues(null, "trusted-host");
    if (hosts.isEmpty()
        || !hosts.stream().allMatch(h -> UNUSED_PIP_HOSTS.contains(h.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    List<String> sources = new java.util.ArrayList<>(l.optionValues("i", "index-url"));
    sources.addAll(l.optionValues(null, "extra-index-url"));
    sources.addAll(l.optionValues("f", "find-links"));
    return sources.stream().noneMatch(u -> u.toLowerCase(Locale.ROOT).contains("pypi.python.org"));
  }

  /** Every URL the command names is on the local host. */
  private static boolean onlyLocal(CommandLine l) {
    List<String> urls = l.operands(Set.of("o", "O", "output", "H", "header", "d", "data", "u",
        "user", "X", "request", "T", "upload-file", "A", "user-agent", "e", "referer",
        "w", "write-out", "connect-timeout", "m", "max-time", "retry", "output-document", "P",
        "directory-prefix")).stream()
        .map(w -> w.value().orElse("?")).toList();
    return !urls.isEmpty() && urls.stream().allMatch(u -> LOCAL.matcher(u).matches());
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"")
        || s.startsWith("'") && s.endsWith("'")) ? s.substring(1, s.length() - 1) : s;
  }

  /**
   * What {@link #command} says, after the program's name, of {@code --allow-unauthenticated}
   * (or {@code -o APT::Get::AllowUnauthenticated=true}) alone.
   */
  private static final String ALLOW_UNAUTHENTICATED = " --allow-unauthenticated";

  /**
   * What lets an insecure repository into apt's lists (apt-secure(8), sources.list(5)): the
   * option, its sources.list field or its configuration item.
   */
  private static final Pattern INSECURE_REPOSITORY = Pattern.compile(
      "(?i)--allow-insecure-repositories|allow-insecure=yes|AllowInsecureRepositories");

  /**
   * The stage's first base image (followed through the stages it is built FROM) is a Debian or
   * Ubuntu release with an apt older than 1.5 (apt-releases.yaml).
   */
  private static boolean oldApt(Dockerfile df, Project project, StageFacts stage) {
    return stage.chainRoot(RunScripts.of(project).stages(df)).flatMap(StageFacts::image)
        .filter(OldApt::is).isPresent();
  }

  /**
   * {@code --allow-unauthenticated} where apt is 1.5 or later and nothing in the Dockerfile lets
   * an insecure repository in: `apt-get update` has already refused every unsigned or untrusted
   * repository, so the flag lets nothing through; a note to remove it, stating that assumption.
   */
  public static String unauthenticatedOnly(String name) {
    return name + " --allow-unauthenticated would install packages whose signature cannot be"
        + " checked, but since apt 1.5 `apt-get update` refuses a repository that is unsigned or"
        + " signed by an untrusted key, and no RUN of this Dockerfile lets one in"
        + " (--allow-insecure-repositories, [allow-insecure=yes]): the flag changes nothing"
        + " (this assumes the base image's apt is 1.5 or later, as from Debian 10 and Ubuntu"
        + " 18.04, and that no copied sources list or apt configuration allows an insecure"
        + " repository); remove it before it meets a repository that is allowed in";
  }

  public static String message(String what) {
    return what + " turns off certificate or signature checks: whoever can intercept the "
        + "connection chooses what is downloaded or trusted; install the CA certificate the "
        + "server uses (ca-certificates, update-ca-certificates) instead";
  }
}
