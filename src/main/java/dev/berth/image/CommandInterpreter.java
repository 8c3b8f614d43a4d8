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
 * Applies the effects of one RUN's simple commands to the filesystem: the commands that change
 * ownership, modes, accounts or create the paths runtime users need. A command it does not know
 * is recorded as an unknown effect, never assumed harmless, except for a fixed list of commands
 * that cannot change ownership or modes of existing paths.
 */
final class CommandInterpreter {
  /** Commands that neither change owners/modes nor create paths that matter here. */
  private static final Set<String> INERT = Set.of("echo", "printf", "true", "false", "test", "[",
      "[[", "ls", "grep", "egrep", "fgrep", "sed", "awk", "env", "set", "unset", "which", "type",
      "id", "whoami", "sleep", "exit", ":", "wait", "date", "uname", "nproc", "sort", "head",
      "tail", "tr", "cut", "wc", "gpg", "gpgconf", "dpkg", "dpkg-architecture", "apt-mark",
      "locale-gen", "update-ca-certificates", "ldconfig", "getent", "stat", "readlink",
      "realpath", "dirname", "basename", "java", "go", "gosu", "su-exec", "nginx",
      "pwd", "cat", "tee", "md5sum", "sha256sum", "sha1sum", "sha512sum",
      "python", "python3", "pip", "pip3", "npm", "npx", "yarn", "pnpm", "uv", "poetry",
      "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "curl", "wget", "git", "export",
      "source", ".", "hash", "ulimit", "umask", "cargo", "mvn", "gradle", "composer");

  private static final Set<String> DEV_NULL = Set.of("/dev/null", "/dev/stdout", "/dev/stderr");

  private final RunContext ctx;
  private final AccountCommands accounts;
  private final ToolCommands tools;

  CommandInterpreter(ImageFilesystem.Editor fs, Optional<BaseImage> base, Identity identity,
      String userSpec, Optional<String> cwd, Map<String, String> env, Set<String> unknownVars,
      Map<String, String> settings, Origin origin, List<AccountEvent> events,
      Function<ShellWord, Range> locate, Range instruction, Globs globs) {
    this.ctx = new RunContext(fs, base, identity, userSpec, cwd, env, unknownVars, settings,
        origin, events, locate, instruction, globs);
    this.accounts = new AccountCommands(ctx);
    this.tools = new ToolCommands(ctx);
  }

  /**
   * Interprets the commands in order, each with its position in the RUN: an effect berth does not
   * understand casts doubt on what earlier commands of the same RUN made, as a later RUN's would.
   * Command {@code i} makes things at position {@code 2(i+1)}; an effect that may take place after
   * the first {@code k} commands is at {@code 2k+1}.
   */
  void run(ShellScript script) {
    Origin run = ctx.origin;
    List<SimpleCommand> commands = script.commands();
    RunOrder order = new RunOrder(script);
    List<Integer> regions = new ArrayList<>();
    for (ShellScript.Unparsed u : script.unparsed()) regions.add(order.after(u.start(), u.end()));
    regions.sort(null);
    int pending = 0;
    Optional<String> outerCwd = ctx.cwd;
    boolean inSub = false;
    for (int i = 0; i < commands.size(); i++) {
      SimpleCommand c = commands.get(i);
      int made = 2 * (i + 1);
      // The commands berth could not read take effect where they stand.
      for (; pending < regions.size() && regions.get(pending) < made; pending++) {
        ctx.doubt = run.at(regions.get(pending));
        ctx.unknown();
      }
      ctx.origin = run.at(made);
      ctx.doubt = run.at(order.doubt(i));
      if (inSub && !c.subshell()) ctx.cwd = outerCwd;
      if (!c.subshell()) outerCwd = ctx.cwd;
      inSub = c.subshell();
      apply(c);
    }
    for (; pending < regions.size(); pending++) {
      ctx.doubt = run.at(regions.get(pending));
      ctx.unknown();
    }
    ctx.origin = run;
    ctx.doubt = run;
  }

  /** Positions of a RUN's commands and of the effects that may come later than they stand. */
  private static final class RunOrder {
    private final List<SimpleCommand> commands;
    /** Command starts, sorted. */
    private final int[] starts;
    /** Loop starts, sorted, and the furthest end among the loops starting at or before each. */
    private final int[] loopStarts;
    private final int[] loopEnds;
    /** For each command, the index of the last command of its pipeline. */
    private final int[] pipelineEnd;

    RunOrder(ShellScript script) {
      commands = script.commands();
      starts = commands.stream().mapToInt(SimpleCommand::start).sorted().toArray();
      List<ShellScript.Span> loops = new ArrayList<>(script.repeated());
      loops.sort(java.util.Comparator.comparingInt(ShellScript.Span::start));
      loopStarts = new int[loops.size()];
      loopEnds = new int[loops.size()];
      int furthest = Integer.MIN_VALUE;
      for (int k = 0; k < loops.size(); k++) {
        loopStarts[k] = loops.get(k).start();
        furthest = Math.max(furthest, loops.get(k).end());
        loopEnds[k] = furthest;
      }
      pipelineEnd = new int[commands.size()];
      for (int i = commands.size() - 1; i >= 0; i--) {
        pipelineEnd[i] = commands.get(i).piped() && i + 1 < commands.size() ? pipelineEnd[i + 1] : i;
      }
    }

    /** The position after every command that may run before {@code [start, end)} is done. */
    int after(int start, int end) {
      return 2 * countBefore(Math.max(end, loopEnd(start))) + 1;
    }

    /** Where an effect of command {@code i} berth does not understand takes place. */
    int doubt(int i) {
      SimpleCommand c = commands.get(i);
      if (c.background()) return Integer.MAX_VALUE;
      int p = 2 * (i + 1);
      if (pipelineEnd[i] > i) p = 2 * (pipelineEnd[i] + 1) + 1;
      int loop = loopEnd(c.start());
      if (loop > c.start()) p = Math.max(p, 2 * countBefore(loop) + 1);
      return p;
    }

    /** The end of the outermost loop around offset {@code at}, or {@code at} when none. */
    private int loopEnd(int at) {
      int k = upperBound(loopStarts, at) - 1;
      return k >= 0 && loopEnds[k] > at ? loopEnds[k] : at;
    }

    /** How many commands start before offset {@code at}. */
    private int countBefore(int at) {
      return upperBound(starts, at - 1);
    }

    /** The number of values {@code <= v} in a sorted array. */
    private static int upperBound(int[] a, int v) {
      int lo = 0;
      int hi = a.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (a[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private void apply(SimpleCommand c) {
    for (ShellWord a : c.assignments()) {
      String raw = a.raw();
      String name = raw.substring(0, raw.indexOf('='));
      Optional<String> v = ctx.valueAfterEquals(a);
      if (c.words().isEmpty()) ctx.setVar(name, v);
    }
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.operator().endsWith(">") || r.operator().endsWith(">>") || r.operator().equals(">|")) {
        Optional<String> target = ctx.value(r.target());
        if (target.isEmpty()) {
          ctx.unknown();
        } else if (!DEV_NULL.contains(target.get()) && !target.get().matches("\\d+")) {
          ctx.path(target.get()).ifPresent(ctx::touch);
        }
      }
    }
    if (c.words().isEmpty()) return;
    List<ShellWord> words = stripWrappers(c.words());
    if (words.isEmpty()) return;
    Optional<String> name = words.get(0).value().map(v -> v.substring(v.lastIndexOf('/') + 1));
    if (name.isEmpty()) {
      ctx.unknown();
      return;
    }
    List<ShellWord> args = words.subList(1, words.size());
    switch (name.get()) {
      case "mkdir" -> mkdir(args);
      case "chown" -> chown(args, false);
      case "chgrp" -> chown(args, true);
      case "chmod" -> chmod(args);
      case "touch" -> touchAll(args);
      case "ln" -> ln(args);
      case "rm" -> rm(args);
      case "install" -> install(args);
      case "cd" -> cd(args);
      case "export" -> export(args);
      case "set" -> set(args);
      case "shopt" -> {
        // bash's dotglob, nullglob, failglob, globstar, extglob change what patterns expand to
        ctx.globsUnknown = true;
        ctx.unknown();
      }
      case "useradd" -> accounts.useradd(args, c);
      case "groupadd" -> accounts.groupadd(args, c);
      case "adduser" -> accounts.adduser(args, c);
      case "addgroup" -> accounts.addgroup(args, c);
      case "usermod" -> accounts.usermod(args);
      case "python", "python3" -> tools.python(args, c);
      case "node", "ruby", "php", "perl" -> {
        // Version checks and inline snippets are harmless; a script file may do anything.
        if (!args.isEmpty() && !args.get(0).value().orElse("x").startsWith("-")) ctx.unknown();
      }
      case "virtualenv" -> tools.venv(args.isEmpty() ? Optional.empty() : ctx.value(args.get(args.size() - 1)));
      case "pip", "pip3" -> tools.pip(args);
      case "uv" -> tools.uv(args);
      case "poetry" -> tools.poetry(args);
      case "npm", "yarn", "pnpm" -> tools.nodePackages(name.get(), args);
      case "npx" -> tools.npx(args);
      case "next" -> tools.nextBuild(args);
      case "apt-get", "apt", "apk", "yum", "dnf", "microdnf" -> tools.packages(args);
      case "curl", "wget" -> tools.download(name.get(), args);
      case "git" -> tools.git(args);
      case "tar" -> tar(args);
      case "unzip" -> unzip(args);
      case "cp", "mv", "rsync", "find", "xargs", "sh", "bash", "dash", "ash",
          "setfacl", "chattr", "sudo", "su", "eval", "exec", "passwd", "chpasswd"
          -> sideEffects(name.get(), args);
      case "groupmod", "userdel", "groupdel", "deluser", "delgroup" -> {
        // Frees or renumbers ids (the usual fix for Ubuntu's uid 1000 'ubuntu'): no account
        // known so far can ground a collision any more.
        ctx.fs.accounts(ctx.fs.accounts().uncertain());
        sideEffects(name.get(), args);
      }
      default -> {
        if (!INERT.contains(name.get())) ctx.unknown();
      }
    }
  }

  /** {@code env A=b cmd}, {@code command cmd}, {@code nohup}, {@code time}: the real command. */
  private List<ShellWord> stripWrappers(List<ShellWord> words) {
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i).value().orElse("");
      if (w.equals("command") || w.equals("nohup") || w.equals("time") || w.equals("exec")) {
        i++;
      } else if (w.equals("env") && i + 1 < words.size()) {
        i++;
        while (i < words.size() && words.get(i).value().orElse("").contains("=")) i++;
      } else {
        break;
      }
    }
    return words.subList(i, words.size());
  }

  private void mkdir(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-m", "--mode"));
    Optional<List<String>> targets = ctx.paths(p.operands());
    if (!p.ok() || targets.isEmpty()) {
      ctx.unknown();
      return;
    }
    String m = p.opts().getOrDefault("-m", p.opts().get("--mode"));
    int mode = 0755;
    if (m != null) {
      var change = Modes.parse(m);
      if (change.isEmpty()) {
        ctx.unknown();
        return;
      }
      OptionalInt r = change.get().apply(OptionalInt.of(0777 & ~022), true);
      if (r.isEmpty()) {
        ctx.unknown();
        return;
      }
      mode = r.getAsInt();
    }
    boolean parents = p.flags().contains("-p") || p.flags().contains("--parents");
    for (String t : targets.get()) ctx.mkdirAs(t, parents, mode);
  }

  /** {@code user}, {@code user:group}, {@code user.group}, {@code :group}, ids. */
  private record Owner(Optional<String> user, Optional<String> group) {}

  private Optional<Owner> owner(String spec) {
    int sep = spec.indexOf(':');
    if (sep < 0 && spec.contains(".") && !spec.contains("/")) sep = spec.indexOf('.');
    if (sep < 0) return Optional.of(new Owner(Optional.of(spec), Optional.empty()));
    String u = spec.substring(0, sep);
    String g = spec.substring(sep + 1);
    return Optional.of(new Owner(u.isEmpty() ? Optional.empty() : Optional.of(u),
        g.isEmpty() ? Optional.empty() : Optional.of(g)));
  }

  private void chown(List<ShellWord> args, boolean groupOnly) {
    RunContext.Parsed p = ctx.options(args, Set.of("--from", "--reference"));
    if (!p.ok() || p.operands().size() < 2 || p.opts().containsKey("--reference")
        || p.opts().containsKey("--from")) {
      ctx.unknown();
      return;
    }
    Optional<String> spec = ctx.value(p.operands().get(0));
    Optional<RunContext.Operands> targets = ctx.expandedPaths(p.operands().subList(1, p.operands().size()));
    if (spec.isEmpty() || targets.isEmpty()) {
      ctx.unknown();
      return;
    }
    staleInherited(targets.get());
    Owner o = groupOnly ? new Owner(Optional.empty(), Optional.of(spec.get()))
        : owner(spec.get()).orElseThrow();
    OptionalInt u = o.user().map(ctx::resolveUid).orElse(OptionalInt.empty());
    OptionalInt g = o.group().map(ctx::resolveGid).orElse(OptionalInt.empty());
    // chown user: (colon, no group) sets the user's login group.
    if (!groupOnly && spec.get().endsWith(":") && o.user().isPresent()) {
      g = ctx.fs.accounts().user(o.user().get()).map(a -> OptionalInt.of(a.gid())).orElse(OptionalInt.empty());
      if (g.isEmpty()) {
        targets.get().paths().forEach(t -> ctx.fs.unknownPath(t, ctx.origin));
        return;
      }
    }
    boolean unresolved = (o.user().isPresent() && u.isEmpty()) || (o.group().isPresent() && g.isEmpty());
    boolean recursive = p.flags().contains("-R") || p.flags().contains("--recursive");
    for (String t : targets.get().paths()) {
      if (unresolved) {
        ctx.fs.unknownPath(t, ctx.origin);
      } else {
        ctx.fs.chown(t, u, g, recursive, ctx.origin);
      }
    }
  }

  private void chmod(List<ShellWord> args) {
    // chmod takes modes like -w or -x that look like options: only -R/-f/-v/-c are options.
    List<ShellWord> rest = new ArrayList<>();
    boolean recursive = false;
    for (ShellWord w : args) {
      String v = w.value().orElse("");
      if (v.matches("-[Rfvc]+") || v.equals("--recursive")) {
        recursive |= v.contains("R") || v.equals("--recursive");
      } else {
        rest.add(w);
      }
    }
    if (rest.size() < 2) {
      ctx.unknown();
      return;
    }
    Optional<String> mode = ctx.value(rest.get(0));
    Optional<RunContext.Operands> targets = ctx.expandedPaths(rest.subList(1, rest.size()));
    var change = mode.flatMap(Modes::parse);
    if (change.isEmpty() || targets.isEmpty()) {
      ctx.unknown();
      return;
    }
    staleInherited(targets.get());
    for (String t : targets.get().paths()) ctx.fs.chmod(t, change.get(), recursive, ctx.origin);
  }

  /**
   * A pattern may also have matched entries berth has no node for but whose owner it reads off a
   * directory ({@link Node#childUid()}) and whose modes it takes for a copy's: they may have
   * changed, as after a step berth does not understand.
   */
  private void staleInherited(RunContext.Operands targets) {
    if (targets.inheritedOwners()) ctx.fs.unknownEffect(ctx.doubt);
  }

  private void touchAll(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-d", "-t", "-r"));
    Optional<List<String>> targets = ctx.paths(p.operands());
    if (targets.isEmpty()) {
      ctx.unknown();
      return;
    }
    targets.get().forEach(ctx::touch);
  }

  private void ln(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-t"));
    boolean symbolic = p.flags().contains("-s") || p.flags().contains("--symbolic");
    if (!symbolic || p.operands().size() != 2 || !ctx.ownerKnown()) {
      ctx.unknown();
      return;
    }
    Optional<String> target = ctx.value(p.operands().get(0));
    Optional<String> link = ctx.value(p.operands().get(1)).flatMap(ctx::path);
    if (target.isEmpty() || link.isEmpty()) {
      ctx.unknown();
      return;
    }
    String l = link.get();
    ImageFilesystem.Lookup existing = ctx.fs.view().lookup(l);
    boolean noDeref = p.flags().contains("-n") || p.flags().contains("-T");
    if (existing.exists() == Answer.YES && existing.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false)
        && !noDeref) {
      l = ImageFilesystem.resolve(l, target.get().substring(target.get().lastIndexOf('/') + 1));
    } else if (existing.exists() == Answer.UNKNOWN && !noDeref) {
      ctx.fs.unknownPath(l, ctx.origin);
      return;
    }
    ctx.fs.symlink(l, target.get(), ctx.uid(), ctx.gid(), ctx.origin);
  }

  private void rm(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of());
    boolean recursive = p.flags().contains("-r") || p.flags().contains("-R")
        || p.flags().contains("--recursive");
    for (ShellWord w : p.operands()) {
      Optional<String> v = ctx.value(w);
      if (v.isPresent()) {
        ctx.path(v.get()).ifPresentOrElse(t -> ctx.fs.remove(t, ctx.origin), ctx::unknown);
        continue;
      }
      Optional<Globs.Match> m = ctx.expand(w);
      if (m.isPresent()) {
        // The entries the pattern matches; without -r a directory stays ('Is a directory').
        for (String t : m.get().paths()) {
          Node.Kind kind = ctx.fs.get(t).map(Node::kind).orElse(Node.Kind.UNKNOWN);
          if (recursive || kind == Node.Kind.FILE || kind == Node.Kind.SYMLINK) {
            ctx.fs.remove(t, ctx.origin);
          } else if (kind != Node.Kind.DIR) {
            ctx.fs.unknownPath(t, ctx.origin);
          }
        }
        continue;
      }
      // A pattern berth cannot expand: whatever matched under its literal directory may be gone.
      String raw = literalPrefix(w);
      int slash = raw.lastIndexOf('/');
      Optional<String> dir = slash < 0 ? ctx.cwd : ctx.path(slash == 0 ? "/" : raw.substring(0, slash));
      if (dir.isEmpty() || w.parts().stream().anyMatch(x -> x instanceof ShellWord.Param)) {
        ctx.unknown();
      } else {
        forgetChildren(dir.get());
      }
    }
  }

  private String literalPrefix(ShellWord w) {
    StringBuilder b = new StringBuilder();
    for (ShellWord.Part part : w.parts()) {
      if (part instanceof ShellWord.Literal l) {
        b.append(l.text());
      } else {
        break;
      }
    }
    return b.toString();
  }

  private void forgetChildren(String dir) {
    Optional<Node> n = ctx.fs.get(dir);
    List<String> kids = ctx.fs.view().nodes().keySet().stream()
        .filter(k -> k.startsWith(dir.equals("/") ? "/" : dir + "/") && !k.equals(dir)).toList();
    kids.forEach(k -> ctx.fs.unknownPath(k, ctx.origin));
    n.filter(Node::childrenKnown).ifPresent(x -> ctx.fs.put(dir, x.withPopulated(x.origin())));
  }

  private void install(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-o", "--owner", "-g", "--group", "-m", "--mode", "-t"));
    boolean dirs = p.flags().contains("-d") || p.flags().contains("--directory");
    Optional<List<String>> targets = ctx.paths(p.operands());
    if (!p.ok() || targets.isEmpty() || targets.get().isEmpty()) {
      ctx.unknown();
      return;
    }
    String o = p.opts().getOrDefault("-o", p.opts().get("--owner"));
    String g = p.opts().getOrDefault("-g", p.opts().get("--group"));
    String m = p.opts().getOrDefault("-m", p.opts().get("--mode"));
    OptionalInt mode = OptionalInt.of(0755);
    if (m != null) {
      mode = Modes.parse(m).map(f -> f.apply(OptionalInt.of(0755), dirs)).orElse(OptionalInt.empty());
    }
    OptionalInt u = o == null ? ctx.identity.uid() : ctx.resolveUid(o);
    OptionalInt gg = g == null ? ctx.identity.gid() : ctx.resolveGid(g);
    List<String> made = dirs ? targets.get() : List.of(targets.get().get(targets.get().size() - 1));
    for (String t : made) {
      if (u.isEmpty() || gg.isEmpty() || mode.isEmpty() || !ctx.ownerKnown()) {
        ctx.fs.unknownPath(t, ctx.origin);
        continue;
      }
      if (dirs) {
        ctx.fs.mkdir(ImageFilesystem.parent(t), true, ctx.uid(), ctx.gid(), 0755, ctx.origin);
        Optional<Node> existing = ctx.fs.get(t);
        Node n = Node.dir(u.getAsInt(), gg.getAsInt(), mode.getAsInt(), true, ctx.origin);
        if (existing.isPresent() && existing.get().kind() == Node.Kind.DIR) {
          n = existing.get().withOwner(u, gg, ctx.origin).withMode(mode, ctx.origin);
        }
        ctx.fs.put(t, n);
      } else {
        ctx.fs.unknownPath(t, ctx.origin);
      }
    }
  }

  private void cd(List<ShellWord> args) {
    if (args.isEmpty()) {
      ctx.cwd = Optional.ofNullable(ctx.home());
      return;
    }
    Optional<String> v = ctx.value(args.get(0));
    ctx.cwd = v.isEmpty() ? Optional.empty() : ctx.path(v.get());
  }

  /** {@code set -f} / {@code set -o noglob} turns pathname expansion off ({@code +f} on again). */
  private void set(List<ShellWord> args) {
    for (ShellWord w : args) {
      String v = w.value().orElse("");
      if (v.equals("--") || v.equals("-") || !(v.startsWith("-") || v.startsWith("+"))) break;
      boolean noglob = v.indexOf('f') > 0 || (v.length() == 2 && v.charAt(1) == 'o'
          && args.stream().anyMatch(a -> a.value().orElse("").equals("noglob")));
      if (noglob) ctx.globsUnknown = true;
    }
  }

  private void export(List<ShellWord> args) {
    for (ShellWord w : args) {
      if (w.raw().contains("=")) {
        ctx.setVar(w.raw().substring(0, w.raw().indexOf('=')), ctx.valueAfterEquals(w));
      }
    }
  }

  /** Commands whose effects depend on what they copy or run: their destinations become unknown. */
  /**
   * {@code tar x}: the archive's members land in the {@code -C}/{@code --directory} directory
   * (else the working directory) with the owners and modes the archive records (GNU tar keeps
   * them when run as root, --same-owner). Other modes (create, list) change nothing berth models.
   */
  private void tar(List<ShellWord> args) {
    boolean extract = false;
    Optional<String> dir = Optional.empty();
    boolean dirUnknown = false;
    for (int i = 0; i < args.size(); i++) {
      Optional<String> v = ctx.value(args.get(i));
      if (v.isEmpty()) continue;
      String w = v.get();
      // the first word may be the traditional option cluster without a dash (tar xzf a.tgz)
      boolean cluster = i == 0 && w.matches("[A-Za-z]+") || w.matches("-[A-Za-z]+");
      if (cluster && w.indexOf('x') >= 0 || w.equals("--extract") || w.equals("--get")) {
        extract = true;
      }
      if (w.equals("-C") || w.equals("--directory")) {
        Optional<String> next = i + 1 < args.size() ? ctx.value(args.get(++i)) : Optional.empty();
        dir = next.flatMap(ctx::path);
        dirUnknown = dir.isEmpty();
      } else if (w.startsWith("--directory=")) {
        dir = ctx.path(w.substring("--directory=".length()));
        dirUnknown = dir.isEmpty();
      }
    }
    if (!extract) return;
    extracted(dirUnknown ? Optional.empty() : dir.or(() -> ctx.cwd));
  }

  /** {@code unzip ARCHIVE [-d DIR]}: members land in DIR, else the working directory. */
  private void unzip(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-d", "-x"));
    if (p.opts().containsKey("-d")) {
      extracted(Optional.ofNullable(p.opts().get("-d")).flatMap(ctx::path));
    } else {
      extracted(ctx.cwd);
    }
  }

  /**
   * Members of unknown names land in {@code dir}, owned as the archive says: the directory keeps
   * what berth knew of it (a {@code ./} member could reset it too, which berth does not model),
   * and what it holds besides the entries known before becomes unknown.
   */
  private void extracted(Optional<String> dir) {
    ctx.unknown();
    if (dir.isEmpty()) return;
    // tar -C and unzip -d need the directory to exist; who runs the RUN does not matter here
    // (it may be unknown: the members' owners come from the archive).
    ctx.fs.get(dir.get()).filter(n -> n.kind() == Node.Kind.DIR).ifPresent(n -> ctx.fs.put(
        dir.get(), new Node(n.kind(), n.uid(), n.gid(), n.mode(), false, OptionalInt.empty(),
            OptionalInt.empty(), true, n.target(), n.origin())));
  }

  private void sideEffects(String name, List<ShellWord> args) {
    switch (name) {
      case "cp", "mv", "rsync" -> {
        RunContext.Parsed p = ctx.options(args, Set.of("-t", "--target-directory", "-S", "--suffix"));
        if (p.operands().size() < 2 || p.flags().contains("-p") || p.flags().contains("-a")
            || p.flags().contains("--preserve") || p.flags().contains("--archive")) {
          ctx.unknown();
          return;
        }
        Optional<String> dest = ctx.value(p.operands().get(p.operands().size() - 1)).flatMap(ctx::path);
        if (dest.isEmpty() || !ctx.ownerKnown()) {
          ctx.unknown();
          return;
        }
        // The shell expands the sources before mv runs.
        List<Optional<Globs.Match>> sources = !name.equals("mv") ? List.of()
            : p.operands().subList(0, p.operands().size() - 1).stream().map(ctx::expand).toList();
        ImageFilesystem.Lookup l = ctx.fs.view().lookup(dest.get());
        if (l.exists() == Answer.YES && l.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false)) {
          ctx.fs.populate(dest.get(), ctx.uid(), ctx.gid(), ctx.origin);
        } else {
          ctx.fs.unknownPath(dest.get(), ctx.origin);
        }
        if (name.equals("mv")) {
          for (Optional<Globs.Match> m : sources) {
            m.ifPresentOrElse(x -> x.paths().forEach(s -> ctx.fs.unknownPath(s, ctx.origin)), ctx::unknown);
          }
        }
      }
      default -> ctx.unknown();
    }
  }
}
