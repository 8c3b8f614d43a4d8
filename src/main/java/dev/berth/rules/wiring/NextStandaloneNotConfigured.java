package dev.berth.rules.wiring;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.source.Range;
import dev.berth.wiring.NextStandalone;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code COPY --from=STAGE .../.next/standalone} whose stage runs {@code next build} in that
 * directory while the next.config there does not set {@code output: 'standalone'} (or there is
 * none): Next writes {@code .next/standalone} only with that option, so the directory never
 * exists and the build stops at the COPY. What the build writes is the {@link NextStandalone}
 * fact, silent whenever something is unknown: the build's directory ({@code cd}, workspaces,
 * monorepo runners), a config berth cannot trace to the project or read whole (functions, plugin
 * wrappers, spreads, non-literal values), files another stage put in the app directory, or
 * {@code NEXT_PRIVATE_STANDALONE} in the build's environment.
 */
@RuleMeta(id = "BTH724",
    summary = "COPY of .next/standalone while next.config does not set output: 'standalone'",
    severity = Severity.ERROR, category = Category.BUG)
public final class NextStandaloneNotConfigured implements ProjectRule {
  private static final String STANDALONE = "/.next/standalone";

  public static String message(String from, String path, String why) {
    return "COPY --from=" + from + " takes " + path + ", but next build writes .next/standalone"
        + " only when next.config sets output: 'standalone', and " + why + ": the directory never"
        + " exists, so the image build fails here (not found); add output: 'standalone' to"
        + " next.config";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Dockerfile df : project.dockerfiles()) {
      for (Container c : Containers.of(project).of(df)) {
        for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
          for (Instruction.Copy t : s.stage().all(Instruction.Copy.class)) {
            if (t.from().isPresent() && !reported.contains(t.range())) {
              check(project, df, c, t, reported, ctx);
            }
          }
        }
      }
    }
  }

  private static void check(Project project, Dockerfile df, Container c, Instruction.Copy t,
      Set<Range> reported, RuleContext ctx) {
    Optional<Stage> from = df.stage(t.from().get());
    if (from.isEmpty()) return;
    Optional<StageSimulation> builder = ImageSimulation.of(project).stage(df, from.get());
    if (builder.isEmpty()) return;
    for (Word w : t.sources()) {
      String src = w.text();
      if (src.contains("$") || src.contains("*") || src.contains("?") || src.contains("[")) {
        continue;
      }
      // COPY --from takes paths from the root of the stage, not its WORKDIR.
      String path = ImageFilesystem.normalize("/" + src);
      if (!path.endsWith(STANDALONE)) continue;
      String cut = path.substring(0, path.length() - STANDALONE.length());
      String dir = cut.isEmpty() ? "/" : cut;
      Optional<NextStandalone.Missing> missing =
          NextStandalone.of(project).missing(c, builder.get(), dir);
      if (missing.isEmpty() || !reported.add(t.range())) continue;
      RuleContext.Report r = ctx.report(w.range(),
          message(t.from().get(), path, missing.get().reason()))
          .related(missing.get().build().at(), "next build runs here, in " + dir);
      missing.get().config().ifPresent(at -> r.related(at, "the next.config next build reads"));
      return;
    }
  }
}
