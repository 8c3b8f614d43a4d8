package dev.berth.evidence;

import dev.berth.evidence.ShellCommands.Command;
import dev.berth.evidence.ShellCommands.Event;
import dev.berth.evidence.ShellWord.Default;
import dev.berth.evidence.ShellWord.Lit;
import dev.berth.evidence.ShellWord.Opaque;
import dev.berth.evidence.ShellWord.Piece;
import dev.berth.evidence.ShellWord.Var;
import dev.berth.compose.Paths;
import dev.berth.project.FileKinds;
import dev.berth.project.ProjectFile;
import dev.berth.source.Range;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a script's commands in order with what a reader can know without running anything: the
 * working directory ({@code cd}, {@code pushd}/{@code popd}, the script's own directory through
 * {@code $(dirname "$0")}), plain variable assignments and the defaults of {@code ${X:-d}}. It
 * never runs or reads anything; a value it cannot work out is unknown, and a {@code cd} or
 * assignment that may not run (inside an if or a loop) makes the state unknown from there on.
 */
final class ScriptInterpreter {
  /** Prefix of a value that is a root-relative path already (from {@code $0}, {@code $PWD}). */
  static final char ROOT = '\uE000';
  private static final int MAX_NESTING = 4;
  private static final Set<String> WRAPPERS = Set.of("sudo", "exec", "time", "nohup", "command",
      "builtin");
  private static final Set<String> DECLARE = Set.of("export", "local", "readonly", "declare",
      "typeset");

  /** Where the found evidence goes. */
  interface Sink {
    void build(DockerCli.Build b, Range at, State state);

    void compose(DockerCli.Compose c, Range at, State state);

    void run(DockerCli.Run r, Range at);

    /** {@code docker stack deploy -c FILE}: a compose file the repository deploys. */
    default void stack(DockerCli.Stack s, Range at, State state) {}

    /** {@code docker buildx bake}: Bake files read from the working directory of the state. */
    default void bake(DockerCli.Bake b, Range at, State state) {}

    void produced(String path, Range at, String how, Optional<String> from);

    /** {@code cat A B > path}: the file is made of these parts, in order. */
    void concatenated(String path, Range at, List<String> parts);

    /**
     * A file a command writes, named as written ({@code "$INSTALL_DIR"/Caddyfile}: variables
     * left as {@code $NAME} where unknown), whether or not it is in the repository; for a
     * download, the known end of the URL it fetches ({@code /compose/docker-compose.yml} of
     * {@code $BASE_URL/compose/docker-compose.yml}).
     */
    default void placed(String written, Range at, String how, Optional<String> urlTail) {}

    /**
     * A script of the repository run by its path ({@code PHP_VER=8.5 ./run.sh},
     * {@code bash tests/run.sh}), with the variables its environment gets from here and its
     * arguments ({@code $1}.., each empty when unknown).
     */
    default void scriptCall(String path, State caller, List<Optional<String>> args, Range at) {}

    /**
     * The text of a repository file a script sources ({@code . lib.sh}), when berth reads it:
     * root-relative path.
     */
    default Optional<dev.berth.source.SourceFile> sourced(String path) {
      return Optional.empty();
    }

    /** Whether the root-relative directory exists in the project (a {@code cd} can land there). */
    default boolean isDirectory(String path) {
      return false;
    }

    /** Whether the root-relative file exists in the project. */
    default boolean isFile(String path) {
      return false;
    }
  }

  /** The interpreter's view at one point of the script. */
  static final class State {
    Optional<String> cwd;
    /** The working directory came from the assumed start, not from the script itself. */
    boolean cwdAssumed;
    final Map<String, Optional<String>> vars;
    final Set<String> exported;
    final Deque<Optional<String>> dirs;
    Optional<Range> builtAfter = Optional.empty();
    /**
     * Where the script may be when {@link #cwd} is unknown because a {@code cd} may or may not
     * have run (a {@code case} branch): each directory it can be in; empty when nothing tells.
     */
    List<String> candidates = List.of();
    /**
     * Variables that {@code echo "NAME=value" >> FILE} (or {@code printf}) wrote into an env
     * file, by the file's root-relative path: a {@code .env} a compose command reads later.
     */
    final Map<String, Set<String>> envLines = new HashMap<>();
    /**
     * {@code set -a} (allexport) is on: every variable assigned from here on is exported
     * (POSIX sh, set: "-a When this option is on, the export attribute shall be set for each
     * variable to which an assignment is performed"), the files a script sources too
     * ({@code set -a; . ./.env; set +a}).
     */
    boolean allExport;
    /**
     * The directory before the last {@code cd} ({@code OLDPWD}), where {@code cd -} returns
     * (POSIX cd: "-" is equivalent to "$OLDPWD"); empty when unknown.
     */
    Optional<String> oldCwd = Optional.empty();

    State(Optional<String> cwd, boolean cwdAssumed, Map<String, Optional<String>> vars,
        Set<String> exported) {
      this.cwd = cwd;
      this.cwdAssumed = cwdAssumed;
      this.vars = new HashMap<>(vars);
      this.exported = new HashSet<>(exported);
      this.dirs = new ArrayDeque<>();
    }

    State copy() {
      State s = new State(cwd, cwdAssumed, vars, exported);
      s.dirs.addAll(dirs);
      s.builtAfter = builtAfter;
      s.candidates = candidates;
      s.allExport = allExport;
      s.oldCwd = oldCwd;
      envLines.forEach((f, names) -> s.envLines.put(f, new HashSet<>(names)));
      return s;
    }

    Cwd cwdFact() {
      if (cwd.isEmpty()) return Cwd.unknown();
      return new Cwd(cwd, cwdAssumed ? Cwd.Basis.CONFIRMED_BY_FILES : Cwd.Basis.KNOWN);
    }
  }

  /** Turns offsets of the interpreted text into ranges of the file. */
  interface Positions {
    Range at(int start, int end);
  }

  private final Positions positions;
  private final Optional<String> scriptPath;
  /** The file being read ({@code BASH_SOURCE}): the script, or the file it sources. */
  private Optional<String> bashSource;
  private Sourcing sourcing = new Sourcing();
  private final Sink sink;
  private final int nesting;
  private State state;
  private final Deque<State> saved = new ArrayDeque<>();

  /**
   * The state before each open {@code if} branch, and the variables the branch set as
   * {@code X=${X:-value}} (the then-branch of {@code if [ -z "$X" ]}).
   */
  private record BranchStart(State before, Set<String> defaulted) {}

  private final Deque<BranchStart> branches = new ArrayDeque<>();
  /** Variables that hold a compose command wherever the text assigns them (see below). */
  private Map<String, String> composeCommands = Map.of();
  /**
   * Every value the script assigned each variable so far, in whatever branch: what a variable
   * set differently per branch ({@code if release; then TAGS="-t a"; fi}) may hold.
   */
  private final Map<String, List<String>> everAssigned = new HashMap<>();

  private ScriptInterpreter(Positions positions, Optional<String> scriptPath, Sink sink,
      State start, int nesting) {
    this.positions = positions;
    this.scriptPath = scriptPath;
    this.bashSource = scriptPath;
    this.sink = sink;
    this.state = start;
    this.nesting = nesting;
  }

  /**
   * Interprets shell text.
   *
   * @param scriptPath root-relative path of the script itself, for {@code $0}
   * @return the state at the end (for callers that chain texts, like a CI job's lines)
   */
  static State run(String text, Positions positions, Optional<String> scriptPath, State start,
      Sink sink) {
    return run(text, positions, scriptPath, start, sink, 0);
  }

  private static State run(String text, Positions positions, Optional<String> scriptPath,
      State start, Sink sink, int nesting) {
    return run(text, positions, scriptPath, scriptPath, start, sink, nesting, new Sourcing());
  }

  /** The files being sourced along the current chain, and the sourced reads left for a run. */
  private static final class Sourcing {
    final Set<String> active = new HashSet<>();
    int budget = MAX_SOURCED_READS;
  }

  /** Sourced files read at most per top-level run (a library sourcing many libraries). */
  private static final int MAX_SOURCED_READS = 16;

  /**
   * @param bashSource the file being read, for {@code BASH_SOURCE}: a sourced file's own path
   *     while {@code $0} stays the caller's
   */
  private static State run(String text, Positions positions, Optional<String> scriptPath,
      Optional<String> bashSource, State start, Sink sink, int nesting, Sourcing sourcing) {
    ScriptInterpreter in = new ScriptInterpreter(positions, scriptPath, sink, start, nesting);
    in.bashSource = bashSource;
    in.sourcing = sourcing;
    List<ShellLexer.Token> tokens = ShellLexer.lex(text, RepoEvidence.MAX_TOKENS_PER_FILE);
    List<Event> events = ShellCommands.of(tokens);
    in.composeCommands = composeCommands(tokens, events);
    in.called = calledNames(events);
    for (Event e : events) {
      in.event(e);
    }
    while (!in.branches.isEmpty()) in.closeBranch();
    while (!in.saved.isEmpty()) in.state = in.saved.pop();
    return in.state;
  }

  /**
   * The names the script runs as commands: a function among them is interpreted where it is
   * called, in the state of that moment (Kong's test-upgrade-path.sh defines build_containers,
   * whose {@code $COMPOSE up} needs the OLD_KONG_IMAGE that the loop below it exports before each
   * call); a function never called by name is interpreted where it is defined.
   */
  private static Set<String> calledNames(List<Event> events) {
    Set<String> out = new HashSet<>();
    for (Event e : events) {
      if (e instanceof Command c) c.name().ifPresent(out::add);
    }
    return out;
  }

  /**
   * Functions named like a command the interpreter handles itself, which scripts define as
   * wrappers ({@code pushd() { command pushd "$@" >/dev/null; }}, {@code docker-compose() {
   * docker compose "$@"; }}): their calls stay that command (the body's {@code $@} is not bound),
   * and their bodies are read where they are defined, as before.
   */
  private static final Set<String> WRAPPED = Set.of("cd", "pushd", "popd", "docker",
      "docker-compose", "podman", "podman-compose", "nerdctl", "export", "source", ".", "make",
      "sh", "bash", "sudo", "exec", "eval", "command", "env");

  /**
   * How many leading arguments a function's body shifts off before running the rest as a
   * command ({@code "$@"}, or an array made of them: {@code "${CMD[@]}"}); -1 when it runs no
   * such command. Only shifts outside any branch count: a conditional one ({@code if [ "$1" =
   * -q ]; then shift; fi}) is taken not to happen.
   */
  static int runnerShift(List<Event> body) {
    int shifts = 0;
    int branch = 0;
    boolean runs = false;
    for (Event e : body) {
      if (e instanceof ShellCommands.Branch b) {
        branch += b.open() ? 1 : -1;
      } else if (e instanceof Command c && !c.words().isEmpty()) {
        ShellWord first = c.words().get(0);
        if (first.literal().filter("shift"::equals).isPresent() && branch == 0
            && !c.conditional()) {
          Optional<String> n = c.words().size() > 1 ? c.words().get(1).literal() : Optional.of("1");
          if (n.isEmpty() || !n.get().matches("[0-9]")) return -1;
          shifts += Integer.parseInt(n.get());
        } else if (runsArguments(first)) {
          runs = true;
        }
      }
    }
    return runs ? shifts : -1;
  }

  private static final java.util.regex.Pattern ARRAY_ALL =
      java.util.regex.Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*+\\[@]}");

  /** {@code "$@"} or {@code "${NAME[@]}"} alone: the word runs what it holds as a command. */
  private static boolean runsArguments(ShellWord w) {
    if (w.pieces().size() != 1) return false;
    ShellWord.Piece p = w.pieces().get(0);
    return p instanceof ShellWord.Opaque o
        && (o.raw().equals("$@") || ARRAY_ALL.matcher(o.raw()).matches());
  }

  /** How deep calls of the script's own functions are followed, and how often each one. */
  private static final int MAX_CALL_DEPTH = 4;
  private static final int MAX_CALLS_PER_FUNCTION = 8;

  private Set<String> called = Set.of();
  /** Bodies of functions called by name (their Enter and Leave included), kept for the calls. */
  private final Map<String, List<Event>> functions = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();
  /** The body being set aside, and how deep its nested scopes are open. */
  private List<Event> capturing;
  private int captureDepth;
  private int callDepth;

  private void event(Event e) {
    if (capturing != null) {
      capturing.add(e);
      if (e instanceof ShellCommands.Enter) captureDepth++;
      if (e instanceof ShellCommands.Leave && --captureDepth == 0) capturing = null;
      return;
    }
    if (e instanceof ShellCommands.Enter en && en.function() && en.name().isPresent()
        && called.contains(en.name().get()) && !WRAPPED.contains(en.name().get())
        && callDepth == 0) {
      capturing = new ArrayList<>();
      capturing.add(e);
      captureDepth = 1;
      functions.put(en.name().get(), capturing);
      return;
    }
    // a call's own VAR=value prefix is not passed on to the body (nor was it when bodies were
    // read where they are defined)
    if (e instanceof Command c && c.name().isPresent()
        && functions.containsKey(c.name().get()) && callDepth < MAX_CALL_DEPTH
        && calls.merge(c.name().get(), 1, Integer::sum) <= MAX_CALLS_PER_FUNCTION) {
      callDepth++;
      // The call's arguments are the body's $1..$9 (conjur's ci/test: `main "$(dirname
      // "$0")"`, whose body does `cd "$1"`); the caller's are back after it returns.
      List<ShellWord> callArgs = c.words().subList(1, c.words().size());
      Map<String, Optional<String>> callerPositional = new HashMap<>();
      for (int i = 1; i <= 9; i++) {
        String k = String.valueOf(i);
        if (state.vars.containsKey(k)) callerPositional.put(k, state.vars.get(k));
        state.vars.put(k, i <= callArgs.size() ? text(callArgs.get(i - 1)).value()
            : Optional.of(""));
      }
      try {
        List<Event> body = functions.get(c.name().get());
        for (Event inner : body) event(inner);
        restorePositional(callerPositional);
        // A function that runs its arguments after shifting some off (opencve's install.sh:
        // `display-and-exec "copying ..." cp "./conf/$_DOCKER_COMPOSE_ENV.example"
        // "$_DOCKER_COMPOSE_ENV"`, whose body logs $1, shifts it and runs "${_CMD[@]}"): the
        // rest of the call is a command of the caller's, in the caller's state.
        int shifted = runnerShift(body);
        if (shifted >= 0 && c.words().size() > shifted + 1) {
          event(new Command(List.of(), c.words().subList(shifted + 1, c.words().size()),
              c.conditional(), c.start(), c.end(), c.writes(), c.defaultFor(), c.background(),
              c.pipedFrom()));
        }
      } finally {
        callDepth--;
      }
      return;
    }
    if (e instanceof ShellCommands.Branch b) {
      if (b.open()) {
        branches.push(new BranchStart(state, new HashSet<>()));
        state = state.copy();
      } else if (!branches.isEmpty()) {
        closeBranch();
      }
    } else if (e instanceof ShellCommands.Enter) {
      saved.push(state);
      state = state.copy();
    } else if (e instanceof ShellCommands.Leave leave) {
      if (!saved.isEmpty()) {
        Optional<Range> built = state.builtAfter;
        Set<String> exported = state.exported;
        state = saved.pop();
        // a build inside a function or subshell still happened before later commands
        if (built.isPresent()) state.builtAfter = built;
        // a function's export is the calling shell's (omnibus-gitlab's test.sh exports IMAGE in
        // export_vars, called before run_gitlab's docker compose)
        if (leave.function()) state.exported.addAll(exported);
      }
    } else {
      command((Command) e);
    }
  }

  /**
   * After an {@code if} branch the branch may or may not have run: a variable or working
   * directory it changed is unknown, except a variable the branch set as its default
   * ({@code if [ -z "$X" ]; then X=v; fi} is {@code X=${X:-v}}). An export may have happened,
   * and a build in it still happened before later commands.
   */
  private void closeBranch() {
    BranchStart start = branches.pop();
    State inBranch = state;
    State after = start.before().copy();
    Set<String> names = new HashSet<>(after.vars.keySet());
    names.addAll(inBranch.vars.keySet());
    for (String n : names) {
      Optional<String> was = after.vars.get(n);
      Optional<String> now = inBranch.vars.get(n);
      if (start.defaulted().contains(n)) {
        if (now != null) after.vars.put(n, now);
      } else if (!java.util.Objects.equals(was, now)) {
        after.vars.put(n, Optional.empty());
      }
    }
    if (!after.cwd.equals(inBranch.cwd)) after.cwd = Optional.empty();
    after.exported.addAll(inBranch.exported);
    // `if ...; then set -a; fi`: allexport may be on after the branch (errs towards exports)
    after.allExport |= inBranch.allExport;
    // a line the branch may have written may be there
    inBranch.envLines.forEach((f, n) -> after.envLines.computeIfAbsent(f, k -> new HashSet<>())
        .addAll(n));
    if (inBranch.builtAfter.isPresent()) after.builtAfter = inBranch.builtAfter;
    state = after;
  }

  private void command(Command c) {
    defaultFor = c.defaultFor();
    // printf ... > dev/resolv.conf: the file exists once the command ran (NginxProxyManager's
    // scripts write the files their compose services mount this way)
    for (ShellWord w : c.writes()) {
      String how = c.name().map(ScriptInterpreter::base).map(n -> n + " >").orElse(">");
      produced(w, positions.at(c.start(), c.end()), how);
      sink.placed(written(w), positions.at(c.start(), c.end()), how, Optional.empty());
      envLine(c, w);
    }
    concatenation(c);
    List<ShellWord> words = commandInVariable(c.words());
    if (words.isEmpty()) {
      for (ShellWord a : c.assignments()) assign(a, c.conditional(), false);
      return;
    }
    Map<String, Optional<String>> prefix = new LinkedHashMap<>();
    for (ShellWord a : c.assignments()) {
      int eq = ((Lit) a.pieces().get(0)).text().indexOf('=');
      String name = ((Lit) a.pieces().get(0)).text().substring(0, eq);
      prefix.put(name, text(a).value().map(v -> v.substring(v.indexOf('=') + 1)));
    }
    int i = 0;
    boolean ignoreEnvironment = false;
    while (i < words.size()) {
      Optional<String> w = words.get(i).literal();
      if (w.isEmpty()) break;
      String name = base(w.get());
      if (name.equals("command") && i + 1 < words.size() && words.get(i + 1).literal()
          .filter(s -> s.equals("-v") || s.equals("-V")).isPresent()) {
        return; // a lookup, not a run
      }
      if (WRAPPERS.contains(name)) {
        i++;
        while (i < words.size() && words.get(i).literal().filter(s -> s.startsWith("-"))
            .isPresent()) {
          i++;
        }
      } else if (name.equals("env") || name.equals("cross-env")) {
        // cross-env (the npm package) takes NAME=value words, then the command, as env does
        i++;
        while (i < words.size()) {
          ShellWord x = words.get(i);
          Optional<String> lit = x.literal();
          if (ShellCommands.isAssignment(x)) {
            String t = ((Lit) x.pieces().get(0)).text();
            prefix.put(t.substring(0, t.indexOf('=')),
                text(x).value().map(v -> v.substring(v.indexOf('=') + 1)));
          } else if (lit.filter(s -> s.equals("-i") || s.equals("-")
              || s.equals("--ignore-environment")).isPresent()) {
            // env -i: the command sees only the assignments that follow
            ignoreEnvironment = true;
          } else if (lit.isEmpty() && i + 1 < words.size()
              && words.get(i + 1).literal().isPresent()) {
            // "${assignments[@]}" before the program: assignments berth cannot read
            prefix.put(ComposeRun.UNREADABLE_ASSIGNMENTS, Optional.empty());
          } else if (!lit.filter(s -> s.startsWith("-")).isPresent()) {
            break;
          }
          i++;
        }
      } else if (i + 1 < words.size() && dockerVariable(words.get(i + 1)) && !printer(name)) {
        // a function that runs its arguments, given the docker binary's variable first
        // (dokku's `suppress_output "$DOCKER_BIN" image build ...`)
        i++;
      } else {
        break;
      }
    }
    if (i >= words.size()) return;
    // the command a wrapper runs may be held in a variable too (sudo "$DOCKER_BIN" build)
    List<ShellWord> cmd = i == 0 ? words : commandInVariable(words.subList(i, words.size()));
    Optional<String> program = cmd.get(0).literal().map(ScriptInterpreter::base);
    if (program.isEmpty()) return;
    Range at = positions.at(cmd.get(0).start(), c.end());
    State before = state;
    boolean scoped = !prefix.isEmpty() || ignoreEnvironment;
    if (scoped) {
      state = state.copy();
      if (ignoreEnvironment) state.exported.clear();
      for (Map.Entry<String, Optional<String>> p : prefix.entrySet()) {
        state.vars.put(p.getKey(), p.getValue());
        state.exported.add(p.getKey());
      }
    }
    try {
      dispatch(program.get(), cmd, c, at);
    } finally {
      if (scoped) {
        Optional<Range> built = state.builtAfter;
        state = before;
        state.builtAfter = built;
      }
    }
  }

  /**
   * {@code doco="docker compose -f a.yml"; $doco up}: a command kept in a variable, expanded
   * where the command's name is expected. A quoted expansion there would name a program with
   * spaces in its name, so a known value with spaces is taken as split into words; a value with
   * quotes, escapes or expansions in it is not read. A variable whose value is unknown here is a
   * compose command when every assignment in the text makes it one ({@link #composeCommands}).
   */
  private List<ShellWord> commandInVariable(List<ShellWord> words) {
    if (words.isEmpty() || words.get(0).pieces().size() != 1
        || !(words.get(0).pieces().get(0) instanceof Var v)) {
      return words;
    }
    Optional<String> value = variable(v.name());
    if (value.isEmpty() && DOCKER_VARIABLES.contains(v.name())) {
      // the docker binary a script's configuration names (dokku's plugins run
      // "$DOCKER_BIN" image build ..., DOCKER_BIN set by its global config)
      value = Optional.of("docker");
    }
    if (value.isEmpty() && composeCommands.containsKey(v.name())) {
      // every assignment in the text makes it a compose command, whichever ran (test.sh's
      // `if which docker-compose; then bin="docker-compose"; else bin="docker compose"; fi`)
      value = Optional.of(composeCommands.get(v.name()));
    }
    if (value.isEmpty()) {
      Optional<List<ShellWord>> partly = composeWithUnknownWords(v.name(), words.get(0));
      if (partly.isPresent()) {
        List<ShellWord> out = new ArrayList<>(partly.get());
        out.addAll(words.subList(1, words.size()));
        return out;
      }
    }
    boolean compose = composeCommands.containsKey(v.name()) && value.filter(x ->
        COMPOSE_COMMANDS.contains(List.of(x.trim().split("\\s+")))).isPresent();
    if (value.isEmpty() || !compose && value.get().chars().noneMatch(Character::isWhitespace)
        && !DOCKER_VARIABLES.contains(v.name())
        || shellSyntax(value.get())) {
      return words;
    }
    ShellWord w = words.get(0);
    List<ShellWord> out = new ArrayList<>();
    for (String part : value.get().trim().split("\\s+")) {
      out.add(new ShellWord(List.of(new Lit(part)), w.start(), w.end()));
    }
    out.addAll(words.subList(1, words.size()));
    return out;
  }

  /**
   * The text has quotes, escapes, expansions, operators or glob characters: it is no plain list
   * of words a command kept in a variable can be split into.
   */
  private static boolean shellSyntax(String text) {
    return text.chars().anyMatch(ch -> "'\"\\$`;&|<>(){}*?[]~#".indexOf(ch) >= 0);
  }

  /** How many files one compose command's {@code -f $NAME} may stand for, at most. */
  private static final int MAX_FILE_ALTERNATIVES = 8;

  /**
   * A compose command whose one file is {@code -f $NAME} with NAME unknown where it runs, but
   * assigned literal paths in the script's branches (pgautoupgrade's test.sh: `if [ ... -eq 18 ];
   * then F=docker-compose-pgtarget18.yml; else F=docker-compose-pgtarget.yml; fi`, then
   * `docker compose -f $F up`): one command per path, each one it may run. Otherwise the command
   * as it is.
   */
  private List<DockerCli.Compose> fileAlternatives(DockerCli.Compose co, Command c) {
    if (co.files().size() != 1 || co.files().get(0).known()) return List.of(co);
    Optional<String> name = fileVariable(c);
    if (name.isEmpty()) return List.of(co);
    List<String> assigned = everAssigned.getOrDefault(name.get(), List.of());
    if (assigned.isEmpty() || assigned.size() > MAX_FILE_ALTERNATIVES) return List.of(co);
    List<DockerCli.Compose> out = new ArrayList<>();
    for (String raw : new java.util.LinkedHashSet<>(assigned)) {
      String v = unquoted(raw);
      if (v.isEmpty() || shellSyntax(v) || v.contains(" ")) return List.of(co);
      Value file = path(new ShellWord(List.of(new Lit(v)), 0, 0));
      if (!file.known()) return List.of(co);
      out.add(co.withFiles(List.of(file)));
    }
    return out;
  }

  /** An assignment's value as written, without one pair of quotes around the whole of it. */
  private static String unquoted(String raw) {
    String v = raw.strip();
    if (v.length() > 1 && (v.startsWith("\"") && v.endsWith("\"")
        || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** NAME of the command's one {@code -f $NAME} / {@code --file $NAME} / {@code --file=$NAME}. */
  private static Optional<String> fileVariable(Command c) {
    List<ShellWord> words = c.words();
    Optional<String> found = Optional.empty();
    for (int i = 0; i < words.size(); i++) {
      Optional<String> lit = words.get(i).literal();
      ShellWord value = null;
      if (lit.filter(l -> l.equals("-f") || l.equals("--file")).isPresent()
          && i + 1 < words.size()) {
        value = words.get(i + 1);
      } else if (!words.get(i).pieces().isEmpty()
          && words.get(i).pieces().get(0) instanceof Lit l && l.text().equals("--file=")
          && words.get(i).pieces().size() == 2) {
        value = new ShellWord(List.of(words.get(i).pieces().get(1)), 0, 0);
      }
      if (value == null) continue;
      if (found.isPresent() || value.pieces().size() != 1
          || !(value.pieces().get(0) instanceof Var v)) {
        return Optional.empty();
      }
      found = Optional.of(v.name());
    }
    return found;
  }

  /** The caller's $1..$9 back after a function call ({@code saved}: those it had). */
  private void restorePositional(Map<String, Optional<String>> saved) {
    for (int i = 1; i <= 9; i++) {
      String k = String.valueOf(i);
      if (saved.containsKey(k)) state.vars.put(k, saved.get(k));
      else state.vars.remove(k);
    }
  }

  /** A whole word that is one variable's expansion: {@code $NAME} or {@code ${NAME}}. */
  private static final java.util.regex.Pattern WHOLE_VARIABLE = java.util.regex.Pattern.compile(
      "\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*+)\\}|([A-Za-z_][A-Za-z0-9_]*+))");

  /**
   * A compose command kept in a variable whose value is unknown only in whole words (Kong's
   * {@code COMPOSE="docker compose -p $ENV_PREFIX -f scripts/upgrade-tests/docker-compose.yml"},
   * ENV_PREFIX random): its one assignment, split into words, each an unknown expansion
   * ({@code -p}'s value) or a literal. Anything else in it (quotes, globs, a partial expansion)
   * leaves the command unread.
   */
  private Optional<List<ShellWord>> composeWithUnknownWords(String name, ShellWord at) {
    List<String> assigned = everAssigned.getOrDefault(name, List.of());
    if (assigned.size() != 1) return Optional.empty();
    String text = assigned.get(0).strip();
    if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    String[] parts = text.strip().split("\\s+");
    boolean compose = parts.length > 1 && parts[0].equals("docker") && parts[1].equals("compose")
        || parts.length > 0 && parts[0].equals("docker-compose");
    if (!compose) return Optional.empty();
    List<ShellWord> out = new ArrayList<>();
    for (String part : parts) {
      java.util.regex.Matcher m = WHOLE_VARIABLE.matcher(part);
      if (m.matches()) {
        String var = m.group(1) != null ? m.group(1) : m.group(2);
        out.add(new ShellWord(List.of(new Var(var)), at.start(), at.end()));
      } else if (shellSyntax(part)) {
        return Optional.empty();
      } else {
        out.add(new ShellWord(List.of(new Lit(part)), at.start(), at.end()));
      }
    }
    return Optional.of(out);
  }

  /**
   * Variables whose value set outside a script is the docker binary itself, used as the name of
   * a command ({@code "$DOCKER_BIN" image build}): only these names, which say nothing else.
   */
  private static final Set<String> DOCKER_VARIABLES = Set.of("DOCKER", "DOCKER_BIN",
      "DOCKER_BINARY", "DOCKER_CMD", "DOCKER_COMMAND", "DOCKER_EXE", "DOCKER_CLI");

  /**
   * Commands that print their arguments rather than run them: echo, printf and the logging
   * functions scripts define (log, log_info, warn, dokku_log_verbose, ...).
   */
  private static final Set<String> PRINTER_WORDS = Set.of("echo", "printf", "print", "log",
      "info", "warn", "warning", "error", "debug", "notice", "msg", "say");

  /** A command one of whose words (split at {@code _} and {@code -}) is a printer's. */
  private static boolean printer(String name) {
    for (String w : name.toLowerCase(java.util.Locale.ROOT).split("[_-]")) {
      if (PRINTER_WORDS.contains(w)) return true;
    }
    return false;
  }

  /** The word is {@code $NAME} or {@code "$NAME"} with NAME one of {@link #DOCKER_VARIABLES}. */
  private static boolean dockerVariable(ShellWord w) {
    return w.pieces().size() == 1 && w.pieces().get(0) instanceof Var v
        && DOCKER_VARIABLES.contains(v.name());
  }

  /** The words of a compose command a variable may hold: the plugin and the standalone tool. */
  private static final Set<List<String>> COMPOSE_COMMANDS = Set.of(List.of("docker", "compose"),
      List.of("docker-compose"));

  /**
   * The variables this text uses as the name of a compose command: each one the text assigns at
   * least once, every assignment (in any branch, function or subshell; before a command, or with
   * {@code export}, {@code local}, ...) a literal {@code docker compose} or
   * {@code docker-compose}, mapped to the first such value. Any other way the name appears as a
   * word leaves it out, its value may be something else: another value or one with an expansion,
   * {@code NAME=...} as another command's argument, {@code NAME+=}, {@code NAME[i]=}, a bare
   * {@code NAME} ({@code read NAME}, {@code for NAME in}, {@code unset NAME}).
   */
  static Map<String, String> composeCommands(List<ShellLexer.Token> tokens, List<Event> events) {
    Set<ShellWord> assignments = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    for (Event e : events) {
      if (!(e instanceof Command c)) continue;
      assignments.addAll(c.assignments());
      if (c.name().filter(DECLARE::contains).isPresent()) {
        c.words().stream().filter(ShellCommands::isAssignment).forEach(assignments::add);
      }
    }
    Map<String, String> out = new HashMap<>();
    Set<String> other = new HashSet<>();
    for (ShellLexer.Token t : tokens) {
      if (!(t instanceof ShellLexer.WordTok wt) || wt.word().pieces().isEmpty()
          || !(wt.word().pieces().get(0) instanceof Lit first)) {
        continue;
      }
      String lead = first.text();
      int n = 0;
      while (n < lead.length() && (lead.charAt(n) == '_' || Character.isLetter(lead.charAt(n))
          || n > 0 && Character.isDigit(lead.charAt(n)))) {
        n++;
      }
      if (n == 0) continue;
      String name = lead.substring(0, n);
      if (n == lead.length()) {
        // a bare NAME word
        if (wt.word().pieces().size() == 1) other.add(name);
        continue;
      }
      char next = lead.charAt(n);
      if (next == '+' || next == '[') {
        other.add(name);
        continue;
      }
      if (next != '=') continue;
      int eq = n;
      Optional<List<String>> value = wt.word().literal()
          .map(v -> List.of(v.substring(eq + 1).trim().split("\\s+")));
      if (assignments.contains(wt.word()) && value.isPresent()
          && COMPOSE_COMMANDS.contains(value.get())) {
        out.putIfAbsent(name, String.join(" ", value.get()));
      } else {
        other.add(name);
      }
    }
    out.keySet().removeAll(other);
    return out;
  }

  private void dispatch(String program, List<ShellWord> cmd, Command c, Range at) {
    List<ShellWord> args = cmd.subList(1, cmd.size());
    switch (program) {
      case "cd" -> changeDirectory(args, c.conditional());
      case "pushd" -> {
        state.dirs.push(state.cwd);
        changeDirectory(args, c.conditional());
      }
      case "popd" -> {
        if (!state.dirs.isEmpty()) state.cwd = state.dirs.pop();
      }
      case "export", "local", "readonly", "declare", "typeset" -> {
        for (ShellWord a : args) {
          if (ShellCommands.isAssignment(a)) {
            assign(a, c.conditional(), program.equals("export"));
          } else if (program.equals("export")) {
            a.literal().ifPresent(state.exported::add);
            if (a.literal().isEmpty()) exportFromFile(a);
          }
        }
      }
      case "sh", "bash", "dash", "ash", "zsh" -> {
        shellC(args);
        // `bash tests/run.sh`: the script operand, the first word that is no option
        nonOptions(args).stream().findFirst().filter(a -> args.stream().noneMatch(
            o -> o.literal().filter("-c"::equals).isPresent())).ifPresent(a -> scriptCall(a,
                args.subList(args.indexOf(a) + 1, args.size()), at));
      }
      case "mkdir", "touch" -> {
        // touch creates each file it names that is missing (koel's Makefile: `[ -f .env.koel ]
        // || touch .env.koel` before `docker-compose up`, so the bind source exists)
        for (ShellWord a : args) {
          if (a.literal().filter(s -> s.startsWith("-")).isEmpty()) produced(a, at, program);
        }
      }
      case "cp", "mv", "rsync", "ln" -> copy(program, args, at);
      case ".", "source" -> sourceFile(args, c);
      case "set" -> setOptions(args);
      case "eval" -> evalWords(args);
      case "tar" -> extraction(args, at);
      default -> {
        // a program named by a path (./run.sh, tests/run.sh) may be one of the repository's
        if (cmd.get(0).literal().filter(w -> w.contains("/")).isPresent()) {
          scriptCall(cmd.get(0), args, at);
        }
        List<String> literal = literals(args);
        if (BuildCommands.matches(program, literal)) state.builtAfter = Optional.of(at);
        // `npm install` where the script stands makes node_modules there (grafana's
        // docker-otel-lgtm examples/nodejs/run.sh before its `docker build .`)
        DependencyInstalls.of(program, literal).ifPresent(i -> state.cwd.ifPresent(cwd ->
            sink.produced(Paths.resolve(cwd, i.directory()), at, i.how(), Optional.empty())));
        if ((program.equals("docker") || program.equals("podman")) && !args.isEmpty()) {
          // docker cp, docker container cp
          int verb = args.get(0).literal().filter("container"::equals).isPresent() ? 1 : 0;
          if (args.size() > verb && args.get(verb).literal().filter("cp"::equals).isPresent()) {
            containerCopy(args.subList(verb + 1, args.size()), at);
          }
        }
        outputFlag(program, args, at);
        for (List<ShellWord> each : optionVariableAlternatives(program, cmd)) {
          parsed(program, each, c, at);
        }
      }
    }
    if (DECLARE.contains(program)) return;
  }

  /** A docker or compose command as DockerCli reads it, handed to the sink. */
  private void parsed(String program, List<ShellWord> cmd, Command c, Range at) {
    DockerCli.parse(program, cmd, eval()).ifPresent(p -> {
      if (p instanceof DockerCli.Build b) {
        sink.build(fedByPipe(b, c), at, state);
      } else if (p instanceof DockerCli.Compose co) {
        DockerCli.Compose run = c.background() ? co.inBackground() : co;
        for (DockerCli.Compose each : fileAlternatives(run, c)) sink.compose(each, at, state);
      } else if (p instanceof DockerCli.Stack st) {
        sink.stack(st, at, state);
      } else if (p instanceof DockerCli.Bake bk) {
        sink.bake(bk, at, state);
      } else {
        DockerCli.Run run = (DockerCli.Run) p;
        sink.run(c.background() ? run.inBackground() : run, at);
      }
    });
  }

  /**
   * The command once per value of its one lone variable word that holds compose options that
   * choose the project ({@code -f FILE}, {@code --file=FILE}, {@code --profile P}, {@code -p
   * NAME}, {@code --env-file F}, {@code --project-directory D}) or nothing, in whatever branch
   * the script assigned them (lakeFS's composite action: `[[ -z "$F" ]] && flags="" ||
   * flags="-f $F"`, then `docker compose --project-directory . ${flags} up`; spring-cloud-
   * dataflow's `DC_OPT="-f $SCDIR/docker-compose.yml ... --profile keycloak"`): the shell splits
   * the value into those words, whose own expansions are read where the command runs. The
   * command as it is otherwise.
   */
  private List<List<ShellWord>> optionVariableAlternatives(String program, List<ShellWord> cmd) {
    if (!program.equals("docker") && !program.equals("docker-compose")) return List.of(cmd);
    int at = -1;
    for (int i = 1; i < cmd.size(); i++) {
      ShellWord w = cmd.get(i);
      if (w.pieces().size() == 1 && w.pieces().get(0) instanceof Var) {
        if (at >= 0) return List.of(cmd);
        at = i;
      }
    }
    if (at < 0) return List.of(cmd);
    String name = ((Var) cmd.get(at).pieces().get(0)).name();
    // the value in force when known, else each the script ever assigned
    Optional<String> now = state.vars.getOrDefault(name, Optional.empty());
    List<String> assigned = now.isPresent() ? List.of(now.get())
        : everAssigned.getOrDefault(name, List.of());
    if (assigned.isEmpty() || assigned.size() > MAX_FILE_ALTERNATIVES) return List.of(cmd);
    List<List<ShellWord>> out = new ArrayList<>();
    ShellWord var = cmd.get(at);
    for (String raw : new java.util.LinkedHashSet<>(assigned)) {
      String v = unquoted(raw);
      // plain words and $NAME / ${NAME} expansions only: no quotes, substitutions or globs
      if (v.chars().anyMatch(ch -> "'\"\\`;&|<>()*?[]~#".indexOf(ch) >= 0)) return List.of(cmd);
      List<ShellWord> words = new ArrayList<>();
      for (ShellLexer.Token t : ShellLexer.lex(v, 64)) {
        if (!(t instanceof ShellLexer.WordTok wt)) return List.of(cmd);
        words.add(new ShellWord(wt.word().pieces(), var.start(), var.end()));
      }
      for (int i = 0; i < words.size(); i++) {
        Optional<String> lit = words.get(i).literal();
        if (lit.isEmpty()) return List.of(cmd);
        String flag = lit.get().contains("=") ? lit.get().substring(0, lit.get().indexOf('='))
            : lit.get();
        if (!PROJECT_OPTIONS.contains(flag)) return List.of(cmd);
        if (!lit.get().contains("=")) {
          if (i + 1 >= words.size()) return List.of(cmd);
          i++;
        }
      }
      List<ShellWord> next = new ArrayList<>(cmd.subList(0, at));
      next.addAll(words);
      next.addAll(cmd.subList(at + 1, cmd.size()));
      out.add(next);
    }
    return out;
  }

  /** Compose's options that choose the project and take a value (docs.docker.com compose). */
  private static final Set<String> PROJECT_OPTIONS = Set.of("-f", "--file", "--profile", "-p",
      "--project-name", "--env-file", "--project-directory");

  /**
   * A build that reads its context from standard input ({@code docker build -}, no {@code -f})
   * through a pipe from a command that names one of the repository's Dockerfiles: that command
   * writes a tar of a context made for the Dockerfile, and the builder reads the Dockerfile from
   * the tar (novu's deploy workflows: {@code cd apps/api && pnpm --silent --workspace-root
   * pnpm-context -- apps/api/Dockerfile | docker buildx build ... -}, whose script packs meta/,
   * deps/ and pkg/ directories it makes on the fly). The build is that Dockerfile's, from a
   * context berth cannot read. The path is taken from the working directory, else from the root
   * ({@code pnpm --workspace-root} runs the script there, as a package.json script's command may
   * name a path of the workspace's). Only a command known to pack a context is one: tar, or a
   * command with a word naming a context ({@code pnpm-context}); any other program that names the
   * file (cat, sed, perl -pe, a template renderer) pipes a Dockerfile's text, which the builder
   * takes for the Dockerfile itself, with no context at all: that build is left as it was.
   */
  private DockerCli.Build fedByPipe(DockerCli.Build b, Command c) {
    if (!b.stdin() || b.file().isPresent() || c.pipedFrom().isEmpty()) return b;
    Optional<String> writer = c.pipedFrom().get(0).literal().map(ScriptInterpreter::base);
    if (writer.isEmpty() || !(writer.get().equals("tar") || c.pipedFrom().stream()
        .anyMatch(w -> w.literal().filter(x -> !x.startsWith("-")
            && x.toLowerCase(java.util.Locale.ROOT).contains("context")).isPresent()))) {
      return b;
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (ShellWord w : c.pipedFrom().subList(1, c.pipedFrom().size())) {
      Optional<String> lit = w.literal();
      if (lit.isEmpty() || lit.get().startsWith("-")
          || FileKinds.classify(Paths.fileName(lit.get())) != ProjectFile.Kind.DOCKERFILE) {
        continue;
      }
      Optional<String> file = path(w).value().filter(sink::isFile)
          .or(() -> inside(lit.get(), lit.get()).value().filter(x -> !lit.get().startsWith("/"))
              .filter(sink::isFile));
      file.ifPresent(f -> named.putIfAbsent(f, lit.get()));
    }
    if (named.size() != 1) return b;
    Map.Entry<String, String> df = named.entrySet().iterator().next();
    return b.with(Optional.of(Value.known(df.getValue(), df.getKey())),
        Value.unknown("-", "a tar that `" + writer.get() + "` writes to standard input"));
  }

  /**
   * {@code docker cp CONTAINER:SRC DEST} (docs.docker.com reference container cp): a file taken
   * out of a container is produced at DEST, or under its own name in DEST when DEST is a
   * directory ({@code .}, {@code dir/}). DSpace's upgrade steps `docker cp
   * dspacedb:/tmp/pgdump.sql .` make the dump its db.restore.yml mounts. A copy into a container
   * produces nothing here.
   */
  private void containerCopy(List<ShellWord> args, Range at) {
    List<ShellWord> operands = nonOptions(args);
    if (operands.size() != 2) return;
    Optional<String> src = operands.get(0).literal();
    Optional<String> destWord = operands.get(1).literal();
    if (src.isEmpty() || destWord.isEmpty() || destWord.get().contains(":")) return;
    int colon = src.get().indexOf(':');
    if (colon <= 0 || src.get().startsWith("/") || src.get().startsWith(".")) return;
    String inside = src.get().substring(colon + 1).replaceAll("/+$", "");
    String name = inside.substring(inside.lastIndexOf('/') + 1);
    Value dest = path(operands.get(1));
    String d = destWord.get();
    if (namesDirectory(d)) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) return;
      dest.value().ifPresent(v -> sink.produced(Paths.resolve(v, name), at, "docker cp",
          Optional.empty()));
    } else {
      dest.value().ifPresent(v -> sink.produced(v, at, "docker cp", Optional.empty()));
    }
  }

  /** The words that are not options: all but literal words starting with {@code -}. */
  private static List<ShellWord> nonOptions(List<ShellWord> args) {
    return args.stream().filter(a -> a.literal().filter(x -> x.startsWith("-")).isEmpty())
        .toList();
  }

  /**
   * A copy's destination word that names a directory to copy into: {@code .}, {@code dir/}, or
   * {@code dir/.} (harbor's testprepare.sh: cp tests/docker-compose.test.yml make/.).
   */
  private static boolean namesDirectory(String dest) {
    return dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
  }

  /**
   * {@code cp}, {@code mv}, {@code rsync}, {@code ln}: the destination is produced, and with
   * exactly two operands it is a copy of the source ({@code ln -s SRC DEST} reads SRC from DEST's
   * directory). Into a directory ({@code cp -R /agent/.local .}, {@code cp a.conf conf/}) each
   * source's name there is produced and the directory is no copy; {@code .} is the working
   * directory, which exists already.
   */
  private void copy(String program, List<ShellWord> args, Range at) {
    if (args.size() < 2) return;
    sink.placed(written(args.get(args.size() - 1)), at, program, Optional.empty());
    List<ShellWord> operands = nonOptions(args);
    Value dest = path(args.get(args.size() - 1));
    Optional<String> destWord = args.get(args.size() - 1).literal();
    boolean intoDirectory = !program.equals("ln") && operands.size() >= 2
        && destWord.filter(ScriptInterpreter::namesDirectory).isPresent();
    if (intoDirectory) {
      List<ShellWord> sources = operands.subList(0, operands.size() - 1);
      for (ShellWord src : sources) {
        Optional<String> name = src.literal().map(x -> x.replaceAll("/+$", ""))
            .map(x -> x.substring(x.lastIndexOf('/') + 1))
            .filter(x -> !x.isEmpty() && !x.equals(".") && !x.equals("..") && !x.contains("*"));
        // one file copied in is a copy of it under its own name
        Optional<String> from = sources.size() == 1 ? path(src).value() : Optional.empty();
        dest.value().ifPresent(d -> name.ifPresent(n ->
            sink.produced(Paths.resolve(d, n), at, program, from)));
      }
    }
    if (destWord.filter(d -> d.equals(".") || d.equals("./")).isPresent()) return;
    Optional<String> from = intoDirectory || operands.size() != 2 ? Optional.empty()
        : program.equals("ln") ? path(operands.get(1)).value().flatMap(d -> operands.get(0)
            .literal().filter(x -> !x.startsWith("/")).map(x -> Paths.resolve(Paths.dir(d), x)))
        : path(operands.get(0)).value();
    dest.value().ifPresent(v -> sink.produced(v, at, program, from));
  }

  /**
   * Options whose value is a file or directory the program writes, per program ({@code "*"}: any
   * program). Each from the program's manual: go help build ("-o output"), curl(1) "-o, --output
   * <file>", wget(1) "-O file, --output-document=file", openssl(1) "-out filename" and
   * openssl-req(1) "-keyout filename", tsc's "--outDir"; esbuild and swc write to
   * {@code --outdir}/{@code --out-dir}. Not ssh-keygen's -f, which names the key it reads as
   * often as the one it writes.
   */
  private static final Map<String, Set<String>> OUTPUT_OPTIONS = Map.of(
      "go", Set.of("-o"),
      "curl", Set.of("-o", "--output"),
      "wget", Set.of("-O", "--output-document"),
      "openssl", Set.of("-out", "-keyout"),
      "*", Set.of("--outDir", "--out-dir", "--outdir"));

  /**
   * {@code go build -o bin/app}, {@code tsc --outDir dist}, {@code curl -o x.js URL},
   * {@code openssl genrsa -out certs/ca.key}: the output path is produced.
   */
  private void outputFlag(String program, List<ShellWord> args, Range at) {
    Set<String> own = OUTPUT_OPTIONS.getOrDefault(program, Set.of());
    Set<String> any = OUTPUT_OPTIONS.get("*");
    // wget without -O saves the file under the URL's last name in the working directory (wget(1):
    // "the file will be downloaded ... to the current directory"; xwiki's README downloads
    // xwiki.cnf and init.sql so, beside the compose file it downloads with -O)
    if (program.equals("wget") && args.stream().noneMatch(a -> a.literal()
        .filter(x -> x.startsWith("--output-document") || x.startsWith("-P")
            || x.startsWith("--directory-prefix") || x.matches("-[A-Za-z]*O.*")).isPresent())) {
      Optional<String> url = downloadedUrl(args, -2);
      url.filter(u -> u.contains("://")).map(u -> u.replaceAll("[?#].*$", ""))
          .map(u -> u.substring(u.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty())
          .ifPresent(n -> sink.placed(n, at, program, url));
    }
    for (int i = 0; i + 1 < args.size(); i++) {
      Optional<String> a = args.get(i).literal();
      if (a.isEmpty()) continue;
      // a bundle of short options ending in the output one (`wget -qO FILE`, `curl -fsSLo FILE`)
      String option = a.get().matches("-[A-Za-z]{2,}") && DOWNLOADERS.contains(program)
          ? "-" + a.get().charAt(a.get().length() - 1) : a.get();
      if (own.contains(option) || any.contains(option)) {
        // `-O -` / `-o -` write to standard output: no file
        if (args.get(i + 1).literal().filter("-"::equals).isPresent()) continue;
        produced(args.get(i + 1), at, program + " " + option);
        Optional<String> url = DOWNLOADERS.contains(program) ? downloadedUrl(args, i + 1)
            : Optional.empty();
        sink.placed(written(args.get(i + 1)), at, program + " " + a.get(), url);
      }
    }
  }

  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget");

  /**
   * The known end of the URL a curl or wget command fetches: the last operand other than the
   * output file ({@code output}) that starts with a scheme or ends a variable's value, as far as
   * it is known from its end ({@link #tail}).
   */
  private Optional<String> downloadedUrl(List<ShellWord> args, int output) {
    for (int j = args.size() - 1; j >= 0; j--) {
      if (j == output || j == output - 1) continue;
      ShellWord w = args.get(j);
      if (w.literal().filter(x -> x.startsWith("-")).isPresent()) continue;
      Optional<String> t = tail(w).filter(x -> x.contains("/"));
      if (t.isPresent()) return t;
    }
    return Optional.empty();
  }

  /** Known ends of variables whose whole value is not known ({@code $BASE_URL/compose/x.yml}). */
  private final Map<String, String> tails = new HashMap<>();

  /**
   * The end of a word that is known: its text after the last piece berth cannot read, with the
   * known end of a variable that stands there ({@code "$BASE_URL/compose/docker-compose.yml"}
   * gives {@code /compose/docker-compose.yml} when $BASE_URL ends in an unknown $BRANCH); the
   * whole text when all of it is known.
   */
  private Optional<String> tail(ShellWord w) {
    StringBuilder b = new StringBuilder();
    List<Piece> pieces = w.pieces();
    for (int k = pieces.size() - 1; k >= 0; k--) {
      Piece p = pieces.get(k);
      Optional<String> v = piece(p);
      if (v.isPresent()) {
        b.insert(0, v.get());
        continue;
      }
      if (p instanceof Var var && tails.containsKey(var.name())) b.insert(0, tails.get(var.name()));
      break;
    }
    return b.length() == 0 ? Optional.empty() : Optional.of(b.toString());
  }

  /** A word as written, with the values of the variables berth knows put in. */
  private String written(ShellWord w) {
    StringBuilder b = new StringBuilder();
    for (Piece p : w.pieces()) b.append(piece(p).orElse(raw(p)));
    return b.toString().replace(String.valueOf(ROOT), "");
  }

  /**
   * {@code tar xzv}, {@code tar -xf a.tgz -C dir}, {@code tar --extract} in a Docker Hub hook: the
   * files land in the working directory or the {@code -C}/{@code --directory} one, under names
   * only the archive knows (gnu tar(1): the first argument's letters are the mode when it has no
   * dash).
   */
  private void extraction(List<ShellWord> args, Range at) {
    // A Docker Hub hook, which runs in the build's directory right before the build. Not an
    // install script or a release recipe, which unpack archives far from any build (statping-ng's
    // Makefile `tar -xvf source.tar.gz` and dev/install.sh would make every missing file in the
    // root and dev/ look generated). A CI job, into a directory the checkout lacks (lakekeeper's
    // release job: `cd bin-lakekeeper-....tar.gz && tar xzvf lakekeeper-....tar.gz` in the
    // directory download-artifact made, then `docker build --build-arg
    // BIN=bin-lakekeeper-.../lakekeeper .`); not into the root or a directory of the checkout,
    // where it would make every missing file there look made.
    boolean hook = scriptPath.filter(RepoEvidence::dockerHubHook).isPresent();
    if (args.isEmpty() || !hook && !RepoEvidence.ciFile(at.file())) return;
    boolean extract = false;
    ShellWord dir = null;
    for (int i = 0; i < args.size(); i++) {
      Optional<String> a = args.get(i).literal();
      if (a.isEmpty()) continue;
      String v = a.get();
      if (v.equals("--extract") || v.equals("--get")
          || (i == 0 || v.startsWith("-") && !v.startsWith("--")) && modeLetters(v)) {
        extract = true;
      }
      if ((v.equals("-C") || v.equals("--directory")) && i + 1 < args.size()) dir = args.get(i + 1);
      if (v.startsWith("--directory=")) {
        return; // a joined value: berth reads only the separate form
      }
    }
    if (!extract) return;
    Optional<String> where = dir == null ? state.cwd : path(dir).value();
    // in CI, only a directory the checkout lacks (one download-artifact made): an archive
    // unpacked into a directory of the repository says nothing of the files it already has
    if (!hook) where = where.filter(w -> !w.isEmpty() && !sink.isDirectory(w));
    where.ifPresent(v -> sink.produced(v, at, Produced.EXTRACTED, Optional.empty()));
  }

  /** {@code xzvf}, {@code -xf}: a bundle of tar's one-letter options with the extract mode. */
  private static boolean modeLetters(String v) {
    String letters = v.startsWith("-") ? v.substring(1) : v;
    if (letters.isEmpty() || letters.indexOf('x') < 0) return false;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) return false;
    }
    return true;
  }

  private static List<String> literals(List<ShellWord> args) {
    List<String> out = new ArrayList<>();
    for (ShellWord a : args) out.add(a.literal().orElse(null));
    return out;
  }

  /**
   * {@code cat A B ... > C}: C is A, then B, and so on (growthbook's preview workflow appends
   * {@code preview/Dockerfile.append} to its Dockerfile this way). Only with one output file,
   * every input a known path in the repository and at least two of them.
   */
  private void concatenation(Command c) {
    if (c.writes().size() != 1 || c.words().isEmpty()
        || !c.words().get(0).literal().map(ScriptInterpreter::base).filter("cat"::equals)
            .isPresent()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (ShellWord a : c.words().subList(1, c.words().size())) {
      if (a.literal().filter(x -> x.startsWith("-")).isPresent()) return;
      Optional<String> part = path(a).value();
      if (part.isEmpty()) return;
      parts.add(part.get());
    }
    if (parts.size() < 2) return;
    path(c.writes().get(0)).value().ifPresent(dest ->
        sink.concatenated(dest, positions.at(c.start(), c.end()), parts));
  }

  /**
   * {@code echo "NAME=value" >> DIR/.env}, {@code printf 'NAME=%s\n' ...}: the variable is in
   * that file from here on (tensorzero's e2e job appends its image tag to {@code
   * fixtures/.env} before the compose command that reads it). Only the name counts: the value
   * may be an expression berth cannot know.
   */
  private void envLine(Command c, ShellWord target) {
    String program = c.name().map(ScriptInterpreter::base).orElse("");
    if (!program.equals("echo") && !program.equals("printf")) return;
    Optional<String> file = path(target).value();
    if (file.isEmpty()) return;
    for (ShellWord w : c.words().subList(1, c.words().size())) {
      if (w.pieces().isEmpty() || !(w.pieces().get(0) instanceof ShellWord.Lit l)) continue;
      java.util.regex.Matcher m = ENV_LINE.matcher(l.text());
      if (m.lookingAt()) {
        state.envLines.computeIfAbsent(file.get(), k -> new HashSet<>()).add(m.group(1));
      }
    }
  }

  private static final java.util.regex.Pattern ENV_LINE =
      java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,127})=");

  private void produced(ShellWord w, Range at, String how) {
    Value p = path(w);
    p.value().ifPresent(v -> sink.produced(v, at, how, Optional.empty()));
  }

  /** {@code sh -c 'script'}: the inner script runs in a child shell with this state. */
  private void shellC(List<ShellWord> args) {
    if (nesting >= MAX_NESTING) return;
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).literal().filter("-c"::equals).isPresent()) {
        ShellWord script = args.get(i + 1);
        Optional<String> text = script.literal();
        if (text.isEmpty()) return;
        Range whole = positions.at(script.start(), script.end());
        State child = state.copy();
        run(text.get(), (s, e) -> whole, scriptPath, child, sink, nesting + 1);
        if (child.builtAfter.isPresent()) state.builtAfter = child.builtAfter;
        return;
      }
    }
  }

  /**
   * {@code eval "ID=$ID docker compose -f $BASEDIR/$RTE/docker-compose.yml up"}
   * (RedisInsight's start-test-run.sh): the words, joined by spaces as written, run in this shell
   * (bash(1), eval: "The args are read and concatenated together into a single command ...
   * executed by the shell"). Their expansions are read once, from the text as written: a value
   * that itself holds shell syntax is the one thing this reading misses.
   */
  private void evalWords(List<ShellWord> args) {
    if (args.isEmpty() || nesting >= MAX_NESTING) return;
    StringBuilder text = new StringBuilder();
    for (ShellWord a : args) {
      if (text.length() > 0) text.append(' ');
      for (Piece p : a.pieces()) text.append(raw(p));
    }
    Range whole = positions.at(args.get(0).start(), args.get(args.size() - 1).end());
    state = run(text.toString(), (st, en) -> whole, scriptPath, bashSource, state.copy(), sink,
        nesting + 1, sourcing);
  }

  /**
   * {@code . FILE} / {@code source FILE}: a repository file runs in this shell, so the variables,
   * exports and working directory it leaves are this script's from there on (a build script's
   * `. "$LDIR/lib/env.sh"` that sets the Dockerfile and context it then builds); its commands
   * are evidence at its own lines. {@code $0} stays the caller's. Functions
   * it defines are read where it defines them (their calls here are not followed). A source that
   * may not run ({@code [ -f x ] && . x}) leaves what it changed unknown, as a branch does.
   */
  private void sourceFile(List<ShellWord> args, Command c) {
    // From a start directory berth assumed (a script read from its own directory and from the
    // root), a relative path names a different file from each, and the two readings must run the
    // same commands to be merged: only a script that settled its directory sources.
    if (args.isEmpty() || nesting >= MAX_NESTING || state.cwdAssumed || sourcing.budget <= 0) {
      return;
    }
    Optional<String> p = path(args.get(0)).value()
        .filter(x -> !x.isEmpty() && x.charAt(0) != ROOT);
    // a file already being sourced up the chain (libraries that source each other) is not
    // read again
    if (p.isEmpty() || sourcing.active.contains(p.get())) return;
    Optional<dev.berth.source.SourceFile> f = p.flatMap(sink::sourced);
    if (f.isEmpty()) {
      sourcedEnvTemplate(p.get());
      return;
    }
    sourcing.budget--;
    sourcing.active.add(p.get());
    State end;
    try {
      end = run(f.get().text(), f.get()::range, scriptPath, p, state.copy(), sink, nesting + 1,
          sourcing);
    } finally {
      sourcing.active.remove(p.get());
    }
    if (!c.conditional()) {
      state = end;
      return;
    }
    branches.push(new BranchStart(state, new HashSet<>()));
    state = end;
    closeBranch();
  }

  /**
   * {@code . ./.env} of an env file the repository does not hold (git-ignored, made by the setup
   * from its template): the template's NAME=value lines are the file's names, their values
   * unknown (the user fills them in); exported under {@code set -a} or where the line says
   * {@code export}.
   */
  private void sourcedEnvTemplate(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    if (!name.contains("env")) return;
    List<String> candidates = envFileAndTemplates(file);
    firstSourced(candidates.subList(1, candidates.size())).ifPresent(t -> {
      java.util.regex.Matcher m = ENV_FILE_LINE.matcher(t.text());
      while (m.find()) {
        state.vars.put(m.group(1), Optional.empty());
        if (state.allExport || m.group(0).stripLeading().startsWith("export")) {
          state.exported.add(m.group(1));
        }
      }
    });
  }

  /** The first of the root-relative files berth reads, in order. */
  private Optional<dev.berth.source.SourceFile> firstSourced(List<String> candidates) {
    for (String candidate : candidates) {
      Optional<dev.berth.source.SourceFile> f = sink.sourced(candidate);
      if (f.isPresent()) return f;
    }
    return Optional.empty();
  }

  /** Names of a file's NAME=value lines (an env file read by grep or cat). */
  private static final java.util.regex.Pattern ENV_FILE_LINE =
      java.util.regex.Pattern.compile("(?m)^[ \\t]*+(?:export[ \\t]++)?+([A-Za-z_][A-Za-z0-9_]*+)=");

  /**
   * {@code export $(grep -v '^#' config.env | xargs)} (or {@code cat config.env | xargs}): every
   * NAME=value line of the file is exported, values unknown (OneUptime's npm scripts before each
   * {@code docker compose}). A file missing from the repository is read from its template
   * ({@code config.example.env}, {@code config.env.example}), which the setup copies to it.
   */
  private void exportFromFile(ShellWord a) {
    if (a.pieces().size() != 1 || !(a.pieces().get(0) instanceof Opaque o)
        || !o.raw().startsWith("$(") || !o.raw().contains("xargs")) {
      return;
    }
    String inner = o.raw().substring(2, o.raw().length() - 1);
    for (ShellLexer.Token t : ShellLexer.lex(inner, 32)) {
      if (!(t instanceof ShellLexer.WordTok wt)) continue;
      ShellWord w = wt.word();
      Optional<String> lit = w.literal().filter(x -> !x.startsWith("-") && x.contains("env"));
      if (lit.isEmpty()) continue;
      Optional<String> file = path(w).value().filter(x -> !x.isEmpty() && x.charAt(0) != ROOT);
      if (file.isEmpty()) continue;
      Optional<dev.berth.source.SourceFile> f = firstSourced(envFileAndTemplates(file.get()));
      if (f.isPresent()) {
        java.util.regex.Matcher m = ENV_FILE_LINE.matcher(f.get().text());
        while (m.find()) state.exported.add(m.group(1));
        return;
      }
    }
  }

  /** {@code dir/config.env}, then its templates: config.example.env, config.env.example, ... */
  private static List<String> envFileAndTemplates(String file) {
    String dir = Paths.dir(file);
    String name = file.substring(file.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    List<String> out = new ArrayList<>(List.of(file, file + ".example", file + ".sample",
        file + ".template", file + ".dist"));
    if (dot > 0) {
      String base = name.substring(0, dot);
      String ext = name.substring(dot);
      for (String word : List.of("example", "sample", "template")) {
        out.add(Paths.resolve(dir, base + "." + word + ext));
      }
    }
    return out;
  }

  private void scriptCall(ShellWord script, List<ShellWord> args, Range at) {
    List<Optional<String>> values = new ArrayList<>();
    for (ShellWord a : args.subList(0, Math.min(args.size(), 9))) values.add(text(a).value());
    path(script).value().filter(p -> !p.isEmpty() && p.charAt(0) != ROOT)
        .ifPresent(p -> sink.scriptCall(p, state, values, at));
  }

  private void changeDirectory(List<ShellWord> args, boolean conditional) {
    List<ShellWord> operands = args.stream()
        .filter(a -> a.literal().filter(s -> s.startsWith("-") && !s.equals("-")).isEmpty())
        .toList();
    Optional<String> before = state.cwd;
    if (operands.size() == 1 && operands.get(0).literal().filter("-"::equals).isPresent()) {
      // `cd -`: back where the last cd left (lakekeeper's release job: `cd bin-x; tar xzvf
      // ...; cd -; cd bin-y; ...`)
      state.cwd = conditional ? Optional.empty() : state.oldCwd;
      state.oldCwd = before;
      state.candidates = List.of();
      return;
    }
    state.oldCwd = before;
    if (operands.size() == 1 && !isAbsolute(operands.get(0))
        && (conditional || state.cwd.isEmpty() && !state.candidates.isEmpty())) {
      maybeChangeDirectory(operands.get(0), conditional);
      return;
    }
    Optional<String> target = operands.size() == 1 && !conditional
        ? path(operands.get(0)).value() : Optional.empty();
    boolean absolute = operands.size() == 1 && isAbsolute(operands.get(0));
    state.cwd = target;
    state.candidates = List.of();
    if (absolute) state.cwdAssumed = false;
  }

  /**
   * A relative {@code cd} where berth knows the places the script may be in but not which:
   * bunkerweb's misc/migration/create.sh climbs to the root in a {@code case} on its directory's
   * name ({@code migration) cd ../.. ;; misc) cd .. ;;}), then runs {@code cd misc/migration}.
   * A {@code cd} that may not run adds its target to the places (a target that would leave the
   * project is a branch not taken from there: berth never follows it); a {@code cd} that does
   * run keeps the places where its directory exists, and one left is where the script is,
   * confirmed by the project's files. Anything unknown leaves the directory unknown.
   */
  private void maybeChangeDirectory(ShellWord operand, boolean conditional) {
    List<String> now = state.cwd.map(List::of).orElse(state.candidates);
    Optional<String> saved = state.cwd;
    Set<String> next = new java.util.LinkedHashSet<>(conditional ? now : List.of());
    boolean known = !now.isEmpty();
    for (String from : now) {
      state.cwd = Optional.of(from);
      Value v = path(operand);
      if (v.value().isPresent()) {
        if (sink.isDirectory(v.value().get())) next.add(v.value().get());
        // a directory the script may make first (mkdir -p out; cd out): unknown
        else if (conditional) known = false;
      } else if (!OUTSIDE.equals(v.why())) {
        known = false;
      }
    }
    state.cwd = saved;
    if (!known || next.isEmpty()) {
      state.cwd = Optional.empty();
      state.candidates = List.of();
    } else if (next.size() == 1) {
      String only = next.iterator().next();
      if (!saved.equals(Optional.of(only))) state.cwdAssumed = true;
      state.cwd = Optional.of(only);
      state.candidates = List.of();
    } else {
      state.cwd = Optional.empty();
      state.candidates = List.copyOf(next);
    }
  }

  private boolean isAbsolute(ShellWord w) {
    return text(w).value().filter(v -> !v.isEmpty() && v.charAt(0) == ROOT).isPresent();
  }

  /** The variable the enclosing {@code if [ -z "$X" ]; then} tests, for its assignments. */
  private Optional<String> defaultFor = Optional.empty();

  private void assign(ShellWord a, boolean conditional, boolean export) {
    String t = ((Lit) a.pieces().get(0)).text();
    String name = t.substring(0, t.indexOf('='));
    Value whole = text(a);
    Optional<String> assigned = whole.value().map(s -> s.substring(s.indexOf('=') + 1));
    Optional<String> v = conditional ? Optional.empty() : assigned;
    if (defaultFor.filter(name::equals).isPresent()) {
      if (!branches.isEmpty()) branches.peek().defaulted().add(name);
      // `if [ -z "$X" ]; then X=v; fi` is X=${X:-v}: an earlier value stays, an unknown one stays
      // unknown, and one the environment may give is taken as absent, as for ${X:-v}
      boolean set = state.vars.containsKey(name);
      Optional<String> before = set ? state.vars.get(name) : special(name);
      v = set && before.isEmpty() ? Optional.empty()
          : before.filter(s -> !s.isEmpty()).isPresent() ? before : assigned;
    }
    state.vars.put(name, v);
    if (v.isEmpty()) {
      ShellWord value = new ShellWord(withoutName(a.pieces()), a.start(), a.end());
      Optional<String> end = tail(value);
      if (end.isPresent()) tails.put(name, end.get()); else tails.remove(name);
    } else {
      tails.remove(name);
    }
    // The text as written where a part is unknown: its `$` marks what cannot be known.
    String written = whole.value().orElse(whole.raw());
    everAssigned.computeIfAbsent(name, k -> new ArrayList<>())
        .add(written.substring(written.indexOf('=') + 1));
    if (export || state.allExport) state.exported.add(name);
  }

  /**
   * {@code set -a} / {@code set -o allexport} turn allexport on, {@code set +a} / {@code set +o
   * allexport} off; option clusters count ({@code set -ea}). Anything after {@code --} or the
   * first operand is positional parameters, not options.
   */
  private void setOptions(List<ShellWord> args) {
    for (int i = 0; i < args.size(); i++) {
      Optional<String> a = args.get(i).literal();
      if (a.isEmpty() || a.get().equals("--") || a.get().equals("-")
          || !(a.get().startsWith("-") || a.get().startsWith("+"))) {
        return;
      }
      boolean on = a.get().charAt(0) == '-';
      String flags = a.get().substring(1);
      if (flags.indexOf('a') >= 0) state.allExport = on;
      // `-o NAME` (also at the end of a cluster: `-euo pipefail`) takes the next word
      if (flags.endsWith("o") && i + 1 < args.size()) {
        if (args.get(i + 1).literal().filter("allexport"::equals).isPresent()) {
          state.allExport = on;
        }
        i++;
      }
    }
  }

  /** An assignment word's pieces without its {@code NAME=}. */
  private static List<Piece> withoutName(List<Piece> pieces) {
    List<Piece> out = new ArrayList<>(pieces);
    String first = ((Lit) out.get(0)).text();
    String rest = first.substring(first.indexOf('=') + 1);
    if (rest.isEmpty()) out.remove(0); else out.set(0, new Lit(rest));
    return out;
  }

  private DockerCli.Eval eval() {
    return new DockerCli.Eval() {
      @Override
      public Value text(ShellWord w) {
        return ScriptInterpreter.this.text(w);
      }

      @Override
      public Value path(ShellWord w) {
        return ScriptInterpreter.this.path(w);
      }

      @Override
      public Optional<String> variable(String name) {
        return state.exported.contains(name) ? state.vars.getOrDefault(name, Optional.empty())
            : Optional.empty();
      }

      @Override
      public Optional<List<String>> alternatives(String name) {
        List<String> all = everAssigned.getOrDefault(name, List.of());
        if (all.isEmpty()) return Optional.empty();
        List<String> out = new ArrayList<>();
        // Unset unless the value in force is known: the script may not have assigned it here.
        if (state.vars.getOrDefault(name, Optional.empty()).isEmpty()) out.add("");
        out.addAll(all);
        return Optional.of(out);
      }
    };
  }

  // ---- values ----------------------------------------------------------------------------

  Value text(ShellWord w) {
    StringBuilder b = new StringBuilder();
    StringBuilder raw = new StringBuilder();
    boolean known = true;
    for (Piece p : w.pieces()) {
      raw.append(raw(p));
      Optional<String> v = piece(p);
      if (v.isEmpty()) known = false;
      else b.append(v.get());
    }
    return known ? Value.known(raw.toString(), b.toString())
        : Value.unknown(raw.toString(), "a variable or command output berth cannot know");
  }

  /** The word as a root-relative path: absolute-in-repo values as they are, else from the cwd. */
  Value path(ShellWord w) {
    Value t = text(w);
    if (t.value().isEmpty()) return partlyKnown(w, t);
    String v = t.value().get();
    String raw = t.raw();
    if (!v.isEmpty() && v.charAt(0) == ROOT) {
      return inside(raw, v.substring(1));
    }
    if (v.startsWith("/") || v.startsWith("~")) {
      return Value.unknown(raw, "an absolute path outside the repository");
    }
    if (v.contains("://") || v.startsWith("git@")) return Value.unknown(raw, "a remote URL");
    if (state.cwd.isEmpty()) {
      return Value.unknown(raw, "the directory the command runs in is not known");
    }
    return inside(raw, state.cwd.get() + "/" + v);
  }

  private static final String OUTSIDE = "a path outside the project root";

  /**
   * An unknown path whose directory is known and whose unknown parts are whole variables
   * ({@code $BASEDIR/$RTE/docker-compose.yml}): the value with each unknown variable's name
   * between {@link ComposeFilePattern#MARK}s, resolved as {@link #path} resolves a known one. Only when the known text names a directory
   * and a file name part (a bare {@code $FILE} says nothing of where it is).
   */
  private Value partlyKnown(ShellWord w, Value t) {
    char mark = ComposeFilePattern.MARK;
    StringBuilder b = new StringBuilder();
    for (Piece p : w.pieces()) {
      Optional<String> v = piece(p);
      if (v.isEmpty() && !(p instanceof Var || p instanceof Default)) return t;
      if (v.isPresent() && (v.get().indexOf(mark) >= 0 || v.get().indexOf('*') >= 0
          || v.get().indexOf('?') >= 0 || v.get().indexOf('[') >= 0)) {
        return t; // a glob character of its own: not a pattern berth can read
      }
      String name = p instanceof Var var ? var.name() : p instanceof Default d ? d.name() : "";
      b.append(v.orElse(mark + name + mark));
    }
    String v = b.toString();
    int slash = v.lastIndexOf('/');
    if (slash < 0 || v.substring(slash + 1).replaceAll(mark + "[^" + mark + "]*+" + mark, "")
        .isEmpty()) {
      return t;
    }
    String joined;
    if (!v.isEmpty() && v.charAt(0) == ROOT) {
      joined = v.substring(1);
    } else if (v.startsWith("/") || v.startsWith("~") || v.charAt(0) == mark
        || state.cwd.isEmpty() || state.cwdAssumed) {
      // from a start directory berth assumed, a relative pattern would match files by
      // construction and so confirm the guess: only a path from the script's own place
      // ($(dirname $0)) or a directory the script settled gives one
      return t;
    } else {
      joined = state.cwd.get() + "/" + v;
    }
    Value in = inside(t.raw(), joined);
    return in.value().filter(x -> !x.isEmpty() && x.charAt(0) != mark)
        .map(x -> Value.partly(t.raw(), t.why(), x)).orElse(t);
  }

  /** @param joined a root-relative path; a leading "/" (a directory joined to "") is dropped */
  static Value inside(String raw, String joined) {
    int start = 0;
    while (start < joined.length() && joined.charAt(start) == '/') start++;
    joined = joined.substring(start);
    if (Paths.escapes(joined)) return Value.unknown(raw, OUTSIDE);
    String clean = Paths.normalize(joined);
    return Value.known(raw, clean.equals(".") ? "" : clean);
  }

  private Optional<String> piece(Piece p) {
    if (p instanceof Lit l) return Optional.of(l.text());
    if (p instanceof Var v) return variable(v.name());
    if (p instanceof Default d) {
      Optional<String> v = state.vars.containsKey(d.name()) ? state.vars.get(d.name())
          : special(d.name());
      if (state.vars.containsKey(d.name()) && v.isEmpty()) return Optional.empty();
      if (v.isPresent() && !(d.colon() && v.get().isEmpty())) return v;
      return fallback(d.fallback());
    }
    return opaque(((Opaque) p).raw());
  }

  private Optional<String> variable(String name) {
    if (state.vars.containsKey(name)) return state.vars.get(name);
    return special(name);
  }

  private Optional<String> special(String name) {
    switch (name) {
      case "0":
        return scriptPath.map(p -> ROOT + p);
      case "PWD":
        return state.cwd.map(c -> ROOT + c);
      case "GITHUB_WORKSPACE":
      case "CI_PROJECT_DIR":
        return Optional.of(String.valueOf(ROOT));
      case "BASH_SOURCE":
        // $BASH_SOURCE is ${BASH_SOURCE[0]}, the file being run or sourced
        return bashSource.map(p -> ROOT + p);
      default:
        return Optional.empty();
    }
  }

  /** How deep {@code ${A:-${B:-...}}} defaults are followed; deeper ones are unknown. */
  private int fallbackDepth;

  private Optional<String> fallback(String text) {
    if (fallbackDepth >= MAX_NESTING) return Optional.empty();
    List<ShellLexer.Token> t = ShellLexer.lex(text, 4);
    if (t.isEmpty()) return Optional.of("");
    if (t.size() != 1 || !(t.get(0) instanceof ShellLexer.WordTok w)) return Optional.empty();
    fallbackDepth++;
    try {
      return text(w.word()).value();
    } finally {
      fallbackDepth--;
    }
  }

  /**
   * The few command substitutions whose value a reader can know: the script's directory
   * ({@code $(dirname "$0")}, {@code $(cd "$(dirname "$0")" && pwd)}, {@code $(cd $(dirname
   * $0); echo $PWD)}), the working directory
   * ({@code $(pwd)}) and the repository root ({@code $(git rev-parse --show-toplevel)}).
   */
  private Optional<String> opaque(String raw) {
    if (raw.equals("${BASH_SOURCE[0]}") || raw.equals("${BASH_SOURCE}")) {
      return bashSource.map(p -> ROOT + p);
    }
    if (raw.equals("${0%/*}")) return scriptPath.map(p -> ROOT + Paths.dir(p));
    if (raw.equals("${BASH_SOURCE%/*}") || raw.equals("${BASH_SOURCE[0]%/*}")) {
      return bashSource.map(p -> ROOT + Paths.dir(p));
    }
    if (!raw.startsWith("$(") || !raw.endsWith(")") || raw.startsWith("$((")
        || nesting >= MAX_NESTING) {
      return Optional.empty();
    }
    String inner = raw.substring(2, raw.length() - 1);
    List<Event> events = ShellCommands.of(ShellLexer.lex(inner, 64));
    ScriptInterpreter sub = new ScriptInterpreter(positions, scriptPath, new Sink() {
      @Override
      public void build(DockerCli.Build b, Range at, State s) {}

      @Override
      public void compose(DockerCli.Compose c, Range at, State s) {}

      @Override
      public void run(DockerCli.Run r, Range at) {}

      @Override
      public void produced(String path, Range at, String how, Optional<String> from) {}

      @Override
      public void concatenated(String path, Range at, List<String> parts) {}
    }, state.copy(), nesting + 1);
    sub.bashSource = bashSource;
    Optional<String> result = Optional.empty();
    for (Event e : events) {
      if (!(e instanceof Command c) || c.words().isEmpty()) return Optional.empty();
      Optional<String> name = c.name().map(ScriptInterpreter::base);
      if (name.isEmpty()) return Optional.empty();
      List<ShellWord> args = c.words().subList(1, c.words().size()).stream()
          .filter(a -> a.literal().filter(s -> s.startsWith("-")).isEmpty()).toList();
      switch (name.get()) {
        case "cd" -> {
          sub.changeDirectory(args, false);
          result = Optional.empty();
        }
        case "pwd" -> result = sub.state.cwd.map(d -> ROOT + d);
        // rundeck's `$( cd $(dirname $0) ; echo $PWD )`: the same as pwd
        case "echo" -> result = args.size() == 1 && args.get(0).pieces().size() == 1
            && args.get(0).pieces().get(0) instanceof Var v && v.name().equals("PWD")
            ? sub.state.cwd.map(d -> ROOT + d) : Optional.empty();
        case "dirname" -> result = args.size() == 1 ? sub.path(args.get(0)).value()
            .map(p -> ROOT + Paths.dir(p)) : Optional.empty();
        case "realpath", "readlink" -> {
          // options that canonicalise (readlink -f, realpath -e/-m/-s) leave the path itself
          List<ShellWord> ops = nonOptions(args);
          boolean canonical = args.size() == ops.size()
              || args.stream().anyMatch(a -> a.literal().filter(x -> x.matches("-[femsz]+"
                  + "|--canonicalize(-existing|-missing)?|--no-symlinks")).isPresent());
          result = ops.size() == 1 && canonical
              ? sub.path(ops.get(0)).value().map(p -> ROOT + p) : Optional.empty();
        }
        case "git" -> result = c.words().size() == 3
            && c.words().get(1).literal().filter("rev-parse"::equals).isPresent()
            && c.words().get(2).literal().filter("--show-toplevel"::equals).isPresent()
            ? Optional.of(String.valueOf(ROOT)) : Optional.empty();
        default -> {
          return Optional.empty();
        }
      }
    }
    return result;
  }

  private static String raw(Piece p) {
    if (p instanceof Lit l) return l.text();
    if (p instanceof Var v) return "$" + v.name();
    if (p instanceof Default d) return "${" + d.name() + (d.colon() ? ":-" : "-") + d.fallback()
        + "}";
    return ((Opaque) p).raw();
  }

  static String base(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
