package dev.berth.dockerfile;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Dockerfile the way BuildKit does (moby/buildkit {@code frontend/dockerfile/parser} and
 * {@code instructions}): {@link PreLexer} makes logical lines, the ANTLR grammar in
 * {@code grammar/} splits each into keyword, flags and arguments, {@link InstructionBuilder} types
 * them. Never throws: problems become {@link Diagnostic.Kind#PARSE_ERROR} diagnostics and the
 * model holds whatever could be recovered.
 */
public final class DockerfileParser {
  /** BuildKit's error for a file of comments and blank lines only. */
  public static final String NO_INSTRUCTIONS = "file with no instructions";

  private DockerfileParser() {}

  public static Dockerfile parse(SourceFile source) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    PreLexer pre = new PreLexer(source, diagnostics);
    List<Instruction> instructions = new ArrayList<>();
    List<JsonFallback> fallbacks = new ArrayList<>();
    try {
      parseInto(source, pre, instructions, diagnostics, fallbacks);
    } catch (RuntimeException | StackOverflowError e) {
      diagnostics.add(new Diagnostic(Range.wholeFile(source.path()), Diagnostic.Kind.INTERNAL,
          "Dockerfile parser failed: " + e));
    }
    return assemble(source, pre, instructions, diagnostics, fallbacks);
  }

  private static void parseInto(SourceFile source, PreLexer pre, List<Instruction> out,
      List<Diagnostic> diagnostics, List<JsonFallback> fallbacks) {
    LineSyntax syntax = new LineSyntax();
    boolean any = false;
    for (LogicalLine line = pre.next(); line != null; line = pre.next()) {
      any = true;
      char escape = pre.escape();
      LineSyntax.Split split = syntax.split(line.text(), escape);
      if (split == null) {
        // Only a lone escape char with nothing after it gets here; BuildKit calls it an unknown
        // instruction with an empty name.
        diagnostics.add(error(firstLineRange(source, line), "unknown instruction: "));
        continue;
      }
      InstructionBuilder builder = new InstructionBuilder(syntax, escape, fallbacks);
      List<Heredoc> heredocs = new ArrayList<>();
      int lastLine = line.lastLine();
      if (line.text().contains("<<") && builder.canContainHeredoc(line, split)) {
        List<Heredocs.Spec> specs;
        try {
          specs = Heredocs.fromLine(line.text());
        } catch (Heredocs.HeredocError e) {
          diagnostics.add(error(firstLineRange(source, line), e.getMessage()));
          specs = List.of();
        }
        for (Heredocs.Spec spec : specs) {
          PreLexer.Body body = pre.readHeredoc(spec.name(), spec.chomp());
          if (!body.terminated()) {
            diagnostics.add(error(firstLineRange(source, line), "unterminated heredoc"));
          }
          String content = spec.chomp() ? chomp(body.content()) : body.content();
          heredocs.add(new Heredoc(spec.name(), spec.chomp(), spec.expand(), content,
              body.range(source)));
          lastLine = Math.max(lastLine, body.terminatorLine());
        }
      }
      int start = line.offset(split.keywordStart());
      Range range = source.range(start, Math.max(start, source.lineEnd(lastLine)));
      InstructionBuilder.Built built = builder.build(line, split, heredocs, range);
      if (built.error() != null) diagnostics.add(error(built.errorRange(), built.error()));
      if (built.instruction() != null) out.add(built.instruction());
    }
    if (!any && diagnostics.isEmpty()) {
      int last = Math.max(1, pre.lineCount());
      diagnostics.add(error(Range.point(source.path(), last, 1), NO_INSTRUCTIONS));
    }
  }

  private static Range firstLineRange(SourceFile source, LogicalLine line) {
    int end = source.lineEnd(line.firstLine());
    int start = line.text().isEmpty() ? source.lineStart(line.firstLine()) : line.offset(0);
    return source.range(Math.min(start, end), end);
  }

  /** BuildKit's ChompHeredocContent: leading tabs removed from every line. */
  static String chomp(String content) {
    StringBuilder b = new StringBuilder(content.length());
    boolean lineStart = true;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (lineStart && c == '\t') continue;
      lineStart = c == '\n';
      b.append(c);
    }
    return b.toString();
  }

  /**
   * BuildKit resolves every {@code COPY --from} before building (dockerfile2llb toCommand): the
   * value must not use variables, and a number must be a valid stage index.
   */
  private static void checkCopyFrom(List<Instruction> all, int stageCount, char escape,
      List<Diagnostic> diagnostics) {
    Expander ex = new Expander(escape);
    for (Instruction i : all) {
      if (!(i instanceof Instruction.Copy)) continue;
      for (Flag f : i.flags()) {
        if (!f.name().equals("from") || f.value().isEmpty()) continue;
        String v = f.value().get();
        Expansion e = ex.word(v, Vars.empty());
        if (e.error().isPresent()) {
          diagnostics.add(error(f.range(), e.error().get()));
        } else if (!e.value().equals(v)) {
          diagnostics.add(error(f.range(), "variable expansion is not supported for --from, "
              + "define a new stage with FROM using ARG from global scope as a workaround"));
        } else if (v.matches("[+-]?[0-9]{1,18}")) {
          long index = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
          if (index < 0 || index >= stageCount) {
            diagnostics.add(error(f.range(), "invalid stage index " + index));
          }
        }
      }
    }
  }

  private static Diagnostic error(Range range, String message) {
    return new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR, message);
  }

  private static Dockerfile assemble(SourceFile source, PreLexer pre, List<Instruction> all,
      List<Diagnostic> diagnostics, List<JsonFallback> fallbacks) {
    List<Instruction.Arg> metaArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction i : all) {
      if (i instanceof Instruction.From) {
        if (from != null) stages.add(new Stage(stages.size(), from, body));
        from = (Instruction.From) i;
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(i);
      } else if (i instanceof Instruction.Arg) {
        metaArgs.add((Instruction.Arg) i);
      } else {
        diagnostics.add(error(i.keyword().range(), "no build stage in current context"));
      }
    }
    if (from != null) stages.add(new Stage(stages.size(), from, body));
    checkCopyFrom(all, stages.size(), pre.escape(), diagnostics);
    diagnostics.sort((a, b) -> a.range().compareTo(b.range()));
    return new Dockerfile(source, pre.directives(), pre.escape(), metaArgs, all, stages,
        pre.comments(), diagnostics, fallbacks, pre.emptyContinuations());
  }
}
