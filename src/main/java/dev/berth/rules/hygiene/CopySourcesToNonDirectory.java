package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.Answer;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.Node;
import dev.berth.image.RunScripts;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.dockerfile.DockerfileSyntaxError;
import dev.berth.rules.dockerfile.StagesBuilt;
import dev.berth.source.TextEdit;
import java.util.BitSet;
import java.util.Optional;

/**
 * COPY/ADD of several sources to a destination that does not end with {@code /}. The legacy
 * builder refuses it ("When using COPY with more than one source file, the destination must be a
 * directory and end with a /"); BuildKit accepts it and copies each source onto the destination
 * in turn (moby/buildkit#1853, #4550): into the directory when it exists, else each file source
 * replaces the one before and the destination ends up a single file. So the finding is a warning
 * when the image simulation knows the destination does not exist, a note otherwise.
 */
@RuleMeta(
    id = "BTH511",
    summary = "COPY or ADD of several sources to a destination without a trailing slash",
    severity = Severity.WARNING,
    category = Category.BUG,
    aliases = {"DL3021"})
public final class CopySourcesToNonDirectory implements DockerfileRule {
  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    if (dockerfile.windows()) return; // Windows paths: another separator
    BitSet built = StagesBuilt.indexes(dockerfile, project);
    Expander ex = new Expander(dockerfile.escape());
    for (StageFacts f : RunScripts.of(project).stages(dockerfile)) {
      if (!built.get(f.stage().index())) continue;
      for (Instruction i : f.stage().instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        int sources = t.sources().size() + t.heredocs().size();
        if (sources < 2) continue;
        Expansion dest = ex.word(t.destination().text(), f.varsBefore(i));
        if (!dest.known() || dest.value().endsWith("/") || dest.value().isEmpty()) continue;
        String name = t.name();
        Answer exists = existsAsDirectory(project, dockerfile, f, t, dest.value());
        if (exists == Answer.YES) continue;
        String path = absolute(f, i, dest.value()).orElse(dest.value());
        Optional<String> testInput = DockerfileSyntaxError.testInput(project, dockerfile);
        var report = ctx.report(t.destination().range(), (exists == Answer.NO
            ? messageMissing(name, sources, dest.value(), path)
            : messageUnknown(name, sources, dest.value()))
            + testInput.map(DockerfileSyntaxError::testInputAssumption).orElse(""));
        if (exists != Answer.NO || testInput.isPresent()) report.severity(Severity.NOTE);
        if (t.destination().text().equals(dest.value()) && !t.json()) {
          report.fix("Add a trailing slash",
              new TextEdit(t.destination().range(), t.destination().text() + "/"));
        }
      }
    }
  }

  /** The destination as an absolute path, when the working directory is known. */
  private static Optional<String> absolute(StageFacts f, Instruction i, String dest) {
    if (dest.startsWith("/")) return Optional.of(ImageFilesystem.normalize(dest));
    return f.stepBefore(i).filter(s -> s.workdir().known())
        .map(s -> ImageFilesystem.resolve(s.workdir().value(), dest));
  }

  /** Whether the destination is a directory right before the instruction. */
  private static Answer existsAsDirectory(Project project, Dockerfile df, StageFacts f,
      Instruction i, String dest) {
    if (dest.equals(".")) return Answer.YES; // the working directory
    Optional<String> workdir = f.stepBefore(i).filter(s -> s.workdir().known())
        .map(s -> s.workdir().value());
    if (!dest.startsWith("/") && workdir.isEmpty()) return Answer.UNKNOWN;
    String path = dest.startsWith("/") ? dest : ImageFilesystem.resolve(workdir.get(), dest);
    if (workdir.isPresent() && ImageFilesystem.normalize(path)
        .equals(ImageFilesystem.normalize(workdir.get()))) {
      return Answer.YES;
    }
    Optional<StageSimulation.Step> before = ImageSimulation.of(project).stage(df, f.stage())
        .flatMap(s -> s.before(i));
    if (before.isEmpty()) return Answer.UNKNOWN;
    ImageFilesystem.Lookup l = before.get().filesystem().lookup(path);
    if (l.exists() == Answer.NO) return Answer.NO;
    if (l.exists() == Answer.YES) {
      Node.Kind k = l.node().map(Node::kind).orElse(Node.Kind.UNKNOWN);
      return k == Node.Kind.DIR ? Answer.YES : k == Node.Kind.FILE ? Answer.NO : Answer.UNKNOWN;
    }
    return Answer.UNKNOWN;
  }

  public static String messageMissing(String instruction, int sources, String dest,
      String path) {
    return instruction + " of " + sources + " sources to '" + dest + "', which is not a directory "
        + "at this point: BuildKit copies each source onto " + path + " in turn, so with file "
        + "sources only the last one is left, as the file " + path
        + " (the legacy builder refuses the instruction); write '" + dest + "/'";
  }

  public static String messageUnknown(String instruction, int sources, String dest) {
    return instruction + " of " + sources + " sources to '" + dest + "' without a trailing "
        + "slash: unless '" + dest + "' already exists as a directory, BuildKit leaves only the "
        + "last file source there, as a file, and the legacy builder refuses the instruction; "
        + "write '" + dest + "/'";
  }
}
