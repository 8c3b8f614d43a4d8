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
      "realpath", "dirname", "basename", "node", "java", "go", "gosu", "su-exec", "nginx",
      "php", "ruby", "pwd", "cat", "tee", "md5sum", "sha256sum", "sha1sum", "sha512sum",
      "python", "python3", "pip", "pip3", "npm", "npx", "yarn", "pnpm", "uv", "poetry",
      "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "curl", "wget", "git", "export",
      "source", ".", "hash", "ulimit", "umask", "cargo", "make", "mvn", "gradle", "composer");

  private static final Set<String> DEV_NULL = Set.of("/dev/null", "/dev/stdout", "/dev/stderr");

  private final ImageFilesystem.Editor fs;
  private final Optional<BaseImage> base;
  private final Identity identity;
  private final String userSpec;
  private Optional<String> cwd;
  private final Map<String, String> vars;
  private final Set<String> unknownVars;
  private final Map<String, String> settings;
  private final Origin origin;
  private final List<AccountEvent> events;
  private final Function<ShellWord, Range> locate;
  private final Range instruction;

  CommandInterpreter(ImageFilesystem.Editor fs, Optional<BaseImage> base, Identity identity,
      String userSpec, Optional<String> cwd, Map<String, String> env, Set<String> unknownVars,
      Map<String, String> settings, Origin origin, List<AccountEvent> events,
      Function<ShellWord, Range> locate, Range instruction) {
    this.fs = fs;
    this.base = base;
    this.identity = identity;
    this.userSpec = userSpec;
    this.cwd = cwd;
    this.vars = new HashMap<>(env);
    this.unknownVars = new HashSet<>(unknownVars);
    this.settings = settings;
    this.origin = origin;
    this.events = events;
    this.locate = locate;
    this.instruction = instruction;
  }

  void run(ShellScript script) {
    if (!script.complete()) unknown();
    Optional<String> outerCwd = cwd;
    boolean inSub = false;
    for (SimpleCommand c : script.commands()) {
      if (inSub && !c.subshell()) cwd = outerCwd;
      if (!c.subshell()) outerCwd = cwd;
      inSub = c.subshell();
      apply(c);
    }
  }

  private VariableLookup lookup() {
    return name -> unknownVars.contains(name) ? Optional.empty() : Optional.ofNullable(vars.get(name));
  }

  private Optional<String> value(ShellWord w) {
    return w.expand(lookup());
  }

  /** Something not understood ran: any path or account may have changed. */
  private void unknown() {
    fs.unknownEffect(origin);
    fs.accounts(fs.accounts().incomplete());
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private void apply(SimpleCommand c) {
    for (ShellWord a : c.assignments()) {
      String raw = a.raw();
      String name = raw.substring(0, raw.indexOf('='));
      Optional<String> v = valueAfterEquals(a);
      if (c.words().isEmpty()) setVar(name, v);
    }
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.operator().endsWith(">") || r.operator().endsWith(">>") || r.operator().equals(">|")) {
        Optional<String> target = value(r.target());
        if (target.isEmpty()) {
          unknown();
        } else if (!DEV_NULL.contains(target.get()) && !target.get().matches("\\d+")) {
          path(target.get()).ifPresent(this::touch);
        }
      }
    }
    if (c.words().isEmpty()) return;
    List<ShellWord> words = stripWrappers(c.words());
    if (words.isEmpty()) return;
    Optional<String> name = words.get(0).value().map(v -> v.substring(v.lastIndexOf('/') + 1));
    if (name.isEmpty()) {
      unknown();
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
      case "useradd" -> useradd(args, c);
      case "groupadd" -> groupadd(args, c);
      case "adduser" -> adduser(args, c);
      case "addgroup" -> addgroup(args, c);
      case "usermod" -> usermod(args);
      case "python", "python3" -> python(args, c);
      case "virtualenv" -> venv(args.isEmpty() ? Optional.empty() : value(args.get(args.size() - 1)));
      case "pip", "pip3" -> pip(args);
      case "uv" -> uv(args);
      case "poetry" -> poetry(args);
      case "npm", "yarn", "pnpm" -> nodePackages(name.get(), args);
      case "npx" -> npx(args);
      case "next" -> nextBuild(args);
      case "apt-get", "apt", "apk", "yum", "dnf", "microdnf" -> packages(args);
      case "curl", "wget" -> download(name.get(), args);
      case "git" -> git(args);
      case "cp", "mv", "tar", "unzip", "rsync", "find", "xargs", "sh", "bash", "dash", "ash",
          "setfacl", "chattr", "sudo", "su", "eval", "exec", "groupmod", "userdel", "groupdel",
          "passwd", "chpasswd" -> sideEffects(name.get(), args);
      default -> {
        if (!INERT.contains(name.get())) unknown();
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

  // ---- paths and owners ----------------------------------------------------------------------

  private Optional<String> path(String p) {
    if (p.startsWith("/")) return Optional.of(ImageFilesystem.normalize(p));
    return cwd.map(c -> ImageFilesystem.resolve(c, p));
  }

  /** Path operands: empty when any is not literal or relative to an unknown directory. */
  private Optional<List<String>> paths(List<ShellWord> operands) {
    List<String> out = new ArrayList<>();
    for (ShellWord w : operands) {
      Optional<String> v = value(w);
      if (v.isEmpty()) return Optional.empty();
      Optional<String> p = path(v.get());
      if (p.isEmpty()) return Optional.empty();
      out.add(p.get());
    }
    return Optional.of(out);
  }

  private boolean ownerKnown() {
    return identity.uid().isPresent() && identity.gid().isPresent();
  }

  private int uid() {
    return identity.uid().getAsInt();
  }

  private int gid() {
    return identity.gid().getAsInt();
  }

  private String home() {
    String h = vars.get("HOME");
    if (h != null && !unknownVars.contains("HOME")) return h;
    return fs.accounts().user(userName()).map(UserAccount::home)
        .orElse(identity.isRoot() ? "/root" : null);
  }

  private String userName() {
    int colon = userSpec.indexOf(':');
    String u = colon < 0 ? userSpec : userSpec.substring(0, colon);
    if (u.matches("\\d{1,9}")) {
      return fs.accounts().userById(Integer.parseInt(u)).map(UserAccount::name).orElse(u);
    }
    return u;
  }

  private void touch(String p) {
    if (!ownerKnown()) {
      fs.unknownPath(p, origin);
      return;
    }
    ImageFilesystem.Lookup l = fs.view().lookup(p);
    if (l.exists() == Answer.YES) return;
    if (l.exists() == Answer.UNKNOWN && fs.get(p).isEmpty()) {
      ImageFilesystem.Lookup parent = fs.view().lookup(ImageFilesystem.parent(p));
      if (parent.exists() != Answer.YES) return;
    }
    fs.put(p, Node.file(uid(), gid(), OptionalInt.of(0644), origin));
  }

  private void mkdirAs(String p, boolean parents, int mode) {
    if (!ownerKnown()) {
      fs.unknownPath(p, origin);
      return;
    }
    fs.mkdir(p, parents, uid(), gid(), mode, origin);
  }

  // ---- commands ------------------------------------------------------------------------------

  private record Parsed(Map<String, String> opts, Set<String> flags, List<ShellWord> operands,
      boolean ok) {}

  /**
   * Minimal getopt: {@code valued} options take an argument (short ones may be clustered or
   * attached, long ones may use {@code =}). Returns ok=false on a non-literal option.
   */
  private Parsed options(List<ShellWord> args, Set<String> valued) {
    Map<String, String> opts = new HashMap<>();
    Set<String> flags = new HashSet<>();
    List<ShellWord> operands = new ArrayList<>();
    boolean ok = true;
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      ShellWord w = args.get(i);
      Optional<String> v = w.value();
      if (endOfOptions || v.isEmpty() || !v.get().startsWith("-") || v.get().equals("-")) {
        if (v.isEmpty() && !endOfOptions && w.raw().startsWith("-")) ok = false;
        operands.add(w);
        continue;
      }
      String s = v.get();
      if (s.equals("--")) {
        endOfOptions = true;
      } else if (s.startsWith("--")) {
        int eq = s.indexOf('=');
        String key = eq < 0 ? s : s.substring(0, eq);
        if (valued.contains(key)) {
          if (eq >= 0) {
            opts.put(key, s.substring(eq + 1));
          } else if (i + 1 < args.size()) {
            Optional<String> next = value(args.get(++i));
            if (next.isEmpty()) ok = false;
            opts.put(key, next.orElse(null));
          }
        } else {
          flags.add(key);
        }
      } else {
        for (int j = 1; j < s.length(); j++) {
          String key = "-" + s.charAt(j);
          if (valued.contains(key)) {
            String val = s.substring(j + 1);
            if (val.isEmpty() && i + 1 < args.size()) {
              Optional<String> next = value(args.get(++i));
              if (next.isEmpty()) ok = false;
              val = next.orElse(null);
            }
            opts.put(key, val);
            break;
          }
          flags.add(key);
        }
      }
    }
    return new Parsed(opts, flags, operands, ok);
  }

  private void mkdir(List<ShellWord> args) {
    Parsed p = options(args, Set.of("-m", "--mode"));
    Optional<List<String>> targets = paths(p.operands());
    if (!p.ok() || targets.isEmpty()) {
      unknown();
      return;
    }
    String m = p.opts().getOrDefault("-m", p.opts().get("--mode"));
    int mode = 0755;
    if (m != null) {
      var change = Modes.parse(m);
      if (change.isEmpty()) {
        unknown();
        return;
      }
      OptionalInt r = change.get().apply(OptionalInt.of(0777 & ~022), true);
      if (r.isEmpty()) {
        unknown();
        return;
      }
      mode = r.getAsInt();
    }
    boolean parents = p.flags().contains("-p") || p.flags().contains("--parents");
    for (String t : targets.get()) mkdirAs(t, parents, mode);
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

  private OptionalInt resolveUid(String u) {
    if (u.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(u));
    return fs.accounts().user(u).filter(a -> !a.maybe())
        .map(a -> OptionalInt.of(a.uid())).orElse(OptionalInt.empty());
  }

  private OptionalInt resolveGid(String g) {
    if (g.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(g));
    return fs.accounts().group(g).filter(a -> !a.maybe())
        .map(a -> OptionalInt.of(a.gid())).orElse(OptionalInt.empty());
  }

  private void chown(List<ShellWord> args, boolean groupOnly) {
    Parsed p = options(args, Set.of("--from", "--reference"));
    if (!p.ok() || p.operands().size() < 2 || p.opts().containsKey("--reference")
        || p.opts().containsKey("--from")) {
      unknown();
      return;
    }
    Optional<String> spec = value(p.operands().get(0));
    Optional<List<String>> targets = paths(p.operands().subList(1, p.operands().size()));
    if (spec.isEmpty() || targets.isEmpty()) {
      unknown();
      return;
    }
    Owner o = groupOnly ? new Owner(Optional.empty(), Optional.of(spec.get()))
        : owner(spec.get()).orElseThrow();
    OptionalInt u = o.user().map(this::resolveUid).orElse(OptionalInt.empty());
    OptionalInt g = o.group().map(this::resolveGid).orElse(OptionalInt.empty());
    // chown user: (colon, no group) sets the user's login group.
    if (!groupOnly && spec.get().endsWith(":") && o.user().isPresent()) {
      g = fs.accounts().user(o.user().get()).map(a -> OptionalInt.of(a.gid())).orElse(OptionalInt.empty());
      if (g.isEmpty()) {
        targets.get().forEach(t -> fs.unknownPath(t, origin));
        return;
      }
    }
    boolean unresolved = (o.user().isPresent() && u.isEmpty()) || (o.group().isPresent() && g.isEmpty());
    boolean recursive = p.flags().contains("-R") || p.flags().contains("--recursive");
    for (String t : targets.get()) {
      if (unresolved) {
        fs.unknownPath(t, origin);
      } else {
        fs.chown(t, u, g, recursive, origin);
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
      unknown();
      return;
    }
    Optional<String> mode = value(rest.get(0));
    Optional<List<String>> targets = paths(rest.subList(1, rest.size()));
    var change = mode.flatMap(Modes::parse);
    if (change.isEmpty() || targets.isEmpty()) {
      unknown();
      return;
    }
    for (String t : targets.get()) fs.chmod(t, change.get(), recursive, origin);
  }

  private void touchAll(List<ShellWord> args) {
    Parsed p = options(args, Set.of("-d", "-t", "-r"));
    Optional<List<String>> targets = paths(p.operands());
    if (targets.isEmpty()) {
      unknown();
      return;
    }
    targets.get().forEach(this::touch);
  }

  private void ln(List<ShellWord> args) {
    Parsed p = options(args, Set.of("-t"));
    boolean symbolic = p.flags().contains("-s") || p.flags().contains("--symbolic");
    if (!symbolic || p.operands().size() != 2 || !ownerKnown()) {
      unknown();
      return;
    }
    Optional<String> target = value(p.operands().get(0));
    Optional<String> link = value(p.operands().get(1)).flatMap(this::path);
    if (target.isEmpty() || link.isEmpty()) {
      unknown();
      return;
    }
    String l = link.get();
    ImageFilesystem.Lookup existing = fs.view().lookup(l);
    boolean noDeref = p.flags().contains("-n") || p.flags().contains("-T");
    if (existing.exists() == Answer.YES && existing.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false)
        && !noDeref) {
      l = ImageFilesystem.resolve(l, target.get().substring(target.get().lastIndexOf('/') + 1));
    } else if (existing.exists() == Answer.UNKNOWN && !noDeref) {
      fs.unknownPath(l, origin);
      return;
    }
    fs.symlink(l, target.get(), uid(), gid(), origin);
  }

  private void rm(List<ShellWord> args) {
    Parsed p = options(args, Set.of());
    for (ShellWord w : p.operands()) {
      Optional<String> v = value(w);
      if (v.isPresent()) {
        path(v.get()).ifPresentOrElse(t -> fs.remove(t, origin), this::unknown);
        continue;
      }
      // A glob: whatever matched under its literal directory may be gone.
      String raw = literalPrefix(w);
      int slash = raw.lastIndexOf('/');
      Optional<String> dir = slash < 0 ? cwd : path(slash == 0 ? "/" : raw.substring(0, slash));
      if (dir.isEmpty() || w.parts().stream().anyMatch(x -> x instanceof ShellWord.Param)) {
        unknown();
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
    Optional<Node> n = fs.get(dir);
    List<String> kids = fs.view().nodes().keySet().stream()
        .filter(k -> k.startsWith(dir.equals("/") ? "/" : dir + "/") && !k.equals(dir)).toList();
    kids.forEach(k -> fs.unknownPath(k, origin));
    n.filter(Node::childrenKnown).ifPresent(x -> fs.put(dir, x.withPopulated(x.origin())));
  }

  private void install(List<ShellWord> args) {
    Parsed p = options(args, Set.of("-o", "--owner", "-g", "--group", "-m", "--mode", "-t"));
    boolean dirs = p.flags().contains("-d") || p.flags().contains("--directory");
    Optional<List<String>> targets = paths(p.operands());
    if (!p.ok() || targets.isEmpty() || targets.get().isEmpty()) {
      unknown();
      return;
    }
    String o = p.opts().getOrDefault("-o", p.opts().get("--owner"));
    String g = p.opts().getOrDefault("-g", p.opts().get("--group"));
    String m = p.opts().getOrDefault("-m", p.opts().get("--mode"));
    OptionalInt mode = OptionalInt.of(0755);
    if (m != null) {
      mode = Modes.parse(m).map(f -> f.apply(OptionalInt.of(0755), dirs)).orElse(OptionalInt.empty());
    }
    OptionalInt u = o == null ? identity.uid() : resolveUid(o);
    OptionalInt gg = g == null ? identity.gid() : resolveGid(g);
    List<String> made = dirs ? targets.get() : List.of(targets.get().get(targets.get().size() - 1));
    for (String t : made) {
      if (u.isEmpty() || gg.isEmpty() || mode.isEmpty() || !ownerKnown()) {
        fs.unknownPath(t, origin);
        continue;
      }
      if (dirs) {
        fs.mkdir(ImageFilesystem.parent(t), true, uid(), gid(), 0755, origin);
        Optional<Node> existing = fs.get(t);
        Node n = Node.dir(u.getAsInt(), gg.getAsInt(), mode.getAsInt(), true, origin);
        if (existing.isPresent() && existing.get().kind() == Node.Kind.DIR) {
          n = existing.get().withOwner(u, gg, origin).withMode(mode, origin);
        }
        fs.put(t, n);
      } else {
        fs.unknownPath(t, origin);
      }
    }
  }

  private void cd(List<ShellWord> args) {
    if (args.isEmpty()) {
      cwd = Optional.ofNullable(home());
      return;
    }
    Optional<String> v = value(args.get(0));
    cwd = v.isEmpty() ? Optional.empty() : path(v.get());
  }

  private void export(List<ShellWord> args) {
    for (ShellWord w : args) {
      if (w.raw().contains("=")) {
        setVar(w.raw().substring(0, w.raw().indexOf('=')), valueAfterEquals(w));
      }
    }
  }

  private Optional<String> valueAfterEquals(ShellWord w) {
    return value(w).map(v -> v.substring(v.indexOf('=') + 1));
  }

  private void setVar(String name, Optional<String> v) {
    if (v.isPresent()) {
      vars.put(name, v.get());
      unknownVars.remove(name);
    } else {
      unknownVars.add(name);
    }
  }

  // ---- accounts ------------------------------------------------------------------------------

  private boolean busyboxSyntax() {
    return base.map(b -> b.os().equals("alpine") || b.os().equals("busybox")).orElse(false);
  }

  private boolean debianSyntax() {
    return base.map(b -> b.os().equals("debian") || b.os().equals("ubuntu")).orElse(false);
  }

  private void recordId(String cmd, String name, boolean group, ShellWord idWord, boolean fallback,
      SimpleCommand c) {
    OptionalInt id = OptionalInt.empty();
    Optional<String> v = value(idWord);
    if (v.isPresent() && v.get().matches("\\d{1,9}")) id = OptionalInt.of(Integer.parseInt(v.get()));
    List<String> variables = idWord.parts().stream().filter(p -> p instanceof ShellWord.Param)
        .map(p -> ((ShellWord.Param) p).name()).toList();
    Optional<String> existing = Optional.empty();
    if (id.isPresent()) {
      int n = id.getAsInt();
      existing = group
          ? fs.accounts().groupById(n).filter(a -> !a.maybe()).map(GroupAccount::name)
          : fs.accounts().userById(n).filter(a -> !a.maybe()).map(UserAccount::name);
    }
    boolean guarded = fallback || c.failureTolerated() || c.conditional();
    events.add(new AccountEvent(cmd, name, group, id, variables, existing, guarded,
        locate.apply(idWord), instruction));
  }

  private static Optional<ShellWord> optWord(List<ShellWord> args, String... names) {
    for (int i = 0; i < args.size(); i++) {
      String v = args.get(i).value().orElse(args.get(i).raw());
      for (String n : names) {
        if (v.equals(n) && i + 1 < args.size()) return Optional.of(args.get(i + 1));
        if (n.startsWith("--") && v.startsWith(n + "=")) {
          ShellWord w = args.get(i);
          return Optional.of(afterEquals(w));
        }
      }
    }
    return Optional.empty();
  }

  /** The part of {@code --gid=$GID} after '=', keeping the offsets of the whole word. */
  private static ShellWord afterEquals(ShellWord w) {
    List<ShellWord.Part> parts = new ArrayList<>();
    boolean seen = false;
    for (ShellWord.Part p : w.parts()) {
      if (seen) {
        parts.add(p);
      } else if (p instanceof ShellWord.Literal l && l.text().contains("=")) {
        seen = true;
        String rest = l.text().substring(l.text().indexOf('=') + 1);
        if (!rest.isEmpty()) parts.add(new ShellWord.Literal(rest, l.quoted()));
      }
    }
    return new ShellWord(w.raw().substring(w.raw().indexOf('=') + 1), parts, w.start(), w.end(),
        w.approximate());
  }

  private void groupadd(List<ShellWord> args, SimpleCommand c) {
    Parsed p = options(args, Set.of("-g", "--gid", "-K", "--key", "-p", "--password", "-R",
        "--root", "-P", "--prefix"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : value(p.operands().get(p.operands().size() - 1));
    boolean tolerant = p.flags().contains("-f") || p.flags().contains("--force")
        || p.flags().contains("-o") || p.flags().contains("--non-unique");
    Optional<ShellWord> gidWord = optWord(args, "-g", "--gid");
    if (name.isPresent()) gidWord.ifPresent(w -> recordId("groupadd", name.get(), true, w, tolerant, c));
    if (!p.ok() || name.isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    addGroup(name.get(), gidWord.flatMap(this::value), p.flags().contains("-r")
        || p.flags().contains("--system"));
  }

  private void addGroup(String name, Optional<String> gid, boolean system) {
    Accounts a = fs.accounts();
    if (a.group(name).isPresent()) return;
    OptionalInt id = gid.filter(g -> g.matches("\\d{1,9}"))
        .map(g -> OptionalInt.of(Integer.parseInt(g))).orElse(OptionalInt.empty());
    if (gid.isPresent() && id.isEmpty()) {
      fs.accounts(a.incomplete());
      return;
    }
    int n = id.isPresent() ? id.getAsInt() : nextFree(a, system, true);
    fs.accounts(a.withGroup(new GroupAccount(name, n, Set.of(), false, Optional.of(instruction))));
  }

  /** useradd/groupadd choose the first free id from 1000 up, or from 999 down for system ones. */
  private static int nextFree(Accounts a, boolean system, boolean group) {
    if (system) {
      for (int i = 999; i >= 100; i--) {
        if (group ? a.groupById(i).isEmpty() : a.userById(i).isEmpty()) return i;
      }
    }
    for (int i = 1000; ; i++) {
      if (group ? a.groupById(i).isEmpty() : a.userById(i).isEmpty()) return i;
    }
  }

  private void useradd(List<ShellWord> args, SimpleCommand c) {
    Parsed p = options(args, Set.of("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d",
        "--home-dir", "--home", "-s", "--shell", "-c", "--comment", "-k", "--skel", "-e", "-f",
        "-K", "-p", "--password", "-R", "--root", "-b", "--base-dir", "-Z"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : value(p.operands().get(p.operands().size() - 1));
    boolean nonUnique = p.flags().contains("-o") || p.flags().contains("--non-unique");
    boolean system = p.flags().contains("-r") || p.flags().contains("--system");
    Optional<ShellWord> uidWord = optWord(args, "-u", "--uid");
    if (name.isPresent()) uidWord.ifPresent(w -> recordId("useradd", name.get(), false, w, nonUnique, c));
    if (!p.ok() || name.isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      unknown();
      return;
    }
    String group = p.opts().getOrDefault("-g", p.opts().get("--gid"));
    boolean noUserGroup = p.flags().contains("-N") || p.flags().contains("--no-user-group");
    String home = p.opts().getOrDefault("-d", p.opts().getOrDefault("--home-dir",
        p.opts().get("--home")));
    boolean createHome = p.flags().contains("-m") || p.flags().contains("--create-home");
    String shell = p.opts().getOrDefault("-s", p.opts().getOrDefault("--shell", "/bin/sh"));
    addUser(name.get(), uidWord.flatMap(this::value), Optional.ofNullable(group),
        !noUserGroup && group == null, home == null ? "/home/" + name.get() : home, createHome,
        shell, system, p.opts().getOrDefault("-G", p.opts().get("--groups")));
  }

  /**
   * Adds a user; with {@code userGroup} a same-named group is created (gid = uid when free, as
   * useradd -U and adduser do). The home directory, when created, belongs to the user; its mode
   * depends on distribution defaults berth does not record, so it is left unknown.
   */
  private void addUser(String name, Optional<String> uidText, Optional<String> group,
      boolean userGroup, String home, boolean createHome, String shell, boolean system,
      String supplementary) {
    Accounts a = fs.accounts();
    if (a.user(name).isPresent()) return;
    OptionalInt uid = uidText.filter(u -> u.matches("\\d{1,9}"))
        .map(u -> OptionalInt.of(Integer.parseInt(u))).orElse(OptionalInt.empty());
    if (uidText.isPresent() && uid.isEmpty()) {
      fs.accounts(a.incomplete());
      return;
    }
    int u = uid.isPresent() ? uid.getAsInt() : nextFree(a, system, false);
    OptionalInt g;
    if (group.isPresent()) {
      g = resolveGidIn(a, group.get());
    } else if (userGroup) {
      int gid = a.groupById(u).isEmpty() ? u : nextFree(a, system, true);
      if (a.group(name).isPresent()) {
        gid = a.group(name).get().gid();
      } else {
        a = a.withGroup(new GroupAccount(name, gid, Set.of(), false, Optional.of(instruction)));
      }
      g = OptionalInt.of(gid);
    } else {
      g = OptionalInt.of(100);
    }
    if (g.isEmpty()) {
      fs.accounts(a.incomplete());
      return;
    }
    a = a.withUser(new UserAccount(name, u, g.getAsInt(), home, shell, false, Optional.of(instruction)));
    if (supplementary != null) {
      for (String s : supplementary.split(",")) a = a.withMember(s.trim(), name);
    }
    fs.accounts(a);
    if (createHome) {
      fs.mkdir(ImageFilesystem.parent(home), true, 0, 0, 0755, origin);
      fs.put(home, new Node(Node.Kind.DIR, OptionalInt.of(u), g, OptionalInt.empty(), false,
          OptionalInt.of(u), g, false, Optional.empty(), origin));
    }
  }

  private static OptionalInt resolveGidIn(Accounts a, String g) {
    if (g.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(g));
    return a.group(g).filter(x -> !x.maybe()).map(x -> OptionalInt.of(x.gid())).orElse(OptionalInt.empty());
  }

  private void adduser(List<ShellWord> args, SimpleCommand c) {
    if (busyboxSyntax()) {
      // busybox: adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] USER [GROUP]
      Parsed p = options(args, Set.of("-h", "-g", "-s", "-G", "-u", "-k"));
      if (!p.ok() || p.operands().isEmpty()) {
        fs.accounts(fs.accounts().incomplete());
        return;
      }
      Optional<String> name = value(p.operands().get(0));
      if (name.isEmpty()) {
        fs.accounts(fs.accounts().incomplete());
        return;
      }
      if (p.operands().size() == 2) {
        value(p.operands().get(1)).ifPresent(g -> fs.accounts(fs.accounts().withMember(g, name.get())));
        return;
      }
      Optional<ShellWord> uidWord = optWord(args, "-u");
      uidWord.ifPresent(w -> recordId("adduser", name.get(), false, w, false, c));
      String group = p.opts().get("-G");
      String home = p.opts().getOrDefault("-h", "/home/" + name.get());
      addUser(name.get(), uidWord.flatMap(this::value), Optional.ofNullable(group), group == null,
          home, !p.flags().contains("-H"), p.opts().getOrDefault("-s", "/bin/sh"),
          p.flags().contains("-S"), null);
      return;
    }
    if (!debianSyntax()) {
      fs.accounts(fs.accounts().incomplete());
      unknown();
      return;
    }
    // Debian: adduser [--system] [--uid ID] [--gid ID|--ingroup GRP] [--home DIR] [--shell SH]
    //         [--no-create-home] [--group] USER [GROUP]
    Parsed p = options(args, Set.of("--uid", "--gid", "--ingroup", "--home", "--shell",
        "--gecos", "--comment", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
        "--add-extra-groups", "--allow-bad-names"));
    if (!p.ok() || p.operands().isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    Optional<String> name = value(p.operands().get(0));
    if (name.isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    if (p.operands().size() == 2) {
      value(p.operands().get(1)).ifPresent(g -> fs.accounts(fs.accounts().withMember(g, name.get())));
      return;
    }
    boolean system = p.flags().contains("--system");
    Optional<ShellWord> uidWord = optWord(args, "--uid");
    uidWord.ifPresent(w -> recordId("adduser", name.get(), false, w, false, c));
    String group = p.opts().getOrDefault("--ingroup", p.opts().get("--gid"));
    boolean sameGroup = !system || p.flags().contains("--group");
    String home = p.opts().get("--home");
    if (home == null && system) {
      // Whether a --system user gets /nonexistent or /home/NAME changed between adduser
      // releases: the accounts stay, the home is unknown.
      addUser(name.get(), uidWord.flatMap(this::value), Optional.ofNullable(group),
          group == null && sameGroup, "/nonexistent", false, "/usr/sbin/nologin", true, null);
      fs.unknownPath("/home/" + name.get(), origin);
      return;
    }
    addUser(name.get(), uidWord.flatMap(this::value), Optional.ofNullable(group),
        group == null && sameGroup, home == null ? "/home/" + name.get() : home,
        !p.flags().contains("--no-create-home"),
        p.opts().getOrDefault("--shell", system ? "/usr/sbin/nologin" : "/bin/bash"), system, null);
  }

  private void addgroup(List<ShellWord> args, SimpleCommand c) {
    if (busyboxSyntax()) {
      Parsed p = options(args, Set.of("-g"));
      if (!p.ok() || p.operands().isEmpty()) {
        fs.accounts(fs.accounts().incomplete());
        return;
      }
      if (p.operands().size() == 2) {
        Optional<String> user = value(p.operands().get(0));
        Optional<String> group = value(p.operands().get(1));
        if (user.isPresent() && group.isPresent()) {
          fs.accounts(fs.accounts().withMember(group.get(), user.get()));
        }
        return;
      }
      Optional<String> name = value(p.operands().get(0));
      if (name.isEmpty()) {
        fs.accounts(fs.accounts().incomplete());
        return;
      }
      Optional<ShellWord> gidWord = optWord(args, "-g");
      gidWord.ifPresent(w -> recordId("addgroup", name.get(), true, w, false, c));
      addGroup(name.get(), gidWord.flatMap(this::value), p.flags().contains("-S"));
      return;
    }
    if (!debianSyntax()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    Parsed p = options(args, Set.of("--gid", "--conf"));
    if (!p.ok() || p.operands().isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    if (p.operands().size() == 2) {
      Optional<String> user = value(p.operands().get(0));
      Optional<String> group = value(p.operands().get(1));
      if (user.isPresent() && group.isPresent()) {
        fs.accounts(fs.accounts().withMember(group.get(), user.get()));
      }
      return;
    }
    Optional<String> name = value(p.operands().get(0));
    if (name.isEmpty()) {
      fs.accounts(fs.accounts().incomplete());
      return;
    }
    Optional<ShellWord> gidWord = optWord(args, "--gid");
    gidWord.ifPresent(w -> recordId("addgroup", name.get(), true, w, false, c));
    addGroup(name.get(), gidWord.flatMap(this::value), p.flags().contains("--system"));
  }

  private void usermod(List<ShellWord> args) {
    Parsed p = options(args, Set.of("-G", "--groups", "-g", "--gid", "-u", "--uid", "-d",
        "--home", "-s", "--shell", "-l", "--login", "-c", "--comment"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : value(p.operands().get(p.operands().size() - 1));
    String groups = p.opts().getOrDefault("-G", p.opts().get("--groups"));
    boolean onlyAppend = (p.flags().contains("-a") || p.flags().contains("--append"))
        && groups != null && p.opts().size() == 1;
    if (p.ok() && name.isPresent() && onlyAppend) {
      Accounts a = fs.accounts();
      for (String g : groups.split(",")) a = a.withMember(g.trim(), name.get());
      fs.accounts(a);
      return;
    }
    // Changing a uid also re-owns the home directory: too much to model.
    name.ifPresentOrElse(n -> fs.accounts(fs.accounts().withoutUser(n).incomplete()),
        () -> fs.accounts(fs.accounts().incomplete()));
    unknown();
  }

  // ---- language tooling ----------------------------------------------------------------------

  private void python(List<ShellWord> args, SimpleCommand c) {
    if (args.size() >= 2 && args.get(0).value().filter("-m"::equals).isPresent()) {
      String module = args.get(1).value().orElse("");
      List<ShellWord> rest = args.subList(2, args.size());
      switch (module) {
        case "venv", "virtualenv" -> {
          Parsed p = options(rest, Set.of("--prompt"));
          venv(p.operands().isEmpty() ? Optional.empty()
              : value(p.operands().get(p.operands().size() - 1)));
        }
        case "pip" -> pip(rest);
        default -> { }
      }
    }
  }

  private void venv(Optional<String> dir) {
    Optional<String> p = dir.flatMap(this::path);
    if (p.isEmpty() || !ownerKnown()) {
      unknown();
      return;
    }
    mkdirAs(p.get(), true, 0755);
    fs.get(p.get()).ifPresent(n -> fs.put(p.get(), n.withChildOwner(identity.uid(), identity.gid())));
    fs.populate(p.get() + "/bin", uid(), gid(), origin);
    fs.populate(p.get() + "/lib", uid(), gid(), origin);
  }

  private void pip(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("install"::equals).isEmpty()) return;
    Parsed p = options(args.subList(1, args.size()), Set.of("-r", "--requirement", "-c",
        "--constraint", "-t", "--target", "--prefix", "--root", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "--cache-dir", "--python", "--platform",
        "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
        "--progress-bar", "--trusted-host", "-e", "--editable", "--src", "--config-settings",
        "--global-option", "--root-user-action", "--log", "--timeout", "--retries"));
    if (!p.ok() || !ownerKnown()) {
      unknown();
      return;
    }
    String target = p.opts().getOrDefault("-t", p.opts().get("--target"));
    String prefix = p.opts().get("--prefix");
    if (p.flags().contains("--user")) {
      String home = home();
      if (home == null) {
        unknown();
        return;
      }
      String local = ImageFilesystem.resolve(home, ".local");
      mkdirAs(local, true, 0755);
      fs.get(local).ifPresent(n -> fs.put(local, n.withChildOwner(identity.uid(), identity.gid())));
      fs.populate(local + "/bin", uid(), gid(), origin);
      fs.populate(local + "/lib", uid(), gid(), origin);
    } else if (target != null) {
      path(target).ifPresentOrElse(t -> fs.populate(t, uid(), gid(), origin), this::unknown);
    } else if (prefix != null) {
      path(prefix).ifPresentOrElse(t -> fs.populate(t + "/bin", uid(), gid(), origin), this::unknown);
    } else {
      Optional<String> venvBin = activeVenvBin();
      if (venvBin.isPresent()) {
        fs.populate(venvBin.get(), uid(), gid(), origin);
      } else if (identity.isRoot()) {
        fs.populate("/usr/local/bin", 0, 0, origin);
      } else {
        unknown(); // pip falls back to a user install when site-packages is not writable
      }
    }
  }

  /** The first PATH directory that is the bin of a virtualenv created in this build. */
  private Optional<String> activeVenvBin() {
    String path = vars.get("PATH");
    if (path == null || unknownVars.contains("PATH")) return Optional.empty();
    for (String dir : path.split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) continue;
      String d = ImageFilesystem.normalize(dir);
      Optional<Node> n = fs.get(d);
      if (n.isPresent() && n.get().populated() && n.get().origin().range().isPresent()
          && fs.get(ImageFilesystem.parent(d) + "/lib").isPresent()) {
        return Optional.of(d);
      }
      if (d.equals("/usr/local/bin") || d.equals("/usr/bin")) return Optional.empty();
    }
    return Optional.empty();
  }

  private void uv(List<ShellWord> args) {
    if (args.isEmpty()) return;
    String sub = args.get(0).value().orElse("");
    if (sub.equals("sync")) {
      String env = vars.get("UV_PROJECT_ENVIRONMENT");
      venv(env != null ? Optional.of(env) : Optional.of(".venv"));
    } else if (sub.equals("venv")) {
      Parsed p = options(args.subList(1, args.size()), Set.of("-p", "--python", "--prompt"));
      venv(p.operands().isEmpty() ? Optional.of(".venv") : value(p.operands().get(0)));
    } else if (sub.equals("pip")) {
      List<ShellWord> rest = args.subList(1, args.size());
      boolean system = rest.stream().anyMatch(w -> w.value().filter("--system"::equals).isPresent());
      if (rest.isEmpty() || rest.get(0).value().filter("install"::equals).isEmpty()) return;
      if (system && identity.isRoot()) {
        fs.populate("/usr/local/bin", 0, 0, origin);
      } else {
        activeVenvBin().ifPresentOrElse(b -> fs.populate(b, uid(), gid(), origin), this::unknown);
      }
    }
  }

  private void poetry(List<ShellWord> args) {
    if (args.isEmpty()) return;
    String sub = args.get(0).value().orElse("");
    if (sub.equals("config") && args.size() >= 3) {
      Optional<String> key = args.get(args.size() - 2).value();
      Optional<String> val = args.get(args.size() - 1).value();
      if (key.isPresent() && val.isPresent()) settings.put("poetry." + key.get(), val.get());
      return;
    }
    if (!sub.equals("install") && !sub.equals("sync")) return;
    String inProject = vars.getOrDefault("POETRY_VIRTUALENVS_IN_PROJECT",
        settings.get("poetry.virtualenvs.in-project"));
    String create = vars.getOrDefault("POETRY_VIRTUALENVS_CREATE",
        settings.get("poetry.virtualenvs.create"));
    if ("false".equalsIgnoreCase(create) || "0".equals(create)) {
      if (identity.isRoot()) {
        fs.populate("/usr/local/bin", 0, 0, origin);
      } else {
        unknown();
      }
    } else if ("true".equalsIgnoreCase(inProject) || "1".equals(inProject)) {
      venv(Optional.of(".venv"));
    } else {
      unknown(); // a virtualenv somewhere in poetry's cache directory
    }
  }

  private void nodePackages(String tool, List<ShellWord> args) {
    if (args.isEmpty()) {
      if (tool.equals("yarn")) nodeModules();
      return;
    }
    String sub = args.get(0).value().orElse("");
    boolean global = args.stream().anyMatch(w -> w.value().filter(v -> v.equals("-g")
        || v.equals("--global")).isPresent()) || sub.equals("global");
    if (Set.of("ci", "install", "i", "add").contains(sub)) {
      if (global) {
        if (identity.isRoot()) {
          fs.populate("/usr/local/bin", 0, 0, origin);
          fs.populate("/usr/local/lib/node_modules", 0, 0, origin);
        } else {
          unknown();
        }
      } else {
        nodeModules();
      }
    } else if (sub.equals("exec") && args.size() >= 3) {
      npx(args.subList(1, args.size()));
    } else if (sub.equals("next") && args.size() >= 2) {
      nextBuild(args.subList(1, args.size()));
    } else if (sub.equals("run") || sub.equals("build") || sub.equals("run-script")) {
      // Scripts from package.json: they write as the current user somewhere under the project.
      cwd.ifPresentOrElse(c -> {
        if (ownerKnown()) fs.populate(c, uid(), gid(), origin);
      }, this::unknown);
    }
  }

  private void nodeModules() {
    if (cwd.isEmpty() || !ownerKnown()) {
      unknown();
      return;
    }
    String nm = ImageFilesystem.resolve(cwd.get(), "node_modules");
    mkdirAs(nm, true, 0755);
    fs.get(nm).ifPresent(n -> fs.put(nm, n.withChildOwner(identity.uid(), identity.gid())));
    fs.populate(nm + "/.bin", uid(), gid(), origin);
    String home = home();
    if (home != null) {
      String cache = ImageFilesystem.resolve(home, ".npm");
      if (fs.view().lookup(cache).exists() != Answer.YES) mkdirAs(cache, true, 0755);
    }
  }

  private void npx(List<ShellWord> args) {
    List<ShellWord> rest = args.stream().filter(w -> !w.value().orElse("").startsWith("-")).toList();
    if (!rest.isEmpty() && rest.get(0).value().filter("next"::equals).isPresent()) {
      nextBuild(rest.subList(1, rest.size()));
    }
  }

  /** {@code next build} writes {@code .next} in the project directory as the current user. */
  private void nextBuild(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("build"::equals).isEmpty()) return;
    if (cwd.isEmpty() || !ownerKnown()) {
      unknown();
      return;
    }
    String dir = ImageFilesystem.resolve(cwd.get(), ".next");
    mkdirAs(dir, true, 0755);
    fs.get(dir).ifPresent(n -> fs.put(dir, n.withChildOwner(identity.uid(), identity.gid())));
    fs.populate(dir, uid(), gid(), origin);
  }

  private void packages(List<ShellWord> args) {
    boolean installs = args.stream().map(w -> w.value().orElse(""))
        .anyMatch(v -> v.equals("install") || v.equals("add") || v.equals("reinstall"));
    if (!installs) return;
    // Packages add binaries and may create system accounts (postgresql, nginx, ...).
    for (String d : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
      fs.populate(d, 0, 0, origin);
    }
    fs.accounts(fs.accounts().incomplete());
  }

  private void download(String tool, List<ShellWord> args) {
    Parsed p = options(args, tool.equals("curl")
        ? Set.of("-o", "--output", "-H", "--header", "-u", "--user", "-d", "--data", "-X",
            "--request", "-A", "--user-agent", "-w", "--write-out", "--retry", "-m",
            "--max-time", "--connect-timeout", "-e", "--cacert", "-K")
        : Set.of("-O", "--output-document", "-P", "--directory-prefix", "-T", "-t", "--header",
            "-U", "-o", "-a"));
    String out = tool.equals("curl") ? p.opts().getOrDefault("-o", p.opts().get("--output"))
        : p.opts().getOrDefault("-O", p.opts().get("--output-document"));
    if (out == null) return;
    if (out.equals("-")) return;
    path(out).ifPresentOrElse(this::touch, this::unknown);
  }

  private void git(List<ShellWord> args) {
    if (args.isEmpty() || args.get(0).value().filter("clone"::equals).isEmpty()) return;
    Parsed p = options(args.subList(1, args.size()), Set.of("-b", "--branch", "--depth",
        "-c", "--config", "-o", "--origin"));
    if (p.operands().size() < 2) {
      cwd.ifPresentOrElse(c -> {
        if (ownerKnown()) fs.populate(c, uid(), gid(), origin);
      }, this::unknown);
      return;
    }
    value(p.operands().get(1)).flatMap(this::path).ifPresentOrElse(d -> {
      if (ownerKnown()) {
        mkdirAs(d, true, 0755);
        fs.populate(d, uid(), gid(), origin);
      } else {
        unknown();
      }
    }, this::unknown);
  }

  /** Commands whose effects depend on what they copy or run: their destinations become unknown. */
  private void sideEffects(String name, List<ShellWord> args) {
    switch (name) {
      case "cp", "mv", "rsync" -> {
        Parsed p = options(args, Set.of("-t", "--target-directory", "-S", "--suffix"));
        if (p.operands().size() < 2 || p.flags().contains("-p") || p.flags().contains("-a")
            || p.flags().contains("--preserve") || p.flags().contains("--archive")) {
          unknown();
          return;
        }
        Optional<String> dest = value(p.operands().get(p.operands().size() - 1)).flatMap(this::path);
        if (dest.isEmpty() || !ownerKnown()) {
          unknown();
          return;
        }
        ImageFilesystem.Lookup l = fs.view().lookup(dest.get());
        if (l.exists() == Answer.YES && l.node().map(n -> n.kind() == Node.Kind.DIR).orElse(false)) {
          fs.populate(dest.get(), uid(), gid(), origin);
        } else {
          fs.unknownPath(dest.get(), origin);
        }
        if (name.equals("mv")) {
          for (ShellWord w : p.operands().subList(0, p.operands().size() - 1)) {
            value(w).flatMap(this::path).ifPresentOrElse(s -> fs.unknownPath(s, origin), this::unknown);
          }
        }
      }
      default -> unknown();
    }
  }
}
