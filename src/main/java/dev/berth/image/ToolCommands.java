package dev.berth.image;

import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.image.shell.VariableLookup;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Language and package tooling: virtualenvs, pip (system, --user, --target), uv, poetry, npm,
 * yarn, pnpm, next build, OS package managers, downloads and git clone. Each creates paths as the
 * current user where its conventions say.
 */
final class ToolCommands {
  private final RunContext ctx;

  ToolCommands(RunContext ctx) {
    this.ctx = ctx;
  }

  // ---- language tooling ----------------------------------------------------------------------

  void python(List<ShellWord> args, SimpleCommand c) {
    if (args.size() >= 2 && args.get(0).value().filter("-m"::equals).isPresent()) {
      String module = args.get(1).value().orElse("");
      List<ShellWord> rest = args.subList(2, args.size());
      switch (module) {
        case "venv", "virtualenv" -> {
          RunContext.Parsed p = ctx.options(rest, Set.of("--prompt"));
          venv(p.operands().isEmpty() ? Optional.empty()
              : ctx.value(p.operands().get(p.operands().size() - 1)));
        }
        case "pip" -> pip(rest);
        default -> { }
      }
    } else if (!args.isEmpty() && !args.get(0).value().orElse("x").startsWith("-")) {
      ctx.unknown(); // a script file may do anything
    }
  }

  void venv(Optional<String> dir) {
    Optional<String> p = dir.flatMap(ctx::path);
    if (p.isEmpty() || !ctx.ownerKnown()) {
      ctx.unknown();
      return;
    }
    ctx.mkdirAs(p.get(), true, 0755);
    ctx.fs.get(p.get()).ifPresent(n -> ctx.fs.put(p.get(), n.withChildOwner(ctx.identity.uid(), ctx.identity.gid())));
    ctx.fs.populate(p.get() + "/bin", ctx.uid(), ctx.gid(), ctx.origin);
    ctx.fs.populate(p.get() + "/lib", ctx.uid(), ctx.gid(), ctx.origin);
  }

  void pip(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("install"::equals).isEmpty()) return;
    RunContext.Parsed p = ctx.options(args.subList(1, args.size()), Set.of("-r", "--requirement", "-c",
        "--constraint", "-t", "--target", "--prefix", "--root", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "--cache-dir", "--python", "--platform",
        "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
        "--progress-bar", "--trusted-host", "-e", "--editable", "--src", "--config-ctx.settings",
        "--global-option", "--root-user-action", "--log", "--timeout", "--retries"));
    if (!p.ok() || !ctx.ownerKnown()) {
      ctx.unknown();
      return;
    }
    String target = p.opts().getOrDefault("-t", p.opts().get("--target"));
    String prefix = p.opts().get("--prefix");
    if (p.flags().contains("--user")) {
      String home = ctx.home();
      if (home == null) {
        ctx.unknown();
        return;
      }
      String local = ImageFilesystem.resolve(home, ".local");
      ctx.mkdirAs(local, true, 0755);
      ctx.fs.get(local).ifPresent(n -> ctx.fs.put(local, n.withChildOwner(ctx.identity.uid(), ctx.identity.gid())));
      ctx.fs.populate(local + "/bin", ctx.uid(), ctx.gid(), ctx.origin);
      ctx.fs.populate(local + "/lib", ctx.uid(), ctx.gid(), ctx.origin);
    } else if (target != null) {
      ctx.path(target).ifPresentOrElse(t -> ctx.fs.populate(t, ctx.uid(), ctx.gid(), ctx.origin), ctx::unknown);
    } else if (prefix != null) {
      ctx.path(prefix).ifPresentOrElse(t -> {
        ctx.fs.populate(t + "/bin", ctx.uid(), ctx.gid(), ctx.origin);
        ctx.fs.populate(t + "/lib", ctx.uid(), ctx.gid(), ctx.origin);
      }, ctx::unknown);
    } else {
      Optional<String> venvBin = activeVenvBin();
      if (venvBin.isPresent()) {
        ctx.fs.populate(venvBin.get(), ctx.uid(), ctx.gid(), ctx.origin);
      } else if (ctx.identity.isRoot()) {
        systemPythonInstall();
      } else {
        ctx.unknown(); // pip falls back to a user install when site-packages is not writable
      }
    }
  }

  /** The first PATH directory that is the bin of a virtualenv created in this build. */
  private Optional<String> activeVenvBin() {
    String path = ctx.vars.get("PATH");
    if (path == null || ctx.unknownVars.contains("PATH")) return Optional.empty();
    for (String dir : path.split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) continue;
      String d = ImageFilesystem.normalize(dir);
      Optional<Node> n = ctx.fs.get(d);
      if (n.isPresent() && n.get().populated() && n.get().origin().range().isPresent()
          && ctx.fs.get(ImageFilesystem.parent(d) + "/lib").isPresent()) {
        return Optional.of(d);
      }
      if (d.equals("/usr/local/bin") || d.equals("/usr/bin")) return Optional.empty();
    }
    return Optional.empty();
  }

  void uv(List<ShellWord> args) {
    if (args.isEmpty()) return;
    String sub = args.get(0).value().orElse("");
    if (sub.equals("sync")) {
      String env = ctx.vars.get("UV_PROJECT_ENVIRONMENT");
      venv(env != null ? Optional.of(env) : Optional.of(".venv"));
    } else if (sub.equals("venv")) {
      RunContext.Parsed p = ctx.options(args.subList(1, args.size()), Set.of("-p", "--python", "--prompt"));
      venv(p.operands().isEmpty() ? Optional.of(".venv") : ctx.value(p.operands().get(0)));
    } else if (sub.equals("pip")) {
      List<ShellWord> rest = args.subList(1, args.size());
      boolean system = rest.stream().anyMatch(w -> w.value().filter("--system"::equals).isPresent());
      if (rest.isEmpty() || rest.get(0).value().filter("install"::equals).isEmpty()) return;
      if (system && ctx.identity.isRoot()) {
        systemPythonInstall();
      } else {
        activeVenvBin().ifPresentOrElse(b -> ctx.fs.populate(b, ctx.uid(), ctx.gid(), ctx.origin), ctx::unknown);
      }
    }
  }

  void poetry(List<ShellWord> args) {
    if (args.isEmpty()) return;
    String sub = args.get(0).value().orElse("");
    if (sub.equals("config") && args.size() >= 3) {
      Optional<String> key = args.get(args.size() - 2).value();
      Optional<String> val = args.get(args.size() - 1).value();
      if (key.isPresent() && val.isPresent()) ctx.settings.put("poetry." + key.get(), val.get());
      return;
    }
    if (!sub.equals("install") && !sub.equals("sync")) return;
    String inProject = ctx.vars.getOrDefault("POETRY_VIRTUALENVS_IN_PROJECT",
        ctx.settings.get("poetry.virtualenvs.in-project"));
    String create = ctx.vars.getOrDefault("POETRY_VIRTUALENVS_CREATE",
        ctx.settings.get("poetry.virtualenvs.create"));
    if ("false".equalsIgnoreCase(create) || "0".equals(create)) {
      if (ctx.identity.isRoot()) {
        systemPythonInstall();
      } else {
        ctx.unknown();
      }
    } else if ("true".equalsIgnoreCase(inProject) || "1".equals(inProject)) {
      venv(Optional.of(".venv"));
    } else {
      ctx.unknown(); // a virtualenv somewhere in poetry's cache directory
    }
  }

  void nodePackages(String tool, List<ShellWord> args) {
    if (args.isEmpty()) {
      if (tool.equals("yarn")) nodeModules();
      return;
    }
    String sub = args.get(0).value().orElse("");
    boolean global = args.stream().anyMatch(w -> w.value().filter(v -> v.equals("-g")
        || v.equals("--global")).isPresent()) || sub.equals("global");
    boolean lockfileOnly = args.stream().anyMatch(w -> w.value().filter(v ->
        v.equals("--package-lock-only") || v.equals("--lockfile-only")).isPresent());
    if (Set.of("ci", "install", "i", "add").contains(sub) && lockfileOnly) {
      return; // only the lockfile changes (docs.npmjs.com config package-lock-only)
    }
    if (Set.of("ci", "install", "i", "add").contains(sub)) {
      if (global) {
        if (ctx.identity.isRoot()) {
          ctx.fs.populate("/usr/local/bin", 0, 0, ctx.origin);
          ctx.fs.populate("/usr/local/lib/node_modules", 0, 0, ctx.origin);
        } else {
          ctx.unknown();
        }
      } else {
        nodeModules();
      }
    } else if (sub.equals("exec") && args.size() >= 3) {
      npx(args.subList(1, args.size()));
    } else if (sub.equals("next") && args.size() >= 2) {
      nextBuild(args.subList(1, args.size()));
    } else if (runsScript(tool, sub)) {
      // Scripts from package.json: they write as the current user somewhere under the project.
      ctx.cwd.ifPresentOrElse(c -> {
        if (ctx.ownerKnown()) ctx.fs.populate(c, ctx.uid(), ctx.gid(), ctx.origin);
      }, ctx::unknown);
    }
  }

  /**
   * npm runs a package.json script for {@code run}, {@code run-script} and its lifecycle
   * shorthands; yarn and pnpm also run the script named by any word that is not one of their own
   * commands ({@code pnpm build}, {@code yarn local:package}), and after options ({@code pnpm
   * --filter api build}) the script is not known: both are taken as a script run.
   */
  private static boolean runsScript(String tool, String sub) {
    if (Set.of("run", "run-script", "build").contains(sub)) return true;
    if (tool.equals("npm")) return NPM_SCRIPT_SHORTHANDS.contains(sub);
    return !NODE_TOOL_COMMANDS.contains(sub);
  }

  /** npm's lifecycle commands, each of which runs the script of its name (docs.npmjs.com/cli/commands). */
  private static final Set<String> NPM_SCRIPT_SHORTHANDS =
      Set.of("start", "test", "t", "tst", "stop", "restart");

  /**
   * yarn and pnpm commands that are no script and write nothing berth models in the project
   * (the dependency commands are handled above); any other word runs a script
   * (pnpm.io/cli/run: "pnpm &lt;script&gt;"; yarnpkg.com/cli/run: "yarn &lt;script&gt;").
   */
  private static final Set<String> NODE_TOOL_COMMANDS = Set.of(
      "--version", "-v", "version", "help", "config", "cache", "store", "audit", "list", "ls",
      "why", "outdated", "info", "view", "bin", "root", "env", "licenses", "remove", "rm",
      "uninstall", "prune", "dedupe", "rebuild", "fetch", "install", "i", "add", "ci", "global",
      "exec", "next", "link", "unlink", "pack", "publish", "login", "logout", "whoami", "set",
      "plugin", "npm", "constraints", "explain", "search", "owner", "tag", "cache-clean");

  private void nodeModules() {
    if (ctx.cwd.isEmpty() || !ctx.ownerKnown()) {
      ctx.unknown();
      return;
    }
    String nm = ImageFilesystem.resolve(ctx.cwd.get(), "node_modules");
    ctx.mkdirAs(nm, true, 0755);
    ctx.fs.get(nm).ifPresent(n -> ctx.fs.put(nm, n.withChildOwner(ctx.identity.uid(), ctx.identity.gid())));
    ctx.fs.populate(nm + "/.bin", ctx.uid(), ctx.gid(), ctx.origin);
    String home = ctx.home();
    if (home != null) {
      String cache = ImageFilesystem.resolve(home, ".npm");
      if (ctx.fs.view().lookup(cache).exists() != Answer.YES) ctx.mkdirAs(cache, true, 0755);
    }
  }

  void npx(List<ShellWord> args) {
    List<ShellWord> rest = args.stream().filter(w -> !w.value().orElse("").startsWith("-")).toList();
    if (!rest.isEmpty() && rest.get(0).value().filter("next"::equals).isPresent()) {
      nextBuild(rest.subList(1, rest.size()));
    }
  }

  /** {@code next build} writes {@code .next} in the project directory as the current user. */
  void nextBuild(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("build"::equals).isEmpty()) return;
    if (ctx.cwd.isEmpty() || !ctx.ownerKnown()) {
      ctx.unknown();
      return;
    }
    String dir = ImageFilesystem.resolve(ctx.cwd.get(), ".next");
    ctx.mkdirAs(dir, true, 0755);
    ctx.fs.get(dir).ifPresent(n -> ctx.fs.put(dir, n.withChildOwner(ctx.identity.uid(), ctx.identity.gid())));
    ctx.fs.populate(dir, ctx.uid(), ctx.gid(), ctx.origin);
  }

  void packages(List<ShellWord> args) {
    boolean installs = args.stream().map(w -> w.value().orElse(""))
        .anyMatch(v -> v.equals("install") || v.equals("add") || v.equals("reinstall"));
    if (!installs) return;
    // Packages add binaries and may create system accounts (postgresql, nginx, ...).
    for (String d : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
      ctx.fs.populate(d, 0, 0, ctx.origin);
    }
    ctx.fs.accounts(ctx.fs.accounts().incomplete());
  }

  void download(String tool, List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, tool.equals("curl")
        ? Set.of("-o", "--output", "-H", "--header", "-u", "--user", "-d", "--data", "-X",
            "--request", "-A", "--user-agent", "-w", "--write-out", "--retry", "-m",
            "--max-time", "--connect-timeout", "-e", "--cacert", "-K")
        : Set.of("-O", "--output-document", "-P", "--directory-prefix", "-T", "-t", "--header",
            "-U", "-o", "-a"));
    String out = tool.equals("curl") ? p.opts().getOrDefault("-o", p.opts().get("--output"))
        : p.opts().getOrDefault("-O", p.opts().get("--output-document"));
    if (out == null) return;
    if (out.equals("-")) return;
    ctx.path(out).ifPresentOrElse(ctx::touch, ctx::unknown);
  }

  void git(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("clone"::equals).isEmpty()) return;
    RunContext.Parsed p = ctx.options(args.subList(1, args.size()), Set.of("-b", "--branch", "--depth",
        "-c", "--config", "-o", "--ctx.origin"));
    if (p.operands().size() < 2) {
      ctx.cwd.ifPresentOrElse(c -> {
        if (ctx.ownerKnown()) ctx.fs.populate(c, ctx.uid(), ctx.gid(), ctx.origin);
      }, ctx::unknown);
      return;
    }
    ctx.value(p.operands().get(1)).flatMap(ctx::path).ifPresentOrElse(d -> {
      if (ctx.ownerKnown()) {
        ctx.mkdirAs(d, true, 0755);
        ctx.fs.populate(d, ctx.uid(), ctx.gid(), ctx.origin);
      } else {
        ctx.unknown();
      }
    }, ctx::unknown);
  }

  /** Packages into the interpreter's own site-packages: scripts in /usr/local/bin, modules in lib. */
  private void systemPythonInstall() {
    ctx.fs.populate("/usr/local/bin", 0, 0, ctx.origin);
    ctx.fs.populate("/usr/local/lib", 0, 0, ctx.origin);
  }
}
