package dev.berth.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one build stage resolves to at its end, as BuildKit would compute it (see
 * {@link StageResolver}). Values inherited from a parent stage ({@code FROM build AS x}) keep the
 * range of the instruction in the parent that set them. Empty optionals mean "not set by this
 * Dockerfile": the base image's own value applies, which this class does not know.
 *
 * @param baseName the FROM image expanded with the global ARGs
 * @param parent index of the earlier stage FROM names, if any
 * @param image the parsed external base image (empty for stages, scratch, unknown or invalid names)
 * @param args ARGs in scope at the end of the stage (inherited from the parent stage too)
 * @param env ENV at the end of the stage (the image's runtime environment, as far as known)
 * @param labels LABELs (keys and values expanded)
 * @param volumes VOLUME paths (expanded)
 * @param workdir absolute working directory (relative WORKDIRs resolved), default {@code /};
 *     not known until an absolute WORKDIR when the base is an external image
 * @param shell SHELL, default {@code ["/bin/sh", "-c"]}
 * @param entrypoint exec-form list (shell form already turned into SHELL + [script])
 * @param cmd likewise; an ENTRYPOINT in this stage before any CMD resets an inherited CMD to
 *     {@code []} (setBy = that ENTRYPOINT)
 * @param steps the build state before each instruction of {@code stage()}, by index
 * @param varsAtEnd the expansion environment after the last instruction
 * @param triggers the parent stage's ONBUILD triggers, which ran at this stage's FROM
 * @param triggerSteps the build state before each of {@code triggers}
 * @param limitHits words whose expansion hit one of berth's bounds (their values are unknown)
 */
public record StageFacts(
    Stage stage,
    Expansion baseName,
    Optional<Integer> parent,
    Optional<ImageRef> image,
    Map<String, Fact<String>> args,
    Map<String, Fact<String>> env,
    Map<String, Fact<String>> labels,
    List<Fact<String>> volumes,
    Optional<Fact<UserSpec>> user,
    Fact<String> workdir,
    Fact<List<String>> shell,
    List<Fact<PortSpec>> exposes,
    Optional<Fact<List<String>>> entrypoint,
    Optional<Fact<List<String>>> cmd,
    Optional<Fact<HealthcheckSpec>> healthcheck,
    Optional<Fact<String>> stopSignal,
    List<StepContext> steps,
    Vars varsAtEnd,
    List<Instruction> triggers,
    List<StepContext> triggerSteps,
    List<LimitHit> limitHits) {

  public StageFacts {
    args = Map.copyOf(args);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
    volumes = List.copyOf(volumes);
    exposes = List.copyOf(exposes);
    steps = List.copyOf(steps);
    triggers = List.copyOf(triggers);
    triggerSteps = List.copyOf(triggerSteps);
    limitHits = List.copyOf(limitHits);
  }

  /** The build state after the last instruction. */
  public StepContext end() {
    return new StepContext(varsAtEnd, user, workdir, shell);
  }

  /** The build state before instruction {@code k} of the stage; {@link #end()} past the last. */
  public StepContext before(int k) {
    return k < steps.size() ? steps.get(k) : end();
  }

  public int index() {
    return stage.index();
  }

  /**
   * The first stage of this stage's FROM chain, the one built on an image (itself when it is),
   * in {@code all}, the Dockerfile's resolved stages; empty when a parent index is not one of
   * them. Parents are earlier stages; the walk is bounded all the same.
   */
  public Optional<StageFacts> chainRoot(List<StageFacts> all) {
    StageFacts s = this;
    for (int hops = 0; s.parent().isPresent() && hops <= all.size(); hops++) {
      int p = s.parent().get();
      if (p < 0 || p >= all.size()) return Optional.empty();
      s = all.get(p);
    }
    return Optional.of(s);
  }

  public boolean scratch() {
    return parent.isEmpty() && baseName.known() && ImageRef.isScratch(baseName.value());
  }

  /** Expansion environment in force before {@code instruction} (which must be in this stage). */
  public Vars varsBefore(Instruction instruction) {
    return stepBefore(instruction).map(StepContext::vars).orElse(varsAtEnd);
  }

  /** Build state (vars, user, workdir, shell) just before {@code instruction} of this stage. */
  public Optional<StepContext> stepBefore(Instruction instruction) {
    List<Instruction> all = stage.instructions();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == instruction) return Optional.of(steps.get(i));
    }
    int i = all.indexOf(instruction);
    return i < 0 ? Optional.empty() : Optional.of(steps.get(i));
  }

  /** The process the container starts: ENTRYPOINT + CMD, when both are known. */
  public Optional<List<String>> startCommand() {
    if (entrypoint.isEmpty() && cmd.isEmpty()) return Optional.empty();
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    entrypoint.ifPresent(e -> all.addAll(e.value()));
    cmd.ifPresent(c -> all.addAll(c.value()));
    return Optional.of(List.copyOf(all));
  }
}
