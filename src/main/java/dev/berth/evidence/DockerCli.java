package dev.berth.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads container-tool command lines the way the tools parse them: which words are options, which
 * options take a value, which word is the build context or the compose subcommand. An option the
 * tables do not know makes the words after it ambiguous, so what depends on them is unknown.
 * Option tables from the tools' references: docker buildx build and docker compose (docs.docker.com
 * /reference/cli), podman-build(1), buildah-build(1).
 */
final class DockerCli {
  private DockerCli() {}

  /** How a command line's words are evaluated in the script's current state. */
  interface Eval {
    /** The word's text, or unknown. */
    Value text(ShellWord w);

    /** The word as a path, resolved against the working directory to a root-relative path. */
    Value path(ShellWord w);

    /** A variable of the environment the command sees, when known. */
    Optional<String> variable(String name);

    /**
     * Every value {@code name} may hold here: the text of each assignment the script made to
     * it, as written where a part is unknown (a {@code $} marks it), and the empty text when it
     * may be unset; empty when the script never assigns it.
     */
    default Optional<List<String>> alternatives(String name) {
      return Optional.empty();
    }
  }

  /** What a command line is. */
  sealed interface Parsed permits Build, Compose, Run, Stack, Bake {}

  /**
   * @param file {@code -f}, resolved against the working directory
   * @param context the positional argument, resolved; unknown when the line cannot be read
   * @param stdin an operand is {@code -}: the context (a tar) or the Dockerfile is read from
   *     standard input (docs.docker.com build: "PATH | URL | -"), also when another operand is a
   *     variable berth cannot split (novu's {@code ... - $DOCKER_BUILD_ARGUMENTS})
   */
  record Build(String tool, Optional<Value> file, Value context, Optional<Value> target,
      Map<String, Optional<String>> args, List<Value> tags, boolean filesOnly, boolean stdin)
      implements Parsed {
    /** The same build with its Dockerfile and context known otherwise. */
    Build with(Optional<Value> file, Value context) {
      return new Build(tool, file, context, target, args, tags, filesOnly, stdin);
    }
  }

  /** @param background the shell runs it with {@code &} and goes on without waiting */
  record Compose(String tool, List<Value> files, Optional<Value> projectName,
      List<Value> envFiles, List<Value> profiles, Optional<Value> projectDirectory,
      Optional<String> subcommand, List<Value> arguments, boolean background)
      implements Parsed {
    /** The same command run with {@code &}. */
    Compose inBackground() {
      return new Compose(tool, files, projectName, envFiles, profiles, projectDirectory,
          subcommand, arguments, true);
    }

    /** The same command with other compose files. */
    Compose withFiles(List<Value> other) {
      return new Compose(tool, other, projectName, envFiles, profiles, projectDirectory,
          subcommand, arguments, background);
    }
  }

  /** @param background the shell runs it with {@code &} and goes on without waiting */
  record Run(List<Value> words, boolean background) implements Parsed {
    /** The same command run with {@code &}. */
    Run inBackground() {
      return new Run(words, true);
    }
  }

  /** {@code docker stack deploy -c FILE ... STACK}: the compose files a Swarm stack is made of. */
  /** {@code docker stack deploy}: its compose files, in order, and the stack's name. */
  record Stack(List<Value> files, Optional<Value> name) implements Parsed {}

  /**
   * {@code docker buildx bake [-f FILE]... [TARGET]...}: the definition files it reads, resolved
   * against the working directory, which is where their local contexts are resolved from too
   * (docs.docker.com build/bake/reference, context: "resolved relative to the current working
   * directory"; docker/buildx#1028). No {@code -f}: Bake looks for its default files there.
   */
  /**
   * @param overridesPaths a {@code --set} gives targets another context or Dockerfile
   *     ({@code --set "*.context=.."}, vaultwarden's bake.sh), or one berth cannot read
   */
  record Bake(List<Value> files, boolean overridesPaths) implements Parsed {}

  /** Options of {@code docker buildx bake} that take a value (reference/cli/docker/buildx/bake). */
  private static final Set<String> BAKE_VALUE = Set.of("-f", "--file", "--set", "--allow",
      "--builder", "--call", "--metadata-file", "--progress", "--provenance", "--sbom",
      "--var");

  private static final Set<String> DOCKER_GLOBAL_VALUE = Set.of("--config", "-c", "--context",
      "-H", "--host", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey");
  private static final Set<String> DOCKER_GLOBAL_BOOL = Set.of("-D", "--debug", "--tls",
      "--tlsverify");
  private static final Set<String> BUILD_VALUE = Set.of("--add-host", "--allow", "--annotation",
      "--attest", "--build-arg", "--build-context", "--builder", "--cache-from", "--cache-to",
      "--call", "--cgroup-parent", "--cpu-period", "--cpu-quota", "--cpu-shares", "-c",
      "--cpuset-cpus", "--cpuset-mems", "-f", "--file", "--iidfile", "--isolation", "--label",
      "--memory", "-m", "--memory-swap", "--metadata-file", "--network", "--no-cache-filter",
      "-o", "--output", "--platform", "--progress", "--provenance", "--sbom", "--secret",
      "--security-opt", "--shm-size", "--ssh", "-t", "--tag", "--target", "--ulimit",
      // podman / buildah
      "--authfile", "--arch", "--os", "--variant", "--format", "--jobs", "--layer-label",
      "--logfile", "--build-arg-file", "--cert-dir", "--creds", "--decryption-key", "--device",
      "--dns", "--env", "--from", "--ignorefile", "--manifest", "--runtime", "--sign-by",
      "--timestamp", "--userns", "-v", "--volume", "--retry", "--cache-ttl");
  private static final Set<String> BUILD_BOOL = Set.of("--load", "--push", "--no-cache",
      "--pull", "-q", "--quiet", "--rm", "--force-rm", "--squash", "--compress", "--check",
      "--disable-content-trust", "--detach", "--debug", "--squash-all", "--layers",
      "--tls-verify", "--all-platforms", "--omit-history", "--no-hosts", "--stdin",
      "--skip-unused-stages", "--no-cache-from");
  private static final Set<String> COMPOSE_VALUE = Set.of("-f", "--file", "-p",
      "--project-name", "--env-file", "--profile", "--project-directory", "--ansi",
      "--parallel", "--progress", "-H", "--host", "-c", "--context", "--log-level",
      "--podman-path", "--podman-args", "--in-pod", "--pod-args");
  private static final Set<String> COMPOSE_BOOL = Set.of("--compatibility", "--dry-run",
      "--all-resources", "--verbose", "--no-ansi", "--skip-hostname-check", "--tls",
      "--tlsverify", "--no-normalize");

  /**
   * The command a line runs, if it is a build, a compose invocation or a run.
   *
   * @param words the program and its arguments (wrappers such as sudo already removed)
   */
  static Optional<Parsed> parse(String program, List<ShellWord> words, Eval eval) {
    List<ShellWord> args = words.subList(1, words.size());
    switch (program) {
      case "docker-compose", "podman-compose" -> {
        return Optional.of(compose(program, args, eval));
      }
      case "buildah" -> {
        Optional<String> sub = lit(args, 0);
        if (sub.filter(s -> s.equals("bud") || s.equals("build")
            || s.equals("build-using-dockerfile")).isPresent()) {
          return Optional.of(build("buildah " + sub.get(), args.subList(1, args.size()), eval));
        }
        return Optional.empty();
      }
      case "docker", "podman", "nerdctl" -> {
        int i = 0;
        while (i < args.size()) {
          Optional<String> a = args.get(i).literal();
          if (a.isEmpty() || !a.get().startsWith("-")) break;
          String flag = flagName(a.get());
          if (DOCKER_GLOBAL_VALUE.contains(flag) && !a.get().contains("=")) {
            i += 2;
          } else if (DOCKER_GLOBAL_VALUE.contains(flag) || DOCKER_GLOBAL_BOOL.contains(flag)) {
            i++;
          } else {
            return Optional.empty();
          }
        }
        return subcommand(program, args.subList(Math.min(i, args.size()), args.size()), eval);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<Parsed> subcommand(String program, List<ShellWord> args, Eval eval) {
    Optional<String> sub = lit(args, 0);
    if (sub.isEmpty()) return Optional.empty();
    List<ShellWord> rest = args.subList(1, args.size());
    switch (sub.get()) {
      case "build":
        return Optional.of(build(program + " build", rest, eval));
      case "image":
      case "builder":
        if (lit(rest, 0).filter("build"::equals).isPresent()) {
          return Optional.of(build(program + " " + sub.get() + " build",
              rest.subList(1, rest.size()), eval));
        }
        return Optional.empty();
      case "buildx": {
        int i = 0;
        if (lit(rest, 0).filter(s -> s.equals("--builder")).isPresent()) i = 2;
        else if (lit(rest, 0).filter(s -> s.startsWith("--builder=")).isPresent()) i = 1;
        Optional<String> verb = lit(rest, i);
        if (verb.filter(v -> v.equals("build") || v.equals("b")).isPresent()) {
          return Optional.of(build(program + " buildx build", rest.subList(i + 1, rest.size()),
              eval));
        }
        if (verb.filter("bake"::equals).isPresent()) {
          return Optional.of(bake(rest.subList(i + 1, rest.size()), eval));
        }
        return Optional.empty();
      }
      case "bake":
        // `docker bake`, the CLI's alias of `docker buildx bake`
        return Optional.of(bake(rest, eval));
      case "compose":
        return Optional.of(compose(program + " compose", rest, eval));
      case "stack":
        if (lit(rest, 0).filter(v -> v.equals("deploy") || v.equals("up")).isPresent()) {
          return Optional.of(stack(rest.subList(1, rest.size()), eval));
        }
        return Optional.empty();
      case "run":
      case "create":
        return Optional.of(run(rest, eval));
      case "container":
        if (lit(rest, 0).filter(v -> v.equals("run") || v.equals("create")).isPresent()) {
          return Optional.of(run(rest.subList(1, rest.size()), eval));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** The {@code -f} values of a Bake invocation, each resolved against the working directory. */
  private static Bake bake(List<ShellWord> args, Eval eval) {
    List<Value> files = new ArrayList<>();
    boolean overrides = false;
    for (int i = 0; i < args.size(); i++) {
      Optional<String> lit = leadingLiteral(args.get(i));
      if (lit.isEmpty() || !lit.get().startsWith("-")) continue;
      String flag = flagName(lit.get());
      boolean inline = lit.get().contains("=");
      Optional<ShellWord> value = Optional.empty();
      if (BAKE_VALUE.contains(flag)) {
        if (inline) value = Optional.of(afterEquals(args.get(i)));
        else if (i + 1 < args.size()) value = Optional.of(args.get(++i));
      }
      if (value.isPresent() && (flag.equals("-f") || flag.equals("--file"))) {
        files.add(stdin(value.get()) ? Value.unknown("-", "standard input")
            : eval.path(value.get()));
      }
      if (value.isPresent() && flag.equals("--set")) {
        Optional<String> set = eval.text(value.get()).value();
        String key = set.map(v -> v.contains("=") ? v.substring(0, v.indexOf('=')) : v)
            .orElse("");
        overrides |= set.isEmpty() || key.endsWith(".context") || key.endsWith(".dockerfile")
            || key.endsWith(".contexts") || key.contains(".contexts.");
      }
    }
    return new Bake(files, overrides);
  }

  /**
   * The {@code -c}/{@code --compose-file} values of {@code docker stack deploy} (docs.docker.com
   * reference/cli/docker/stack/deploy: "--compose-file, -c: Path to a Compose file, or - to read
   * from stdin"), given once per file.
   */
  private static Stack stack(List<ShellWord> args, Eval eval) {
    List<Value> files = new ArrayList<>();
    Optional<Value> name = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      Optional<String> lit = leadingLiteral(args.get(i));
      if (lit.isEmpty()) {
        name = Optional.of(eval.text(args.get(i))); // the stack's name, from a variable
        continue;
      }
      String a = lit.get();
      ShellWord value = null;
      if ((a.equals("-c") || a.equals("--compose-file")) && i + 1 < args.size()) {
        value = args.get(++i);
      } else if (a.startsWith("--compose-file=") || a.startsWith("-c=")) {
        value = afterEquals(args.get(i));
      } else if (a.equals("--resolve-image") || a.equals("--orchestrator")) {
        i++;
      } else if (!a.startsWith("-")) {
        name = Optional.of(eval.text(args.get(i)));
      }
      if (value != null && !stdin(value)) files.add(eval.path(value));
    }
    return new Stack(files, name);
  }

  private static Run run(List<ShellWord> args, Eval eval) {
    List<Value> out = new ArrayList<>();
    for (ShellWord w : args) out.add(eval.text(w));
    return new Run(out, false);
  }

  private static Build build(String tool, List<ShellWord> args, Eval eval) {
    Optional<ShellWord> file = Optional.empty();
    Optional<Value> target = Optional.empty();
    Map<String, Optional<String>> buildArgs = new LinkedHashMap<>();
    List<Value> tags = new ArrayList<>();
    List<ShellWord> positional = new ArrayList<>();
    boolean exports = false;
    boolean makesImage = false;
    boolean ambiguous = false;
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      ShellWord w = args.get(i);
      Optional<String> lit = leadingLiteral(w);
      Optional<List<String>> heldTags = options && lit.isEmpty() ? tagOptions(w, eval)
          : Optional.empty();
      if (heldTags.isPresent()) {
        // TAGS="-t org/app:ci" set per branch, then `docker build $TAGS .`: the options split
        // out of the unquoted variable; the build carries any of the tags it may hold.
        String raw = "$" + ((ShellWord.Var) w.pieces().get(0)).name();
        heldTags.get().forEach(t -> tags.add(Value.known(raw, t)));
        continue;
      }
      // A word berth cannot read followed by an option, with an operand later on, is options
      // too (scrutiny's Makefile: `docker build $(DOCKER_TARGETARCH_BUILD_ARG) -f
      // docker/Dockerfile.collector -t x .`, the variable `--build-arg TARGETARCH=...` or
      // nothing): the later operand is the context. Without a later operand the word may be the
      // context itself (`docker build "$CTX" -f docker/Dockerfile`: options may follow it).
      // A lone variable named for options ($DOCKER_BUILD_FLAGS, $BUILD_ARGS, $EXTRA_OPTS) holds
      // options, not the context (localstack's docker-helper.sh: `$DOCKER_BUILD_FLAGS
      // $DOCKER_BUILD_CONTEXT -f $DOCKERFILE`, the flags `--load` or the caller's).
      if (options && optionsVariable(w)) continue;
      // (Not a word that starts as an option: `--build-arg="NAME=$VALUE"` is read below.)
      if (options && w.literal().isEmpty() && lit.filter(x -> x.startsWith("-")).isEmpty()
          && i + 1 < args.size()
          && leadingLiteral(args.get(i + 1)).filter(n -> n.startsWith("-") && n.length() > 1)
              .isPresent() && operandAfter(args, i + 1)) {
        continue;
      }
      if (!options || lit.isEmpty() || !lit.get().startsWith("-") || lit.get().equals("-")) {
        positional.add(w);
        continue;
      }
      if (lit.get().equals("--")) {
        options = false;
        continue;
      }
      String flag = flagName(lit.get());
      if (flag.equals("--load") || flag.equals("--push")) makesImage = true;
      boolean inline = lit.get().contains("=");
      Optional<ShellWord> value = Optional.empty();
      if (BUILD_VALUE.contains(flag)) {
        if (inline) {
          value = Optional.of(afterEquals(w));
        } else if (i + 1 < args.size()) {
          value = Optional.of(args.get(++i));
        }
      } else if (!BUILD_BOOL.contains(flag) && !inline) {
        ambiguous = true; // an option berth does not know: is the next word its value?
      }
      if (value.isEmpty()) continue;
      switch (flag) {
        case "-f", "--file" -> file = value;
        case "--target" -> target = Optional.of(eval.text(value.get()));
        case "-t", "--tag" -> tags.add(eval.text(value.get()));
        case "--build-arg" -> buildArg(value.get(), eval, buildArgs);
        case "-o", "--output" -> {
          Optional<String> out = eval.text(value.get()).value();
          if (out.isEmpty() || !exportsFiles(out.get())) makesImage = true;
          else exports = true;
        }
        default -> { }
      }
    }
    // `docker build ${IMAGE_NAMES} .` (Admidio's build hook, the variable a list of `-t NAME`
    // built in a loop): docker build takes one operand, so beside a literal one, words that are
    // a lone variable hold options or nothing, and the literal is the context
    if (positional.size() > 1) {
      List<ShellWord> literal = positional.stream().filter(p -> p.literal().isPresent()).toList();
      if (literal.size() == 1 && positional.stream().filter(p -> p.literal().isEmpty())
          .allMatch(p -> p.pieces().size() == 1 && p.pieces().get(0) instanceof ShellWord.Var)) {
        positional = new ArrayList<>(literal);
      }
    }
    Value context;
    if (ambiguous || positional.size() > 1) {
      context = Value.unknown(positional.isEmpty() ? "" : eval.text(positional.get(0)).raw(),
          "the command line has options berth does not know");
    } else if (positional.isEmpty()) {
      context = Value.unknown("", "no build context on the command line");
    } else if (stdin(positional.get(0))) {
      context = Value.unknown("-", "standard input");
    } else {
      context = eval.path(positional.get(0));
    }
    Optional<Value> dockerfile = file.map(f -> stdin(f) ? Value.unknown("-", "standard input")
        : eval.path(f));
    return new Build(tool, dockerfile, context, target, buildArgs, tags, exports && !makesImage,
        positional.stream().anyMatch(DockerCli::stdin));
  }

  /**
   * The tags an unquoted lone variable holds when every value the script may give it splits
   * into {@code -t TAG} / {@code --tag TAG} / {@code --tag=TAG} options only; empty otherwise
   * (an operand, another option, a value berth cannot list). A tag with an unknown part
   * ({@code $}) is left out; the others still name the image.
   */
  private static Optional<List<String>> tagOptions(ShellWord w, Eval eval) {
    if (w.pieces().size() != 1 || !(w.pieces().get(0) instanceof ShellWord.Var v)) {
      return Optional.empty();
    }
    Optional<List<String>> values = eval.alternatives(v.name());
    if (values.isEmpty()) return Optional.empty();
    List<String> out = new ArrayList<>();
    for (String written : values.get()) {
      // Inside double quotes a backslash-newline is removed (POSIX 2.2.3).
      String value = written.replace("\\\n", "");
      String[] fields = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
      for (int i = 0; i < fields.length; i++) {
        String f = fields[i];
        String tag;
        if ((f.equals("-t") || f.equals("--tag")) && i + 1 < fields.length) tag = fields[++i];
        else if (f.startsWith("--tag=")) tag = f.substring(6);
        else return Optional.empty();
        if (!tag.contains("$")) out.add(tag);
      }
    }
    return Optional.of(out);
  }

  /**
   * An {@code --output} value that writes files, not an image: a bare path ({@code -o .}, short
   * for type=local), or {@code type=local} / {@code type=tar} (docs.docker.com
   * reference/cli/docker/buildx/build, --output).
   */
  private static boolean exportsFiles(String output) {
    if (!output.contains("=")) return true;
    for (String part : output.split(",")) {
      if (part.startsWith("type=")) {
        String type = part.substring(5);
        return type.equals("local") || type.equals("tar");
      }
    }
    return false;
  }

  private static void buildArg(ShellWord w, Eval eval, Map<String, Optional<String>> out) {
    Value v = eval.text(w);
    Optional<String> lead = leadingLiteral(w);
    if (lead.isEmpty()) return;
    int eq = lead.get().indexOf('=');
    if (eq < 0) {
      // --build-arg NAME: the value comes from the environment
      if (v.known()) out.put(v.value().get(), eval.variable(v.value().get()));
      return;
    }
    String name = lead.get().substring(0, eq);
    out.put(name, v.value().map(s -> s.substring(s.indexOf('=') + 1)));
  }

  private static Compose compose(String tool, List<ShellWord> args, Eval eval) {
    List<Value> files = new ArrayList<>();
    Optional<Value> project = Optional.empty();
    List<Value> envFiles = new ArrayList<>();
    List<Value> profiles = new ArrayList<>();
    Optional<Value> projectDir = Optional.empty();
    boolean ambiguous = false;
    int i = 0;
    for (; i < args.size(); i++) {
      ShellWord w = args.get(i);
      Optional<String> lit = leadingLiteral(w);
      if (lit.isEmpty() || !lit.get().startsWith("-")) {
        if (ambiguous) continue; // may be the value of the unknown option
        break;
      }
      String flag = flagName(lit.get());
      boolean inline = lit.get().contains("=");
      if (!COMPOSE_VALUE.contains(flag)) {
        if (!COMPOSE_BOOL.contains(flag) && !inline) ambiguous = true;
        continue;
      }
      ShellWord valueWord;
      if (inline) {
        valueWord = afterEquals(w);
      } else if (i + 1 < args.size()) {
        valueWord = args.get(++i);
      } else {
        break;
      }
      switch (flag) {
        case "-f", "--file" -> files.add(stdin(valueWord) ? Value.unknown("-", "standard input")
            : eval.path(valueWord));
        case "-p", "--project-name" -> project = Optional.of(eval.text(valueWord));
        case "--env-file" -> envFiles.add(eval.path(valueWord));
        case "--profile" -> profiles.add(eval.text(valueWord));
        case "--project-directory" -> projectDir = Optional.of(eval.path(valueWord));
        default -> { }
      }
    }
    Optional<String> sub = ambiguous || i >= args.size() ? Optional.empty()
        : args.get(i).literal();
    List<Value> rest = new ArrayList<>();
    if (sub.isPresent()) {
      for (int j = i + 1; j < args.size(); j++) rest.add(eval.text(args.get(j)));
    }
    return new Compose(tool, files, project, envFiles, profiles, projectDir, sub, rest, false);
  }

  static boolean stdin(ShellWord w) {
    return w.literal().filter("-"::equals).isPresent();
  }

  private static Optional<String> lit(List<ShellWord> words, int i) {
    return i < words.size() ? words.get(i).literal() : Optional.empty();
  }

  /** A word from {@code from} on that is an operand: not an option, nor a known option's value. */
  private static boolean operandAfter(List<ShellWord> args, int from) {
    for (int j = from; j < args.size(); j++) {
      Optional<String> lit = leadingLiteral(args.get(j));
      if (lit.isEmpty() || !lit.get().startsWith("-") || lit.get().equals("-")) return true;
      if (lit.get().equals("--")) return j + 1 < args.size();
      if (BUILD_VALUE.contains(flagName(lit.get())) && !lit.get().contains("=")) j++;
    }
    return false;
  }

  /** The literal text a word starts with (the flag part of {@code --file=$X}). */
  private static Optional<String> leadingLiteral(ShellWord w) {
    if (w.pieces().isEmpty()) return Optional.of("");
    return w.pieces().get(0) instanceof ShellWord.Lit l ? Optional.of(l.text()) : Optional.empty();
  }

  /** A word that is one variable whose name says it holds options ({@code $BUILD_FLAGS}). */
  private static boolean optionsVariable(ShellWord w) {
    if (w.pieces().size() != 1 || !(w.pieces().get(0) instanceof ShellWord.Var v)) return false;
    String n = v.name().toUpperCase(java.util.Locale.ROOT);
    return n.endsWith("FLAGS") || n.endsWith("ARGS") || n.endsWith("OPTS")
        || n.endsWith("OPTIONS");
  }

  private static String flagName(String text) {
    int eq = text.indexOf('=');
    return eq < 0 ? text : text.substring(0, eq);
  }

  /** The value part of {@code --flag=value}, keeping its expansions. */
  private static ShellWord afterEquals(ShellWord w) {
    ShellWord.Lit first = (ShellWord.Lit) w.pieces().get(0);
    int eq = first.text().indexOf('=');
    List<ShellWord.Piece> pieces = new ArrayList<>();
    String rest = first.text().substring(eq + 1);
    if (!rest.isEmpty()) pieces.add(new ShellWord.Lit(rest));
    pieces.addAll(w.pieces().subList(1, w.pieces().size()));
    return new ShellWord(pieces, w.start(), w.end());
  }
}
