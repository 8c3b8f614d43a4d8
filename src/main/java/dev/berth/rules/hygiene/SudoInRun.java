package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.UserSpec;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sudo} in a RUN. As root it is useless (and many base images do not install it); as
 * another USER it needs a password-less sudoers entry, since a RUN has no terminal. Either way
 * {@code USER root} before the commands (and back after) says what happens.
 */
@RuleMeta(
    id = "BTH509",
    summary = "sudo in a RUN, where USER decides who runs the commands",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3004"})
public final class SudoInRun implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      for (SimpleCommand c : site.script().commands()) {
        if (c.words().isEmpty() || c.words().get(0).value()
            .filter(w -> w.equals("sudo") || w.endsWith("/sudo")).isEmpty()) {
          continue;
        }
        Optional<Fact<UserSpec>> user = site.stage().stepBefore(site.run())
            .flatMap(s -> s.user());
        boolean root = user.isPresent()
            ? user.get().known() && Set.of("root", "0").contains(user.get().value().user())
            : BaseImages.catalogBase(site.stage(), RunScripts.of(project).stages(dockerfile))
                .filter(b -> b.defaultUser().equals("root")).isPresent();
        ctx.report(site.script().range(c.words().get(0)), root ? messageRoot() : message());
        break;
      }
    }
  }

  public static String messageRoot() {
    return "RUN already runs as root here, so 'sudo' adds nothing (and many base images do not "
        + "install it); drop it";
  }

  public static String message() {
    return "'sudo' in a RUN needs a password-less sudoers entry, since a build has no terminal; "
        + "switch with 'USER root' for the commands that need it instead";
  }
}
