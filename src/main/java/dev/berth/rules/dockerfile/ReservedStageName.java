package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * BuildKit's ReservedStageName ({@code dockerfile2llb/validations.go}): a stage named
 * {@code scratch} or {@code context}. BuildKit resolves a name to an earlier stage before it
 * thinks of images ({@code dispatchStates.addState}), so after {@code AS scratch} every later
 * {@code FROM scratch} and {@code COPY --from=scratch} means that stage, not the empty image; that
 * is a warning. A reserved name nothing refers to, and {@code context} (which BuildKit keeps for
 * named build contexts, with no meaning of its own in a plain build), is only confusing: a note.
 */
@RuleMeta(
    id = "BTH013",
    summary = "A stage is named 'scratch' or 'context', names BuildKit reserves",
    severity = Severity.WARNING,
    category = Category.BUG,
    precision = Precision.VERY_HIGH,
    aliases = {"ReservedStageName", "DL3063"})
public final class ReservedStageName implements DockerfileRule {
  private static final Set<String> RESERVED = Set.of("scratch", "context");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      if (stage.name().isEmpty() || !RESERVED.contains(stage.name().get())) continue;
      String name = stage.name().get();
      List<Range> uses = name.equals("scratch") ? laterUses(dockerfile, stage, name) : List.of();
      Range at = stage.from().stageName().orElseThrow().range();
      // zipkin's `FROM scratch as scratch` that collects scripts, which later stages take with
      // COPY --from=scratch: the stage is built on the empty image and nothing builds FROM the
      // name later; copying from the empty image would copy nothing, so the references can only
      // mean this stage, as the author intends: a note.
      boolean onlyCopiesFromIt = !uses.isEmpty() && name.equals("scratch")
          && stage.from().image().text().equalsIgnoreCase("scratch")
          && laterFroms(dockerfile, stage, name) == 0;
      RuleContext.Report r = ctx.report(at, message(name, uses.size())
          + (onlyCopiesFromIt ? "; the stage is built on the empty image and is only copied"
              + " from, which copying from the empty image could not mean, so this is what the"
              + " references intend; a name of its own would say so without the reserved one"
              : ""));
      if (uses.isEmpty() || onlyCopiesFromIt) r.severity(Severity.NOTE);
      if (!uses.isEmpty()) {
        for (Range u : uses) r.related(u, "means this stage, not the empty image");
      }
    }
  }

  /** How many later stages are built FROM the name. */
  private static long laterFroms(Dockerfile df, Stage named, String name) {
    return df.stages().stream().filter(s -> s.index() > named.index()
        && s.from().image().text().equalsIgnoreCase(name)).count();
  }

  /** Later FROM, COPY --from and RUN --mount from= that name the stage. */
  private static List<Range> laterUses(Dockerfile df, Stage named, String name) {
    List<Range> out = new ArrayList<>();
    for (Stage s : df.stages()) {
      if (s.index() > named.index() && s.from().image().text().equalsIgnoreCase(name)) {
        out.add(s.from().image().range());
      }
      if (s.index() < named.index()) continue;
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.FileTransfer t) {
          for (Flag f : t.flags()) {
            if (f.name().equals("from") && f.valueOrEmpty().equalsIgnoreCase(name)) {
              out.add(f.range());
            }
          }
        } else if (i instanceof Instruction.Run run) {
          for (Mount m : run.mounts()) {
            if (m.option("from").map(name::equalsIgnoreCase).orElse(false)) out.add(run.range());
          }
        }
      }
    }
    return out;
  }

  public static String message(String name, int uses) {
    String base = "stage name '" + name + "' is reserved by BuildKit";
    if (uses > 0) {
      return base + ": the later reference" + (uses == 1 ? "" : "s") + " to 'scratch' "
          + (uses == 1 ? "uses" : "use") + " this stage instead of the empty image";
    }
    return name.equals("scratch") ? base + "; a later FROM scratch would build on this stage"
        : base + " for named build contexts";
  }
}
