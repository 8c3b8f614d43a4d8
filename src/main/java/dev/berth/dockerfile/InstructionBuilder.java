package dev.berth.dockerfile;

import dev.berth.dockerfile.ArgText.Span;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one split logical line into a typed {@link Instruction}, with BuildKit's argument rules
 * ({@code parser/line_parsers.go} then {@code instructions/parse.go}) and error messages.
 */
final class InstructionBuilder {
  enum FlagType { BOOL, STRING, STRINGS }

  static final List<String> INSTRUCTIONS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT",
      "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
      "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

  private static final Map<String, FlagType> NO_FLAGS = Map.of();
  private static final Map<String, FlagType> FROM_FLAGS = Map.of("platform", FlagType.STRING);
  private static final Map<String, FlagType> RUN_FLAGS = Map.of("mount", FlagType.STRINGS,
      "network", FlagType.STRING, "security", FlagType.STRING, "device", FlagType.STRINGS);
  private static final Map<String, FlagType> COPY_FLAGS = Map.of("chown", FlagType.STRING,
      "from", FlagType.STRING, "chmod", FlagType.STRING, "link", FlagType.BOOL,
      "exclude", FlagType.STRINGS, "parents", FlagType.BOOL);
  private static final Map<String, FlagType> ADD_FLAGS = Map.of("chown", FlagType.STRING,
      "chmod", FlagType.STRING, "link", FlagType.BOOL, "keep-git-dir", FlagType.BOOL,
      "checksum", FlagType.STRING, "unpack", FlagType.BOOL, "exclude", FlagType.STRINGS);
  private static final Map<String, FlagType> HEALTH_FLAGS = Map.of("interval", FlagType.STRING,
      "timeout", FlagType.STRING, "start-period", FlagType.STRING,
      "start-interval", FlagType.STRING, "retries", FlagType.STRING);
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

  /** An instruction (null when nothing sensible could be built) and the first error, if any. */
  record Built(Instruction instruction, String error, Range errorRange) {
    static Built ok(Instruction i) {
      return new Built(i, null, null);
    }
  }

  /** Error carrying a location; thrown inside the builders to stop at the first problem. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Range range;

    Failure(String message, Range range) {
      super(message, null, false, false);
      this.range = range;
    }
  }

  private final LineSyntax syntax;
  private final char escape;
  /** Where arguments that look like JSON but are not go (see {@link JsonFallback}). */
  private final List<JsonFallback> fallbacks;

  InstructionBuilder(LineSyntax syntax, char escape, List<JsonFallback> fallbacks) {
    this.syntax = syntax;
    this.escape = escape;
    this.fallbacks = fallbacks;
  }

  /** Records that the arguments of the instruction {@code built} look like JSON but are not. */
  private void fellBack(Ctx c, JsonArgs.Result json, int argsStart, Instruction built,
      List<String> words) {
    if (json.problem().isEmpty() || built == null) return;
    String text = c.text.substring(argsStart, c.b);
    fallbacks.add(new JsonFallback(built, new Word(text, c.line.range(argsStart, c.b)), words,
        json.problem().get(), JsonArgs.repair(text)));
  }

  /** Per-line state shared by the builder methods. */
  private final class Ctx {
    final LogicalLine line;
    final String text;
    final Word keyword;
    final List<Flag> flags;
    final int a;
    final int b;
    final List<Heredoc> heredocs;
    final Range range;
    Instruction partial;

    Ctx(LogicalLine line, LineSyntax.Split split, List<Heredoc> heredocs, Range range) {
      this.line = line;
      this.text = line.text();
      this.keyword = new Word(text.substring(split.keywordStart(), split.keywordEnd()),
          line.range(split.keywordStart(), split.keywordEnd()));
      List<Flag> fl = new ArrayList<>();
      for (int[] f : split.flags()) {
        String decoded = ArgText.decodeFlag(text, f[0], f[1], escape);
        if (decoded.equals("--")) continue;
        String body = decoded.substring(2);
        int eq = body.indexOf('=');
        fl.add(eq < 0
            ? new Flag(body, Optional.empty(), line.range(f[0], f[1]))
            : new Flag(body.substring(0, eq), Optional.of(body.substring(eq + 1)),
                line.range(f[0], f[1])));
      }
      this.flags = List.copyOf(fl);
      this.a = split.argsStart();
      this.b = split.argsEnd();
      this.heredocs = heredocs;
      this.range = range;
    }

    String args() {
      return text.substring(a, b);
    }

    Range argsRange() {
      return a < b ? line.range(a, b) : line.range(b, b);
    }

    Word word(Span s) {
      return new Word(s.text(), line.range(s.start(), s.end()));
    }

    Failure fail(String message) {
      return new Failure(message, keyword.range());
    }
  }

  /** Keyword of a split line, lower-cased. */
  static String keywordOf(String text, LineSyntax.Split split) {
    return text.substring(split.keywordStart(), split.keywordEnd()).toLowerCase(Locale.ROOT);
  }

  /** True when BuildKit would read heredoc bodies for this line (RUN/COPY/ADD, not exec form). */
  boolean canContainHeredoc(LogicalLine line, LineSyntax.Split split) {
    String kw = keywordOf(line.text(), split);
    if (kw.equals("onbuild")) {
      if (split.argsStart() >= split.argsEnd()) return false;
      LogicalLine sub = line.slice(split.argsStart(), split.argsEnd());
      LineSyntax.Split s2 = syntax.split(sub.text(), escape);
      return s2 != null && canContainHeredoc(sub, s2);
    }
    if (!kw.equals("run") && !kw.equals("copy") && !kw.equals("add")) return false;
    return JsonArgs.parse(line.text(), split.argsStart(), split.argsEnd()).kind()
        != JsonArgs.Kind.STRINGS;
  }

  Built build(LogicalLine line, LineSyntax.Split split, List<Heredoc> heredocs, Range range) {
    Ctx c = new Ctx(line, split, heredocs, range);
    try {
      return Built.ok(dispatch(c));
    } catch (Failure f) {
      return new Built(c.partial, f.getMessage(), f.range);
    }
  }

  private Instruction dispatch(Ctx c) throws Failure {
    switch (c.keyword.text().toLowerCase(Locale.ROOT)) {
      case "from": return from(c);
      case "run": return run(c);
      case "copy": return copy(c, false);
      case "add": return copy(c, true);
      case "env": return env(c, "ENV");
      case "label": return env(c, "LABEL");
      case "arg": return arg(c);
      case "expose": return expose(c);
      case "user":
        return flagged(c, new Instruction.User(c.keyword, c.flags, single(c, "USER"), c.range));
      case "workdir":
        return flagged(c,
            new Instruction.Workdir(c.keyword, c.flags, single(c, "WORKDIR"), c.range));
      case "stopsignal":
        // BuildKit's parseStopSignal never checks flags.
        return new Instruction.StopSignal(c.keyword, c.flags, single(c, "STOPSIGNAL"), c.range);
      case "maintainer":
        return flagged(c,
            new Instruction.Maintainer(c.keyword, c.flags, single(c, "MAINTAINER"), c.range));
      case "volume": return volume(c);
      case "cmd": {
        Instruction.Cmd cmd = new Instruction.Cmd(c.keyword, c.flags, command(c), c.range);
        shellFallback(c, c.a, cmd, cmd.command());
        return flagged(c, cmd);
      }
      case "entrypoint": {
        Instruction.Entrypoint ep =
            new Instruction.Entrypoint(c.keyword, c.flags, command(c), c.range);
        shellFallback(c, c.a, ep, ep.command());
        return flagged(c, ep);
      }
      case "shell": return shell(c);
      case "healthcheck": return healthcheck(c);
      case "onbuild": return onbuild(c);
      default:
        throw c.fail(suggest("unknown instruction: " + c.keyword.text(), c.keyword.text(),
            INSTRUCTIONS, false));
    }
  }

  private Instruction.From from(Ctx c) throws Failure {
    List<Span> args = ArgText.whitespaceWords(c.text, c.a, c.b);
    Optional<Word> as = Optional.empty();
    Optional<Word> name = Optional.empty();
    String error = null;
    if (args.size() == 3 && args.get(1).text().equalsIgnoreCase("as")) {
      String n = args.get(2).text().toLowerCase(Locale.ROOT);
      if (STAGE_NAME.matcher(n).matches()) {
        as = Optional.of(c.word(args.get(1)));
        name = Optional.of(c.word(args.get(2)));
      } else {
        error = "invalid name for build stage: " + ArgText.quote(args.get(2).text())
            + ", name can't start with a number or contain symbols";
      }
    } else if (args.size() != 1) {
      error = "FROM requires either one or three arguments";
    }
    Instruction.From from = args.isEmpty() ? null
        : new Instruction.From(c.keyword, c.flags, c.word(args.get(0)), as, name, c.range);
    c.partial = from;
    if (error != null) throw c.fail(error);
    checkFlags(c, FROM_FLAGS);
    return from;
  }

  private Instruction.Run run(Ctx c) throws Failure {
    Command cmd = command(c);
    List<Mount> mounts = new ArrayList<>();
    for (Flag f : c.flags) {
      if (f.name().equals("mount") && f.value().isPresent()) {
        mounts.add(Mounts.parse(f.value().get(), f.range()));
      }
    }
    Instruction.Run run = new Instruction.Run(c.keyword, c.flags, cmd, c.heredocs, mounts, c.range);
    c.partial = run;
    shellFallback(c, c.a, run, cmd);
    checkFlags(c, RUN_FLAGS);
    for (Flag f : c.flags) {
      if (f.name().equals("mount") && f.value().isPresent()) {
        String err = Mounts.validate(f.value().get());
        if (err != null) throw new Failure(err, f.range());
      }
    }
    Optional<Flag> net = run.flag("network");
    if (net.isPresent() && !Set.of("default", "none", "host").contains(net.get().valueOrEmpty())) {
      throw new Failure("invalid network mode " + ArgText.quote(net.get().valueOrEmpty()),
          net.get().range());
    }
    Optional<Flag> sec = run.flag("security");
    if (sec.isPresent() && !Set.of("insecure", "sandbox").contains(sec.get().valueOrEmpty())) {
      throw new Failure("security " + ArgText.quote(sec.get().valueOrEmpty()) + " is not valid",
          sec.get().range());
    }
    return run;
  }

  /** A shell-form command whose text starts with {@code [}: BuildKit's fallback from JSON. */
  private void shellFallback(Ctx c, int start, Instruction built, Command cmd) {
    if (cmd instanceof Command.ShellForm sf) {
      fellBack(c, JsonArgs.parse(c.text, start, c.b), start, built, List.of(sf.script()));
    }
  }

  /** parseMaybeJSON: exec form when the text is a JSON array of strings, else shell form. */
  private Command command(Ctx c) throws Failure {
    JsonArgs.Result json = JsonArgs.parse(c.text, c.a, c.b);
    if (json.kind() == JsonArgs.Kind.NOT_STRINGS) {
      throw c.fail("when using JSON array syntax, arrays must be comprised of strings only");
    }
    if (json.kind() == JsonArgs.Kind.STRINGS) {
      List<Word> words = new ArrayList<>();
      for (JsonArgs.Str s : json.strings()) {
        words.add(new Word(s.value(), c.line.range(s.start(), s.end())));
      }
      return new Command.ExecForm(words, c.argsRange());
    }
    return new Command.ShellForm(c.args(), c.argsRange());
  }

  private Instruction copy(Ctx c, boolean add) throws Failure {
    String name = add ? "ADD" : "COPY";
    JsonArgs.Result json = JsonArgs.parse(c.text, c.a, c.b);
    if (json.kind() == JsonArgs.Kind.NOT_STRINGS) {
      throw c.fail("when using JSON array syntax, arrays must be comprised of strings only");
    }
    boolean isJson = json.kind() == JsonArgs.Kind.STRINGS;
    List<Word> words = new ArrayList<>();
    if (isJson) {
      for (JsonArgs.Str s : json.strings()) {
        words.add(new Word(s.value(), c.line.range(s.start(), s.end())));
      }
    } else {
      for (Span s : ArgText.whitespaceWords(c.text, c.a, c.b)) words.add(c.word(s));
    }
    if (words.size() < 2) {
      throw c.fail(name + " requires at least two arguments, but only one was provided. "
          + "Destination could not be determined");
    }
    Word dest = words.get(words.size() - 1);
    List<Word> sources = new ArrayList<>();
    for (Word w : words.subList(0, words.size() - 1)) {
      if (isJson || Heredocs.parseQuietly(w.text()) == null) sources.add(w);
    }
    Instruction built = add
        ? new Instruction.Add(c.keyword, c.flags, sources, dest, c.heredocs, isJson, c.range)
        : new Instruction.Copy(c.keyword, c.flags, sources, dest, c.heredocs, isJson, c.range);
    c.partial = built;
    fellBack(c, json, c.a, built, words.stream().map(Word::text).toList());
    checkFlags(c, add ? ADD_FLAGS : COPY_FLAGS);
    if (Heredocs.parseQuietly(dest.text()) != null) {
      throw new Failure(name + " cannot accept a heredoc as a destination", dest.range());
    }
    return built;
  }

  /** parseNameVal (ENV, LABEL): {@code k=v ...} or legacy {@code k v}. */
  private Instruction env(Ctx c, String name) throws Failure {
    List<Span> words = ArgText.shellWords(c.text, c.a, c.b, escape);
    if (words.isEmpty()) throw c.fail(name + " requires at least one argument");
    List<KeyValue> pairs = new ArrayList<>();
    boolean legacy = !words.get(0).text().contains("=");
    if (legacy) {
      int i = c.a;
      while (i < c.b && !ArgText.isReWhitespace(c.text.charAt(i))) i++;
      int k = i;
      while (i < c.b && ArgText.isReWhitespace(c.text.charAt(i))) i++;
      if (i >= c.b) throw c.fail(name + " must have two arguments");
      Word key = new Word(c.text.substring(c.a, k), c.line.range(c.a, k));
      Word value = new Word(c.text.substring(i, c.b), c.line.range(i, c.b));
      pairs.add(new KeyValue(key, value, c.line.range(c.a, c.b)));
    } else {
      for (Span w : words) {
        int eq = w.text().indexOf('=');
        if (eq < 0) {
          throw new Failure("Syntax error - can't find = in " + ArgText.quote(w.text())
              + ". Must be of the form: name=value", c.line.range(w.start(), w.end()));
        }
        Word key = new Word(w.text().substring(0, eq), c.line.range(w.start(), w.start() + eq));
        int vs = Math.min(w.start() + eq + 1, w.end());
        Word value = new Word(w.text().substring(eq + 1), c.line.range(vs, w.end()));
        pairs.add(new KeyValue(key, value, c.line.range(w.start(), w.end())));
      }
    }
    Instruction built = name.equals("ENV")
        ? new Instruction.Env(c.keyword, c.flags, pairs, legacy, c.range)
        : new Instruction.Label(c.keyword, c.flags, pairs, legacy, c.range);
    c.partial = built;
    checkFlags(c, NO_FLAGS);
    for (KeyValue kv : pairs) {
      if (kv.key().text().isEmpty()) throw c.fail(name + " names can not be blank");
    }
    return built;
  }

  private Instruction.Arg arg(Ctx c) throws Failure {
    List<Span> words = ArgText.shellWords(c.text, c.a, c.b, escape);
    if (words.isEmpty()) throw c.fail("ARG requires at least one argument");
    List<ArgDecl> decls = new ArrayList<>();
    boolean blank = false;
    for (Span w : words) {
      int eq = w.text().indexOf('=');
      Range r = c.line.range(w.start(), w.end());
      if (eq < 0) {
        decls.add(new ArgDecl(c.word(w), Optional.empty(), r));
        continue;
      }
      if (eq == 0) blank = true;
      Word key = new Word(w.text().substring(0, eq), c.line.range(w.start(), w.start() + eq));
      int vs = Math.min(w.start() + eq + 1, w.end());
      decls.add(new ArgDecl(key,
          Optional.of(new Word(w.text().substring(eq + 1), c.line.range(vs, w.end()))), r));
    }
    Instruction.Arg built = new Instruction.Arg(c.keyword, c.flags, decls, c.range);
    c.partial = built;
    if (blank) throw c.fail("ARG names can not be blank");
    return built;
  }

  private Instruction.Expose expose(Ctx c) throws Failure {
    List<Word> ports = new ArrayList<>();
    for (Span s : ArgText.whitespaceWords(c.text, c.a, c.b)) ports.add(c.word(s));
    if (ports.isEmpty()) throw c.fail("EXPOSE requires at least one argument");
    Instruction.Expose built = new Instruction.Expose(c.keyword, c.flags, ports, c.range);
    c.partial = built;
    checkFlags(c, NO_FLAGS);
    return built;
  }

  /** parseString: the whole argument text is one value (USER, WORKDIR, STOPSIGNAL, MAINTAINER). */
  private Word single(Ctx c, String name) throws Failure {
    if (c.a >= c.b) throw c.fail(name + " requires exactly one argument");
    return new Word(c.args(), c.argsRange());
  }

  /** Keeps {@code built} for recovery, then applies BuildKit's flag check (no flags allowed). */
  private Instruction flagged(Ctx c, Instruction built) throws Failure {
    c.partial = built;
    checkFlags(c, NO_FLAGS);
    return built;
  }

  private Instruction.Volume volume(Ctx c) throws Failure {
    JsonArgs.Result json = JsonArgs.parse(c.text, c.a, c.b);
    if (json.kind() == JsonArgs.Kind.NOT_STRINGS) {
      throw c.fail("when using JSON array syntax, arrays must be comprised of strings only");
    }
    List<Word> paths = new ArrayList<>();
    boolean isJson = json.kind() == JsonArgs.Kind.STRINGS;
    if (isJson) {
      for (JsonArgs.Str s : json.strings()) {
        paths.add(new Word(s.value(), c.line.range(s.start(), s.end())));
      }
    } else {
      for (Span s : ArgText.whitespaceWords(c.text, c.a, c.b)) paths.add(c.word(s));
    }
    if (paths.isEmpty()) throw c.fail("VOLUME requires at least one argument");
    Instruction.Volume built = new Instruction.Volume(c.keyword, c.flags, paths, isJson, c.range);
    c.partial = built;
    fellBack(c, json, c.a, built, paths.stream().map(Word::text).toList());
    checkFlags(c, NO_FLAGS);
    for (Word p : paths) {
      if (p.text().strip().isEmpty()) {
        throw new Failure("VOLUME specified can not be an empty string", p.range());
      }
    }
    return built;
  }

  private Instruction.Shell shell(Ctx c) throws Failure {
    JsonArgs.Result json = JsonArgs.parse(c.text, c.a, c.b);
    if (json.kind() == JsonArgs.Kind.NOT_STRINGS) {
      throw c.fail("when using JSON array syntax, arrays must be comprised of strings only");
    }
    checkFlags(c, NO_FLAGS);
    if (json.kind() != JsonArgs.Kind.STRINGS) {
      if (c.a >= c.b) throw c.fail("SHELL requires at least one argument");
      throw c.fail("SHELL requires the arguments to be in JSON form");
    }
    if (json.strings().isEmpty()) throw c.fail("SHELL requires at least one argument");
    List<Word> args = new ArrayList<>();
    for (JsonArgs.Str s : json.strings()) {
      args.add(new Word(s.value(), c.line.range(s.start(), s.end())));
    }
    return new Instruction.Shell(c.keyword, c.flags, args, c.range);
  }

  private Instruction.Healthcheck healthcheck(Ctx c) throws Failure {
    if (c.a >= c.b) throw c.fail("HEALTHCHECK requires at least one argument");
    int sep = c.a;
    while (sep < c.b && !PreLexer.isSpace(c.text.charAt(sep))) sep++;
    int next = sep;
    while (next < c.b && PreLexer.isSpace(c.text.charAt(next))) next++;
    String type = c.text.substring(c.a, sep).toUpperCase(Locale.ROOT);
    JsonArgs.Result json = JsonArgs.parse(c.text, next, c.b);
    if (json.kind() == JsonArgs.Kind.NOT_STRINGS) {
      throw c.fail("when using JSON array syntax, arrays must be comprised of strings only");
    }
    if (type.equals("NONE")) {
      Instruction.Healthcheck none =
          new Instruction.Healthcheck(c.keyword, c.flags, Optional.empty(), c.range);
      c.partial = none;
      if (next < c.b) throw c.fail("HEALTHCHECK NONE takes no arguments");
      return none;
    }
    checkFlags(c, HEALTH_FLAGS);
    if (!type.equals("CMD")) {
      throw c.fail("Unknown type " + ArgText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    if (next >= c.b || (json.kind() == JsonArgs.Kind.STRINGS && json.strings().isEmpty())) {
      throw c.fail("Missing command after HEALTHCHECK CMD");
    }
    Command cmd;
    Range r = c.line.range(next, c.b);
    if (json.kind() == JsonArgs.Kind.STRINGS) {
      List<Word> words = new ArrayList<>();
      for (JsonArgs.Str s : json.strings()) {
        words.add(new Word(s.value(), c.line.range(s.start(), s.end())));
      }
      cmd = new Command.ExecForm(words, r);
    } else {
      cmd = new Command.ShellForm(c.text.substring(next, c.b), r);
    }
    Instruction.Healthcheck built =
        new Instruction.Healthcheck(c.keyword, c.flags, Optional.of(cmd), c.range);
    c.partial = built;
    shellFallback(c, next, built, cmd);
    for (String f : List.of("interval", "timeout", "start-period", "start-interval")) {
      Optional<Flag> fl = built.flag(f);
      if (fl.isEmpty()) continue;
      String err = GoDuration.check(f, fl.get().valueOrEmpty());
      if (err != null) throw new Failure(err, fl.get().range());
    }
    Optional<Flag> retries = built.flag("retries");
    if (retries.isPresent() && !retries.get().valueOrEmpty().isEmpty()) {
      String v = retries.get().valueOrEmpty();
      long n;
      try {
        n = Long.parseLong(v);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
          throw new Failure("strconv.ParseInt: parsing " + ArgText.quote(v)
              + ": value out of range", retries.get().range());
        }
      } catch (NumberFormatException e) {
        throw new Failure("strconv.ParseInt: parsing " + ArgText.quote(v) + ": invalid syntax",
            retries.get().range());
      }
      if (n < 0) {
        throw new Failure("--retries cannot be negative (" + n + ")", retries.get().range());
      }
    }
    return built;
  }

  private Instruction onbuild(Ctx c) throws Failure {
    if (c.a >= c.b) throw c.fail("ONBUILD requires at least one argument");
    checkFlags(c, NO_FLAGS);
    LogicalLine sub = c.line.slice(c.a, c.b);
    LineSyntax.Split split = syntax.split(sub.text(), escape);
    if (split == null) throw c.fail("ONBUILD requires at least one argument");
    String trigger = keywordOf(sub.text(), split).toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw c.fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw c.fail(trigger + " isn't allowed as an ONBUILD trigger");
    }
    // The trigger is only checked when a child build runs it; BuildKit accepts it here as text.
    Range triggerRange = sub.source().range(sub.offset(split.keywordStart()),
        sub.source().lineEnd(c.range.endLine()));
    // A trigger runs in a child build, not this one: its arguments are not judged here.
    Built inner = new InstructionBuilder(syntax, escape, new ArrayList<>())
        .build(sub, split, c.heredocs, triggerRange);
    if (inner.instruction() == null) return null;
    return new Instruction.OnBuild(c.keyword, c.flags, inner.instruction(), c.range);
  }

  /** BuildKit's BFlags.Parse for the flags an instruction accepts. */
  private void checkFlags(Ctx c, Map<String, FlagType> spec) throws Failure {
    Set<String> used = new HashSet<>();
    for (Flag f : c.flags) {
      String flagName = "--" + f.name();
      FlagType type = spec.get(f.name());
      if (type == null) {
        throw new Failure(suggest("unknown flag: " + flagName, f.name(),
            new ArrayList<>(new java.util.TreeSet<>(spec.keySet())), true), f.range());
      }
      if (!used.add(f.name()) && type != FlagType.STRINGS) {
        throw new Failure("duplicate flag specified: " + flagName, f.range());
      }
      switch (type) {
        case BOOL: {
          if (f.value().isPresent() && f.value().get().isEmpty()) {
            throw new Failure("missing a value on flag: " + flagName, f.range());
          }
          String v = f.valueOrEmpty().toLowerCase(Locale.ROOT);
          if (!v.equals("true") && !v.equals("false") && !v.isEmpty()) {
            throw new Failure("expecting boolean value for flag " + flagName + ", not: "
                + f.valueOrEmpty(), f.range());
          }
          break;
        }
        default:
          if (f.value().isEmpty()) {
            throw new Failure("missing a value on flag: " + flagName, f.range());
          }
      }
    }
  }

  /** BuildKit's suggest.WrapError: append "(did you mean x?)" for a close match. */
  static String suggest(String message, String value, List<String> options, boolean caseSensitive) {
    String val = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    String match = null;
    int min = 3;
    for (String opt : options) {
      String o = caseSensitive ? opt : opt.toLowerCase(Locale.ROOT);
      if (val.equals(o)) return message;
      int d = EditDistance.between(val, o, 3);
      if (d < min) {
        min = d;
        match = caseSensitive ? o : matchCase(o, value);
      }
    }
    return match == null ? message : message + " (did you mean " + match + "?)";
  }

  private static String matchCase(String val, String orig) {
    if (orig.equals(orig.toLowerCase(Locale.ROOT))) return val.toLowerCase(Locale.ROOT);
    if (orig.equals(orig.toUpperCase(Locale.ROOT))) return val.toUpperCase(Locale.ROOT);
    return val;
  }

}
