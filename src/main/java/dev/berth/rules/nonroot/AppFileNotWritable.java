package dev.berth.rules.nonroot;

import dev.berth.compose.Located;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.Access;
import dev.berth.image.Answer;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.RuntimeWrites;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application itself writes a path of the image that belongs to root: a log file or SQLite
 * database its configuration names, or a file or directory its code creates ({@code open(p, 'a')},
 * {@code os.makedirs}, {@code fs.writeFileSync}), e.g. {@code ./uploads} in a {@code WORKDIR /app}
 * made by root while the container runs as {@code USER app}. Reported where the app names the
 * path; the step that gave the directory its owner and the USER are the chain. A volume mounted
 * there is BTH206's question.
 */
@RuleMeta(
    id = "BTH212",
    summary = "The application writes a path in the image that belongs to root and is not writable by the runtime user",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class AppFileNotWritable implements DockerfileRule {

  /** @param what {@code gunicorn (shop/settings.py)}; @param kind {@code open(..., 'a')} */
  public static String message(String what, String path, String kind, String who,
      String blocking, String failure) {
    return what + " writes " + path + " (" + kind + "), but " + who + " cannot write " + blocking
        + ", so " + failure;
  }

  /**
   * The path whose creation needs write access to its directory: the file itself, or for
   * {@code os.makedirs} the first missing directory on the way. Empty when a file's directory is
   * missing (BTH213's question for log files and databases; for the code's own {@code open} the
   * code may create it where berth does not look).
   */
  private static Optional<String> firstToCreate(ContainerView view, AppFiles.AppFile f) {
    String path = f.path();
    while (!path.equals("/")) {
      Answer parent = view.filesystem().lookup(ImageFilesystem.parent(path)).exists();
      // A directory that may exist: whether the path can be made is the filesystem's answer.
      if (parent != Answer.NO) return Optional.of(path);
      if (!f.recursive()) return Optional.empty();
      path = ImageFilesystem.parent(path);
    }
    return Optional.empty();
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    for (Container c : Containers.of(project).of(df)) {
      ContainerView view = c.view();
      for (AppFiles.AppFile f : AppFiles.of(project, df, c)) {
        Identity who = c.identityOf(f.proc());
        if (who.uid().isEmpty() || who.isRoot()) continue;
        if (f.directory() && view.filesystem().lookup(f.path()).exists() == Answer.YES) continue;
        Optional<String> first = firstToCreate(view, f);
        if (first.isEmpty()) continue;
        for (String path : f.kind() == AppFiles.Kind.CODE ? List.of(first.get()) : f.written()) {
          Access a = view.filesystem().canWrite(who, path);
          // A volume mount point is BTH206's finding.
          if (!a.denied() || RuntimeWrites.runtimeVolumeAt(view,
              a.blockingPath().orElseThrow()).isPresent()) {
            continue;
          }
          Optional<Located<String>> composeUser =
              f.proc().user().isEmpty() ? c.composeUser() : Optional.empty();
          String blocking = Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow());
          RuleContext.Report r = RootOwned.report(df, ctx, reported, f.at(), message(f.label(),
              f.path(), f.what(), composeUser.isPresent() ? Why.user(who) : Why.who(who),
              blocking, f.kind().failure), who, a, c.stage(), composeUser, f.proc());
          if (r != null) {
            r.related(f.proc().source().range(),
                f.proc().source().label() + " starts " + f.proc().display() + " here");
            Why.chain(r, f.proc());
          }
          break;
        }
      }
    }
  }
}
