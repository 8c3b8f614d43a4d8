package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScript;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.dockerfile.StagesBuilt;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code apt-get install}, {@code yum install}, {@code dnf install} (and their upgrade/remove
 * commands) without the option that answers their confirmation prompt. A RUN has no terminal and
 * its standard input is empty, so the prompt reads end-of-file and the program gives up (apt-get
 * prints "Abort."): the build fails whenever the transaction does more than install exactly the
 * packages named (extra dependencies, removals, upgrades).
 *
 * <p>apt asks only when the transaction changes more than the packages named (apt-private
 * private-install.cc: extra installs or any removal), so {@code remove}, {@code purge} and {@code
 * autoremove}, which after earlier steps often have nothing to do, are not judged, and neither is
 * an {@code install} that names no package ({@code apt-get -f install} after {@code dpkg -i}): it
 * only completes what dpkg left, which may be nothing. A yum or dnf removal is a note for the
 * same reason: with nothing of it installed it asks nothing. zypper and
 * microdnf are not judged either: berth could not establish from their documentation what they
 * do with an empty standard input. A program fed by a pipe ({@code yes | apt-get ...}) gets
 * its answers there; an apt configuration that sets {@code APT::Get::Assume-Yes}, written by an
 * earlier RUN or given with {@code -o}, counts as the option.
 */
@RuleMeta(
    id = "BTH502",
    summary = "A package install without -y waits for a confirmation a build cannot give, and aborts",
    severity = Severity.WARNING,
    category = Category.BUG,
    aliases = {"DL3014", "DL3030", "DL3038"})
public final class PackageInstallPrompts implements DockerfileRule {

  /** What prompts, and what answers the prompt, per program (apt-get(8), yum(8), dnf(8)). */
  private record Prompting(Set<String> subcommands, Set<String> withValue,
      Predicate<CommandLine> answered, String fix) {}

  private static final Prompting APT = new Prompting(
      Set.of("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep"),
      Set.of("o", "c", "t", "option", "config-file", "target-release"),
      l -> l.hasShort('y') || l.hasLong("yes") || l.hasLong("assume-yes")
          || l.hasLong("force-yes") || l.countShort('q') >= 2
          || l.hasArg("-q=2") || l.longValue("quiet").filter("2"::equals).isPresent()
          || l.optionValues("o", "option").stream().anyMatch(PackageInstallPrompts::assumeYes),
      "-y");

  private static final Prompting YUM = new Prompting(
      Set.of("install", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "remove",
          "erase", "downgrade", "autoremove", "group"),
      Set.of("c", "config", "setopt", "enablerepo", "disablerepo", "releasever", "installroot",
          "x", "exclude", "repo", "repofrompath"),
      l -> l.hasShort('y') || l.hasLong("assumeyes")
          || l.longValue("setopt").filter(v -> v.toLowerCase(Locale.ROOT)
              .matches("assumeyes=(1|true|yes|on)")).isPresent(),
      "-y");

  private static final Map<String, Prompting> PROGRAMS = Map.of("apt-get", APT, "apt", APT,
      "yum", YUM, "dnf", YUM);

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    BitSet built = StagesBuilt.indexes(dockerfile, project);
    List<RunScripts.Site> sites = RunScripts.of(project).sites(dockerfile);
    for (RunScripts.Site site : sites) {
      if (!built.get(site.stage().stage().index())) continue;
      RunScript script = site.script();
      List<SimpleCommand> commands = script.commands();
      for (int i = 0; i < commands.size(); i++) {
        SimpleCommand c = commands.get(i);
        Optional<CommandLine> l = CommandLine.of(c, PROGRAMS.keySet());
        if (l.isEmpty() || l.get().opaque()) continue;
        Prompting p = PROGRAMS.get(l.get().name());
        Optional<String> sub = l.get().subcommand(p.withValue());
        if (sub.isEmpty() || !p.subcommands().contains(sub.get())) continue;
        if (p.answered().test(l.get())) continue;
        if (p == APT && sub.get().equals("install")
            && l.get().operands(p.withValue()).size() == 1) {
          continue; // -f install: nothing named
        }
        boolean fedByPipe = i > 0 && commands.get(i - 1).piped();
        if (fedByPipe || c.redirects().stream().anyMatch(r -> r.operator().startsWith("<"))) continue;
        if (p == APT && aptConfiguredYes(sites, site)) continue;
        if (p == YUM && yumConfiguredYes(sites, site)) continue;
        // yum and dnf ask before any change, but a removal of packages the image does not have
        // changes nothing and asks nothing ("No Packages marked for removal"): zeppelin's
        // `yum remove java; yum remove jdk` on centos7, which has neither
        boolean removal = p == YUM && REMOVALS.contains(sub.get());
        RuleContext.Report r = ctx.report(script.range(c), removal
            ? removalMessage(l.get().name(), sub.get()) : message(l.get().name(), sub.get()));
        // apt asks only when more changes than the packages named, which depends on what the
        // image already has: berth cannot see that, so the finding rests on an assumption
        // (the unzip that sonarqube's example installs on a base that has its libraries asks
        // nothing). yum and dnf ask before any change: certain, when there is a change.
        if (p == APT || removal) r.severity(Severity.NOTE);
      }
    }
  }

  /** An earlier RUN of the stage chain writes APT::Get::Assume-Yes into the apt configuration. */
  private static boolean aptConfiguredYes(List<RunScripts.Site> sites, RunScripts.Site at) {
    for (RunScripts.Site s : sites) {
      if (s == at) return false;
      if (s.script().script().text().toLowerCase(Locale.ROOT).contains("assume-yes")) return true;
    }
    return false;
  }

  /**
   * This RUN or an earlier one writes {@code assumeyes=True} into dnf's or yum's configuration
   * (docker-pdns: `echo 'assumeyes=True' >> /etc/dnf/dnf.conf && dnf install ...`), which
   * answers every prompt (dnf.conf(5), yum.conf(5): assumeyes).
   */
  private static boolean yumConfiguredYes(List<RunScripts.Site> sites, RunScripts.Site at) {
    for (RunScripts.Site s : sites) {
      String text = s.script().script().text().toLowerCase(Locale.ROOT);
      if ((text.contains("dnf.conf") || text.contains("yum.conf"))
          && ASSUMEYES_SETTING.matcher(text).find()) {
        return true;
      }
      if (s == at) return false;
    }
    return false;
  }

  private static final java.util.regex.Pattern ASSUMEYES_SETTING =
      java.util.regex.Pattern.compile("assumeyes\\s*+=\\s*+(?:1|true|yes|on)\\b");

  private static boolean assumeYes(String option) {
    return option.toLowerCase(Locale.ROOT).matches("apt::get::assume-yes=(1|true|yes|on)");
  }

  private static final Set<String> REMOVALS = Set.of("remove", "erase", "autoremove");

  public static String removalMessage(String program, String subcommand) {
    return "'" + program + " " + subcommand + "' asks for confirmation before it removes anything,"
        + " and a RUN has no terminal: if a package it names is installed (berth cannot see"
        + " which are), the prompt reads end of input, " + program + " aborts and the build"
        + " fails; add -y";
  }

  public static String message(String program, String subcommand) {
    String asks = PROGRAMS.get(program) == APT
        ? "asks for confirmation when it changes more than the packages named (assuming they "
            + "pull in dependencies the image does not have yet, which berth cannot see)"
        : "asks for confirmation before it changes anything";
    return "'" + program + " " + subcommand + "' " + asks + ", and a RUN has no terminal: the "
        + "prompt reads end of input, " + program + " aborts and the build fails; add -y";
  }
}
