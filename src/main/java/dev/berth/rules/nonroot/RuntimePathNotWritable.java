package dev.berth.rules.nonroot;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Command;
import dev.berth.framework.AppLogFiles;
import dev.berth.image.Access;
import dev.berth.image.Accounts;
import dev.berth.image.Answer;
import dev.berth.image.GroupAccount;
import dev.berth.image.Node;
import dev.berth.image.ContainerView;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageSimulation;
import dev.berth.image.StageSimulation;
import dev.berth.image.RuntimeWrites;
import dev.berth.runtime.Container;
import dev.berth.runtime.Containers;
import dev.berth.runtime.Proc;
import dev.berth.runtime.StartWrites;
import dev.berth.compose.Located;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime user must write a path that belongs to root: a VOLUME directory created as root,
 * the {@code .venv} {@code uv run} syncs, the {@code .next} cache of {@code next start}, the
 * {@code celerybeat-schedule} file celery beat keeps in its working directory (seeds 000, 003).
 * Only for programs whose write is known; silent when an ENTRYPOINT script may fix ownership.
 */
@RuleMeta(
    id = "BTH204",
    summary = "The runtime user must write a path owned by root and not writable to it",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class RuntimePathNotWritable implements DockerfileRule {

  public static String message(String what, String path, Identity who, String blocking) {
    return message(what, path, Why.who(who), blocking);
  }

  /** @param who the runtime user as the message names it */
  static String message(String what, String path, String who, String blocking) {
    return what + " writes to " + path + ", but " + who + " cannot write "
        + blocking + ", so it fails with 'Permission denied'";
  }

  public static String volumeMessage(String path, Identity who, String blocking) {
    return "VOLUME " + path + " starts with the owner and mode of " + blocking + ", which "
        + Why.who(who) + " cannot write, so writes to the volume fail with 'Permission denied'";
  }

  @Override
  public void check(Dockerfile df, Project project, RuleContext ctx) {
    Set<Range> reported = new HashSet<>();
    Containers containers = Containers.of(project);
    Set<Integer> run = containers.stagesRun(df);
    for (StageSimulation sim : ImageSimulation.of(project).stages(df)) {
      // A stage a Compose service runs is judged as that service's container.
      if (run.contains(sim.stage().index())) continue;
      volumes(df, ctx, reported, sim, ContainerView.of(sim), Optional.empty());
    }
    for (Container c : containers.of(df)) {
      if (c.fromCompose()) volumes(df, ctx, reported, c.stage(), c.view(), c.composeUser());
      programs(project, df, ctx, reported, c);
    }
  }

  /** The image's VOLUMEs: each starts as a copy of its directory, which the user must write. */
  private void volumes(Dockerfile df, RuleContext ctx, Set<Range> reported, StageSimulation sim,
      ContainerView view, Optional<Located<String>> composeUser) {
    Identity who = view.identity();
    if (who.uid().isEmpty() || who.isRoot()) return;
    for (StageSimulation.VolumeDecl v : sim.volumes()) {
      // A runtime mount over the VOLUME path replaces the anonymous volume.
      boolean covered = view.mounts().stream().anyMatch(m -> m.range() != v.range()
          && ImageFilesystem.normalize(m.target()).equals(v.path()));
      if (covered) continue;
      Access a = view.filesystem().canWrite(who, v.path());
      if (a.denied() && a.blockingPath().filter(v.path()::equals).isPresent()) {
        report(df, ctx, reported, v.range(), volumeMessage(v.path(), who,
            Why.path(v.path(), a.blockingNode().orElseThrow())), who, a, sim, composeUser, null);
      }
    }
  }

  /**
   * What the container's programs write as they start (the program catalog) and the log files
   * its app opens, as the user each program runs as.
   */
  private void programs(Project project, Dockerfile df, RuleContext ctx, Set<Range> reported,
      Container c) {
    ContainerView view = c.view();
    StageSimulation sim = c.stage();
    for (StartWrites.Write w : StartWrites.of(c)) {
      if (w.underHome()) continue; // BTH209 judges HOME
      Proc p = w.proc();
      Identity who = c.identityOf(p);
      if (who.uid().isEmpty() || who.isRoot()) continue;
      Access a = view.filesystem().canWrite(who, w.path());
      // A volume mount point is BTH206's finding.
      if (!a.denied() || RuntimeWrites.runtimeVolumeAt(view, a.blockingPath().orElseThrow()).isPresent()) {
        continue;
      }
      Optional<Located<String>> composeUser = p.user().isEmpty() ? c.composeUser() : Optional.empty();
      // A program the base image starts is changed where the user is set.
      Range where = composeUser.map(Located::range).or(() -> p.source().baseImage()
          ? c.imageUserRange() : Optional.empty()).orElse(p.source().range());
      RuleContext.Report r = report(df, ctx, reported, where, message(p.source().label()
          + " runs " + p.display() + ", which", w.path() + " (" + w.entry().what() + ")",
          composeUser.isPresent() ? Why.user(who) : Why.who(who),
          Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow())), who, a, sim,
          composeUser, p);
      if (r == null) continue;
      Why.chain(r, p);
      if (composeUser.isPresent()) {
        r.related(p.source().range(), p.source().label() + " starts " + p.display() + " here");
      }
    }
    for (Proc p : c.processes()) {
      Optional<String> wd = c.workdirOf(p);
      if (!p.fsKnown() || wd.isEmpty() || p.argv().isEmpty()) continue;
      for (AppLogFiles.LogWrite log : AppLogFiles.of(project, df, sim, p.argv(), wd.get())) {
        if (log.database()) {
          database(df, ctx, reported, c, p, log);
          continue;
        }
        logFile(df, ctx, reported, c, p, p.name() + " (a log file configured in "
            + log.configFile() + ")", log.path(), log.configuredAt());
      }
    }
  }

  public static String logMessage(String what, String path, String why) {
    return what + " opens " + path + " as it starts, but " + why + ", so the app fails at start";
  }

  /**
   * A log file the app opens at start. Python's logging does not create directories, so a
   * directory missing from the image fails for any user; an existing one must be writable.
   */
  private void logFile(Dockerfile df, RuleContext ctx, Set<Range> reported, Container c, Proc p,
      String what, String path, Range configured) {
    ContainerView view = c.view();
    Identity who = c.identityOf(p);
    if (who.uid().isEmpty() || who.isRoot()) return;
    String dir = ImageFilesystem.parent(path);
    String label = p.source().label() + " runs " + what + ", which";
    Range where = p.source().range();
    if (view.filesystem().lookup(dir).exists() == Answer.NO) {
      if (!reported.add(where)) return;
      RuleContext.Report r = ctx.report(where, logMessage(label, path, dir
          + " does not exist in the image and Python's logging does not create directories"))
          .related(configured, "the log file is configured here");
      Why.chain(r, p);
      return;
    }
    Access a = view.filesystem().canWrite(who, path);
    if (!a.denied() || RuntimeWrites.runtimeVolumeAt(view, a.blockingPath().orElseThrow()).isPresent()) {
      return;
    }
    Optional<Located<String>> composeUser = p.user().isEmpty() ? c.composeUser() : Optional.empty();
    String blocking = Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow());
    Range at = composeUser.map(Located::range).orElse(where);
    RuleContext.Report r = report(df, ctx, reported, at, logMessage(label, path,
        (composeUser.isPresent() ? Why.user(who) : Why.who(who)) + " cannot write " + blocking),
        who, a, c.stage(), composeUser, p);
    if (r != null) {
      r.related(configured, "the log file is configured here");
      Why.chain(r, p);
    }
  }

  public static String databaseMessage(String label, String path, String why) {
    return label + " uses the SQLite database " + path + ", and SQLite creates the database and"
        + " its journal (" + path + "-journal) beside it, but " + why
        + ", so writing to the database fails with 'unable to open database file'";
  }

  /**
   * Django's SQLite database: SQLite creates the file if missing and a journal beside it on
   * every write, so the user must be able to write the database's directory. A directory
   * missing from the image fails for any user (SQLite does not create directories).
   */
  private void database(Dockerfile df, RuleContext ctx, Set<Range> reported, Container c, Proc p,
      AppLogFiles.LogWrite db) {
    Identity who = c.identityOf(p);
    if (who.uid().isEmpty() || who.isRoot()) return;
    ContainerView view = c.view();
    String dir = ImageFilesystem.parent(db.path());
    String label = p.source().label() + " runs " + p.display() + ", which";
    Range where = p.source().range();
    if (view.filesystem().lookup(dir).exists() == Answer.NO) {
      if (!reported.add(where)) return;
      RuleContext.Report r = ctx.report(where, databaseMessage(label, db.path(), dir
          + " does not exist in the image and SQLite does not create directories"))
          .related(db.configuredAt(), "the database is configured here (" + db.configFile() + ")");
      Why.chain(r, p);
      return;
    }
    for (String file : List.of(db.path() + "-journal", db.path())) {
      Access a = view.filesystem().canWrite(who, file);
      if (!a.denied()
          || RuntimeWrites.runtimeVolumeAt(view, a.blockingPath().orElseThrow()).isPresent()) {
        continue;
      }
      Optional<Located<String>> composeUser = p.user().isEmpty() ? c.composeUser() : Optional.empty();
      String blocking = Why.path(a.blockingPath().orElseThrow(), a.blockingNode().orElseThrow());
      Range at = composeUser.map(Located::range).orElse(where);
      RuleContext.Report r = report(df, ctx, reported, at, databaseMessage(label, db.path(),
          (composeUser.isPresent() ? Why.user(who) : Why.who(who)) + " cannot write " + blocking),
          who, a, c.stage(), composeUser, p);
      if (r != null) {
        r.related(db.configuredAt(), "the database is configured here (" + db.configFile() + ")");
        Why.chain(r, p);
      }
      return;
    }
  }

  private static RuleContext.Report report(Dockerfile df, RuleContext ctx, Set<Range> reported,
      Range where, String text, Identity who, Access a, StageSimulation sim,
      Optional<Located<String>> composeUser, Proc p) {
    if (!reported.add(where)) return null;
    String blocking = a.blockingPath().orElseThrow();
    RuleContext.Report r = ctx.report(where, text);
    Why.origin(r, blocking, a.blockingNode(), sim);
    // A program with its own user (gosu, supervisord user=) says so in its chain.
    if (p == null || p.user().isEmpty()) Why.runsAs(r, who, sim, composeUser, where);
    fix(df, r, blocking, a.blockingNode().orElseThrow(), who, sim);
    return r;
  }

  /**
   * A pure text edit when the blocking path was made by one instruction of this stage: add
   * {@code --chown} to the COPY/ADD that created it, or {@code && chown} to the end of the
   * shell-form RUN that created it, when the runtime user already exists after that step.
   */
  public static String chownFixDescription(String owner, String path) {
    return "chown " + path + " to " + owner + " where it is created";
  }

  private static void fix(Dockerfile df, RuleContext.Report r, String path, Node node,
      Identity who, StageSimulation sim) {
    if (node.origin().range().isEmpty() || !node.kind().equals(Node.Kind.DIR)) return;
    Range made = node.origin().range().get();
    Optional<Instruction> creator = sim.stage().instructions().stream()
        .filter(i -> i.range().equals(made)).findFirst();
    if (creator.isEmpty() || who.spec().contains("$")) return;
    Optional<StageSimulation.Step> after = sim.after(creator.get());
    if (after.isEmpty()) return;
    Accounts accounts = after.get().filesystem().accounts();
    String user = who.spec().contains(":") ? who.spec().substring(0, who.spec().indexOf(':')) : who.spec();
    if (!user.matches("\\d+") && accounts.hasUser(user) != Answer.YES) return;
    String owner = who.spec().contains(":") ? who.spec()
        : user + ":" + (who.gid().isPresent() ? accounts.groupById(who.gid().getAsInt())
            .map(GroupAccount::name).orElse(String.valueOf(who.gid().getAsInt())) : user);
    Instruction c = creator.get();
    if (c instanceof Instruction.FileTransfer t && t.chown().isEmpty()
        && node.origin().description().startsWith(t.name())) {
      Range kw = t.keyword().range();
      r.fix(chownFixDescription(owner, path), new TextEdit(Range.point(kw.file(), kw.endLine(),
          kw.endColumn()), " --chown=" + owner));
    } else if (c instanceof Instruction.Run run && run.command() instanceof Command.ShellForm
        && run.heredocs().isEmpty()) {
      boolean tree = node.childUid().isPresent() || node.populated() || !node.childrenKnown();
      r.fix(chownFixDescription(owner, path), new TextEdit(Range.point(run.range().file(),
          run.range().endLine(), run.range().endColumn()),
          " && chown " + (tree ? "-R " : "") + owner + " " + path));
    }
  }
}
