package dev.berth.rules.wiring;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.PortMapping;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.PortSpec;
import dev.berth.dockerfile.Word;
import dev.berth.image.DevelopmentImages;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.evidence.RepoImages;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.source.Range;
import dev.berth.wiring.ImageServices;
import dev.berth.wiring.Listener;
import dev.berth.wiring.Listeners;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A port Compose publishes (the container side of {@code ports:}) or the image EXPOSEs, on which
 * no process of the container listens, judged only when berth knows every listener of the
 * container (every program has a catalog entry and readable arguments): connections to it are
 * refused. The message names the listeners that do exist. A service that runs an official image
 * as is is judged against the image's default command ({@link ImageServices}).
 */
@RuleMeta(
    id = "BTH700",
    summary = "A published or exposed port on which no process of the container listens",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class PublishedPortWithoutListener implements ProjectRule {

  public static String message(String what, int port, String listeners) {
    String found = listeners.isEmpty() ? "none of its programs listens on a TCP port"
        : (listeners.contains(", ") ? "its listeners are " : "its only listener is ") + listeners;
    return what + " " + port + ", but no process in the container listens on it (" + found
        + "), so connections to it are refused";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    Listeners all = Listeners.of(project);
    Set<Range> reported = new HashSet<>();
    // EXPOSE instructions with the containers that run their stage.
    Map<Instruction.Expose, List<Listeners.Of>> exposes = new LinkedHashMap<>();
    for (Listeners.Of lo : all.all()) {
      Container c = lo.container();
      for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
        for (Instruction i : s.stage().instructions()) {
          if (i instanceof Instruction.Expose e) exposes.computeIfAbsent(e, k -> new ArrayList<>()).add(lo);
        }
      }
      if (!lo.complete() || c.service().isEmpty()) continue;
      // A service whose entrypoint or command is replaced by one that only waits or prints
      // (openproject's control layer disables every service it does not run with
      // `entrypoint: ["echo", "disabled"]`): switched off on purpose, so its ports say nothing.
      if (c.idle() && c.overridesProcess()) continue;
      Service s = c.service().get();
      for (PortMapping m : s.ports()) {
        OptionalInt port = Ports.published(s, m);
        if (port.isEmpty() || !lo.on(port.getAsInt()).isEmpty() || !reported.add(m.range())) continue;
        Optional<String> testData = testData(project, s);
        RuleContext.Report r = ctx.report(m.range(), message("service '" + s.serviceName()
            + "' publishes container port", port.getAsInt(), Ports.describe(lo.listeners()))
            + testData.map(dev.berth.compose.ComposeTestData::assumption).orElse(""));
        if (testData.isPresent()) r.severity(Severity.NOTE);
        Ports.relate(r, lo.listeners());
      }
    }
    exposes.forEach((e, containers) -> {
      // A Dockerfile the repository only builds as the base of another (MaxKB's
      // installer/Dockerfile-base, whose redis the derived image's start-all.sh starts): its
      // EXPOSE is for the image built on it, whose processes these containers are not. A
      // probable base (a Dockerfile named base beside one FROM an image named ...base, MaxKB's
      // tags coming from a CI step's outputs) counts too: judged alone, the base's inherited
      // command would be a guess at what runs.
      boolean onlyBase = project.dockerfiles().size() > 1 && containers.stream().allMatch(lo ->
          lo.container().service().isEmpty() && RepoImages.of(project)
              .onlyBaseOf(lo.container().dockerfile()).isPresent());
      if (!onlyBase) expose(e, containers, reported, ctx);
    });
    for (ComposeProject cp : project.composeProjects()) {
      if (!cp.servicesAsWritten()) continue;
      for (Service s : cp.services().values()) imageService(project, s, reported, ctx);
    }
  }

  /**
   * A service that runs an official image as is: its ports against what the image's default
   * command (or its {@code command:}) listens on, when berth knows every port of it
   * ({@link ImageServices}).
   */
  private static void imageService(Project project, Service s, Set<Range> reported,
      RuleContext ctx) {
    if (s.ports().isEmpty()) return;
    Optional<ImageServices.Known> image = ImageServices.known(project, s);
    if (image.isEmpty() || !image.get().complete()) return;
    List<Listener> listeners = image.get().listeners();
    for (PortMapping m : s.ports()) {
      OptionalInt port = Ports.published(s, m);
      if (port.isEmpty() || !reported.add(m.range())) continue;
      int p = port.getAsInt();
      if (listeners.stream().anyMatch(l -> l.bind().tcpPort().orElse(-1) == p)) continue;
      Optional<String> testData = testData(project, s);
      RuleContext.Report r = ctx.report(m.range(), message("service '" + s.serviceName()
          + "' publishes container port", p, Ports.describe(listeners))
          + testData.map(dev.berth.compose.ComposeTestData::assumption).orElse(""));
      if (testData.isPresent()) r.severity(Severity.NOTE);
      Ports.relate(r, listeners);
    }
  }

  /**
   * The test data directory of the compose project that defines the service, when nothing runs
   * it ({@link dev.berth.compose.ComposeTestData}: docker/compose's pkg/e2e/fixtures/bridge, an
   * input its converter test reads): a finding there is a note that says so.
   */
  private static Optional<String> testData(Project project, Service s) {
    for (ComposeProject cp : project.composeProjects()) {
      if (cp.services().get(s.serviceName()) == s) {
        return dev.berth.compose.ComposeTestData.directory(cp);
      }
    }
    return Optional.empty();
  }

  /** An EXPOSE is judged against every container that runs its stage. */
  private static void expose(Instruction.Expose e, List<Listeners.Of> containers,
      Set<Range> reported, RuleContext ctx) {
    if (containers.stream().anyMatch(lo -> !lo.complete())) return;
    for (Word w : e.ports()) {
      if (!w.text().matches("\\d+(/tcp)?")) continue;
      Optional<PortSpec> spec = PortSpec.parse(w.text());
      if (spec.isEmpty() || spec.get().start() != spec.get().end()) continue;
      int port = spec.get().start();
      if (containers.stream().anyMatch(lo -> !lo.on(port).isEmpty())) continue;
      if (!reported.add(w.range())) continue;
      List<dev.berth.wiring.Listener> listeners = containers.stream()
          .flatMap(lo -> lo.listeners().stream()).toList();
      // A development or test image by its path (gitlab-runner's
      // tests/dockerfiles/many-exposed-ports: EXPOSE 1000-1024 is what its test reads): a note.
      boolean test = DevelopmentImages.standard().matches(w.range().file());
      RuleContext.Report r = ctx.report(w.range(), message("EXPOSE", port,
          Ports.describe(listeners)) + (test ? "; the image is taken for a development or test"
              + " image by its path, where an EXPOSE may be test data" : ""))
          .severity(test ? Severity.NOTE : Severity.WARNING);
      Ports.relate(r, listeners);
    }
  }
}
