package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code apt-get install} in a shipped stage without {@code --no-install-recommends}: apt also
 * installs every package the named ones recommend. Silent when an apt option or an earlier RUN's
 * apt configuration turns recommends off ({@code APT::Install-Recommends}).
 */
@RuleMeta(
    id = "BTH503",
    summary = "apt-get install also installs recommended packages",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3015"})
public final class AptInstallRecommends implements DockerfileRule {
  private static final Set<String> WITH_VALUE =
      Set.of("o", "c", "t", "option", "config-file", "target-release");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Set<Integer> shipped = ImageStages.of(dockerfile, project);
    boolean configured = false;
    for (RunScripts.Site site : RunScripts.of(project).sites(dockerfile)) {
      String text = site.script().script().text().toLowerCase(Locale.ROOT);
      if (!shipped.contains(site.stage().index())) continue;
      for (SimpleCommand c : site.script().commands()) {
        Optional<CommandLine> l = CommandLine.of(c, Set.of("apt-get", "apt"));
        if (l.isEmpty() || l.get().opaque() || configured) continue;
        if (l.get().subcommand(WITH_VALUE).filter("install"::equals).isEmpty()) continue;
        if (l.get().hasLong("no-install-recommends")) continue;
        List<String> options = l.get().optionValues("o", "option");
        if (options.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT)
            .startsWith("apt::install-recommends="))) {
          continue;
        }
        ctx.report(site.script().range(c), message(l.get().name()));
      }
      // a later RUN is covered by configuration this one writes
      configured |= text.contains("install-recommends");
    }
  }

  public static String message(String program) {
    return "'" + program + " install' also installs every package the named ones recommend, "
        + "which makes the image larger than it needs to be; add --no-install-recommends";
  }
}
