package dev.berth.rules.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
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
import dev.berth.runtime.ImageFiles;
import dev.berth.source.Range;
import dev.berth.wiring.FrontendBuilds;
import dev.berth.wiring.FrontendFiles;
import dev.berth.wiring.NextConfig;
import dev.berth.wiring.UrlVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code COPY --from=STAGE .../.next/standalone} whose stage runs {@code next build} in that
 * directory while the next.config there does not set {@code output: 'standalone'} (or there is
 * none): Next writes {@code .next/standalone} only with that option, so the directory never
 * exists and the build stops at the COPY. Silent when anything is unknown: the build's
 * directory ({@code cd}, workspaces, monorepo runners), a config file berth cannot trace to the
 * project or read whole (functions, plugin wrappers, spreads, non-literal values), a directory
 * whose contents are unknown at the build, or {@code NEXT_PRIVATE_STANDALONE} in the build's
 * environment (Next then writes standalone output whatever the config says).
 */
@RuleMeta(id = "BTH724",
    summary = "COPY of .next/standalone while next.config does not set output: 'standalone'",
    severity = Severity.ERROR, category = Category.BUG)
public final class NextStandaloneNotConfigured implements ProjectRule {
  private static final String STANDALONE = "/.next/standalone";
  private static final String FORCED = "NEXT_PRIVATE_STANDALONE";
  /** Endings of single files that are not a next.config: manifests and lock files. */
  private static final List<String> OTHER_FILES =
      List.of(".json", ".lock", ".lockb", ".yaml", ".yml", ".npmrc", ".nvmrc", ".yarnrc");

  public static String message(String from, String path, String why) {
    return "COPY --from=" + from + " takes " + path + ", but next build writes .next/standalone"
        + " only when next.config sets output: 'standalone', and " + why + ": the directory never"
        + " exists, so the image build fails here (not found); add output: 'standalone' to"
        + " next.config";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Optional<UrlVariables.BrowserPrefix> next = UrlVariables.standard().browserPrefixes().stream()
        .filter(b -> b.builds().contains("next build")).findFirst();
    if (next.isEmpty()) return;
    Set<Range> reported = new HashSet<>();
    for (Dockerfile df : project.dockerfiles()) {
      for (Container c : Containers.of(project).of(df)) {
        Optional<List<FrontendFiles.Files>> files = files(project, c);
        if (files.isEmpty()) continue;
        List<FrontendBuilds.Build> builds = FrontendBuilds.builds(df, next.get(), files.get());
        for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
          for (Instruction.FileTransfer t : s.stage().all(Instruction.FileTransfer.class)) {
            if (t instanceof Instruction.Copy && !reported.contains(t.range())) {
              check(project, df, c, t, builds, next.get(), reported, ctx);
            }
          }
        }
      }
    }
  }

  private static Optional<List<FrontendFiles.Files>> files(Project project, Container c) {
    List<FrontendFiles.Files> out = new ArrayList<>();
    for (BuildContext bc : c.contexts()) {
      Optional<FrontendFiles.Files> f = FrontendFiles.of(project).of(bc);
      if (f.isEmpty() || !f.get().complete()) return Optional.empty();
      out.add(f.get());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static void check(Project project, Dockerfile df, Container c,
      Instruction.FileTransfer t, List<FrontendBuilds.Build> builds,
      UrlVariables.BrowserPrefix next, Set<Range> reported, RuleContext ctx) {
    if (t.from().isEmpty()) return;
    Optional<Stage> from = df.stage(t.from().get());
    if (from.isEmpty()) return;
    Optional<StageSimulation> builder = ImageSimulation.of(project).stage(df, from.get());
    if (builder.isEmpty()) return;
    for (Word w : t.sources()) {
      String src = w.text();
      if (src.contains("$") || src.matches(".*[*?\\[].*")) continue;
      // COPY --from takes paths from the root of the stage, not its WORKDIR.
      String path = ImageFilesystem.normalize("/" + src);
      if (!path.endsWith(STANDALONE)) continue;
      String cut = path.substring(0, path.length() - STANDALONE.length());
      String dir = cut.isEmpty() ? "/" : cut;
      Optional<Why> why = why(project, df, c, builder.get(), dir, builds, next);
      if (why.isEmpty()) continue;
      FrontendBuilds.Build build = nextBuild(builder.get(), dir, builds).orElseThrow();
      if (reported.add(t.range())) {
        RuleContext.Report r = ctx.report(w.range(), message(t.from().get(), path, why.get().text()))
            .related(build.at(), "next build runs here, in " + dir);
        why.get().at().ifPresent(at -> r.related(at, "the next.config next build reads"));
      }
      return;
    }
  }

  /** Why there will be no standalone output, and the config file that says so. */
  private record Why(String text, Optional<Range> at) {}

  private static Optional<Why> why(Project project, Dockerfile df, Container c,
      StageSimulation builder, String dir, List<FrontendBuilds.Build> builds,
      UrlVariables.BrowserPrefix next) {
    Optional<FrontendBuilds.Build> build = nextBuild(builder, dir, builds);
    if (build.isEmpty()) return Optional.empty();
    Optional<StageSimulation> owner = chain(builder).stream()
        .filter(s -> s.stage() == build.get().stage()).findFirst();
    Optional<StageSimulation.Step> before = owner.flatMap(s -> s.before(build.get().run()));
    if (before.isEmpty() || before.get().env().containsKey(FORCED)
        || before.get().unknownVars().contains(FORCED)
        || FrontendBuilds.text(build.get().run()).contains(FORCED)) {
      return Optional.empty();
    }
    Optional<List<String>> found = configs(project, owner.get(), build.get(), dir, c, next);
    if (found.isEmpty()) return Optional.empty();
    List<String> present = found.get();
    if (present.isEmpty()) {
      return Optional.of(new Why("there is no next.config.* in " + dir + " when it runs",
          Optional.empty()));
    }
    Optional<Why> why = Optional.empty();
    for (String file : present) {
      Optional<ImageFiles.Content> content =
          ImageFiles.read(project, df, owner.get(), c.contexts(), file);
      if (content.isEmpty()) return Optional.empty();
      NextConfig.Reading r = NextConfig.read(content.get().text());
      Optional<Range> at = content.get().file().map(f -> Range.wholeFile(f.path()))
          .or(() -> Optional.of(content.get().placedBy()));
      switch (r.output()) {
        case STANDALONE, UNKNOWN -> {
          return Optional.empty();
        }
        case OTHER -> why = Optional.of(new Why(file + " sets output: '"
            + r.value().orElse("") + "'", at));
        case NONE -> why = why.or(() -> Optional.of(new Why(file + " sets no output", at)));
      }
    }
    return why;
  }

  /**
   * The next.config files in {@code dir} when {@code build} runs, as image paths; empty when
   * unknown. A config is there when a COPY put it there; none is there only when the whole
   * context was copied into {@code dir} ({@code COPY . .}), the context sends no next.config at
   * its root, no RUN before the build names one, and nothing else copied into {@code dir} itself
   * could hold one (another stage's or image's files, a directory, a glob).
   */
  private static Optional<List<String>> configs(Project project, StageSimulation owner,
      FrontendBuilds.Build build, String dir, Container c, UrlVariables.BrowserPrefix next) {
    boolean wholeContext = false;
    for (StageSimulation s : reversed(chain(owner))) {
      for (Instruction i : s.stage().instructions()) {
        if (i == build.run()) break;
        if (i instanceof Instruction.Run r) {
          if (FrontendBuilds.text(r).contains("next.config")) return Optional.empty();
          continue;
        }
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<String> wd = s.before(t).flatMap(StageSimulation.Step::workdir);
        String dest = t.destination().text();
        if (dest.contains("$") || (!dest.startsWith("/") && wd.isEmpty())) return Optional.empty();
        String to = ImageFilesystem.resolve(wd.orElse("/"), dest);
        boolean intoDir = to.equals(dir) || dir.startsWith(to.equals("/") ? "/" : to + "/");
        if (!intoDir) continue;
        if (t.from().isPresent()) return Optional.empty();
        for (Word w : t.sources()) {
          String src = w.text();
          if (src.equals(".") || src.equals("./")) {
            if (!to.equals(dir)) return Optional.empty();
            wholeContext = true;
          } else if (!to.equals(dir) || !otherFile(src)) {
            // A directory or glob copied into the app directory may hold a next.config.
            if (!src.contains("next.config")) return Optional.empty();
          }
        }
      }
    }
    List<String> present = new ArrayList<>();
    for (String name : next.configs()) {
      String file = ImageFilesystem.resolve(dir, name);
      if (ImageFiles.read(project, c.dockerfile(), owner, c.contexts(), file).isPresent()) {
        present.add(file);
        continue;
      }
      if (!wholeContext) return Optional.empty();
      for (BuildContext bc : c.contexts()) {
        Optional<ContextFiles> cf = BuildContexts.of(project).files(bc);
        if (cf.isEmpty()) return Optional.empty();
        ContextFiles.Presence p = cf.get().presence(name);
        if (p != ContextFiles.Presence.ABSENT && p != ContextFiles.Presence.EXCLUDED) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(present);
  }

  /** A manifest or lock file ({@code package.json}, {@code yarn.lock}, {@code .npmrc}). */
  private static boolean otherFile(String src) {
    String name = src.substring(src.lastIndexOf('/') + 1);
    return !name.contains("*") && !name.contains("?") && !name.contains("[")
        && OTHER_FILES.stream().anyMatch(name::endsWith);
  }

  private static List<StageSimulation> reversed(List<StageSimulation> chain) {
    List<StageSimulation> out = new ArrayList<>(chain);
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * The one {@code next build} of the builder's stages that runs in {@code dir}; empty when none
   * does, or when one of them runs somewhere berth cannot tell.
   */
  private static Optional<FrontendBuilds.Build> nextBuild(StageSimulation builder, String dir,
      List<FrontendBuilds.Build> builds) {
    List<StageSimulation> chain = chain(builder);
    Optional<FrontendBuilds.Build> found = Optional.empty();
    for (FrontendBuilds.Build b : builds) {
      Optional<StageSimulation> owner = chain.stream().filter(s -> s.stage() == b.stage()).findFirst();
      if (owner.isEmpty()) continue;
      if (!b.inWorkdir()) return Optional.empty();
      Optional<String> wd = owner.get().before(b.run()).flatMap(StageSimulation.Step::workdir);
      if (wd.isEmpty()) return Optional.empty();
      if (ImageFilesystem.normalize(wd.get()).equals(dir)) found = Optional.of(b);
    }
    return found;
  }

  private static List<StageSimulation> chain(StageSimulation s) {
    List<StageSimulation> out = new ArrayList<>();
    for (StageSimulation x = s; x != null && out.size() <= StageSimulation.MAX_CHAIN;
        x = x.parent().orElse(null)) {
      out.add(x);
    }
    return out;
  }
}

