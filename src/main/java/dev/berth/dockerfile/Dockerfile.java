package dev.berth.dockerfile;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
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
    List<JsonFallback> jsonFallbacks) {

  public Dockerfile {
    jsonFallbacks = List.copyOf(jsonFallbacks);
    directives = List.copyOf(directives);
    metaArgs = List.copyOf(metaArgs);
    instructions = List.copyOf(instructions);
    stages = List.copyOf(stages);
    comments = List.copyOf(comments);
    diagnostics = List.copyOf(diagnostics);
  }

  public Dockerfile(SourceFile source, List<Directive> directives, char escape,
      List<Instruction.Arg> metaArgs, List<Instruction> instructions, List<Stage> stages,
      List<Comment> comments, List<Diagnostic> diagnostics) {
    this(source, directives, escape, metaArgs, instructions, stages, comments, diagnostics,
        List.of());
  }

  public String path() {
    return source.path();
  }

  public Optional<Directive> directive(String name) {
    return directives.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  public Optional<Stage> finalStage() {
    return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
  }

  /** The stage a {@code --from}/{@code FROM} reference names, by lower-cased name or index. */
  public Optional<Stage> stage(String reference) {
    String ref = reference.toLowerCase(java.util.Locale.ROOT);
    for (Stage s : stages) {
      if (s.name().map(ref::equals).orElse(false)) return Optional.of(s);
    }
    if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty() && ref.length() < 6) {
      int i = Integer.parseInt(ref);
      if (i < stages.size()) return Optional.of(stages.get(i));
    }
    return Optional.empty();
  }
}
