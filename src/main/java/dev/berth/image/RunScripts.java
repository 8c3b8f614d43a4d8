package dev.berth.image;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.project.Project;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every RUN of every Dockerfile with the script berth reads from it and the stage facts before
 * it, computed once per project: the rules that judge shell commands share this one reading.
 */
public final class RunScripts {
  private final Map<Dockerfile, List<StageFacts>> facts =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Dockerfile, List<Site>> sites =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** One RUN: its stage's facts (the state before it via {@link StageFacts#stepBefore}) and script. */
  public record Site(StageFacts stage, Instruction.Run run, RunScript script) {}

  private RunScripts() {}

  public static RunScripts of(Project project) {
    return project.fact(RunScripts.class, p -> new RunScripts());
  }

  /** The stage facts of a Dockerfile, as {@link StageResolver#resolve(Dockerfile)} gives them. */
  public List<StageFacts> stages(Dockerfile df) {
    return facts.computeIfAbsent(df, StageResolver::resolve);
  }

  /** Every RUN of the Dockerfile in file order (ONBUILD triggers excluded: they run elsewhere). */
  public List<Site> sites(Dockerfile df) {
    return sites.computeIfAbsent(df, d -> {
      List<Site> out = new ArrayList<>();
      List<StageFacts> all = stages(d);
      boolean[] windows = windowsStages(all);
      for (int k = 0; k < all.size(); k++) {
        StageFacts f = all.get(k);
        for (Instruction i : f.stage().instructions()) {
          if (!(i instanceof Instruction.Run r)) continue;
          out.add(new Site(f, r, RunScript.of(d, r, shell(f, r, windows[k]))));
        }
      }
      return List.copyOf(out);
    });
  }

  /**
   * {@link #windows} of every stage in one pass: a stage's FROM names only an earlier stage, so
   * its parent's answer is known when it is reached. Asking per RUN walked the whole FROM chain
   * each time, quadratic in a chain of thousands of stages.
   */
  private static boolean[] windowsStages(List<StageFacts> all) {
    boolean[] windows = new boolean[all.size()];
    for (int k = 0; k < all.size(); k++) {
      StageFacts f = all.get(k);
      int at = k;
      windows[k] = ownWindows(f) || f.parent().filter(p -> p < windows.length)
          .map(p -> p < at ? windows[p] : windows(f, all, 0)).orElse(false);
    }
    return windows;
  }

  /**
   * The SHELL a RUN runs with. Windows images run RUN with {@code ["cmd", "/S", "/C"]} unless a
   * SHELL says otherwise (Dockerfile reference, SHELL), so a stage based on one (or on a stage
   * that is) gets that default rather than {@code /bin/sh}.
   */
  private static List<String> shell(StageFacts f, Instruction.Run r, boolean windows) {
    var step = f.stepBefore(r);
    if (step.isEmpty()) return List.of("/bin/sh", "-c");
    if (step.get().shell().setBy().isPresent()) return step.get().shell().value();
    return windows ? WINDOWS_SHELL : step.get().shell().value();
  }

  /** A stage on a Windows base image, directly or through the stages it is built FROM. */
  public static boolean windows(StageFacts f, List<StageFacts> all, int depth) {
    // A loop, not recursion: a FROM chain may be thousands of stages long (hostile input).
    for (StageFacts s = f; s != null && depth <= all.size(); depth++) {
      if (ownWindows(s)) return true;
      s = s.parent().filter(p -> p < all.size()).map(all::get).orElse(null);
    }
    return false;
  }

  /** The stage's own FROM names a Windows image or platform. */
  private static boolean ownWindows(StageFacts s) {
    return WINDOWS.matcher(s.baseName().value()).find()
        || s.stage().from().flag("platform").flatMap(dev.berth.dockerfile.Flag::value)
            .filter(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("windows")).isPresent();
  }

  static final List<String> WINDOWS_SHELL = List.of("cmd", "/S", "/C");

  /** Names of Windows base images (Microsoft's registry paths and tags). */
  private static final java.util.regex.Pattern WINDOWS = java.util.regex.Pattern.compile(
      "(?i)(windows|nanoserver|servercore|dotnet/framework|:ltsc20\\d\\d|-ltsc20\\d\\d)");
}
