package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Packages installed without a version (hadolint's pinning rules). Off by default: distribution
 * mirrors drop a package version as soon as a newer one is published (Debian, Ubuntu and Alpine
 * keep only the current version of each package in a release), so a pinned {@code apt-get install
 * curl=7.88.1-10} fails the build the day the mirror moves on. Teams that want reproducible
 * package sets and maintain the pins turn it on with {@code rules: {BTH515: on}}.
 */
@RuleMeta(
    id = "BTH515",
    summary = "Packages installed without a pinned version",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041",
        "DL3062"},
    enabledByDefault = false)
public final class UnpinnedPackageVersion implements DockerfileRule {

  /**
   * One installer: the subcommands that install, options that take a value, and what a pinned
   * operand looks like (hadolint DL3008, DL3018, DL3013, DL3016, DL3028, DL3033/DL3041, DL3037,
   * DL3062).
   */
  private record Installer(Set<String> subcommands, Set<String> withValue,
      Predicate<String> pinned, Predicate<CommandLine> skip) {}

  private static final Predicate<CommandLine> NEVER = l -> false;

  private static final Map<String, Installer> INSTALLERS = Map.ofEntries(
      Map.entry("apt-get", new Installer(Set.of("install"),
          Set.of("o", "c", "t", "option", "config-file", "target-release"),
          p -> p.contains("=") || p.contains("/") || p.endsWith(".deb"), NEVER)),
      Map.entry("apk", new Installer(Set.of("add"),
          Set.of("X", "repository", "t", "virtual", "p", "root", "arch", "keys-dir",
              "repositories-file", "cache-dir"),
          p -> p.matches(".*[=~<>].*") || p.endsWith(".apk"), NEVER)),
      Map.entry("pip", new Installer(Set.of("install"),
          Set.of("i", "index-url", "extra-index-url", "f", "find-links", "t", "target", "prefix",
              "root", "src", "python", "platform", "python-version", "implementation", "abi",
              "trusted-host", "proxy", "progress-bar", "only-binary", "no-binary",
              "root-user-action", "upgrade-strategy", "cache-dir", "b", "build"),
          p -> p.matches(".*(==|>=|<=|~=|!=|<|>|@).*") || p.endsWith(".whl")
              || p.endsWith(".tar.gz") || p.contains("/") || p.equals("."),
          l -> l.hasShort('r') || l.hasLong("requirement") || l.hasShort('c')
              || l.hasLong("constraint") || l.hasShort('e') || l.hasLong("editable"))),
      Map.entry("npm", new Installer(Set.of("install", "i", "add"),
          Set.of("registry", "loglevel", "prefix", "w", "workspace"),
          p -> p.replaceFirst("^@[^/]+/", "").contains("@") || p.contains("#")
              || p.startsWith(".") || p.startsWith("/") || p.startsWith("~")
              || p.endsWith(".tgz") || p.endsWith(".tar.gz") || p.endsWith(".tar"), NEVER)),
      Map.entry("gem", new Installer(Set.of("install", "i"),
          Set.of("source", "s", "i", "install-dir", "bindir", "n", "platform", "P",
              "trust-policy"),
          p -> p.contains(":") || p.endsWith(".gem"),
          l -> l.hasShort('v') || l.hasLong("version"))),
      Map.entry("yum", rpm()),
      Map.entry("dnf", rpm()),
      Map.entry("microdnf", rpm()),
      Map.entry("zypper", new Installer(Set.of("install", "in"),
          Set.of("r", "repo", "from", "t", "type"),
          p -> p.matches(".*[=<>].*") || p.endsWith(".rpm"), NEVER)),
      Map.entry("go", new Installer(Set.of("install"), Set.of(),
          p -> (p.contains("@") && !p.endsWith("@latest")) || p.startsWith(".")
              || p.startsWith("/"), NEVER)));

  /** {@code name-1.2.3}: a dash followed by something that starts with a digit (DL3033). */
  private static Installer rpm() {
    return new Installer(Set.of("install"), Set.of("c", "config", "setopt", "enablerepo",
        "disablerepo", "releasever", "installroot", "x", "exclude", "repo"),
        p -> p.endsWith(".rpm") || p.matches(".+-\\d[\\w.~^:+-]*") || p.contains(":"),
        l -> l.hasArg("module") || l.hasArg("group"));
  }

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      for (SimpleCommand c : site.script().commands()) {
        Optional<CommandLine> l = CommandLine.of(c).map(UnpinnedPackageVersion::normalize);
        if (l.isEmpty() || !INSTALLERS.containsKey(l.get().name())) continue;
        Installer in = INSTALLERS.get(l.get().name());
        List<ShellWord> ops = l.get().operands(in.withValue());
        if (ops.isEmpty() || ops.get(0).value().filter(in.subcommands()::contains).isEmpty()
            || in.skip().test(l.get())) {
          continue;
        }
        List<String> unpinned = ops.subList(1, ops.size()).stream()
            .map(w -> w.value().orElse(null))
            .filter(p -> p != null && !in.pinned().test(p)).toList();
        if (unpinned.isEmpty()) continue;
        ctx.report(site.script().range(c), message(l.get().name(), unpinned));
      }
    }
  }

  /** {@code pip3}, {@code python -m pip} are pip. */
  private static CommandLine normalize(CommandLine l) {
    if (l.name().matches("pip\\d(\\.\\d+)?")) return new CommandLine(l.command(), "pip", l.args());
    List<ShellWord> a = l.args();
    if (l.name().matches("python(\\d(\\.\\d+)?)?") && a.size() >= 2
        && a.get(0).value().filter("-m"::equals).isPresent()
        && a.get(1).value().filter("pip"::equals).isPresent()) {
      return new CommandLine(l.command(), "pip", a.subList(2, a.size()));
    }
    return l;
  }

  public static String message(String program, List<String> packages) {
    String names = String.join(", ", packages.subList(0, Math.min(4, packages.size())))
        + (packages.size() > 4 ? " and " + (packages.size() - 4) + " more" : "");
    return program + " installs " + names + " at whatever version the repository has on the "
        + "day of the build; pin the version";
  }
}
