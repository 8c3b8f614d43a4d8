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
 * The state one RUN's commands share while they are interpreted (working directory, shell
 * variables, the user) and the helpers every command family uses: word values, paths, options.
 */
final class RunContext {
  final ImageFilesystem.Editor fs;
  final Optional<BaseImage> base;
  final Identity identity;
  final String userSpec;
  Optional<String> cwd;
  final Map<String, String> vars;
  final Set<String> unknownVars;
  final Map<String, String> settings;
  /** The RUN, at the command being interpreted ({@link Origin#position()}): what it makes. */
  Origin origin;
  /**
   * Where an effect of that command berth does not understand takes place: the command itself,
   * or later when it may still run after the commands that follow it (a loop's next pass, a
   * pipeline, the background).
   */
  Origin doubt;
  final List<AccountEvent> events;
  final Function<ShellWord, Range> locate;
  final Range instruction;
  private final Globs globs;
  /** {@code set -f} or {@code shopt} ran: berth no longer knows what a pattern expands to. */
  boolean globsUnknown;

  VariableLookup lookup() {
    return name -> unknownVars.contains(name) ? Optional.empty() : Optional.ofNullable(vars.get(name));
  }

  Optional<String> value(ShellWord w) {
    return w.expand(lookup());
  }

  /** Something not understood ran: any path or account may have changed. */
  void unknown() {
    fs.unknownEffect(doubt);
    fs.accounts(fs.accounts().incomplete());
  }

  // ---- paths and owners ----------------------------------------------------------------------

  Optional<String> path(String p) {
    if (p.startsWith("/")) return Optional.of(ImageFilesystem.normalize(p));
    return cwd.map(c -> ImageFilesystem.resolve(c, p));
  }

  /** Path operands: empty when any is not literal or relative to an unknown directory. */
  Optional<List<String>> paths(List<ShellWord> operands) {
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

  /**
   * Path operands after pathname expansion ({@link Globs}): the paths they name and whether a
   * pattern may also match entries whose owner berth infers from a directory. Empty when any
   * operand cannot be told.
   */
  Optional<Operands> expandedPaths(List<ShellWord> operands) {
    List<String> out = new ArrayList<>();
    boolean inherited = false;
    for (ShellWord w : operands) {
      Optional<Globs.Match> m = expand(w);
      if (m.isEmpty()) return Optional.empty();
      out.addAll(m.get().paths());
      inherited |= m.get().inheritedOwners();
    }
    return Optional.of(new Operands(out, inherited));
  }

  /**
   * @param inheritedOwners a pattern may match entries berth has no node for but whose owner
   *     it infers from a directory: a command that changes owners or modes makes that
   *     inference stale
   */
  record Operands(List<String> paths, boolean inheritedOwners) {}

  /** One operand after pathname expansion; empty when berth cannot tell what it names. */
  Optional<Globs.Match> expand(ShellWord w) {
    return globs.expand(w, lookup(), cwd, fs.view()).filter(m -> !m.glob() || !globsUnknown);
  }

  boolean ownerKnown() {
    return identity.uid().isPresent() && identity.gid().isPresent();
  }

  int uid() {
    return identity.uid().getAsInt();
  }

  int gid() {
    return identity.gid().getAsInt();
  }

  String home() {
    String h = vars.get("HOME");
    if (h != null && !unknownVars.contains("HOME")) return h;
    return fs.accounts().user(userName()).map(UserAccount::home)
        .orElse(identity.isRoot() ? "/root" : null);
  }

  String userName() {
    int colon = userSpec.indexOf(':');
    String u = colon < 0 ? userSpec : userSpec.substring(0, colon);
    if (u.matches("\\d{1,9}")) {
      return fs.accounts().userById(Integer.parseInt(u)).map(UserAccount::name).orElse(u);
    }
    return u;
  }

  void touch(String p) {
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

  void mkdirAs(String p, boolean parents, int mode) {
    if (!ownerKnown()) {
      fs.unknownPath(p, origin);
      return;
    }
    fs.mkdir(p, parents, uid(), gid(), mode, origin);
  }

  // ---- options -------------------------------------------------------------------------------

  record Parsed(Map<String, String> opts, Set<String> flags, List<ShellWord> operands,
      boolean ok) {}

  /**
   * Minimal getopt: {@code valued} options take an argument (short ones may be clustered or
   * attached, long ones may use {@code =}). Returns ok=false on a non-literal option.
   */
  Parsed options(List<ShellWord> args, Set<String> valued) {
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

  OptionalInt resolveUid(String u) {
    if (u.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(u));
    return fs.accounts().user(u).filter(a -> !a.maybe())
        .map(a -> OptionalInt.of(a.uid())).orElse(OptionalInt.empty());
  }

  OptionalInt resolveGid(String g) {
    if (g.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(g));
    return fs.accounts().group(g).filter(a -> !a.maybe())
        .map(a -> OptionalInt.of(a.gid())).orElse(OptionalInt.empty());
  }

  Optional<String> valueAfterEquals(ShellWord w) {
    return value(w).map(v -> v.substring(v.indexOf('=') + 1));
  }

  void setVar(String name, Optional<String> v) {
    if (v.isPresent()) {
      vars.put(name, v.get());
      unknownVars.remove(name);
    } else {
      unknownVars.add(name);
    }
  }

  RunContext(ImageFilesystem.Editor fs, Optional<BaseImage> base, Identity identity,
      String userSpec, Optional<String> cwd, Map<String, String> env, Set<String> unknownVars,
      Map<String, String> settings, Origin origin, List<AccountEvent> events,
      Function<ShellWord, Range> locate, Range instruction, Globs globs) {
    this.fs = fs;
    this.globs = globs;
    this.base = base;
    this.identity = identity;
    this.userSpec = userSpec;
    this.cwd = cwd;
    this.vars = new HashMap<>(env);
    this.unknownVars = new HashSet<>(unknownVars);
    this.settings = settings;
    this.origin = origin;
    this.doubt = origin;
    this.events = events;
    this.locate = locate;
    this.instruction = instruction;
  }
}
