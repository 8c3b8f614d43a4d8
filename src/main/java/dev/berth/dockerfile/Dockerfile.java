package dev.berth.dockerfile;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile. When parsing failed, {@link #diagnostics()} is non-empty and the other lists
 * hold what could be recovered (rules may still run on recovered instructions).
 *
 * @param metaArgs ARG instructions before the first FROM (visible only in FROM lines unless
 *     re-declared inside a stage)
 * @param instructions every instruction in file order, FROMs included
 * @param jsonFallbacks arguments that look like a JSON array but are not, which BuildKit read in
 *     the other form
 * @param emptyContinuations blank lines inside an instruction's line continuation (BuildKit
 *     skips them and warns: NoEmptyContinuation), one range per line
 */
public record Dockerfile(
    SourceFile source,
    List<Directive> directives,
    char escape,
    List<Instruction.Arg> metaArgs,
    List<Instruction> instructions,
    List<Stage> stages,
    List<Comment> comments,
    List<Diagnostic> diagnostics,
    List<JsonFallback> jsonFallbacks,
    List<Range> emptyContinuations) {

  /** BuildKit could not parse it: rules that need its instructions do not judge it. */
  public boolean unparsable() {
    return diagnostics.stream().anyMatch(d -> d.kind() == Diagnostic.Kind.PARSE_ERROR);
  }

  public Dockerfile {
    emptyContinuations = List.copyOf(emptyContinuations);
    jsonFallbacks = List.copyOf(jsonFallbacks);
    directives = List.copyOf(directives);
    metaArgs = List.copyOf(metaArgs);
    instructions = List.copyOf(instructions);
    stages = stages instanceof StageList l ? l : new StageList(stages);
    comments = List.copyOf(comments);
    diagnostics = List.copyOf(diagnostics);
  }

  public Dockerfile(SourceFile source, List<Directive> directives, char escape,
      List<Instruction.Arg> metaArgs, List<Instruction> instructions, List<Stage> stages,
      List<Comment> comments, List<Diagnostic> diagnostics) {
    this(source, directives, escape, metaArgs, instructions, stages, comments, diagnostics,
        List.of(), List.of());
  }

  public String path() {
    return source.path();
  }

  public Optional<Directive> directive(String name) {
    return directives.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The image a {@code # syntax=} directive names when it is not Docker's own Dockerfile frontend
   * ({@code docker/dockerfile}, with or without {@code docker.io/}, any tag or digest).
   */
  public Optional<String> customFrontend() {
    return directive("syntax").map(d -> d.value().strip()).filter(v -> !v.isEmpty())
        .filter(v -> !v.replaceFirst("^docker\\.io/", "").replaceFirst("[:@].*$", "")
            .equals("docker/dockerfile"));
  }

  /** Windows shells, by the base name of a SHELL instruction's program. */
  private static final java.util.Set<String> WINDOWS_SHELLS = java.util.Set.of("powershell",
      "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe");

  /**
   * A Dockerfile for Windows containers, where USER, paths and shells work otherwise: the
   * backtick escape directive, a SHELL running PowerShell or cmd, or a WORKDIR on a drive
   * ({@code C:\chroma}: chroma's Dockerfile.windows on {@code FROM python:3.11.9}).
   */
  public boolean windows() {
    if (escape == '`') return true;
    for (Instruction i : instructions) {
      if (i instanceof Instruction.Shell sh && !sh.args().isEmpty()) {
        String program = sh.args().get(0).text().replace('\\', '/');
        program = program.substring(program.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (WINDOWS_SHELLS.contains(program)) return true;
      }
      if (i instanceof Instruction.Workdir w && w.path().text().matches("[A-Za-z]:[\\\\/].*")) {
        return true;
      }
    }
    return false;
  }

  public Optional<Stage> finalStage() {
    return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
  }

  /** The first stage with this name (lower-cased, as BuildKit compares stage names). */
  public Optional<Stage> namedStage(String name) {
    return ((StageList) stages).first(name.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The stage, then the stage of this file it is built {@code FROM}, and so on: the one built
   * from an image (or from a stage already listed, a cycle BuildKit refuses) comes last.
   */
  public List<Stage> lineage(Stage stage) {
    List<Stage> chain = new ArrayList<>();
    java.util.Set<Integer> visited = new java.util.HashSet<>();
    Stage cur = stage;
    while (visited.add(cur.index())) {
      chain.add(cur);
      Optional<Stage> parent = stage(cur.from().image().text());
      if (parent.isEmpty()) break;
      cur = parent.get();
    }
    return List.copyOf(chain);
  }

  /** The stage a {@code --from}/{@code FROM} reference names, by lower-cased name or index. */
  public Optional<Stage> stage(String reference) {
    String ref = reference.toLowerCase(java.util.Locale.ROOT);
    Optional<Stage> named = ((StageList) stages).first(ref);
    if (named.isPresent()) return named;
    if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty() && ref.length() < 6) {
      int i = Integer.parseInt(ref);
      if (i < stages.size()) return Optional.of(stages.get(i));
    }
    return Optional.empty();
  }

  /**
   * The file-level BuildKit check options (the {@code # check=} parser directive); empty when
   * there is none or BuildKit cannot parse it (then the build fails: a parse diagnostic).
   */
  public Optional<CheckOptions> checkOptions() {
    return directive("check").map(CheckOptions::fromDirective)
        .flatMap(p -> p instanceof CheckOptions.Parsed.Ok ok ? Optional.of(ok.options())
            : Optional.empty());
  }

  /**
   * The comments BuildKit attaches to an instruction ({@code Node.PrevComment}): the comment lines
   * after the previous instruction, blank lines allowed, restarted by an empty {@code #} line.
   * Parser directives are not comments. Used for {@code # check=} comments and for descriptions
   * of stages and ARGs.
   */
  public List<Comment> commentsBefore(Instruction instruction) {
    int at = indexOf(instruction);
    if (at < 0) return List.of();
    int after = at == 0 ? 0 : instructions.get(at - 1).range().endLine();
    int before = instruction.range().startLine();
    List<Comment> out = new ArrayList<>();
    for (int i = firstCommentAfter(after); i < comments.size(); i++) {
      Comment c = comments.get(i);
      if (c.range().startLine() >= before) break;
      if (c.text().isEmpty()) {
        out.clear();
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The check options of a {@code # check=} comment among the instruction's
   * {@link #commentsBefore} (the first such comment), which apply to that instruction only.
   */
  public Optional<CheckOptions> checkOptions(Instruction instruction) {
    for (Comment c : commentsBefore(instruction)) {
      Optional<CheckOptions> o = CheckOptions.fromComment(c);
      if (o.isPresent()) return o;
    }
    return Optional.empty();
  }

  /** Position of an instruction in {@link #instructions} (file order): a binary search. */
  private int indexOf(Instruction instruction) {
    int line = instruction.range().startLine();
    int lo = 0;
    int hi = instructions.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (instructions.get(mid).range().startLine() < line) lo = mid + 1; else hi = mid;
    }
    for (int i = lo; i < instructions.size() && instructions.get(i).range().startLine() == line;
        i++) {
      if (instructions.get(i) == instruction) return i;
    }
    return instructions.indexOf(instruction);
  }

  /** Index of the first comment on a line after {@code line}. */
  private int firstCommentAfter(int line) {
    int lo = 0;
    int hi = comments.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comments.get(mid).range().startLine() <= line) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
