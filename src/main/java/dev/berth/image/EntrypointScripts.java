package dev.berth.image;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.programs.Invocation;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.AppSources;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project fact about ENTRYPOINT scripts: the text of the script a stage's ENTRYPOINT runs,
 * when it comes from a build context (COPY/ADD; {@link BuildContexts}: declared, evidenced,
 * inferred or assumed, see {@link #contexts}) or from a COPY heredoc, and whether it drops
 * privileges (a user switcher of the program catalog: {@code gosu}, {@code su}, {@code setpriv},
 * {@code runuser}, {@code chroot --userspec}, ...). Files are read only when the project walk
 * saw them as regular files inside the root (no symlinks), up to AppSources' bound (with its note).
 */
public final class EntrypointScripts {

  private final Project project;

  private EntrypointScripts(Project project) {
    this.project = project;
  }

  public static EntrypointScripts of(Project project) {
    return project.fact(EntrypointScripts.class, EntrypointScripts::new);
  }

  /**
   * YES when every place the stage's ENTRYPOINT script can come from was read and drops
   * privileges; NO when it was read and does not; UNKNOWN otherwise (no ENTRYPOINT script, a
   * script berth cannot trace or read).
   */
  public Answer dropsPrivileges(Dockerfile df, Stage stage) {
    List<String> texts = scriptTexts(df, stage);
    if (texts.isEmpty()) return Answer.UNKNOWN;
    boolean all = texts.stream().allMatch(EntrypointScripts::drops);
    boolean none = texts.stream().noneMatch(EntrypointScripts::drops);
    return all ? Answer.YES : none ? Answer.NO : Answer.UNKNOWN;
  }

  /**
   * YES when every place the stage's ENTRYPOINT script can come from was read and ends, in its
   * main shell, in an unconditional {@code exec SWITCHER USER "$@"} to a user other than root
   * (YoutubeDL-Material's {@code exec gosu "$UID:$GID" "$@"}), with no other exec or exit
   * anywhere that could leave before it: whatever command the container is given runs as that
   * user, a CMD of an image built on this one included.
   */
  public Answer dropsWhateverTheCommand(Dockerfile df, Stage stage) {
    List<String> texts = scriptTexts(df, stage);
    if (texts.isEmpty()) return Answer.UNKNOWN;
    return texts.stream().allMatch(EntrypointScripts::endsInSwitchOfArguments) ? Answer.YES
        : Answer.UNKNOWN;
  }

  private static final Pattern EXEC_OR_EXIT = Pattern.compile("(?<![\\w-])(?:exec|exit)\\b");

  private static boolean endsInSwitchOfArguments(String script) {
    java.util.regex.Matcher m = EXEC_OR_EXIT.matcher(script);
    int count = 0;
    while (m.find()) count++;
    if (count != 1) return false;
    dev.berth.image.shell.ShellScript parsed = dev.berth.image.shell.ShellScript.parse(script);
    if (!parsed.complete() || parsed.commands().isEmpty()) return false;
    dev.berth.image.shell.SimpleCommand last = parsed.commands().stream()
        .max(java.util.Comparator.comparingInt(dev.berth.image.shell.SimpleCommand::end)).get();
    List<dev.berth.image.shell.ShellWord> w = last.words();
    if (w.size() != 4 || !w.get(0).raw().equals("exec") || last.conditional()
        || last.background() || last.subshell() || last.piped() || !last.shell().isEmpty()) {
      return false;
    }
    String args = w.get(3).raw();
    if (!args.equals("\"$@\"") && !args.equals("\"${@}\"")) return false;
    // a user switcher of the program catalog (user-then-arguments: gosu, su-exec, ...)
    Optional<String> user = ProgramCatalog.standard().match(List.of(w.get(1).raw(),
        w.get(2).value().orElse(w.get(2).raw()), args), Optional.empty())
        .flatMap(Invocation::switchesTo);
    return user.isPresent() && !Invocation.root(user.get());
  }

  /**
   * A command of the script switches to a user other than root, by the program catalog's user
   * switchers ({@code gosu app}, {@code su -c CMD app}, {@code runuser -u app}, {@code setpriv
   * --reuid}, {@code chroot --userspec=app:app /}, ...): a user berth cannot resolve
   * ({@code gosu "$APP_USER"}) counts, root does not. Read line by line, so switches inside
   * functions and conditions (which the shell parser leaves unparsed) count too.
   */
  public static boolean drops(String script) {
    int eol = script.indexOf('\n');
    if (interpreted(eol < 0 ? script : script.substring(0, eol))) return listDrops(script);
    for (String line : script.split("\n", -1)) {
      if (switches(line, true, u -> !Invocation.root(u))) return true;
    }
    return false;
  }

  /**
   * The first line of the stage's ENTRYPOINT script that switches to a user given at run time
   * ({@code su-exec "${PUID}:${PGID}"}, {@code gosu "$APP_UID"}): an image made to run as
   * whichever uid its user chooses (authelia's PUID, metube's PUID). Empty when no script could be
   * read, or none does.
   */
  public Optional<String> switchesToRuntimeUser(Dockerfile df, Stage stage) {
    List<String> texts = scriptTexts(df, stage);
    for (String text : texts) {
      for (String line : text.split("\n", -1)) {
        if (switches(line, true, EntrypointScripts::runtimeId)) return Optional.of(line.strip());
      }
    }
    // An account renumbered to a run-time id before the switch to it (Lychee's entrypoint
    // sources 04-user-setup.sh, which runs `usermod -o -u "$PUID" www-data`, then `gosu
    // www-data "$@"`): the switch is to the uid the user passes.
    for (String text : texts) {
      List<String> all = new ArrayList<>(List.of(text));
      all.addAll(sourcedTexts(df, stage, text));
      java.util.Map<String, String> renumbered = new java.util.LinkedHashMap<>();
      for (String t : all) {
        for (String line : t.split("\n", -1)) {
          for (String name : renumberedAccounts(line)) renumbered.putIfAbsent(name, line.strip());
        }
      }
      for (String line : text.split("\n", -1)) {
        for (java.util.Map.Entry<String, String> account : renumbered.entrySet()) {
          if (switches(line, true, u -> u.split(":", 2)[0].equals(account.getKey()))) {
            return Optional.of(line.strip() + "`, after `" + account.getValue());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** {@code usermod [-o] -u "$PUID" NAME}, {@code groupmod -g "$PGID" NAME}: NAME. */
  private static final java.util.regex.Pattern RENUMBER = java.util.regex.Pattern.compile(
      "\\b(?:usermod|groupmod)\\s++(?:-o\\s++)?-[ug]\\s++\"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*+)\\}?\"?"
          + "\\s++(?:-o\\s++)?([a-z_][a-z0-9_-]*+)");

  private static Set<String> renumberedAccounts(String line) {
    Set<String> out = new java.util.HashSet<>();
    java.util.regex.Matcher m = RENUMBER.matcher(line);
    while (m.find()) {
      if (runtimeId("$" + m.group(1))) out.add(m.group(2));
    }
    return out;
  }

  /** {@code source /path} or {@code . /path} lines of a script: an absolute path in the image. */
  private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
      "^\\s*+(?:source|\\.)\\s++(/[A-Za-z0-9_./-]++)\\s*+$");

  /**
   * The texts of the scripts {@code text} sources by absolute path, read from the build context
   * where the stage's COPY put them (one level).
   */
  private List<String> sourcedTexts(Dockerfile df, Stage stage, String text) {
    Optional<StageSimulation> sim = ImageSimulation.of(project).stage(df, stage);
    if (sim.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      java.util.regex.Matcher m = SOURCE.matcher(line);
      if (!m.matches() || ++n > MAX_SOURCED) continue;
      textsAt(df, sim.get(), m.group(1)).forEach(x -> out.add(x.text()));
    }
    return out;
  }

  /** How many sourced scripts of one entrypoint are read. */
  private static final int MAX_SOURCED = 16;

  /**
   * A user written as a variable named for a numeric id ({@code ${PUID}:${PGID}},
   * {@code $PHOTOPRISM_UID}, {@code $USER_ID}): the linuxserver.io PUID/PGID convention of a uid
   * the user passes with -e, not an account the image creates.
   */
  private static boolean runtimeId(String user) {
    String u = user.toUpperCase(java.util.Locale.ROOT);
    return u.contains("$") && (u.contains("UID") || u.contains("GID") || u.contains("USER_ID")
        || u.contains("GROUP_ID"));
  }

  /**
   * A command of {@code line} runs a user switcher with a user {@code user} accepts; with
   * {@code assigned}, so does a command kept in a variable ({@code GOSU="gosu app"} for a later
   * {@code exec $GOSU "$@"}), whose value starts with the switcher.
   */
  private static boolean switches(String line, boolean assigned,
      java.util.function.Predicate<String> user) {
    for (List<String> words : commands(line)) {
      for (int k = 0; k < (assigned ? words.size() : Math.min(1, words.size())); k++) {
        // The command starts after reserved words, `exec` and assignments: `then exec gosu app
        // "$@"`, `GOSU="gosu app"`; a switcher's name as an argument (`echo gosu app`) is no
        // command. A switcher names its user within its first words: the window keeps this linear.
        List<String> from = words.subList(k, Math.min(words.size(), k + SWITCH_WORDS));
        if (ProgramCatalog.standard().match(from, Optional.empty())
            .flatMap(Invocation::runsAs).filter(user).isPresent()) {
          return true;
        }
        Optional<String> value = assigned ? assignedCommand(words.get(k)) : Optional.empty();
        if (value.isPresent() && switches(value.get(), false, user)) return true;
        if (!PREFIXES.contains(words.get(k)) && !words.get(k).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
          break;
        }
      }
    }
    return false;
  }

  /** Interpreters that are no shell, by the base name of the program a {@code #!} line names. */
  private static final Pattern INTERPRETER = Pattern.compile("python[0-9.]*+|node|perl|ruby");

  /**
   * A {@code #!} line naming an interpreter that is no shell ({@code #!/usr/local/bin/python},
   * {@code #!/usr/bin/env python3}): its script is not read as commands.
   */
  private static boolean interpreted(String firstLine) {
    if (!firstLine.startsWith("#!")) return false;
    String[] words = firstLine.substring(2).strip().split("\\s+");
    int i = 0;
    if (words[0].endsWith("/env")) {
      i = 1;
      while (i < words.length && words[i].startsWith("-")) i++;
    }
    return i < words.length
        && INTERPRETER.matcher(words[i].substring(words[i].lastIndexOf('/') + 1)).matches();
  }
  /** A list literal on one line: {@code ["gosu", ownership]}. */
  private static final Pattern LIST_LITERAL = Pattern.compile("\\[([^\\[\\]\\n]{1,400}+)\\]");
  /** A quoted string element of a list literal. */
  private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\]*+)\"|'([^'\\\\]*+)'");

  /**
   * A Python, Node, Perl or Ruby entrypoint builds the command it execs as a list literal, and a
   * list that starts with a user switcher switches: synapse's start.py runs
   * {@code args = ["gosu", ownership] + args} before {@code os.execve}. An element that is no
   * string literal is a value berth does not know ({@code ownership}: a user, not root).
   */
  private static boolean listDrops(String script) {
    Matcher m = LIST_LITERAL.matcher(script);
    while (m.find()) {
      List<String> words = new ArrayList<>();
      for (String element : m.group(1).split(",", -1)) {
        String e = element.strip();
        Matcher q = QUOTED.matcher(e);
        words.add(q.matches() ? (q.group(1) != null ? q.group(1) : q.group(2))
            : "${" + e.replaceAll("[^A-Za-z0-9_]", "_") + "}");
      }
      if (ProgramCatalog.standard().match(words, Optional.empty()).flatMap(Invocation::runsAs)
          .filter(u -> !Invocation.root(u)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Words after which a command still starts: POSIX reserved words and {@code exec}. */
  private static final java.util.Set<String> PREFIXES = java.util.Set.of("if", "then", "else",
      "elif", "do", "while", "until", "!", "{", "exec", "time");

  /** How many words of a command a user switcher's user is looked for in. */
  private static final int SWITCH_WORDS = 32;

  /** The value of a {@code NAME=value} word when it is more than one word: perhaps a command line. */
  private static Optional<String> assignedCommand(String word) {
    int eq = word.indexOf('=');
    if (eq <= 0 || Character.isDigit(word.charAt(0))) return Optional.empty();
    for (int i = 0; i < eq; i++) {
      char c = word.charAt(i);
      if (!(c == '_' || c < 128 && Character.isLetterOrDigit(c))) return Optional.empty();
    }
    String value = word.substring(eq + 1);
    return value.chars().anyMatch(Character::isWhitespace) ? Optional.of(value) : Optional.empty();
  }

  /**
   * The commands of one script line as words with their quotes removed (variables stay as
   * written): split at unquoted {@code ; & | ( )} and ended by a {@code #} that starts a word.
   */
  static List<List<String>> commands(String line) {
    List<List<String>> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else if (c == '\\' && quote == '"' && i + 1 < line.length()) word.append(line.charAt(++i));
        else word.append(c);
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c) || ";&|()".indexOf(c) >= 0) {
        if (inWord) words.add(word.toString());
        word.setLength(0);
        inWord = false;
        if (!Character.isWhitespace(c) && !words.isEmpty()) {
          out.add(words);
          words = new ArrayList<>();
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) words.add(word.toString());
    if (!words.isEmpty()) out.add(words);
    return out;
  }

  /** The texts the ENTRYPOINT script may have (one per build context using this Dockerfile). */
  public List<String> scriptTexts(Dockerfile df, Stage stage) {
    return scripts(df, stage).stream().map(Script::text).toList();
  }

  /**
   * An ENTRYPOINT script's text and the repository file it was read from (empty for a heredoc,
   * which is part of the Dockerfile).
   */
  public record Script(Optional<String> file, String text) {}

  /** {@link #scriptTexts}, each with the file it was read from. */
  public List<Script> scripts(Dockerfile df, Stage stage) {
    Optional<StageSimulation> sim = ImageSimulation.of(project).stage(df, stage);
    if (sim.isEmpty()) return List.of();
    Optional<String> path = scriptPath(sim.get());
    if (path.isEmpty()) return List.of();
    return textsAt(df, sim.get(), path.get());
  }

  /** The texts the file at {@code imagePath} may have, from the COPY that put it there. */
  private List<Script> textsAt(Dockerfile df, StageSimulation sim, String path) {
    return textsAt(df, sim, path, 0);
  }

  /** COPY --from hops a file is followed back through, stage to stage. */
  private static final int MAX_FROM_HOPS = 4;

  private List<Script> textsAt(Dockerfile df, StageSimulation sim, String path, int hops) {
    Optional<Node> node = sim.finalFilesystem().node(path);
    Optional<Instruction> made = node.isPresent() && node.get().origin().range().isPresent()
        ? instruction(sim, node.get().origin())
        : node.isEmpty() ? globCopy(sim, path) : Optional.empty();
    // A RUN that touched the script after a COPY put it there (metube's `sed -i 's/\r$//g'
    // docker-entrypoint.sh && chmod +x docker-entrypoint.sh`): the text is the COPY's, its line
    // endings or mode changed. Read only to make rules quieter, so the copied text will do.
    if (made.isPresent() && made.get() instanceof Instruction.Run run) {
      made = copiedBefore(sim, run, path);
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    Optional<Copied> copied = Optional.empty();
    if (made.isPresent() && made.get() instanceof Instruction.FileTransfer t) {
      for (Heredoc h : t.heredocs()) {
        if (t.heredocs().size() + t.sources().size() == 1 || h.delimiter().equals(base)) {
          return List.of(new Script(Optional.empty(), h.body()));
        }
      }
      copied = source(t, base).map(src -> new Copied(t, src));
    } else if (made.isEmpty() && node.isEmpty()) {
      // No node of its own: a file inside a tree a COPY put there (crowdsec's build stage:
      // `COPY . .` into /go/src/crowdsec), or one a COPY --from brought from a path the
      // simulation could not list.
      copied = treeCopy(sim, path);
    }
    if (copied.isEmpty()) return List.of();
    Instruction.FileTransfer t = copied.get().transfer();
    if (t.from().isPresent()) {
      // crowdsec: `COPY --from=build /go/src/crowdsec/build/docker/docker_start.sh /`; the
      // source is a path from the root of that stage's filesystem, built with the same contexts
      if (hops >= MAX_FROM_HOPS) return List.of();
      Optional<StageSimulation> from = ImageSimulation.of(project).stageNamed(df, t.from().get());
      if (from.isEmpty()) return List.of();
      return textsAt(df, from.get(), "/" + copied.get().source(), hops + 1);
    }
    List<Script> out = new ArrayList<>();
    Set<String> contexts = contexts(df);
    if (contexts.isEmpty()) return List.of();
    for (String ctx : contexts) {
      String rel = copied.get().source();
      String file = ctx.isEmpty() ? rel : ctx + "/" + rel;
      Optional<String> text = read(file);
      if (text.isEmpty()) {
        // A directory the build script fills before the build (neo4j's build-docker-image.sh:
        // `cp ${SRC_DIR}/${BRANCH}/coredb/*.sh .../local-package`, then `COPY ./local-package/*
        // /startup/`): absent from the checkout, it is staged from somewhere, most likely the
        // script of that name beside the Dockerfile. Read only to make rules quieter.
        String dir = dev.berth.context.Paths.parent(file);
        String beside = dev.berth.context.Paths.join(dev.berth.context.Paths.parent(df.path()),
            base);
        if (dir.isEmpty() || project.fileTree().get(dir).isPresent() || beside.equals(file)) {
          return List.of();
        }
        text = read(beside);
        if (text.isEmpty()) return List.of();
        file = beside;
      }
      out.add(new Script(Optional.of(file), text.get()));
    }
    return out;
  }

  /** A COPY/ADD and the path, in its build context or its --from stage, the file came from. */
  private record Copied(Instruction.FileTransfer transfer, String source) {}

  /**
   * The latest COPY/ADD, in the stage or the stages it is built on, whose destination directory
   * holds {@code path}, and the source path the file came from: below a directory source (its
   * contents land in the destination: {@code COPY . .}), or a file source of that very name (a
   * name with a dot is taken for a file, one without for a directory). A variable, wildcard or
   * URL in what decides it, or two sources that may both hold it, make it unknown. RUNs after
   * the copy may have changed the file; this is read only to make rules quieter, so the copied
   * text will do.
   */
  private static Optional<Copied> treeCopy(StageSimulation sim, String path) {
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      List<Instruction> mine = s.stage().instructions();
      for (int k = mine.size() - 1; k >= 0; k--) {
        if (!(mine.get(k) instanceof Instruction.FileTransfer t) || !t.heredocs().isEmpty()) {
          continue;
        }
        String dest = t.destination().text();
        if (dest.contains("$")) return Optional.empty();
        Optional<String> wd = s.after(t).flatMap(StageSimulation.Step::workdir);
        if (!dest.startsWith("/") && wd.isEmpty()) return Optional.empty();
        String d = ImageFilesystem.normalize(ImageFilesystem.resolve(wd.orElse("/"), dest));
        String prefix = d.equals("/") ? "/" : d + "/";
        if (!path.startsWith(prefix)) continue;
        String rel = path.substring(prefix.length());
        List<String> candidates = new ArrayList<>();
        for (Word w : t.sources()) {
          String src = w.text();
          if (src.contains("$") || src.contains("://") || src.matches(".*[*?\\[].*")) {
            return Optional.empty();
          }
          String trimmed = src.replaceAll("/+$", "");
          String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
          if (src.endsWith("/") || name.isEmpty() || name.equals(".") || !name.contains(".")) {
            candidates.add(trimmed.isEmpty() || trimmed.equals(".") ? rel : trimmed + "/" + rel);
          } else if (name.equals(rel)) {
            candidates.add(trimmed);
          }
        }
        if (candidates.size() > 1) return Optional.empty();
        if (candidates.size() == 1) {
          String clean = ImageFilesystem.normalize("/" + candidates.get(0)).substring(1);
          return clean.isEmpty() ? Optional.empty() : Optional.of(new Copied(t, clean));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where in the image the script the stage's ENTRYPOINT runs is: the ENTRYPOINT's program, or
   * the script operand of an ENTRYPOINT that is a shell ({@code sh /entrypoint.sh}); empty when
   * there is no ENTRYPOINT or the path is unknown.
   */
  public static Optional<String> scriptPath(StageSimulation sim) {
    Optional<ContainerProcess> proc = ContainerProcess.of(sim);
    if (proc.isEmpty()) return Optional.empty();
    List<String> argv = proc.get().argv();
    int i = proc.get().programIndex();
    if (i >= argv.size() || !proc.get().source(i).entrypoint()) return Optional.empty();
    String exe = argv.get(i);
    String name = exe.substring(exe.lastIndexOf('/') + 1);
    if (name.matches("(ba|da|a)?sh") && i + 1 < argv.size() && !argv.get(i + 1).startsWith("-")) {
      exe = argv.get(i + 1);
    }
    ContainerView view = ContainerView.of(sim);
    return exe.contains("/")
        ? Optional.of(ImageFilesystem.resolve(view.workdir().orElse("/"), exe))
        : onPath(sim, exe);
  }

  /**
   * The first PATH entry where the image is known to hold {@code name}. Earlier entries whose
   * content is unknown (a {@code pip install --user} bin directory) might shadow it; this is
   * used only to stay silent, so the file the Dockerfile put there is taken.
   */
  private static Optional<String> onPath(StageSimulation sim, String name) {
    Optional<String> path = sim.last().variables().value("PATH");
    if (path.isEmpty()) return Optional.empty();
    for (String dir : path.get().split(":")) {
      if (!dir.startsWith("/")) continue;
      String candidate = ImageFilesystem.resolve(dir, name);
      if (sim.finalFilesystem().node(candidate).isPresent()) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /**
   * The last COPY/ADD whose wildcard source may have put {@code path} there, when the simulation
   * holds no node for it (a wildcard copy fills its destination with names it does not list:
   * itzg's {@code COPY scripts/start* /image/scripts/}). Empty when a later transfer into that
   * directory could have put it there otherwise. Used only to read the script, which only ever
   * silences.
   */
  private static Optional<Instruction> globCopy(StageSimulation sim, String path) {
    String dir = ImageFilesystem.parent(path);
    String base = path.substring(path.lastIndexOf('/') + 1);
    // Latest first: the final stage's transfers from its last instruction, then its parents'.
    List<Instruction.FileTransfer> transfers = new ArrayList<>();
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      List<Instruction> mine = s.stage().instructions();
      for (int k = mine.size() - 1; k >= 0; k--) {
        if (mine.get(k) instanceof Instruction.FileTransfer t) transfers.add(t);
      }
    }
    for (Instruction.FileTransfer t : transfers) {
      String dest = t.destination().text();
      if (!dest.startsWith("/") || dest.contains("$")) return Optional.empty();
      String d = ImageFilesystem.normalize(dest);
      if (d.equals(path)) return Optional.empty();
      if (!d.equals(dir)) continue;
      for (Word w : t.sources()) {
        String src = w.text().replaceAll("/+$", "");
        String last = src.substring(src.lastIndexOf('/') + 1);
        if (!dev.berth.context.GoGlob.hasWildcards(last)) {
          if (last.equals(base)) return Optional.empty();
          continue;
        }
        if (dev.berth.context.GoGlob.isValid(last) && dev.berth.context.GoGlob.match(last, base)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The last COPY or ADD from the build context, before {@code run} in the stage or the stages it
   * is built on, one of whose sources is a file named {@code base}.
   */
  private static Optional<Instruction> copiedBefore(StageSimulation sim, Instruction.Run run,
      String imagePath) {
    String base = imagePath.substring(imagePath.lastIndexOf('/') + 1);
    List<Instruction> chain = new ArrayList<>();
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      chain.addAll(0, s.stage().instructions());
    }
    Optional<Instruction> found = Optional.empty();
    for (Instruction i : chain) {
      if (i == run) return found;
      if (i instanceof Instruction.FileTransfer t && t.from().isEmpty()
          && source(t, base).isPresent() && placesAt(t, imagePath, base)) {
        found = Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The transfer may put the file at {@code imagePath}: into a directory ({@code ./}, a path
   * ending in a slash, several sources), or onto a path whose name is the file's (an absolute
   * destination must be that very path).
   */
  private static boolean placesAt(Instruction.FileTransfer t, String imagePath, String base) {
    String dest = t.destination().text();
    if (dest.contains("$")) return true;
    if (dest.endsWith("/") || dest.equals(".") || t.sources().size() > 1) return true;
    if (dest.startsWith("/")) return ImageFilesystem.normalize(dest).equals(imagePath);
    return dest.substring(dest.lastIndexOf('/') + 1).equals(base);
  }

  private static Optional<Instruction> instruction(StageSimulation sim, Origin o) {
    for (StageSimulation s = sim; s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (o.range().filter(i.range()::equals).isPresent()) return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The context path of the COPY source that became {@code base}; empty when not clear. */
  private static Optional<String> source(Instruction.FileTransfer t, String base) {
    List<String> matching = new ArrayList<>();
    for (Word w : t.sources()) {
      String s = w.text();
      if (s.contains("://")) return Optional.empty();
      String trimmed = s.replaceAll("/+$", "");
      String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      String dir = trimmed.contains("/") ? trimmed.substring(0, trimmed.lastIndexOf('/')) : "";
      // A wildcard in the name only (itzg's COPY scripts/start* /image/scripts/): the file of
      // that name in the source directory, if the pattern takes it (BuildKit matches sources
      // with Go's filepath.Match). The file may be missing from the context: read() then finds
      // nothing, and the caller stays silent.
      if (!last.contains("$") && last.matches(".*[*?\\[].*") && !dir.contains("$")
          && !dir.matches(".*[*?\\[].*") && dev.berth.context.GoGlob.isValid(last)) {
        if (dev.berth.context.GoGlob.match(last, base)) {
          String clean = ImageFilesystem.normalize("/" + (dir.isEmpty() ? "" : dir + "/") + base)
              .substring(1);
          matching.add(clean);
        }
        continue;
      }
      // A variable or wildcard in the directory part only (authelia's
      // authelia-${TARGETOS}-${TARGETARCH}/authelia beside entrypoint.sh) cannot give another name.
      if (last.contains("$") || last.matches(".*[*?\\[].*")) return Optional.empty();
      if (s.contains("$") || s.matches(".*[*?\\[].*")) {
        if (last.equals(base) || t.sources().size() == 1) return Optional.empty();
        continue;
      }
      String clean = ImageFilesystem.normalize("/" + s).substring(1);
      String name = clean.substring(clean.lastIndexOf('/') + 1);
      if (t.sources().size() == 1 || name.equals(base)) matching.add(clean);
    }
    return matching.size() == 1 && !matching.get(0).isEmpty() ? Optional.of(matching.get(0))
        : Optional.empty();
  }

  /**
   * The directories (root-relative) of the build contexts this Dockerfile is built with, as the
   * project's build-context model gives them: declared, evidenced, inferred (synapse's
   * docker/Dockerfile copies ./docker/start.py: the root), or else the assumed Dockerfile
   * directory. The assumed one is read too, because what is read here only ever makes a rule
   * quieter (a privilege drop silences BTH007, a PUID switch makes BTH606 a note): a guess may
   * silence, never accuse (pi-hole's src/Dockerfile, built from src/ by scripts BuildContexts does
   * not follow, drops to pihole in start.sh). A context berth cannot place (a script's
   * {@code docker buildx build "${ARGS[@]}" ../src/}, a remote one) adds nothing; with none left,
   * the Dockerfile's directory is that guess.
   */
  private Set<String> contexts(Dockerfile df) {
    Set<String> out = new LinkedHashSet<>();
    for (BuildContext c : BuildContexts.of(project).forDockerfile(df.path())) {
      c.localDir().ifPresent(out::add);
    }
    if (out.isEmpty()) {
      int slash = df.path().lastIndexOf('/');
      out.add(slash < 0 ? "" : df.path().substring(0, slash));
    }
    return out;
  }

  private Optional<String> read(String rel) {
    Optional<FileTree.Entry> e = project.fileTree().get(rel);
    // Only regular files the walk saw; AppSources bounds their size, with a note.
    if (e.isEmpty() || e.get().kind() != FileTree.Kind.FILE) {
      return Optional.empty();
    }
    return AppSources.of(project).read(rel).map(SourceFile::text);
  }
}
