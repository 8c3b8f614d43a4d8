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
 * useradd, groupadd, adduser, addgroup (Debian and busybox syntaxes) and usermod: their effect
 * on the accounts, and the ids they ask for ({@link AccountEvent}).
 */
final class AccountCommands {
  private final RunContext ctx;

  AccountCommands(RunContext ctx) {
    this.ctx = ctx;
  }

  // ---- accounts ------------------------------------------------------------------------------

  private boolean busyboxSyntax() {
    return ctx.base.map(b -> b.os().equals("alpine") || b.os().equals("busybox")).orElse(false);
  }

  private boolean debianSyntax() {
    return ctx.base.map(b -> b.os().equals("debian") || b.os().equals("ubuntu")).orElse(false);
  }

  private void recordId(String cmd, String name, boolean group, ShellWord idWord, boolean fallback,
      SimpleCommand c) {
    OptionalInt id = OptionalInt.empty();
    Optional<String> v = ctx.value(idWord);
    if (v.isPresent() && v.get().matches("\\d{1,9}")) id = OptionalInt.of(Integer.parseInt(v.get()));
    List<String> variables = idWord.parts().stream().filter(p -> p instanceof ShellWord.Param)
        .map(p -> ((ShellWord.Param) p).name()).toList();
    Optional<String> existing = Optional.empty();
    if (id.isPresent()) {
      int n = id.getAsInt();
      existing = group
          ? ctx.fs.accounts().groupById(n).filter(a -> !a.maybe()).map(GroupAccount::name)
          : ctx.fs.accounts().userById(n).filter(a -> !a.maybe()).map(UserAccount::name);
    }
    boolean guarded = fallback || c.failureTolerated() || c.conditional();
    ctx.events.add(new AccountEvent(cmd, name, group, id, variables, existing, guarded,
        ctx.locate.apply(idWord), ctx.instruction));
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

  void groupadd(List<ShellWord> args, SimpleCommand c) {
    RunContext.Parsed p = ctx.options(args, Set.of("-g", "--gid", "-K", "--key", "-p", "--password", "-R",
        "--root", "-P", "--prefix"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : ctx.value(p.operands().get(p.operands().size() - 1));
    boolean tolerant = p.flags().contains("-f") || p.flags().contains("--force")
        || p.flags().contains("-o") || p.flags().contains("--non-unique");
    Optional<ShellWord> gidWord = optWord(args, "-g", "--gid");
    if (name.isPresent()) gidWord.ifPresent(w -> recordId("groupadd", name.get(), true, w, tolerant, c));
    if (!p.ok() || name.isEmpty()) {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
      return;
    }
    addGroup(name.get(), gidWord.flatMap(ctx::value), p.flags().contains("-r")
        || p.flags().contains("--system"));
  }

  private void addGroup(String name, Optional<String> gid, boolean system) {
    Accounts a = ctx.fs.accounts();
    if (a.group(name).isPresent()) return;
    OptionalInt id = gid.filter(g -> g.matches("\\d{1,9}"))
        .map(g -> OptionalInt.of(Integer.parseInt(g))).orElse(OptionalInt.empty());
    if (gid.isPresent() && id.isEmpty()) {
      ctx.fs.accounts(a.incomplete());
      return;
    }
    int n = id.isPresent() ? id.getAsInt() : nextFree(a, system, true);
    ctx.fs.accounts(a.withGroup(new GroupAccount(name, n, Set.of(), false, Optional.of(ctx.instruction))));
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

  void useradd(List<ShellWord> args, SimpleCommand c) {
    RunContext.Parsed p = ctx.options(args, Set.of("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d",
        "--home-dir", "--home", "-s", "--shell", "-c", "--comment", "-k", "--skel", "-e", "-f",
        "-K", "-p", "--password", "-R", "--root", "-b", "--ctx.base-dir", "-Z"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : ctx.value(p.operands().get(p.operands().size() - 1));
    boolean nonUnique = p.flags().contains("-o") || p.flags().contains("--non-unique");
    boolean system = p.flags().contains("-r") || p.flags().contains("--system");
    Optional<ShellWord> uidWord = optWord(args, "-u", "--uid");
    if (name.isPresent()) uidWord.ifPresent(w -> recordId("useradd", name.get(), false, w, nonUnique, c));
    if (!p.ok() || name.isEmpty()) {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
      ctx.unknown();
      return;
    }
    String group = p.opts().getOrDefault("-g", p.opts().get("--gid"));
    boolean noUserGroup = p.flags().contains("-N") || p.flags().contains("--no-user-group");
    String home = p.opts().getOrDefault("-d", p.opts().getOrDefault("--home-dir",
        p.opts().get("--home")));
    boolean createHome = p.flags().contains("-m") || p.flags().contains("--create-home");
    String shell = p.opts().getOrDefault("-s", p.opts().getOrDefault("--shell", "/bin/sh"));
    addUser(name.get(), uidWord.flatMap(ctx::value), Optional.ofNullable(group),
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
    Accounts a = ctx.fs.accounts();
    if (a.user(name).isPresent()) return;
    OptionalInt uid = uidText.filter(u -> u.matches("\\d{1,9}"))
        .map(u -> OptionalInt.of(Integer.parseInt(u))).orElse(OptionalInt.empty());
    if (uidText.isPresent() && uid.isEmpty()) {
      ctx.fs.accounts(a.incomplete());
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
        a = a.withGroup(new GroupAccount(name, gid, Set.of(), false, Optional.of(ctx.instruction)));
      }
      g = OptionalInt.of(gid);
    } else {
      g = OptionalInt.of(100);
    }
    if (g.isEmpty()) {
      ctx.fs.accounts(a.incomplete());
      return;
    }
    a = a.withUser(new UserAccount(name, u, g.getAsInt(), home, shell, false, Optional.of(ctx.instruction)));
    if (supplementary != null) {
      for (String s : supplementary.split(",")) a = a.withMember(s.trim(), name);
    }
    ctx.fs.accounts(a);
    if (createHome) {
      ctx.fs.mkdir(ImageFilesystem.parent(home), true, 0, 0, 0755, ctx.origin);
      ctx.fs.put(home, new Node(Node.Kind.DIR, OptionalInt.of(u), g, OptionalInt.empty(), false,
          OptionalInt.of(u), g, false, Optional.empty(), ctx.origin));
    }
  }

  private static OptionalInt resolveGidIn(Accounts a, String g) {
    if (g.matches("\\d{1,9}")) return OptionalInt.of(Integer.parseInt(g));
    return a.group(g).filter(x -> !x.maybe()).map(x -> OptionalInt.of(x.gid())).orElse(OptionalInt.empty());
  }

  /**
   * The account a command names (its first operand), or empty after marking the accounts
   * incomplete when the command line or the name is not understood.
   */
  private Optional<String> accountName(RunContext.Parsed p) {
    Optional<String> name = p.ok() && !p.operands().isEmpty()
        ? ctx.value(p.operands().get(0)) : Optional.empty();
    if (name.isEmpty()) ctx.fs.accounts(ctx.fs.accounts().incomplete());
    return name;
  }

  void adduser(List<ShellWord> args, SimpleCommand c) {
    if (busyboxSyntax()) {
      // busybox: adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] USER [GROUP]
      RunContext.Parsed p = ctx.options(args, Set.of("-h", "-g", "-s", "-G", "-u", "-k"));
      Optional<String> name = accountName(p);
      if (name.isEmpty()) return;
      if (p.operands().size() == 2) {
        ctx.value(p.operands().get(1)).ifPresent(g -> ctx.fs.accounts(ctx.fs.accounts().withMember(g, name.get())));
        return;
      }
      Optional<ShellWord> uidWord = optWord(args, "-u");
      uidWord.ifPresent(w -> recordId("adduser", name.get(), false, w, false, c));
      String group = p.opts().get("-G");
      String home = p.opts().getOrDefault("-h", "/home/" + name.get());
      addUser(name.get(), uidWord.flatMap(ctx::value), Optional.ofNullable(group), group == null,
          home, !p.flags().contains("-H"), p.opts().getOrDefault("-s", "/bin/sh"),
          p.flags().contains("-S"), null);
      return;
    }
    if (!debianSyntax()) {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
      ctx.unknown();
      return;
    }
    // Debian: adduser [--system] [--uid ID] [--gid ID|--ingroup GRP] [--home DIR] [--shell SH]
    //         [--no-create-home] [--group] USER [GROUP]
    RunContext.Parsed p = ctx.options(args, Set.of("--uid", "--gid", "--ingroup", "--home", "--shell",
        "--gecos", "--comment", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
        "--add-extra-groups", "--allow-bad-names"));
    Optional<String> name = accountName(p);
    if (name.isEmpty()) return;
    if (p.operands().size() == 2) {
      ctx.value(p.operands().get(1)).ifPresent(g -> ctx.fs.accounts(ctx.fs.accounts().withMember(g, name.get())));
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
      addUser(name.get(), uidWord.flatMap(ctx::value), Optional.ofNullable(group),
          group == null && sameGroup, "/nonexistent", false, "/usr/sbin/nologin", true, null);
      ctx.fs.unknownPath("/home/" + name.get(), ctx.origin);
      return;
    }
    addUser(name.get(), uidWord.flatMap(ctx::value), Optional.ofNullable(group),
        group == null && sameGroup, home == null ? "/home/" + name.get() : home,
        !p.flags().contains("--no-create-home"),
        p.opts().getOrDefault("--shell", system ? "/usr/sbin/nologin" : "/bin/bash"), system, null);
  }

  void addgroup(List<ShellWord> args, SimpleCommand c) {
    if (busyboxSyntax()) {
      addgroup(args, ctx.options(args, Set.of("-g")), "-g", "-S", c);
    } else if (debianSyntax()) {
      addgroup(args, ctx.options(args, Set.of("--gid", "--conf")), "--gid", "--system", c);
    } else {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
    }
  }

  /** Both syntaxes: {@code addgroup USER GROUP} adds a member, {@code addgroup NAME} a group. */
  private void addgroup(List<ShellWord> args, RunContext.Parsed p, String gidFlag,
      String systemFlag, SimpleCommand c) {
    if (!p.ok() || p.operands().isEmpty()) {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
      return;
    }
    if (p.operands().size() == 2) {
      Optional<String> user = ctx.value(p.operands().get(0));
      Optional<String> group = ctx.value(p.operands().get(1));
      if (user.isPresent() && group.isPresent()) {
        ctx.fs.accounts(ctx.fs.accounts().withMember(group.get(), user.get()));
      }
      return;
    }
    Optional<String> name = ctx.value(p.operands().get(0));
    if (name.isEmpty()) {
      ctx.fs.accounts(ctx.fs.accounts().incomplete());
      return;
    }
    Optional<ShellWord> gidWord = optWord(args, gidFlag);
    gidWord.ifPresent(w -> recordId("addgroup", name.get(), true, w, false, c));
    addGroup(name.get(), gidWord.flatMap(ctx::value), p.flags().contains(systemFlag));
  }

  void usermod(List<ShellWord> args) {
    RunContext.Parsed p = ctx.options(args, Set.of("-G", "--groups", "-g", "--gid", "-u", "--uid", "-d",
        "--home", "-s", "--shell", "-l", "--login", "-c", "--comment"));
    Optional<String> name = p.operands().isEmpty() ? Optional.empty()
        : ctx.value(p.operands().get(p.operands().size() - 1));
    String groups = p.opts().getOrDefault("-G", p.opts().get("--groups"));
    boolean onlyAppend = (p.flags().contains("-a") || p.flags().contains("--append"))
        && groups != null && p.opts().size() == 1;
    if (p.ok() && name.isPresent() && onlyAppend) {
      Accounts a = ctx.fs.accounts();
      for (String g : groups.split(",")) a = a.withMember(g.trim(), name.get());
      ctx.fs.accounts(a);
      return;
    }
    // Changing a uid also re-owns the home directory: too much to model.
    name.ifPresentOrElse(n -> ctx.fs.accounts(ctx.fs.accounts().withoutUser(n).incomplete()),
        () -> ctx.fs.accounts(ctx.fs.accounts().incomplete()));
    ctx.unknown();
  }
}
