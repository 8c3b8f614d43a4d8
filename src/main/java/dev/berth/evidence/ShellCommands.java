package dev.berth.evidence;

import dev.berth.evidence.ShellLexer.Op;
import dev.berth.evidence.ShellLexer.Token;
import dev.berth.evidence.ShellLexer.WordTok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups a script's tokens into simple commands in execution order, tolerantly: control keywords
 * are stepped over (the commands inside loops and {@code case} branches are kept and marked
 * conditional; an {@code if}'s branches are {@link Branch} scopes), function bodies and subshells
 * become scopes, so a {@code cd} inside them does not leak. Nothing here fails on odd input;
 * unknown structure only loses commands.
 */
final class ShellCommands {

  /** What the interpreter walks: commands and scope boundaries. */
  sealed interface Event permits Command, Enter, Leave, Branch {}

  /**
   * @param assignments leading {@code NAME=value} words
   * @param words the command and its arguments
   * @param conditional inside a loop or case body: it may not run, and a {@code cd} or
   *     assignment it makes leaves the state unknown afterwards
   * @param writes the targets of its output redirections ({@code > f}, {@code >> f},
   *     {@code &> f}): files the command creates
   * @param defaultFor the variable a top-level {@code if [ -z "$X" ]; then} tests for emptiness,
   *     for the commands of its {@code then} branch: an assignment to it there is
   *     {@code X=${X:-value}}
   * @param background the command ends with {@code &}: the shell goes on without waiting
   * @param pipedFrom the words of the command before the {@code |} whose output is this
   *     command's standard input; empty when its input is no pipe, or what writes to the pipe is
   *     no simple command (a subshell, a group)
   */
  record Command(List<ShellWord> assignments, List<ShellWord> words, boolean conditional,
      int start, int end, List<ShellWord> writes, Optional<String> defaultFor,
      boolean background, List<ShellWord> pipedFrom) implements Event {
    Optional<String> name() {
      return words.isEmpty() ? Optional.empty() : words.get(0).literal();
    }
  }

  /**
   * A subshell or function body starts: the state inside does not outlive it, except what a
   * function exports (bash runs a function in the calling shell, so its {@code export} is global).
   */
  record Enter(boolean function, Optional<String> name) implements Event {
    Enter(boolean function) {
      this(function, Optional.empty());
    }
  }

  record Leave(boolean function) implements Event {}

  /**
   * A branch of an {@code if} opens ({@code then}, {@code elif}, {@code else}) or closes: its
   * commands run in order when it is taken, so a {@code cd} or assignment in it holds for the
   * commands after it in the branch; after the {@code if}, what a branch changed is unknown.
   */
  record Branch(boolean open) implements Event {}

  /** Redirections that open their target for writing, creating it ({@code >&} duplicates). */
  private static final Set<String> WRITES = Set.of(">", ">>", ">|", "&>", "&>>");
  private static final Set<String> SKIPPED = Set.of("then", "else", "do", "!", "time");
  private static final Set<String> OPENS = Set.of("if", "while", "until");
  private static final Set<String> CLOSES = Set.of("fi", "done", "esac");

  /** An open if, loop or case; an if knows the variable its condition tests for emptiness. */
  private static final class Block {
    final boolean isIf;
    boolean inCondition;
    boolean inThen;
    boolean branchOpen;
    Optional<String> guard = Optional.empty();

    Block(boolean isIf) {
      this.isIf = isIf;
      this.inCondition = isIf;
    }
  }

  private final Deque<Block> blocks = new ArrayDeque<>();
  private final List<Event> out = new ArrayList<>();
  private final Deque<Character> scopes = new ArrayDeque<>();
  private int conditional;
  private List<ShellWord> assignments = new ArrayList<>();
  private List<ShellWord> words = new ArrayList<>();
  private boolean skipToSeparator;
  private boolean functionPending;
  /** The name of the function whose header is being read. */
  private Optional<String> functionName = Optional.empty();
  private boolean redirectTarget;
  private boolean writeTarget;
  private List<ShellWord> writes = new ArrayList<>();
  /** The words of the command a {@code |} just ended: the next command reads their output. */
  private List<ShellWord> pipe = List.of();
  private int start = -1;
  private int end;

  static List<Event> of(List<Token> tokens) {
    ShellCommands c = new ShellCommands();
    c.run(tokens);
    return c.out;
  }

  private void run(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t instanceof WordTok w) {
        word(w.word(), i + 1 < tokens.size() ? tokens.get(i + 1) : null,
            i + 2 < tokens.size() ? tokens.get(i + 2) : null);
        if (functionHeaderSkip > 0) {
          i += functionHeaderSkip;
          functionHeaderSkip = 0;
        }
      } else {
        op((Op) t);
      }
    }
    finish();
    for (Block b : blocks) if (b.isIf && b.branchOpen) out.add(new Branch(false));
    while (!scopes.isEmpty()) {
      char k = scopes.pop();
      out.add(new Leave(k == 'f' || k == 'g'));
    }
  }

  private int functionHeaderSkip;

  private void word(ShellWord w, Token next, Token after) {
    if (redirectTarget) {
      redirectTarget = false;
      if (writeTarget && !skipToSeparator) {
        if (start < 0) start = w.start();
        end = w.end();
        writes.add(w);
      }
      return;
    }
    Optional<String> lit = w.literal();
    if (skipToSeparator) {
      // "function name {" opens the body on the header line
      if (functionPending && lit.filter("{"::equals).isPresent()) {
        skipToSeparator = false;
        word(w, next, after);
      } else if (functionPending && functionName.isEmpty() && lit.isPresent()) {
        functionName = lit; // function NAME [()] {
      }
      return;
    }
    if (words.isEmpty() && assignments.isEmpty() && lit.isPresent()) {
      String k = lit.get();
      Block top = blocks.peek();
      if (top != null && top.isIf && (k.equals("then") || k.equals("else") || k.equals("elif"))) {
        top.inThen = k.equals("then") && top.inCondition;
        top.inCondition = k.equals("elif");
        if (!k.equals("then")) top.guard = Optional.empty();
        // then opens the first branch; elif and else close the one before and open the next
        // (an elif's condition runs only when it is reached, like its body)
        if (!k.equals("then") && top.branchOpen) out.add(new Branch(false));
        if (!k.equals("then") || !top.branchOpen) out.add(new Branch(true));
        top.branchOpen = true;
      }
      if (SKIPPED.contains(k)) return;
      if (OPENS.contains(k) || k.equals("elif")) {
        if (!k.equals("elif")) {
          // An if's branches are Branch events; a loop's body may run any number of times.
          if (!k.equals("if")) conditional++;
          blocks.push(new Block(k.equals("if")));
        }
        return;
      }
      if (CLOSES.contains(k)) {
        if (!blocks.isEmpty()) {
          Block b = blocks.pop();
          if (!b.isIf) conditional = Math.max(0, conditional - 1);
          else if (b.branchOpen) out.add(new Branch(false));
        } else {
          conditional = Math.max(0, conditional - 1);
        }
        return;
      }
      if (k.equals("for") || k.equals("select") || k.equals("case")) {
        conditional++;
        blocks.push(new Block(false));
        skipToSeparator = true;
        return;
      }
      if (k.equals("{")) {
        scopes.push(functionPending ? 'f' : '{');
        if (functionPending) out.add(new Enter(true, functionName));
        functionPending = false;
        functionName = Optional.empty();
        return;
      }
      if (k.equals("}")) {
        if (!scopes.isEmpty() && scopes.peek() != '(' && scopes.peek() != 'g') {
          if (scopes.pop() == 'f') out.add(new Leave(true));
        }
        return;
      }
      if (k.equals("function")) {
        functionPending = true;
        functionName = Optional.empty();
        skipToSeparator = true;
        return;
      }
      // name() { ... }
      if (next instanceof Op o1 && o1.text().equals("(") && after instanceof Op o2
          && o2.text().equals(")")) {
        functionPending = true;
        functionName = Optional.of(k);
        functionHeaderSkip = 2;
        return;
      }
    }
    if (start < 0) start = w.start();
    end = w.end();
    if (words.isEmpty() && isAssignment(w)) {
      assignments.add(w);
    } else {
      words.add(w);
    }
  }

  private void op(Op o) {
    if (skipToSeparator && (o.text().equals("(") || o.text().equals(")"))) return;
    if (o.redirect()) {
      // the next word is the redirection's target, not an argument
      redirectTarget = true;
      writeTarget = WRITES.contains(o.text().replaceFirst("^[0-9]+", ""));
      return;
    }
    switch (o.text()) {
      case "(" -> {
        if (words.isEmpty() && assignments.isEmpty() && functionPending) {
          // name() ( ... ): a function whose body runs in a subshell
          scopes.push('g');
          out.add(new Enter(true, functionName));
          functionPending = false;
          functionName = Optional.empty();
        } else if (words.isEmpty() && assignments.isEmpty()) {
          scopes.push('(');
          out.add(new Enter(false));
        } else if (functionPending) {
          return;
        }
      }
      case ")" -> {
        if (!scopes.isEmpty() && (scopes.peek() == '(' || scopes.peek() == 'g')) {
          finish();
          out.add(new Leave(scopes.pop() == 'g'));
        } else {
          // a case pattern ("build)", "a|b)"): its words are no command, nor pipe into one
          discard();
          pipe = List.of();
        }
      }
      case "\n" -> {
        finish();
        skipToSeparator = false;
      }
      case "|" -> {
        List<ShellWord> before = words;
        finish();
        pipe = before;
        skipToSeparator = false;
      }
      default -> {
        finish(o.text().equals("&"));
        skipToSeparator = false;
      }
    }
  }

  private void finish() {
    finish(false);
  }

  private void finish(boolean background) {
    if (!words.isEmpty() || !assignments.isEmpty() || !writes.isEmpty()) {
      Block top = blocks.peek();
      boolean guardIf = top != null && top.isIf && blocks.size() == 1;
      if (guardIf && top.inCondition && top.guard.isEmpty()) top.guard = emptinessTest(words);
      Optional<String> defaultFor = guardIf && top.inThen ? top.guard : Optional.empty();
      out.add(new Command(assignments, words, conditional > 0, start, end, writes, defaultFor,
          background, pipe));
      pipe = List.of();
    }
    discard();
  }

  private void discard() {
    assignments = new ArrayList<>();
    words = new ArrayList<>();
    writes = new ArrayList<>();
    start = -1;
    redirectTarget = false;
  }

  /**
   * The variable a test command checks for emptiness: {@code [ -z "$X" ]}, {@code test -z $X},
   * {@code [ "${X:-}" = "" ]}, {@code [[ $X == "" ]]}.
   */
  static Optional<String> emptinessTest(List<ShellWord> words) {
    // `[` and `[[` are lexed as glob text: take a lone opaque piece as written
    List<String> lits = words.stream().map(w -> w.literal().orElse(
        w.pieces().size() == 1 && w.pieces().get(0) instanceof ShellWord.Opaque o ? o.raw()
            : null)).toList();
    int from;
    int to = words.size();
    if (lits.isEmpty()) return Optional.empty();
    if ("test".equals(lits.get(0))) {
      from = 1;
    } else if ("[".equals(lits.get(0)) && "]".equals(lits.get(to - 1))
        || "[[".equals(lits.get(0)) && "]]".equals(lits.get(to - 1))) {
      from = 1;
      to--;
    } else {
      return Optional.empty();
    }
    List<ShellWord> t = words.subList(from, to);
    List<String> l = lits.subList(from, to);
    if (t.size() == 2 && "-z".equals(l.get(0))) return variableOf(t.get(1));
    if (t.size() == 3 && ("=".equals(l.get(1)) || "==".equals(l.get(1)))) {
      if ("".equals(l.get(2))) return variableOf(t.get(0));
      if ("".equals(l.get(0))) return variableOf(t.get(2));
    }
    return Optional.empty();
  }

  /** {@code $X}, {@code ${X}}, {@code ${X:-}}: the variable's name. */
  private static Optional<String> variableOf(ShellWord w) {
    if (w.pieces().size() != 1) return Optional.empty();
    ShellWord.Piece p = w.pieces().get(0);
    if (p instanceof ShellWord.Var v) return Optional.of(v.name());
    if (p instanceof ShellWord.Default d && d.fallback().isEmpty()) return Optional.of(d.name());
    return Optional.empty();
  }

  static boolean isAssignment(ShellWord w) {
    if (w.pieces().isEmpty() || !(w.pieces().get(0) instanceof ShellWord.Lit l)) return false;
    return dev.berth.image.shell.ShellWord.assignmentText(l.text());
  }
}
