package dev.berth.wiring;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.evidence.PackageScripts;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Proc;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the frontend builds of an image are: the RUN steps of a Dockerfile that run a framework's
 * production build ({@code next build}, {@code vite build}, {@code react-scripts build}),
 * directly or through the package.json {@code build} script that {@code npm run build} runs,
 * and what a container's own command does with the frontend (builds it when it starts, runs a
 * development server, mentions a variable). The one reader of build and dev-server commands for
 * the rules about frontends (BTH722, BTH724); package.json scripts come from
 * {@link FrontendFiles} (read with {@link PackageScripts}).
 */
public final class FrontendBuilds {
  private static final Pattern PACKAGE_BUILD =
      Pattern.compile("\\b(?:npm|pnpm|yarn|bun)\\s++(?:run\\s++)?build\\b");
  /** Development servers that read the environment when they start. */
  private static final Pattern DEV_SERVER = Pattern.compile(
      "\\bnext\\s++dev\\b|\\breact-scripts\\s++start\\b|\\bvite\\b(?!\\s++(?:build|preview)\\b)");
  private static final Pattern RUNS_SCRIPT =
      Pattern.compile("\\b(?:npm|pnpm|yarn|bun)\\s++(?:run\\s++)?([\\w:.-]++)");
  /**
   * Words that make the directory a package manager or build tool works in differ from the
   * shell's: workspaces, prefixes, filters, monorepo runners.
   */
  private static final Pattern OTHER_DIRECTORY = Pattern.compile(
      "(?:^|\\s)(?:--prefix|-C|--cwd|--dir|--filter|-F|--workspace|-w|--workspaces)(?:[=\\s]|$)"
          + "|\\byarn\\s++workspace\\b|\\b(?:turbo|nx|lerna)\\b");

  /**
   * A RUN that runs the build.
   *
   * @param stage the stage it belongs to
   * @param run the instruction
   * @param command what runs the build ({@code next build}, {@code npm run build})
   * @param inWorkdir the build runs in the stage's working directory: no {@code cd}, no workspace
   *     or prefix option, no directory operand to the framework's build
   */
  public record Build(Stage stage, Instruction.Run run, String command, boolean inWorkdir) {
    public Range at() {
      return run.range();
    }
  }

  /**
   * One answer per Dockerfile, framework and whether its package build script runs it (a string
   * key: record keys cost start-up, see bench/RESULTS.md).
   */
  private final Map<String, List<Build>> cache = new ConcurrentHashMap<>();

  private FrontendBuilds() {}

  public static FrontendBuilds of(Project project) {
    return project.fact(FrontendBuilds.class, p -> new FrontendBuilds());
  }

  /**
   * The RUNs of {@code df}, in order, that run {@code prefix}'s framework build: its command
   * appears in the RUN, or the RUN runs the package {@code build} script and a package.json of
   * {@code files} has a {@code build} script that runs it.
   */
  public List<Build> builds(Dockerfile df, UrlVariables.BrowserPrefix prefix,
      List<FrontendFiles.Files> files) {
    boolean scriptBuilds = scriptBuilds(prefix, files);
    return cache.computeIfAbsent(df.path() + "\n" + prefix.prefix() + "\n" + scriptBuilds,
        k -> read(df, prefix, scriptBuilds));
  }

  private static List<Build> read(Dockerfile df, UrlVariables.BrowserPrefix prefix,
      boolean scriptBuilds) {
    List<Build> out = new ArrayList<>();
    for (Stage st : df.stages()) {
      for (Instruction i : st.instructions()) {
        if (!(i instanceof Instruction.Run run)) continue;
        String text = text(run);
        Optional<String> direct = prefix.builds().stream().filter(text::contains).findFirst();
        if (direct.isPresent()) {
          out.add(new Build(st, run, direct.get(), inWorkdir(run, text, direct.get())));
          continue;
        }
        Matcher m = PACKAGE_BUILD.matcher(text);
        if (scriptBuilds && m.find()) {
          out.add(new Build(st, run, m.group(), inWorkdir(run, text, null)));
        }
      }
    }
    return List.copyOf(out);
  }

  /** A package.json {@code build} script of {@code files} runs the framework's build. */
  private static boolean scriptBuilds(UrlVariables.BrowserPrefix prefix,
      List<FrontendFiles.Files> files) {
    for (FrontendFiles.Files f : files) {
      for (PackageScripts ps : f.packageScripts()) {
        Optional<PackageScripts.Script> build = ps.script("build");
        for (String b : prefix.builds()) {
          if (build.isPresent() && build.get().command().contains(b)) return true;
        }
      }
    }
    return false;
  }

  /**
   * The build runs where the stage's WORKDIR is: an exec-form or shell-form RUN whose script
   * parses, with no {@code cd} and no option that moves the package manager elsewhere, and a
   * framework build with no directory operand ({@code next build web}).
   */
  private static boolean inWorkdir(Instruction.Run run, String text, String direct) {
    if (!run.heredocs().isEmpty() || OTHER_DIRECTORY.matcher(text).find()) return false;
    if (run.command() instanceof Command.ExecForm) return direct == null || operandFree(text, direct);
    ShellScript script = ShellScript.parse(text);
    if (!script.complete()) return false;
    for (SimpleCommand c : script.commands()) {
      if (c.name().filter(n -> n.equals("cd") || n.equals("pushd")).isPresent()) return false;
    }
    return direct == null || operandFree(text, direct);
  }

  /** After {@code next build} come only options, up to the end of that command. */
  private static boolean operandFree(String text, String direct) {
    int at = text.indexOf(direct) + direct.length();
    String rest = text.substring(at).split("&&|\\|\\||;|\\n|\\|", 2)[0].strip();
    for (String w : rest.split("\\s+")) {
      if (!w.isEmpty() && !w.startsWith("-")) return false;
    }
    return true;
  }

  /** The container builds the frontend when it starts ({@code npm run build && npm start}). */
  public static boolean buildsAtStart(Container c, UrlVariables.BrowserPrefix prefix) {
    for (String t : commands(c)) {
      if (PACKAGE_BUILD.matcher(t).find()) return true;
      for (String b : prefix.builds()) {
        if (t.contains(b)) return true;
      }
    }
    return false;
  }

  /**
   * The container runs a development server (which reads the environment when it starts), or a
   * package script berth cannot find in {@code files}: then what it runs is unknown.
   */
  public static boolean devServer(Container c, List<FrontendFiles.Files> files) {
    for (String t : commands(c)) {
      if (DEV_SERVER.matcher(t).find()) return true;
      Matcher m = RUNS_SCRIPT.matcher(t);
      while (m.find()) {
        Optional<String> body = Optional.empty();
        for (FrontendFiles.Files f : files) {
          for (PackageScripts ps : f.packageScripts()) {
            Optional<PackageScripts.Script> sc = ps.script(m.group(1));
            if (sc.isPresent()) body = Optional.of(sc.get().command());
          }
        }
        if (body.isEmpty() || DEV_SERVER.matcher(body.get()).find()) return true;
      }
    }
    return false;
  }

  /** The container's own command or a program it starts mentions one of {@code texts}. */
  public static boolean commandMentions(Container c, String... texts) {
    for (String t : commands(c)) {
      for (String x : texts) {
        if (t.contains(x)) return true;
      }
    }
    return false;
  }

  /**
   * The program the container runs is the project's own script (an interpreter's script file:
   * hi.events' `node server.js`), whose text reads the environment and names the prefix: a
   * server that hands the variables to the page at run time (it copies every VITE_* of
   * process.env into window.hievents for each request).
   */
  public static boolean startScriptReads(dev.berth.project.Project project, Container c,
      String prefix) {
    for (Proc p : c.processes()) {
      if (p.program().isEmpty()) continue;
      int at = p.program().get().script();
      if (at < 0 || at >= p.argv().size()) continue;
      String script = p.argv().get(at);
      String path = script.startsWith("/") ? script
          : p.workdir().or(() -> c.view().workdir()).map(w -> w + "/" + script).orElse(null);
      if (path == null) continue;
      Optional<String> text = dev.berth.runtime.ImageFiles.read(project, c, path)
          .map(dev.berth.runtime.ImageFiles.Content::text);
      if (text.filter(t -> t.contains(prefix) && (t.contains("process.env")
          || t.contains("import.meta.env") || t.contains("os.environ"))).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> commands(Container c) {
    List<String> texts = new ArrayList<>();
    c.process().ifPresent(pr -> texts.add(String.join(" ", pr.argv())));
    for (Proc p : c.processes()) texts.add(String.join(" ", p.argv()));
    return texts;
  }

  /** The RUN's command and heredoc bodies. */
  public static String text(Instruction.Run run) {
    StringBuilder b = new StringBuilder();
    if (run.command() instanceof Command.ShellForm sf) b.append(sf.script());
    if (run.command() instanceof Command.ExecForm ef) {
      for (Word w : ef.args()) b.append(w.text()).append(' ');
    }
    for (Heredoc h : run.heredocs()) b.append('\n').append(h.body());
    return b.toString();
  }
}
