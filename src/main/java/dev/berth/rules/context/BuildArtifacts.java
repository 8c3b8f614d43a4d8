package dev.berth.rules.context;

import dev.berth.context.Paths;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.Fact;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StepContext;
import dev.berth.dockerfile.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Directories a RUN creates in its working directory by well-known tools ({@code npm ci} makes
 * node_modules, {@code uv sync} makes .venv, …), in the working directory the resolved stages
 * give. Only the plain forms are recognised: a {@code cd} earlier in the same RUN, a variable
 * in the path or an unknown working directory means no answer.
 */
final class BuildArtifacts {
  private BuildArtifacts() {}

  /**
   * @param name the directory as the tool names it, relative to the working directory
   * @param absolute where it is in the image
   * @param tool the command that creates it, for messages
   */
  record Artifact(String name, String absolute, String tool, Instruction creator) {}

  /** Directory names that hold installed or built output, when copied in from another stage. */
  private static final java.util.Set<String> OUTPUT_DIRS =
      java.util.Set.of("node_modules", ".venv", "venv", "target", ".next");

  private static final Pattern NPM =
      Pattern.compile("^(npm\\s+(ci|install|i)|pnpm\\s+(install|i))(\\s|$)");
  private static final int MAX_SEGMENT = 2048;
  private static final Pattern YARN = Pattern.compile("^yarn(\\s+install)?(\\s+--?\\S+)*$");
  private static final Pattern VENV = Pattern.compile(
      "^(?:python[0-9.]*\\s+-m\\s+venv|virtualenv)\\s+(?:-\\S+\\s+)*([^\\s-]\\S*)");
  private static final Pattern UV_VENV = Pattern.compile("^uv\\s+venv(?:\\s+(?:-\\S+\\s+)*([^\\s-]\\S*))?");
  private static final Pattern UV_SYNC = Pattern.compile("^uv\\s+sync(\\s|$)");
  private static final Pattern CARGO = Pattern.compile("^cargo\\s+build(\\s|$)");
  /** Options that put an install's node_modules somewhere other than the working directory. */
  private static final Pattern NODE_MODULES_ELSEWHERE = Pattern.compile(
      "(?:^|\\s)(--prefix|--cwd|--modules-folder)(?:=|\\s+)(\\S+)");
  private static final Pattern NEXT = Pattern.compile("^(npx\\s+)?next\\s+build(\\s|$)");

  /** The stage's working directory before {@code i}, when known (from the resolved stages). */
  static Optional<String> workdirBefore(StageFacts facts, Instruction i) {
    return facts.stepBefore(i).map(StepContext::workdir).filter(Fact::known).map(Fact::value);
  }

  static List<Artifact> created(StageFacts facts) {
    List<Artifact> out = new ArrayList<>();
    boolean uvEnvMoved = false;
    boolean cargoTargetMoved = false;
    for (Instruction i : facts.stage().instructions()) {
      Optional<String> wd = workdirBefore(facts, i);
      if (i instanceof Instruction.Env env) {
        for (KeyValue kv : env.pairs()) {
          uvEnvMoved |= kv.key().text().equals("UV_PROJECT_ENVIRONMENT");
          cargoTargetMoved |= kv.key().text().equals("CARGO_TARGET_DIR");
        }
      }
      if (i instanceof Instruction.FileTransfer t && t.from().isPresent() && wd.isPresent()) {
        copiedFromStage(t, wd.get()).ifPresent(out::add);
        continue;
      }
      if (!(i instanceof Instruction.Run run) || wd.isEmpty()) continue;
      for (String segment : segments(script(run.command()))) {
        // No install below is this long; the regexes' flag loops recurse once per flag.
        if (segment.length() > MAX_SEGMENT) continue;
        if (segment.startsWith("cd ") || segment.equals("cd")) break;
        String dir = null;
        String tool = segment;
        Matcher m;
        // `npm install --package-lock-only` (ByteStash) writes package-lock.json and no
        // node_modules (docs.npmjs.com config package-lock-only); so does pnpm's
        // --lockfile-only
        boolean npm = NPM.matcher(segment).find()
            && !segment.matches(".*\\s(-g|--global)(\\s.*|$)")
            && !segment.matches(".*\\s--(package-lock|lockfile)-only(=true)?(\\s.*|$)");
        if (npm || YARN.matcher(segment).matches()) {
          dir = "node_modules";
          // shynet's `npm i -P --prefix ..`: the packages go to ../node_modules
          // (docs.npmjs.com config "prefix"; classic.yarnpkg.com cli `--cwd`, `--modules-folder`)
          if ((m = NODE_MODULES_ELSEWHERE.matcher(segment)).find()) {
            dir = m.group(1).equals("--modules-folder") ? m.group(2) : m.group(2) + "/node_modules";
          }
        } else if ((m = VENV.matcher(segment)).find()) {
          dir = m.group(1);
        } else if ((m = UV_VENV.matcher(segment)).find()) {
          dir = m.group(1) == null ? ".venv" : m.group(1);
        } else if (UV_SYNC.matcher(segment).find() && !uvEnvMoved
            && !segment.contains("UV_PROJECT_ENVIRONMENT")) {
          dir = ".venv";
        } else if (CARGO.matcher(segment).find() && !cargoTargetMoved
            && !segment.contains("--target-dir")) {
          dir = "target";
        } else if (NEXT.matcher(segment).find()) {
          dir = ".next";
        }
        if (dir == null || dir.startsWith("/") || dir.contains("$")) continue;
        String clean = Paths.clean(dir);
        if (clean.startsWith("..") || clean.equals(".")) continue;
        out.add(new Artifact(clean, Paths.clean(wd.get() + "/" + clean), shortTool(tool), run));
      }
    }
    return out;
  }

  /** {@code COPY --from=deps /app/node_modules ./node_modules}: the stage's output lands here. */
  private static Optional<Artifact> copiedFromStage(Instruction.FileTransfer t, String wd) {
    String dest = t.destination().text();
    if (t.sources().size() != 1 || dest.contains("$")) return Optional.empty();
    String name = Paths.name(Paths.clean(t.sources().get(0).text()));
    if (!OUTPUT_DIRS.contains(name)) return Optional.empty();
    String base = dest.startsWith("/") ? Paths.clean(dest) : Paths.clean(wd + "/" + dest);
    boolean intoDir = dest.endsWith("/") || dest.equals(".");
    String absolute = intoDir ? Paths.clean(base + "/" + name) : base;
    if (!Paths.name(absolute).equals(name)) return Optional.empty();
    return Optional.of(new Artifact(name, absolute, "COPY --from=" + t.from().get(), t));
  }

  private static String shortTool(String segment) {
    String[] words = segment.split("\\s+");
    return words.length >= 2 ? words[0] + " " + words[1] : words[0];
  }

  private static String script(Command c) {
    if (c instanceof Command.ShellForm s) return s.script();
    if (c instanceof Command.ExecForm e) {
      return String.join(" ", e.args().stream().map(Word::text).toList());
    }
    return "";
  }

  /** Simple commands of a shell script, split at {@code && || ; |} and newlines. */
  static List<String> segments(String script) {
    List<String> out = new ArrayList<>();
    for (String s : script.replace("\\\n", " ").split("&&|\\|\\||;|\\||\\n")) {
      String t = s.strip();
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }
}
