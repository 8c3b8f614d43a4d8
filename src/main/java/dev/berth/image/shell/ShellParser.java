package dev.berth.image.shell;

import dev.berth.image.shell.ShellWord.Literal;
import dev.berth.image.shell.ShellWord.Opaque;
import dev.berth.image.shell.ShellWord.Param;
import dev.berth.image.shell.ShellWord.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the subset of POSIX sh found in Dockerfiles. It never guesses: a
 * syntax error drops every command (the whole script becomes one unparsed region), and constructs
 * outside the subset become unparsed regions while the rest of the script is still read.
 */
final class ShellParser {
  static final int MAX_LENGTH = 1 << 20;
  static final int MAX_DEPTH = 64;
  private static final Set<String> RESERVED = Set.of("if", "then", "elif", "else", "fi", "for",
      "in", "do", "done", "while", "until", "case", "esac", "{", "}", "!", "function");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "busybox");

  private final Lexer lexer;
  private final List<SimpleCommand> out = new ArrayList<>();
  private final List<ShellScript.Unparsed> unparsed = new ArrayList<>();
  private final List<ShellScript.Loop> loops = new ArrayList<>();
  private final List<ShellScript.Span> repeated = new ArrayList<>();
  private final List<ShellScript.Function> functions = new ArrayList<>();
  private final List<ShellScript.Case> cases = new ArrayList<>();
  private final int depth;
  private Token tok;

  /** Context a command inherits from the constructs around it. */
  private record Ctx(boolean conditional, boolean tolerated, boolean subshell) {
    Ctx cond() {
      return new Ctx(true, tolerated, subshell);
    }

    Ctx tolerate() {
      return new Ctx(conditional, true, subshell);
    }

    Ctx sub() {
      return new Ctx(conditional, tolerated, true);
    }
  }

  private static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private ShellParser(String text, int depth) {
    this.lexer = new Lexer(text);
    this.depth = depth;
  }

  static ShellScript parse(String text) {
    return parse(text, 0);
  }

  private static ShellScript parse(String text, int depth) {
    if (text.length() > MAX_LENGTH) {
      return new ShellScript(text, List.of(),
          List.of(new ShellScript.Unparsed(0, text.length(), "script too long")));
    }
    ShellParser p = new ShellParser(text, depth);
    try {
      p.advance();
      List<Integer> last = p.list(new Ctx(false, false, false), Set.of());
      if (p.tok.type != Type.EOF) throw new SyntaxError("unexpected '" + p.tok.text + "'");
      return new ShellScript(text, p.out, p.unparsed, p.loops, p.repeated, p.functions,
          last.stream().map(p.out::get).toList(), p.cases);
    } catch (SyntaxError | StackOverflowError e) {
      String why = e instanceof SyntaxError ? e.getMessage() : "nesting too deep";
      return new ShellScript(text, List.of(),
          List.of(new ShellScript.Unparsed(0, text.length(), "syntax: " + why)));
    }
  }

  // ---- grammar -------------------------------------------------------------------------------

  /*
   * Each grammar method returns the indices (into out) of the commands in its tail position:
   * those after which nothing of the construct runs (the last command of a list, of each if
   * branch, of a { } group or subshell; not inside a loop, a pipeline, after ! or in the
   * background). See ShellScript#last.
   */

  /** Commands separated by ; & and newlines, until EOF or one of the terminating keywords. */
  private List<Integer> list(Ctx ctx, Set<String> terminators) {
    List<Integer> last = List.of();
    while (true) {
      skipNewlines();
      if (tok.type == Type.EOF || isKeyword(terminators) || isOp(")") || isOp(";;")) return last;
      last = andOr(ctx);
      if (isOp(";") || isOp("&") || tok.type == Type.NEWLINE) {
        if (isOp("&")) {
          markBackground();
          last = List.of();
        }
        advance();
      } else if (!(tok.type == Type.EOF || isKeyword(terminators) || isOp(")"))) {
        throw new SyntaxError("unexpected '" + tok.text + "'");
      }
    }
  }

  private List<Integer> andOr(Ctx ctx) {
    // Commands left of || may fail; commands right of || only run after a failure.
    int first = out.size();
    int pipelineStart = first;
    List<Integer> last = pipeline(ctx);
    boolean afterOr = false;
    boolean anyOr = false;
    while (isOp("&&") || isOp("||")) {
      boolean or = isOp("||");
      if (or) tolerate(first, out.size());
      else mark(pipelineStart, out.size(), Mark.AND_THEN);
      afterOr |= or;
      anyOr |= or;
      advance();
      skipNewlines();
      pipelineStart = out.size();
      last = pipeline(afterOr ? ctx.cond() : ctx);
    }
    // `server || fallback`: the command left of || runs as a child whose status the shell waits
    // for; that child, not the fallback, is what the list is there to run
    return anyOr ? List.of() : last;
  }

  private List<Integer> pipeline(Ctx ctx) {
    boolean bang = false;
    if (isKeyword(Set.of("!"))) {
      bang = true;
      advance();
    }
    int start = out.size();
    List<Integer> last = command(bang ? ctx.tolerate() : ctx);
    while (isOp("|")) {
      tolerate(start, out.size());
      mark(start, out.size(), Mark.PIPED);
      advance();
      skipNewlines();
      start = out.size();
      command(bang ? ctx.tolerate() : ctx);
      last = List.of();
    }
    return bang ? List.of() : last;
  }

  private List<Integer> command(Ctx ctx) {
    if (depth + stackDepth() > MAX_DEPTH) throw new SyntaxError("nesting too deep");
    List<Integer> last = List.of();
    if (tok.type == Type.WORD && tok.keyword()) {
      switch (tok.text) {
        case "if" -> last = ifClause(ctx);
        case "for" -> forClause(ctx);
        case "while", "until" -> whileClause(ctx);
        case "{" -> {
          nesting++;
          advance();
          last = list(ctx, Set.of("}"));
          expectKeyword("}");
          nesting--;
        }
        case "case" -> caseClause(ctx);
        case "function" -> skipFunctionKeyword();
        default -> throw new SyntaxError("unexpected '" + tok.text + "'");
      }
      // `{ ...; } >/dev/null`, `if ...; fi 2>&1`: busybox ash runs a redirected compound
      // command without its exec-the-last optimisation (NREDIR drops EV_EXIT; checked with
      // BusyBox 1.35), so nothing in it is in tail position
      return redirectsAfterCompound() ? List.of() : last;
    }
    if (isOp("(")) {
      nesting++;
      advance();
      last = list(ctx.sub(), Set.of());
      if (!isOp(")")) throw new SyntaxError("missing ')'");
      advance();
      nesting--;
      redirectsAfterCompound();
      return last;
    }
    return simpleCommand(ctx);
  }

  private int nesting;

  private int stackDepth() {
    return nesting;
  }

  private List<Integer> ifClause(Ctx ctx) {
    nesting++;
    advance();
    list(ctx.tolerate(), Set.of("then"));
    expectKeyword("then");
    List<Integer> last = new ArrayList<>(list(ctx.cond(), Set.of("elif", "else", "fi")));
    while (isKeyword(Set.of("elif"))) {
      advance();
      list(ctx.cond().tolerate(), Set.of("then"));
      expectKeyword("then");
      last.addAll(list(ctx.cond(), Set.of("elif", "else", "fi")));
    }
    if (isKeyword(Set.of("else"))) {
      advance();
      last.addAll(list(ctx.cond(), Set.of("fi")));
    }
    expectKeyword("fi");
    nesting--;
    return last;
  }

  private void forClause(Ctx ctx) {
    nesting++;
    int loopStart = tok.start;
    advance();
    if (isOp("(")) {
      // bash's arithmetic loop, for ((i = 0; i < n; i++)): its expressions run no command
      int parens = 0;
      do {
        if (tok.type == Type.EOF) throw new SyntaxError("unterminated for ((");
        if (isOp("(")) parens++;
        if (isOp(")")) parens--;
        advance();
      } while (parens > 0);
    } else {
      if (tok.type != Type.WORD) throw new SyntaxError("for without a name");
      advance();
      skipNewlines();
      if (isKeyword(Set.of("in"))) {
        advance();
        while (tok.type == Type.WORD) advance();
      }
    }
    if (isOp(";")) advance();
    skipNewlines();
    expectKeyword("do");
    list(ctx.cond(), Set.of("done"));
    repeated.add(new ShellScript.Span(loopStart, tok.end));
    expectKeyword("done");
    nesting--;
  }

  private void whileClause(Ctx ctx) {
    nesting++;
    int loopStart = tok.start;
    advance();
    int from = tok.start;
    list(ctx.cond().tolerate(), Set.of("do"));
    loops.add(new ShellScript.Loop(from, tok.start, ctx.conditional()));
    expectKeyword("do");
    list(ctx.cond(), Set.of("done"));
    repeated.add(new ShellScript.Span(loopStart, tok.end));
    expectKeyword("done");
    nesting--;
  }

  /**
   * A {@code case WORD in pattern) list ;; ... esac} (nested ones included): left unparsed for
   * every reader, as before, and recorded with its subject and branches for the one that decides
   * which branch runs (an entrypoint's {@code case "$1" in}). A clause whose shape is not the
   * plain one (bash's {@code ;&} and {@code ;;&} fall-through) is only skipped.
   */
  private void caseClause(Ctx ctx) {
    int start = tok.start;
    int level = 0;
    advance(); // case
    ShellWord subject = tok.type == Type.WORD ? tok.word : null;
    List<ShellScript.Branch> branches = new ArrayList<>();
    boolean plain = subject != null;
    if (plain) advance();
    skipNewlines();
    plain &= isKeyword(Set.of("in"));
    // where the walk is: reading a branch's patterns, or inside its body (from bodyStart)
    boolean inPatterns = true;
    boolean commandPosition = false;
    List<ShellWord> patterns = new ArrayList<>();
    int bodyStart = -1;
    Token previous = tok;
    if (plain) advance();
    while (tok.type != Type.EOF) {
      if (tok.type == Type.REDIRECT && isHeredoc(tok.text)) {
        String op = tok.text;
        advance();
        if (tok.type == Type.WORD) lexer.pendingHeredoc(tok.word, op);
        commandPosition = false;
        previous = tok;
        advance();
        continue;
      }
      boolean atCommand = commandPosition || previous.type == Type.NEWLINE;
      if (atCommand && tok.keyword() && tok.text.equals("case")) level++;
      if (tok.keyword() && tok.text.equals("esac") && (atCommand || inPatterns && level == 0)) {
        if (level == 0) {
          if (!inPatterns) branches.add(new ShellScript.Branch(patterns, new ShellScript.Span(bodyStart, tok.start)));
          else plain &= patterns.isEmpty();
          break;
        }
        level--;
      } else if (level == 0 && plain) {
        if (inPatterns) {
          if (tok.type == Type.WORD) patterns.add(tok.word);
          else if (isOp(")")) {
            inPatterns = false;
            bodyStart = tok.end;
            plain &= !patterns.isEmpty();
          } else if (!(isOp("|") || isOp("(") && patterns.isEmpty() || tok.type == Type.NEWLINE)) {
            plain = false;
          }
        } else if (isOp(";;")) {
          branches.add(new ShellScript.Branch(patterns, new ShellScript.Span(bodyStart, tok.start)));
          patterns = new ArrayList<>();
          inPatterns = true;
          // `;;&` (bash): the next patterns are tested too
          if (isOpAhead("&")) plain = false;
        } else if (isOp("&") && previous.type == Type.OP && previous.text.equals(";")) {
          plain = false; // `;&` (bash): falls through into the next body
        }
      }
      // `esac` and a nested `case` are keywords only where a command starts
      commandPosition = tok.type == Type.OP || tok.type == Type.NEWLINE
          || tok.keyword() && Set.of("then", "else", "do", "{", "!", "in").contains(tok.text);
      previous = tok;
      advance();
    }
    if (tok.type == Type.EOF) throw new SyntaxError("unterminated 'case' is not interpreted");
    unparsed.add(new ShellScript.Unparsed(start, tok.end, "'case' is not interpreted"));
    if (plain) {
      cases.add(new ShellScript.Case(new ShellScript.Span(start, tok.end), subject, branches,
          ctx.conditional(), ctx.subshell()));
    }
    advance();
  }

  /** Skips the redirections after a compound command; whether there were any. */
  private boolean redirectsAfterCompound() {
    boolean any = false;
    while (tok.type == Type.REDIRECT) {
      any = true;
      advance();
      if (tok.type != Type.WORD) throw new SyntaxError("redirection without a target");
      advance();
    }
    return any;
  }

  private List<Integer> simpleCommand(Ctx ctx) {
    List<ShellWord> assignments = new ArrayList<>();
    List<ShellWord> words = new ArrayList<>();
    List<SimpleCommand.Redirect> redirects = new ArrayList<>();
    int start = tok.start;
    int end = tok.start;
    while (tok.type == Type.WORD || tok.type == Type.REDIRECT) {
      if (tok.type == Type.REDIRECT) {
        String op = tok.text;
        advance();
        if (tok.type != Type.WORD) throw new SyntaxError("redirection without a target");
        redirects.add(new SimpleCommand.Redirect(op, tok.word));
        if (isHeredoc(op)) lexer.pendingHeredoc(tok.word, op);
      } else if (words.isEmpty() && isAssignment(tok.word)) {
        assignments.add(tok.word);
      } else if (words.isEmpty() && isOpAhead("(") && tok.word.literal()) {
        skipFunction();
        return List.of();
      } else {
        words.add(tok.word);
      }
      end = tok.end;
      advance();
    }
    if (words.isEmpty() && assignments.isEmpty() && redirects.isEmpty()) {
      throw new SyntaxError(tok.type == Type.EOF ? "unexpected end" : "unexpected '" + tok.text + "'");
    }
    SimpleCommand cmd = new SimpleCommand(assignments, words, redirects, ctx.conditional(),
        ctx.tolerated(), false, ctx.subshell(), false, false, start, end, Optional.empty());
    // `sh -c 'java -jar app.jar'` in tail position: this shell execs sh, which execs its own
    // script's tail, so those are the tail here too
    Optional<List<Integer>> inlined = expandShellC(cmd, ctx);
    if (inlined.isPresent()) return inlined.get();
    out.add(cmd);
    return List.of(out.size() - 1);
  }

  private void skipFunction() {
    int start = tok.start;
    String name = tok.text;
    advance(); // name
    advance(); // (
    if (!isOp(")")) throw new SyntaxError("bad function definition");
    advance();
    skipBody(start, name);
  }

  /**
   * bash's {@code function name { ...; }} or {@code function name() { ...; }} (bash manual,
   * "Shell Functions"): the same definition as {@code name() { }}, left unparsed the same way
   * for {@code ScriptFunctions}. Once it made the whole script unknown (omnibus-gitlab's
   * init-container).
   */
  private void skipFunctionKeyword() {
    int start = tok.start;
    advance(); // function
    if (tok.type != Type.WORD || tok.keyword()) throw new SyntaxError("bad function definition");
    String name = tok.text;
    advance(); // name
    if (isOp("(")) {
      advance();
      if (!isOp(")")) throw new SyntaxError("bad function definition");
      advance();
    }
    skipBody(start, name);
  }

  /**
   * Skips a function's {@code { }} body to its matching brace and records the definition. A
   * here-document's lines are text, not tokens: a {@code }} line in one closes nothing.
   */
  private void skipBody(int start, String name) {
    skipNewlines();
    if (!(tok.keyword() && tok.text.equals("{"))) {
      throw new SyntaxError("function body must be a { } group");
    }
    int bodyStart = tok.end;
    int level = 0;
    while (tok.type != Type.EOF) {
      if (tok.type == Type.REDIRECT && isHeredoc(tok.text)) {
        String op = tok.text;
        advance();
        if (tok.type == Type.WORD) {
          lexer.pendingHeredoc(tok.word, op);
          advance();
        }
        continue;
      }
      if (tok.keyword() && tok.text.equals("{")) level++;
      if (tok.keyword() && tok.text.equals("}") && --level == 0) break;
      advance();
    }
    if (tok.type == Type.EOF) throw new SyntaxError("unterminated function");
    unparsed.add(new ShellScript.Unparsed(start, tok.end, "function definitions are not interpreted"));
    functions.add(new ShellScript.Function(name, new ShellScript.Span(bodyStart, tok.start)));
    advance();
  }

  /** {@code <<} and {@code <<-} start a here-document; bash's {@code <<<} is a here-string. */
  private static boolean isHeredoc(String op) {
    return op.startsWith("<<") && !op.equals("<<<");
  }

  /**
   * {@code sh -c 'script'}: the inner script's commands replace the wrapper, so interpreters see
   * what really runs. Returns the inlined script's tail commands (indices into {@code out}), or
   * empty when the wrapper is kept (the script is not literal).
   */
  private Optional<List<Integer>> expandShellC(SimpleCommand cmd, Ctx ctx) {
    List<ShellWord> w = cmd.words();
    if (w.size() < 3 || cmd.name().filter(SHELLS::contains).isEmpty()) return Optional.empty();
    int i = 1;
    String shell = cmd.name().get();
    if (shell.equals("busybox")) {
      if (w.get(1).value().filter(SHELLS::contains).isEmpty()) return Optional.empty();
      shell = w.get(1).value().get();
      i = 2;
    }
    boolean dashC = false;
    for (; i < w.size(); i++) {
      String v = w.get(i).value().orElse("");
      if (v.equals("-c")) {
        dashC = true;
        i++;
        break;
      }
      if (!v.matches("-[a-z]+|-o|pipefail|errexit|nounset|xtrace")) return Optional.empty();
      if (v.startsWith("-") && v.contains("c")) {
        dashC = true;
        i++;
        break;
      }
    }
    if (!dashC || i >= w.size()) return Optional.empty();
    ShellWord script = w.get(i);
    if (!script.literal()) return Optional.empty();
    ShellScript inner = parse(script.value().orElseThrow(), depth + nesting + 1);
    // the inner script's tail commands, at the places in out its commands are about to take
    List<Integer> tails = new ArrayList<>();
    for (SimpleCommand tail : inner.last()) {
      for (int k = 0; k < inner.commands().size(); k++) {
        if (inner.commands().get(k) == tail) tails.add(out.size() + k);
      }
    }
    boolean exact = isExactlyQuoted(script);
    int base = exact ? script.start() + 1 : script.start();
    for (SimpleCommand c : inner.commands()) {
      out.add(relocate(c, base, exact, script, ctx, shell));
    }
    for (ShellScript.Unparsed u : inner.unparsed()) {
      unparsed.add(exact ? u.shifted(base)
          : new ShellScript.Unparsed(script.start(), script.end(), u.reason()));
    }
    for (ShellScript.Span r : inner.repeated()) {
      repeated.add(exact ? r.shifted(base)
          : new ShellScript.Span(script.start(), script.end()));
    }
    // A body in an escaped string has no span in this text: its function stays an unparsed
    // region, so a call to it is unknown rather than read from the wrong text.
    if (exact) {
      for (ShellScript.Function f : inner.functions()) {
        functions.add(f.shifted(base));
      }
    }
    return Optional.of(tails);
  }

  /** A single-quoted word, or a double-quoted one with no escapes: inner offsets map 1:1. */
  private static boolean isExactlyQuoted(ShellWord w) {
    String raw = w.raw();
    if (raw.length() < 2) return false;
    char q = raw.charAt(0);
    if (raw.charAt(raw.length() - 1) != q) return false;
    if (q == '\'') return raw.indexOf('\'', 1) == raw.length() - 1;
    return q == '"' && raw.indexOf('\\') < 0 && raw.indexOf('"', 1) == raw.length() - 1;
  }

  private static SimpleCommand relocate(SimpleCommand c, int base, boolean exact, ShellWord outer,
      Ctx ctx, String shell) {
    return new SimpleCommand(move(c.assignments(), base, exact, outer), move(c.words(), base, exact, outer),
        c.redirects().stream().map(r -> new SimpleCommand.Redirect(r.operator(),
            move(List.of(r.target()), base, exact, outer).get(0))).toList(),
        c.conditional() || ctx.conditional(), c.failureTolerated() || ctx.tolerated(),
        c.background(), true, c.piped(), c.andThen(), exact ? c.start() + base : outer.start(),
        exact ? c.end() + base : outer.end(), c.shell().or(() -> Optional.of(shell)));
  }

  private static List<ShellWord> move(List<ShellWord> words, int base, boolean exact, ShellWord outer) {
    return words.stream().map(w -> exact ? w.shifted(base)
        : new ShellWord(w.raw(), w.parts(), outer.start(), outer.end(), true)).toList();
  }

  private static boolean isAssignment(ShellWord w) {
    if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Literal l) || l.quoted()) return false;
    return ShellWord.assignmentText(l.text());
  }

  // ---- token helpers -------------------------------------------------------------------------

  private void markBackground() {
    if (!out.isEmpty()) mark(out.size() - 1, out.size(), Mark.BACKGROUND);
  }

  private void tolerate(int from, int to) {
    mark(from, to, Mark.TOLERATED);
  }

  private enum Mark { TOLERATED, BACKGROUND, PIPED, AND_THEN }

  /** Sets one flag on the commands {@code [from, to)} (records are replaced, not mutated). */
  private void mark(int from, int to, Mark m) {
    for (int i = from; i < to; i++) {
      SimpleCommand c = out.get(i);
      out.set(i, new SimpleCommand(c.assignments(), c.words(), c.redirects(), c.conditional(),
          c.failureTolerated() || m == Mark.TOLERATED, c.background() || m == Mark.BACKGROUND,
          c.subshell(), c.piped() || m == Mark.PIPED, c.andThen() || m == Mark.AND_THEN,
          c.start(), c.end(), c.shell()));
    }
  }

  private void advance() {
    tok = lexer.next();
  }

  private boolean isOpAhead(String op) {
    Token peek = lexer.peek();
    return peek.type == Type.OP && peek.text.equals(op);
  }

  private void skipNewlines() {
    while (tok.type == Type.NEWLINE) advance();
  }

  private boolean isOp(String op) {
    return tok.type == Type.OP && tok.text.equals(op);
  }

  private boolean isKeyword(Set<String> words) {
    return tok.type == Type.WORD && tok.keyword() && words.contains(tok.text);
  }

  private void expectKeyword(String kw) {
    skipNewlines();
    if (!isKeyword(Set.of(kw))) {
      throw new SyntaxError("expected '" + kw + "'" + (tok.type == Type.EOF ? "" : " at '" + tok.text + "'"));
    }
    advance();
  }

  // ---- lexer ---------------------------------------------------------------------------------

  enum Type { WORD, OP, REDIRECT, NEWLINE, EOF }

  record Token(Type type, String text, int start, int end, ShellWord word) {
    boolean keyword() {
      return type == Type.WORD && RESERVED.contains(text) && word.literal()
          && word.raw().equals(text);
    }
  }

  private static final class Lexer {
    private static final String[] OPS = {"&&", "||", ";;", "&>>", "<<-", "<<<", "<<", ">>", ">&",
        "<&", "&>", ">|", "<>", ";", "&", "|", "(", ")", "<", ">"};
    private final String s;
    private int pos;
    private final List<String[]> heredocs = new ArrayList<>();
    private Token peeked;

    Lexer(String s) {
      this.s = s;
    }

    void pendingHeredoc(ShellWord delimiter, String op) {
      String d = delimiter.parts().stream()
          .map(p -> p instanceof Literal l ? l.text() : p instanceof Param pa ? "$" + pa.name()
              : ((Opaque) p).raw())
          .reduce("", String::concat);
      heredocs.add(new String[] {d, op});
    }

    Token peek() {
      if (peeked == null) peeked = lex();
      return peeked;
    }

    Token next() {
      if (peeked != null) {
        Token t = peeked;
        peeked = null;
        return t;
      }
      return lex();
    }

    private Token lex() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\r') {
          pos++;
        } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
          pos += 2;
        } else if (c == '#') {
          while (pos < s.length() && s.charAt(pos) != '\n') pos++;
        } else {
          break;
        }
      }
      if (pos >= s.length()) return new Token(Type.EOF, "", s.length(), s.length(), null);
      int start = pos;
      char c = s.charAt(pos);
      if (c == '\n') {
        pos++;
        skipHeredocBodies();
        return new Token(Type.NEWLINE, "\n", start, start + 1, null);
      }
      // bash's [[ ... ]] conditional: one test command whose inside (||, &&, <, ( ), =~
      // patterns) is not shell syntax; read whole, as `[[`, so a script using it still parses.
      if (s.startsWith("[[", pos) && pos + 2 < s.length() && " \t\n".indexOf(s.charAt(pos + 2)) >= 0) {
        int end = conditionalEnd(pos + 2);
        if (end > 0) {
          pos = end;
          ShellWord w = new ShellWord(s.substring(start, end), List.of(new Literal("[[", false)),
              start, end, false);
          return new Token(Type.WORD, w.raw(), start, end, w);
        }
      }
      for (String op : OPS) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          boolean redirect = op.contains("<") || op.contains(">");
          return new Token(redirect ? Type.REDIRECT : Type.OP, op, start, pos, null);
        }
      }
      // An all-digit word right before < or > is the redirection's file descriptor.
      int d = pos;
      while (d < s.length() && Character.isDigit(s.charAt(d))) d++;
      if (d > pos && d < s.length() && (s.charAt(d) == '<' || s.charAt(d) == '>')) {
        pos = d;
        Token op = lex();
        return new Token(Type.REDIRECT, s.substring(start, d) + op.text, start, op.end, null);
      }
      ShellWord w = word();
      return new Token(Type.WORD, w.raw(), w.start(), w.end(), w);
    }

    /**
     * The offset just after the {@code ]]} that closes a {@code [[} conditional (a word of its
     * own: after a blank, before a blank, an operator or the end), skipping quoted text; -1 when
     * there is none.
     */
    private int conditionalEnd(int from) {
      int i = from;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (ch == '\\') {
          i += 2;
        } else if (ch == '\'' || ch == '"') {
          int close = s.indexOf(ch, i + 1);
          if (close < 0) return -1;
          i = close + 1;
        } else if (ch == ']' && s.startsWith("]]", i) && " \t".indexOf(s.charAt(i - 1)) >= 0
            && (i + 2 == s.length() || " \t\r\n;&|)".indexOf(s.charAt(i + 2)) >= 0)) {
          return i + 2;
        } else {
          i++;
        }
      }
      return -1;
    }

    private void skipHeredocBodies() {
      for (String[] h : heredocs) {
        boolean strip = h[1].equals("<<-");
        while (pos < s.length()) {
          int eol = s.indexOf('\n', pos);
          int lineEnd = eol < 0 ? s.length() : eol;
          String line = s.substring(pos, lineEnd);
          pos = eol < 0 ? s.length() : eol + 1;
          if ((strip ? line.replaceFirst("^\t+", "") : line).equals(h[0])) break;
        }
      }
      heredocs.clear();
    }

    private ShellWord word() {
      int start = pos;
      List<Part> parts = new ArrayList<>();
      StringBuilder lit = new StringBuilder();
      boolean litQuoted = false;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        // A bash array assignment, NAME=(a b) or NAME+=(c): the list is the value (bash(1),
        // "Arrays"), which berth keeps opaque; without this the parenthesis ends the word and
        // the whole script is a syntax error (passbolt's entrypoint).
        if (c == '(' && parts.isEmpty() && !litQuoted && lit.toString().matches("[A-Za-z_][A-Za-z0-9_]*\\+?=")) {
          int close = matching(pos, '(', ')');
          litQuoted = flushAll(parts, lit, litQuoted);
          parts.add(new Opaque(s.substring(pos, close + 1)));
          pos = close + 1;
          continue;
        }
        if (" \t\r\n;&|()<>".indexOf(c) >= 0) break;
        if (c == '\'') {
          int close = s.indexOf('\'', pos + 1);
          if (close < 0) throw new SyntaxError("unterminated single quote");
          litQuoted = flush(parts, lit, litQuoted, true);
          lit.append(s, pos + 1, close);
          pos = close + 1;
        } else if (c == '"') {
          litQuoted = flush(parts, lit, litQuoted, true);
          pos++;
          doubleQuoted(parts, lit);
        } else if (c == '\\') {
          if (pos + 1 >= s.length()) {
            pos++;
            continue;
          }
          if (s.charAt(pos + 1) == '\n') {
            pos += 2;
            continue;
          }
          litQuoted = flush(parts, lit, litQuoted, true);
          lit.append(s.charAt(pos + 1));
          pos += 2;
        } else if (c == '$' || c == '`') {
          litQuoted = flushAll(parts, lit, litQuoted);
          dollar(parts, false);
        } else if (c == '~' && pos == start && (pos + 1 >= s.length()
            || "/ \t\n;&|)".indexOf(s.charAt(pos + 1)) >= 0)) {
          parts.add(new Param("HOME", false));
          pos++;
        } else if (c == '*' || c == '?' || (c == '[' && s.indexOf(']', pos) > pos
            && s.indexOf(']', pos) < wordEndGuess()) || (c == '{' && braceExpansion())) {
          litQuoted = flushAll(parts, lit, litQuoted);
          parts.add(new Opaque(String.valueOf(c)));
          pos++;
        } else {
          litQuoted = flush(parts, lit, litQuoted, false);
          lit.append(c);
          pos++;
        }
      }
      flush(parts, lit, litQuoted, !litQuoted);
      return new ShellWord(s.substring(start, pos), merge(parts), start, pos, false);
    }

    private int wordEndGuess() {
      int i = pos;
      while (i < s.length() && " \t\r\n;&|()<>".indexOf(s.charAt(i)) < 0) i++;
      return i;
    }

    private boolean braceExpansion() {
      int end = wordEndGuess();
      int close = s.indexOf('}', pos);
      int comma = s.indexOf(',', pos);
      int dots = s.indexOf("..", pos);
      return close > 0 && close < end && ((comma > 0 && comma < close) || (dots > 0 && dots < close));
    }

    /**
     * Ends the pending literal run before a part that is not literal text, so parts stay in
     * source order ({@code /app/$X/logs} is {@code /app/}, {@code $X}, {@code /logs}).
     */
    private static boolean flushAll(List<Part> parts, StringBuilder lit, boolean current) {
      if (lit.length() > 0) {
        parts.add(new Literal(lit.toString(), current));
        lit.setLength(0);
      }
      return false;
    }

    /** Starts a new literal run when quoting changes; returns the quoting of the current run. */
    private static boolean flush(List<Part> parts, StringBuilder lit, boolean current, boolean next) {
      if (lit.length() > 0 && current != next) {
        parts.add(new Literal(lit.toString(), current));
        lit.setLength(0);
      }
      return lit.length() > 0 ? current : next;
    }

    private void doubleQuoted(List<Part> parts, StringBuilder lit) {
      while (true) {
        if (pos >= s.length()) throw new SyntaxError("unterminated double quote");
        char c = s.charAt(pos);
        if (c == '"') {
          pos++;
          return;
        }
        if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
          if (s.charAt(pos + 1) != '\n') lit.append(s.charAt(pos + 1));
          pos += 2;
        } else if (c == '$' || c == '`') {
          if (lit.length() > 0) {
            parts.add(new Literal(lit.toString(), true));
            lit.setLength(0);
          }
          dollar(parts, true);
        } else {
          lit.append(c);
          pos++;
        }
      }
    }

    private void dollar(List<Part> parts, boolean quoted) {
      int start = pos;
      char c = s.charAt(pos);
      if (c == '`') {
        int i = pos + 1;
        while (i < s.length() && s.charAt(i) != '`') i += s.charAt(i) == '\\' ? 2 : 1;
        if (i >= s.length()) throw new SyntaxError("unterminated backquote");
        pos = i + 1;
        parts.add(new Opaque(s.substring(start, pos)));
        return;
      }
      if (pos + 1 >= s.length()) {
        pos++;
        parts.add(new Literal("$", quoted));
        return;
      }
      char n = s.charAt(pos + 1);
      if (n == '{') {
        int close = matching(pos + 1, '{', '}');
        String inner = s.substring(pos + 2, close);
        pos = close + 1;
        parts.add(inner.matches("[A-Za-z_][A-Za-z0-9_]*") ? new Param(inner, quoted)
            : new Opaque(s.substring(start, pos)));
      } else if (n == '(') {
        pos = matching(pos + 1, '(', ')') + 1;
        parts.add(new Opaque(s.substring(start, pos)));
      } else if (n == '\'' && !quoted) {
        int i = pos + 2;
        while (i < s.length() && s.charAt(i) != '\'') i += s.charAt(i) == '\\' ? 2 : 1;
        if (i >= s.length()) throw new SyntaxError("unterminated $'...'");
        pos = i + 1;
        parts.add(new Opaque(s.substring(start, pos)));
      } else if (Character.isLetter(n) || n == '_') {
        int i = pos + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        parts.add(new Param(s.substring(pos + 1, i), quoted));
        pos = i;
      } else if ("@*#?-$!0123456789".indexOf(n) >= 0) {
        pos += 2;
        parts.add(new Opaque(s.substring(start, pos)));
      } else {
        pos++;
        parts.add(new Literal("$", quoted));
      }
    }

    /** Offset of the bracket closing the one at {@code open}, skipping quoted text. */
    private int matching(int open, char o, char c) {
      int level = 0;
      int i = open;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (ch == '\\') {
          i += 2;
          continue;
        }
        if (ch == '\'' && o == '(') {
          int close = s.indexOf('\'', i + 1);
          if (close < 0) break;
          i = close + 1;
          continue;
        }
        if (ch == o) level++;
        if (ch == c && --level == 0) return i;
        i++;
      }
      throw new SyntaxError("unterminated " + o);
    }

    private static List<Part> merge(List<Part> parts) {
      List<Part> merged = new ArrayList<>();
      for (Part p : parts) {
        if (p instanceof Literal l && !merged.isEmpty()
            && merged.get(merged.size() - 1) instanceof Literal prev && prev.quoted() == l.quoted()) {
          merged.set(merged.size() - 1, new Literal(prev.text() + l.text(), l.quoted()));
        } else if (!(p instanceof Literal l2 && l2.text().isEmpty())) {
          merged.add(p);
        }
      }
      return merged;
    }
  }
}
