package dev.berth.evidence;

import dev.berth.project.FileTree;
import dev.berth.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of a README: the setup a reader is told to run before {@code docker compose
 * up} ({@code curl -o mongodb-init-replica-set.js URL}, {@code cp .env.example .env},
 * {@code mkdir data}). Only the paths those commands create are taken, as files the setup makes;
 * the builds and compose runs a document shows are examples, not what the repository runs.
 * Each command line runs on its own from the document's directory.
 */
final class DocsReader {
  private DocsReader() {}

  /** Info strings of blocks that show a terminal session: commands after a prompt, output. */
  private static final Set<String> SESSION_BLOCKS = Set.of("console", "shell-session",
      "terminal", "shellsession");

  /** Info strings of fenced blocks that hold shell commands; an unlabelled block counts too. */
  private static final Set<String> SHELL_BLOCKS = java.util.stream.Stream.concat(
      Set.of("", "bash", "sh", "shell", "zsh").stream(), SESSION_BLOCKS.stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  static Collector read(SourceFile file, FileTree tree, SourceKind kind) {
    Collector out = new Collector(kind, tree);
    String dir = parent(file.path());
    // A document one of whose shell commands is written for the root (DSpace's
    // dspace/src/main/docker-compose/README.md: `docker compose -p d10 -f docker-compose.yml -f
    // dspace/src/main/docker-compose/db.restore.yml up`) is read from the root throughout: its
    // `docker cp dspacedb:/tmp/pgdump.sql .` leaves the dump where that project mounts it.
    if (!dir.isEmpty() && writtenForRoot(shellLines(file.text()), dir, tree)) dir = "";
    String text = file.text();
    String fence = null;
    boolean shell = false;
    // a terminal session's block: lines without a prompt are output
    boolean session = false;
    int pos = 0;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(pos, end);
      int indent = 0;
      while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
        indent++;
      }
      String body = line.substring(indent);
      // An indented code block (four spaces or more, CommonMark 4.4) whose line is a prompted
      // command: "        $ docker container run \" (Tecnativa/docker-socket-proxy's README, in
      // a list item). Only prompted lines: indented prose in a list is no command.
      boolean indentedCommand = fence == null && indent >= 4 && body.startsWith("$ ");
      if (fence == null && !indentedCommand) {
        if (!body.startsWith("```") && !body.startsWith("~~~")) {
          described(file, pos + indent, body, out);
          inlineBuilds(file, pos + indent, body, dir, out);
        } else {
          fence = body.substring(0, 3);
          String info = fenceInfo(body);
          shell = SHELL_BLOCKS.contains(info);
          session = SESSION_BLOCKS.contains(info);
        }
      } else if (!indentedCommand && body.startsWith(fence)) {
        fence = null;
      } else if (shell || indentedCommand) {
        int start = indent;
        // a prompt before the command: "$ cp .env.example .env"
        if (body.startsWith("$ ")) start += 2;
        int from = pos + start;
        // a command continued on the next lines (`docker run -d \` then one option per line)
        // or a quoted string that spans lines (grafana/oncall's README: `echo "global: ...` over
        // twelve lines, then `" > prometheus.yml`)
        // A quote is continued only from a command line: in a session's block an unprompted
        // line is output, whose apostrophe ("it's fine") opens nothing; and never into a line
        // that is a prompted command of its own.
        boolean command = !session || body.startsWith("$ ");
        int extra = 0;
        while (end > from && end < text.length() && extra < MAX_CONTINUED_LINES
            && (text.charAt(end - 1) == '\\' || command && openQuote(text, from, end))) {
          int next = text.indexOf('\n', end + 1);
          int nextEnd = next < 0 ? text.length() : next;
          String nextLine = text.substring(end + 1, nextEnd).strip();
          if (fence != null && nextLine.startsWith(fence)) break;
          if (text.charAt(end - 1) != '\\' && nextLine.startsWith("$ ")) break;
          end = nextEnd;
          extra++;
        }
        if (from < end) run(file, from, text.substring(from, end), dir, out);
      }
      pos = end + 1;
    }
    return out.producedOnly(kind, tree);
  }

  /**
   * A {@code docker build} written as inline code in prose: grafana/oncall's migrator README,
   * "Build the docker image: `docker build -t oncall-migrator .`", whose image its fenced
   * blocks then run with {@code docker run --rm}.
   */
  private static final Pattern INLINE_BUILD = Pattern.compile(
      "`((?:sudo\\s++)?docker\\s++(?:buildx\\s++)?build\\s[^`]{1,300}+)`");

  private static void inlineBuilds(SourceFile file, int at, String line, String dir,
      Collector out) {
    Matcher m = INLINE_BUILD.matcher(line);
    while (m.find()) run(file, at + m.start(1), m.group(1), dir, out);
    Matcher d = INLINE_DOWNLOAD.matcher(line);
    while (d.find()) run(file, at + d.start(1), d.group(1), dir, out);
    Matcher w = INLINE_WRITE.matcher(line);
    while (w.find()) run(file, at + w.start(1), w.group(1), dir, out);
  }

  /**
   * A command that makes a file, written as inline code in prose or a list item: digger's
   * backend/README.md, "Create the environment files for local development:" then
   * "`echo "DATABASE_URL=postgres://..." > .env.docker-compose`"; also {@code cp}, {@code touch}.
   */
  private static final Pattern INLINE_WRITE = Pattern.compile(
      "`((?:echo|printf)\\s[^`>]{1,400}+>>?\\s*+[^`\\s]{1,200}+|(?:cp|touch)\\s[^`]{1,300}+)`");

  /**
   * A download written as inline code in prose: xwiki-contrib/docker-xwiki's README lists
   * "`wget -O docker-compose.yml https://raw.githubusercontent.com/.../docker-compose-mysql.yml`"
   * beside the downloads of the files it mounts, for the reader to run in a directory of theirs.
   */
  private static final Pattern INLINE_DOWNLOAD = Pattern.compile(
      "`((?:sudo\\s++)?(?:wget|curl)\\s[^`]{1,400}+)`");

  /**
   * A documented command at offset {@code from} of the file, run from the file's directory, or
   * from the repository root when the files its {@code -f} options name exist only from there
   * (hanko's frontend/examples/README.md: `docker compose -f deploy/docker-compose/base.yaml -f
   * deploy/docker-compose/todo-nextjs.yaml up`, written for the root).
   */
  private static void run(SourceFile file, int from, String command, String dir, Collector out) {
    String cwd = !dir.isEmpty() && writtenForRoot(command, dir, out.tree()) ? "" : dir;
    // A page of a documentation tree may be written for the project it documents, the directory
    // that holds the tree: a command whose paths exist only from there runs there
    // (xerrors/Yuxi-Know's docs/advanced/deployment.md: `cp .env.template .env.prod` beside the
    // root's docker-compose.prod.yml).
    String project = dev.berth.project.FileKinds.docsTreeParent(file.path()).orElse(dir);
    if (cwd.equals(dir) && !project.equals(dir) && pathsFound(command, dir, out.tree()) == 0
        && pathsFound(command, project, out.tree()) > 0) {
      cwd = project;
    }
    ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(cwd), false,
        Map.of(), Set.of());
    ScriptInterpreter.run(command, (s, e) -> file.range(from + s, from + Math.max(s, e)),
        Optional.empty(), state, out);
  }

  /**
   * Options whose value is a file on the host: compose files ({@code -f}, {@code --file}, and
   * {@code docker stack deploy -c}), env files, a Dockerfile ({@code docker build -f}).
   */
  private static final Set<String> FILE_OPTIONS = Set.of("-f", "--file", "--env-file",
      "--compose-file", "-c");

  /**
   * The files the command's {@code -f}/{@code --file}/{@code --env-file} options name
   * (`deploy/docker-compose/base.yaml`) have a directory part, none exists from {@code dir} and
   * at least one exists from the root. Other words are left alone: a container path or a
   * script the container runs says nothing of where the command is typed.
   */
  static boolean writtenForRoot(String command, String dir, FileTree tree) {
    boolean fromRoot = false;
    String[] words = command.trim().split("\\s+");
    for (int k = 0; k < words.length; k++) {
      String word;
      int eq = words[k].indexOf('=');
      if (FILE_OPTIONS.contains(words[k]) && k + 1 < words.length) {
        word = words[++k];
      } else if (eq > 0 && FILE_OPTIONS.contains(words[k].substring(0, eq))) {
        word = words[k].substring(eq + 1);
      } else if ((words[k].equals("cp") || words[k].equals("mv")) && k + 1 < words.length
          && !words[k + 1].startsWith("-")) {
        // the file a copy starts from (Portus's example README, "Run this example from the root
        // of the project": `cp examples/postgresql/docker-compose.yml docker-compose.postgres.yml`)
        word = words[++k];
      } else {
        continue;
      }
      if (!word.contains("/")) continue;
      Optional<String> clean = relativePath(word);
      if (clean.isEmpty()) continue;
      if (tree.get(dir + "/" + clean.get()).isPresent()) return false;
      if (tree.get(clean.get()).isPresent()) fromRoot = true;
    }
    return fromRoot;
  }

  /** How many lines one documented command may continue over. */
  private static final int MAX_CONTINUED_LINES = 64;

  /**
   * The text from {@code from} to {@code end} leaves a quote open: a single-quoted string (no
   * escapes inside) or a double-quoted one (backslash escapes), as the shell reads them; a
   * {@code #} outside quotes starts a comment, in which quotes do not count.
   */
  static boolean openQuote(String text, int from, int end) {
    char quote = 0;
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (quote == 0) {
        if (c == '\\') {
          i++;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '#' && (i == from || Character.isWhitespace(text.charAt(i - 1)))) {
          // a comment runs to the end of its line
          int nl = text.indexOf('\n', i);
          if (nl < 0 || nl >= end) return false;
          i = nl;
        }
      } else if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote != 0;
  }

  /**
   * "Create a [`.env` file](...) in the root", "write a `config.yml` file", "configure the
   * `.env_eval` file": a verb of making or filling in and, later in the same sentence, a name in
   * backticks that looks like a file (a dot in it), followed by the word file.
   */
  private static final Pattern CREATE = Pattern.compile(
      "(?i)\\b(?:create|make|write|add|configure|populate|prepare)\\b[^`.!?\\n]{0,40}+"
          + "`([^`\\s/]{1,100}+)`");
  /** "a file (in the repository) called `NAME`": the words before the name {@link #CREATE} took. */
  private static final Pattern CALLED =
      Pattern.compile("(?i)\\bfile\\b[^`]{0,60}?\\b(?:called|named)\\s++`");

  /**
   * "... file in `deployment/docker_compose`": the sentence names the directory the file goes in
   * (onyx's answer-quality README: "Configure the `.env_eval` file in `deployment/docker_compose`").
   */
  private static final Pattern IN_DIRECTORY = Pattern.compile(
      "^[\\]\\s]*+file\\s++in\\s++(?:the\\s++)?`\\.?/?([A-Za-z0-9_./-]{1,200}+)`");
  /** A sentence that forbids or ignores the file rather than asking for it. */
  private static final Pattern NOT_CREATE = Pattern.compile(
      "(?i)\\b(?:never|not|don't|gitignore|version control)\\b");

  /**
   * "you will need to rename it to `.env`" (sweep's deployment page, of the `.env.txt` its setup
   * tool downloads): the reader makes the file by renaming another.
   */
  private static final Pattern RENAME = Pattern.compile(
      "(?i)\\brename\\b[^`.!?\\n]{0,40}?\\bto\\s++`([^`\\s/]{1,100}+)`");

  /**
   * "copy their binary files to pd/bin/pd-server, ..., tidb-binlog/bin/pump and
   * tidb-binlog/bin/drainer" (tidb-docker-compose's README, for its build-from-binary images):
   * the reader puts files at the paths the sentence lists, each a path with a directory.
   */
  private static final Pattern COPY_TO = Pattern.compile(
      "(?i)\\b(?:copy|put|place|move)\\b[^.!?\\n]{0,60}?\\bto\\s++((?:`?[A-Za-z0-9_.-]++"
          + "(?:/[A-Za-z0-9_.-]++)++`?(?:\\s*+,\\s*+|\\s++and\\s++)?+)++)");
  /** A path of the list; it starts where a word starts, so a long word is scanned once. */
  private static final Pattern LISTED_PATH = Pattern.compile(
      "(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]++(?:/[A-Za-z0-9_.-]++)++");

  private static void described(SourceFile file, int at, String line, Collector out) {
    if (NOT_CREATE.matcher(line).find()) return;
    Matcher c = COPY_TO.matcher(line);
    while (c.find()) {
      Matcher p = LISTED_PATH.matcher(c.group(1));
      while (p.find()) {
        String path = p.group().replaceAll("[.]++$", "");
        if (path.startsWith("..") || path.contains("/../") || path.contains("://")) continue;
        out.described.add(new Produced(file.range(at + c.start(), at + c.end()), path,
            "copy to `" + path + "`", Optional.empty()));
      }
    }
    Matcher r = RENAME.matcher(line);
    while (r.find()) {
      if (r.group(1).indexOf('.') < 0) continue;
      out.described.add(new Produced(file.range(at + r.start(), at + r.end()), r.group(1),
          "rename to `" + r.group(1) + "`", Optional.empty()));
    }
    Matcher m = CREATE.matcher(line);
    while (m.find()) {
      String name = m.group(1);
      // "a `.env` file": the name followed by the word file; or "a file in the repository
      // called `atlantis.env`" (atlantis's DEVELOPING.md): the word file, then called or named
      String after = line.substring(m.end(), Math.min(line.length(), m.end() + 12));
      boolean fileCalled = CALLED.matcher(m.group()).find();
      if (name.indexOf('.') < 0
          || !fileCalled && !after.matches("(?s)[\\]\\s]*+file\\b.*+")) {
        continue;
      }
      Matcher in = IN_DIRECTORY.matcher(line.substring(m.end()));
      String path = name;
      if (in.find()) {
        String dir = in.group(1).replaceAll("/++$", "");
        if (!dir.isEmpty() && !dir.startsWith("..") && !dir.contains("/../")) path = dir + "/" + name;
      }
      out.described.add(new Produced(file.range(at + m.start(), at + m.end()), path,
          "create `" + name + "`", Optional.empty()));
    }
  }

  /**
   * How many of the command's words name a path that exists from {@code dir}: relative words
   * with a dot or slash, no variable, option or URL.
   */
  private static int pathsFound(String command, String dir, FileTree tree) {
    int found = 0;
    for (String word : command.trim().split("\\s+")) {
      Optional<String> clean = relativePath(word)
          .filter(c -> word.indexOf('.') >= 0 || word.indexOf('/') >= 0);
      if (clean.isEmpty()) continue;
      String path = dir.isEmpty() ? clean.get() : dir + "/" + clean.get();
      // a path whose directory exists (pezzo's docs page: `cat apps/server/.env >> .env.local`,
      // where apps/server/ is the root's) places the command as well; a word that only looks
      // like a path there (an image name such as grafana/grafana beside a grafana/ directory)
      // counts too, and only where nothing of the command exists elsewhere
      if (tree.get(path).isPresent()
          || clean.get().indexOf('/') > 0 && tree.get(parent(path)).isPresent()) {
        found++;
      }
    }
    return found;
  }

  /**
   * A word of a command as a relative path on the host, quotes, a leading {@code ./} and trailing
   * slashes dropped: none for an option, an absolute, home or parent path, a URL or a word with
   * a variable.
   */
  private static Optional<String> relativePath(String word) {
    String w = word.replaceAll("^['\"]+|['\"]+$", "");
    if (w.startsWith("/") || w.startsWith("-") || w.contains("$") || w.contains("://")
        || w.startsWith("~")) {
      return Optional.empty();
    }
    String clean = w.replaceFirst("^\\./", "").replaceAll("/+$", "");
    return clean.isEmpty() || clean.startsWith("..") ? Optional.empty() : Optional.of(clean);
  }

  /** A fence's info string's first word, lower case: ```` ```bash title="x" ```` gives bash. */
  private static String fenceInfo(String fenceLine) {
    String info = fenceLine.substring(3).trim();
    int space = info.indexOf(' ');
    return (space >= 0 ? info.substring(0, space) : info).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The lines of the document's fenced shell blocks (SHELL_BLOCKS), a prompt's {@code $ }
   * dropped: what a reader is told to type, not prose or other languages' code.
   */
  private static String shellLines(String text) {
    StringBuilder out = new StringBuilder();
    String fence = null;
    boolean shell = false;
    for (String line : text.split("\n", -1)) {
      String body = line.strip();
      if (fence == null) {
        if (body.startsWith("```") || body.startsWith("~~~")) {
          fence = body.substring(0, 3);
          shell = SHELL_BLOCKS.contains(fenceInfo(body));
        }
      } else if (body.startsWith(fence)) {
        fence = null;
      } else if (shell) {
        out.append(body.startsWith("$ ") ? body.substring(2) : body).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A comment line of a compose file that is a command: {@code #   docker compose -f a.yml -f
   * b.yml up -d}, {@code # export COMPOSE_FILE="compose.yaml:compose.production.yaml"}.
   */
  private static final Pattern USAGE = Pattern.compile(
      "[ \\t]*+#++[ \\t]*+(?:\\$ )?((?:sudo )?(?:docker[ -]compose |docker stack deploy "
      + "|(?:export )?COMPOSE_FILE=))");

  /** Whether a line of {@code text}, from its start ({@link #USAGE} is only used so), is one. */
  static boolean hasUsageComment(String text) {
    return text.contains("#") && text.lines().anyMatch(l -> USAGE.matcher(l).lookingAt());
  }

  /**
   * The commands a compose file's comments show (laradock's docker-compose.multi-php.yml:
   * {@code #   docker compose -f docker-compose.yml -f docker-compose.multi-php.yml up -d});
   * typed in the file's directory unless written for the root, as a README's. The commands of
   * one run of comment lines are one script ({@code # export COMPOSE_FILE=...} then {@code #
   * docker compose up -d}); a command continued with {@code \\} goes on in the next comment
   * line. Everything else (the {@code #}s, prose) is blanked so that offsets stay the file's.
   */
  static Collector usageComments(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.USAGE_COMMENT, tree);
    String text = file.text();
    String dir = parent(file.path());
    char[] script = null;
    int blockStart = -1;
    int blockEnd = -1;
    boolean continued = false;
    int pos = 0;
    while (pos <= text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(pos, end);
      String body = line.stripLeading();
      if (!body.startsWith("#")) {
        if (script != null) {
          run(file, blockStart, new String(script, 0, blockEnd - blockStart), dir, out);
        }
        script = null;
        continued = false;
      } else {
        int hashes = line.length() - body.length();
        while (hashes < line.length() && line.charAt(hashes) == '#') hashes++;
        java.util.regex.Matcher m = USAGE.matcher(line);
        int from = m.lookingAt() ? pos + m.start(1) : continued ? pos + hashes : -1;
        continued = from >= 0 && line.endsWith("\\");
        if (from >= 0) {
          if (script == null) {
            blockStart = from;
            script = new char[text.length() - from];
            java.util.Arrays.fill(script, ' ');
          } else {
            script[pos - 1 - blockStart] = '\n'; // the line break before this line
          }
          text.getChars(from, end, script, from - blockStart);
          blockEnd = end;
        }
      }
      if (nl < 0) break;
      pos = nl + 1;
    }
    if (script != null) run(file, blockStart, new String(script, 0, blockEnd - blockStart), dir, out);
    return out.producedOnly(SourceKind.USAGE_COMMENT, tree);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
