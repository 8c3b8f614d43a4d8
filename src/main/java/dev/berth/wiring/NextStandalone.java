package dev.berth.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Word;
import dev.berth.image.Answer;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.ImageFiles;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a Next.js build in an image writes the standalone server ({@code .next/standalone}):
 * the {@code next build} a stage runs in a directory (from {@link FrontendBuilds}), the
 * next.config files in that directory when it runs (traced to the project with
 * {@link ImageFiles}, or known absent when the whole context was copied there and holds none),
 * and what they say ({@link NextConfig}). Next writes standalone output only with
 * {@code output: 'standalone'} (nextjs.org/docs/app/api-reference/config/next-config-js/output),
 * or when {@code NEXT_PRIVATE_STANDALONE} is set in the build's environment (the variable
 * adapters such as OpenNext set to make {@code next build} write standalone output whatever the
 * config says).
 */
public final class NextStandalone {
  private static final String FORCED = "NEXT_PRIVATE_STANDALONE";
  /** Endings of single files that are not a next.config: manifests and lock files. */
  private static final List<String> OTHER_FILES =
      List.of(".json", ".lock", ".lockb", ".yaml", ".yml", ".npmrc", ".nvmrc", ".yarnrc");

  /**
   * No standalone output: the build, why (to complete "next build writes .next/standalone only
   * when ..., and"), and the config file that says so (empty when there is none).
   */
  public record Missing(FrontendBuilds.Build build, String reason, Optional<Range> config) {}

  private final Project project;
  private final Optional<UrlVariables.BrowserPrefix> next;

  private NextStandalone(Project project) {
    this.project = project;
    this.next = UrlVariables.standard().browserPrefixes().stream()
        .filter(b -> b.builds().contains("next build")).findFirst();
  }

  public static NextStandalone of(Project project) {
    return project.fact(NextStandalone.class, NextStandalone::new);
  }

  /**
   * Whether {@code next build}, run in {@code dir} of {@code builder} (a stage of {@code c}'s
   * Dockerfile), writes no {@code .next/standalone}: present, with the reason, when it certainly
   * does not; empty when it does or when anything it depends on is unknown.
   */
  public Optional<Missing> missing(Container c, StageSimulation builder, String dir) {
    if (next.isEmpty()) return Optional.empty();
    Optional<List<FrontendFiles.Files>> files = FrontendFiles.of(project).all(c);
    if (files.isEmpty() || files.get().isEmpty()) return Optional.empty();
    List<FrontendBuilds.Build> builds =
        FrontendBuilds.of(project).builds(c.dockerfile(), next.get(), files.get());
    Optional<FrontendBuilds.Build> build = nextBuild(builder, dir, builds);
    if (build.isEmpty()) return Optional.empty();
    return why(c, builder, dir, build.get())
        .map(w -> new Missing(build.get(), w.text(), w.at()));
  }

  /** Why there will be no standalone output, and the config file that says so. */
  private record Why(String text, Optional<Range> at) {}

  private Optional<Why> why(Container c, StageSimulation builder, String dir,
      FrontendBuilds.Build build) {
    Optional<StageSimulation> owner = chain(builder).stream()
        .filter(s -> s.stage() == build.stage()).findFirst();
    Optional<StageSimulation.Step> before = owner.flatMap(s -> s.before(build.run()));
    if (before.isEmpty() || before.get().env().containsKey(FORCED)
        || before.get().unknownVars().contains(FORCED)
        || FrontendBuilds.text(build.run()).contains(FORCED)) {
      return Optional.empty();
    }
    if (owner.isEmpty()) return Optional.empty();
    Optional<List<String>> found = configs(owner.get(), build, dir, c);
    if (found.isEmpty()) return Optional.empty();
    List<String> present = found.get();
    if (present.isEmpty()) {
      return Optional.of(new Why("there is no next.config.* in " + dir + " when it runs",
          Optional.empty()));
    }
    Optional<Why> why = Optional.empty();
    for (String file : present) {
      Optional<ImageFiles.Content> content =
          ImageFiles.read(project, c.dockerfile(), owner.get(), c.contexts(), file);
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
   * unknown. A config is there when a COPY put it there. One is absent when the base image has
   * no {@code dir}, no RUN before the build names a next.config, nothing copied into {@code dir}
   * could hold one unseen (another stage's or image's files, a directory, a glob), and either
   * the whole context was copied there ({@code COPY . .}) and sends none at its root, or no COPY
   * named it.
   */
  private Optional<List<String>> configs(StageSimulation owner, FrontendBuilds.Build build,
      String dir, Container c) {
    List<StageSimulation> stages = reversed(chain(owner));
    // The base image must not hold the directory already (its files are not read).
    if (stages.get(0).initialFilesystem().lookup(dir).exists() != Answer.NO) {
      return Optional.empty();
    }
    boolean wholeContext = false;
    Set<String> named = new HashSet<>();
    for (StageSimulation s : stages) {
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
            named.add(src.substring(src.lastIndexOf('/') + 1));
          }
        }
      }
    }
    List<String> present = new ArrayList<>();
    for (String name : next.get().configs()) {
      String file = ImageFilesystem.resolve(dir, name);
      if (ImageFiles.read(project, c.dockerfile(), owner, c.contexts(), file).isPresent()) {
        present.add(file);
        continue;
      }
      if (named.contains(name)) return Optional.empty();
      // Without COPY . every file in the directory was named, so an unnamed config is absent.
      if (!wholeContext) continue;
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
    Collections.reverse(out);
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
