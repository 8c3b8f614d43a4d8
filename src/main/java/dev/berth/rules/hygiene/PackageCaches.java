package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.Vars;
import dev.berth.image.RunScript;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.RuleContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where package managers leave downloaded indexes and packages in the layer of the RUN that
 * installs, and what keeps them out. The data the cache rules (BTH504–BTH507) share; one entry per
 * manager family, each with the source its facts were checked against.
 *
 * @param programs command names
 * @param installs which invocations fill the cache
 * @param noCacheOption long option that stops the manager from keeping anything
 * @param noCacheEnv environment variable with the same effect (any of pip's true values)
 * @param paths where the cache is; removing one of them (or a parent) later in the same RUN, or a
 *     cache/tmpfs mount there, keeps it out of the layer
 * @param cleans a command of the manager that empties the cache
 */
record PackageCaches(Set<String> programs, Predicate<CommandLine> installs,
    Optional<String> noCacheOption, Optional<String> noCacheEnv, List<String> paths,
    Predicate<CommandLine> cleans, String source) {

  /**
   * {@code apt-get update} downloads the package lists into /var/lib/apt/lists; the Debian and
   * Ubuntu images' docker-clean apt configuration removes downloaded .deb files after each
   * install but keeps the lists (debuerreotype's docker-clean, docker-library/faq).
   */
  static final PackageCaches APT_LISTS = new PackageCaches(Set.of("apt-get", "apt", "aptitude"),
      l -> l.subcommand(Set.of("o", "c", "t", "option", "config-file", "target-release"))
          .filter("update"::equals).isPresent(),
      Optional.empty(), Optional.empty(), List.of("/var/lib/apt/lists"),
      l -> false, "apt-get(8); debuerreotype docker-clean keeps /var/lib/apt/lists");

  /**
   * {@code apk add} without {@code --no-cache} fetches the APKINDEX files into /var/cache/apk
   * (apk-tools: --no-cache "do not use any local cache path").
   */
  static final PackageCaches APK = new PackageCaches(Set.of("apk"),
      l -> l.subcommand(Set.of("X", "repository", "p", "root", "t", "virtual", "keys-dir",
          "repositories-file", "arch", "cache-dir")).filter("add"::equals).isPresent(),
      Optional.of("no-cache"), Optional.empty(), List.of("/var/cache/apk", "/etc/apk/cache"),
      l -> l.subcommand(Set.of()).filter("cache"::equals).isPresent()
          && l.operands(Set.of()).stream().anyMatch(w -> w.value().filter(v -> v.equals("clean")
              || v.equals("purge")).isPresent()),
      "apk(8): --no-cache; alpine images ship no package cache");

  /** pip keeps wheels and HTTP responses in ~/.cache/pip unless told not to (pip docs, Caching). */
  static final PackageCaches PIP = new PackageCaches(Set.of("pip", "pip3"),
      l -> l.subcommand(Set.of("r", "c", "e", "t", "i", "f", "requirement", "constraint",
          "editable", "target", "index-url", "extra-index-url", "find-links", "prefix", "root",
          "src", "python", "platform", "python-version", "implementation", "abi", "cache-dir",
          "trusted-host", "proxy", "progress-bar", "only-binary", "no-binary",
          "root-user-action", "upgrade-strategy")).filter("install"::equals).isPresent(),
      Optional.of("no-cache-dir"), Optional.of("PIP_NO_CACHE_DIR"),
      List.of("$HOME/.cache/pip", "/root/.cache/pip"),
      l -> l.subcommand(Set.of()).filter("cache"::equals).isPresent()
          && l.hasArg("purge"),
      "pip documentation, Caching: --no-cache-dir, PIP_NO_CACHE_DIR, ~/.cache/pip");

  /**
   * yum, dnf and zypper keep repository metadata and packages under /var/cache/{yum,dnf,libdnf5,
   * zypp} until {@code clean all} / {@code zypper clean} (yum.conf(5) keepcache, dnf.conf(5)).
   */
  static final PackageCaches RPM = new PackageCaches(Set.of("yum", "dnf", "microdnf", "zypper"),
      l -> l.subcommand(Set.of("c", "config", "setopt", "enablerepo", "disablerepo", "releasever",
          "installroot", "x", "exclude", "repo", "r")).filter(s -> s.equals("install")
          || s.equals("in") || s.equals("groupinstall") || s.equals("localinstall")
          || s.equals("reinstall")).isPresent(),
      Optional.empty(), Optional.empty(),
      List.of("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/zypp"),
      l -> l.operands(Set.of()).stream().anyMatch(w -> w.value().filter(v -> v.equals("clean")
          || v.equals("cc")).isPresent()),
      "yum.conf(5), dnf.conf(5), zypper(8): metadata and packages stay in /var/cache until cleaned");

  private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

  /**
   * Reports, for every RUN of a stage that ends up in a shipped image, the install that leaves
   * this family's cache behind, with the message {@code message} gives for the install's program.
   */
  void check(Dockerfile df, Project project, RuleContext ctx,
      java.util.function.Function<String, String> message) {
    Set<Integer> shipped = ImageStages.of(df, project);
    for (RunScripts.Site site : RunScripts.of(project).sites(df)) {
      if (!shipped.contains(site.stage().index())) continue;
      leftBehind(site.script(), site.stage()).ifPresent(c -> ctx.report(site.script().range(c),
          message.apply(programLine(c).map(CommandLine::name).orElse("?"))));
    }
  }

  /**
   * The install command of this family that leaves its cache in the RUN's layer, if any. Needs
   * the whole script understood: the cleanup could be in a part berth did not read.
   */
  Optional<SimpleCommand> leftBehind(RunScript script, StageFacts stage) {
    if (script.understood() != RunScript.Understanding.COMPLETE) return Optional.empty();
    if (script.run().mounts().stream().anyMatch(this::coversCache)) return Optional.empty();
    Vars vars = stage.varsBefore(script.run());
    if (noCacheEnv.isPresent() && truthy(vars.value(noCacheEnv.get()))) return Optional.empty();
    List<SimpleCommand> commands = script.commands();
    for (int i = 0; i < commands.size(); i++) {
      SimpleCommand c = commands.get(i);
      Optional<CommandLine> l = programLine(c);
      if (l.isEmpty() || !installs.test(l.get()) || l.get().opaque()) continue;
      if (noCacheOption.isPresent() && l.get().hasLong(noCacheOption.get())) continue;
      if (noCacheEnv.isPresent() && setBefore(commands, i, noCacheEnv.get())) continue;
      if (cleanedAfter(commands, i)) continue;
      return Optional.of(c);
    }
    return Optional.empty();
  }

  /** {@code pip}, {@code pip3.12}, {@code python3 -m pip} for pip; the plain names otherwise. */
  Optional<CommandLine> programLine(SimpleCommand c) {
    Optional<CommandLine> l = CommandLine.of(c);
    if (l.isEmpty()) return l;
    String name = l.get().name();
    if (programs.contains(name)) return l;
    if (programs.contains("pip")) {
      if (name.matches("pip\\d(\\.\\d+)?")) return Optional.of(new CommandLine(c, "pip", l.get().args()));
      List<ShellWord> a = l.get().args();
      if (name.matches("python(\\d(\\.\\d+)?)?") && a.size() >= 2
          && a.get(0).value().filter("-m"::equals).isPresent()
          && a.get(1).value().filter("pip"::equals).isPresent()) {
        return Optional.of(new CommandLine(c, "pip", a.subList(2, a.size())));
      }
    }
    return Optional.empty();
  }

  private boolean cleanedAfter(List<SimpleCommand> commands, int install) {
    // A conditional cleanup counts when the install is conditional too and the cleanup follows
    // it in one && chain: `if ...; then apt-get update && apt-get install ... && rm -rf
    // /var/lib/apt/lists/*; fi` (PrestaShop/docker) removes the lists whenever it made them.
    boolean chained = true;
    for (int j = install + 1; j < commands.size(); j++) {
      SimpleCommand c = commands.get(j);
      chained &= commands.get(j - 1).andThen();
      if (c.conditional() && !(commands.get(install).conditional() && chained)) continue;
      Optional<CommandLine> own = programLine(c);
      if (own.isPresent() && cleans.test(own.get())) return true;
      Optional<CommandLine> rm = CommandLine.of(c, Set.of("rm"));
      if (rm.isPresent() && rm.get().operands(Set.of()).stream().map(PackageCaches::pathText)
          .anyMatch(this::isCachePath)) {
        return true;
      }
    }
    return false;
  }

  /** An assignment or {@code export NAME=...} before the install, or a prefix on it. */
  private boolean setBefore(List<SimpleCommand> commands, int install, String name) {
    for (int j = 0; j <= install; j++) {
      SimpleCommand c = commands.get(j);
      boolean prefix = j == install || c.words().isEmpty()
          || c.words().get(0).value().filter("export"::equals).isPresent();
      if (!prefix) continue;
      List<ShellWord> words = j == install || c.words().isEmpty() ? c.assignments()
          : c.words().subList(1, c.words().size());
      for (ShellWord w : words) {
        Optional<String> v = w.value();
        if (v.isPresent() && v.get().startsWith(name + "=")
            && truthy(Optional.of(v.get().substring(name.length() + 1)))) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean coversCache(Mount m) {
    if (!m.type().equals("cache") && !m.type().equals("tmpfs")) return false;
    Optional<String> target = m.option("target").or(() -> m.option("dst"))
        .or(() -> m.option("destination"));
    return target.map(t -> t.replaceAll("/+$", "")).filter(this::isCachePath).isPresent();
  }

  /** The path is one of the cache directories or a directory holding one. */
  private boolean isCachePath(String p) {
    String path = p.replace("~/", "$HOME/").replace("${HOME}", "$HOME").replaceAll("/\\*$", "")
        .replaceAll("/+$", "");
    if (path.isEmpty()) return false;
    for (String cache : paths) {
      if (path.equals(cache) || cache.startsWith(path + "/")) return true;
    }
    return false;
  }

  private static boolean truthy(Optional<String> v) {
    return v.map(s -> TRUE.contains(s.toLowerCase(Locale.ROOT))).orElse(false);
  }

  /** A path as written, expansions kept as text: {@code /var/lib/apt/lists/*}, {@code $HOME/x}. */
  static String pathText(ShellWord w) {
    StringBuilder b = new StringBuilder();
    for (ShellWord.Part p : w.parts()) {
      if (p instanceof ShellWord.Literal l) b.append(l.text());
      else if (p instanceof ShellWord.Param param) b.append('$').append(param.name());
      else b.append(((ShellWord.Opaque) p).raw());
    }
    return b.toString();
  }
}
