package dev.berth.config;

import dev.berth.dockerfile.Comment;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.project.Project;
import dev.berth.rules.Finding;
import dev.berth.rules.Suppression;
import dev.berth.project.ProjectFile;
import dev.berth.rules.RuleInfo;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies inline pragmas to findings, after the rules ran (as hadolint does): a rule never knows
 * about suppressions. Suppressed findings are kept, marked, so SARIF can show them as dismissed.
 *
 * <ul>
 *   <li>{@code # berth ignore=BTH001,BTH002 reason} on the comment lines directly above a target
 *       (no blank line between). In a Dockerfile the target is the whole next instruction,
 *       continuation lines and heredocs included; in YAML it is the next line plus the block
 *       nested under it.
 *   <li>{@code # berth ignore-file=BTH001 reason} anywhere in the file covers the whole file.
 *   <li>{@code all} instead of ids covers every rule; an alias ({@code DL3025},
 *       {@code JSONArgsRecommended}) covers the rules carrying it. An id berth knows neither as a
 *       rule nor as an alias is a configuration diagnostic, as in {@code .berth.yaml}.
 *   <li>In Dockerfiles, hadolint's {@code # hadolint ignore=DL3006} (next instruction),
 *       {@code # hadolint stage ignore=…} (the rest of the stage) and
 *       {@code # hadolint global ignore=…} (file), BuildKit's {@code # check=skip=…} directive
 *       (file) and a {@code # check=skip=…} comment above an instruction (that instruction)
 *       suppress the berth rules that list those ids as aliases. hadolint pragmas are not
 *       honoured when {@code .hadolint.yaml} says {@code disable-ignore-pragma: true}.
 *   <li>Rules {@code .hadolint.yaml} lists under {@code ignored} (through their hadolint
 *       aliases) are suppressed everywhere, as external suppressions.
 * </ul>
 *
 * A finding is matched by its primary location only.
 */
public final class Suppressions {
  private Suppressions() {}

  public static List<Finding> apply(Project project, List<Finding> findings) {
    Map<String, List<Scope>> scopesByFile = new HashMap<>();
    ImportedConfig imported = project.config().imported();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.suppressed()) {
        out.add(f);
        continue;
      }
      Range ignoredBy = imported.ignored().get(f.rule().id());
      if (ignoredBy != null) {
        out.add(f.withSuppression(new Suppression(Suppression.Kind.EXTERNAL,
            imported.file().orElse("") + " ignores it", ignoredBy)));
        continue;
      }
      String path = f.range().file();
      List<Scope> scopes = scopesByFile.computeIfAbsent(path, p -> scopes(project, p));
      Optional<Scope> hit = scopes.stream()
          .filter(s -> s.pragma().covers(f.rule()) && s.covers(f.range().startLine()))
          .findFirst();
      out.add(hit.map(s -> f.withSuppression(new Suppression(Suppression.Kind.IN_SOURCE,
          s.pragma().reason(), s.pragma().range()))).orElse(f));
    }
    return out;
  }

  /**
   * A configuration diagnostic for each id in a {@code # berth ignore=} pragma (Dockerfiles and
   * compose files) that names no rule and no alias berth knows: a typo there would otherwise
   * silently leave the finding active, which {@code .berth.yaml} refuses for the same reason.
   */
  public static List<Diagnostic> unknownIds(Project project, List<RuleInfo> known) {
    Set<String> ids = new HashSet<>(Set.of("ALL"));
    for (RuleInfo r : known) {
      ids.add(r.id().toUpperCase(Locale.ROOT));
      r.aliases().forEach(a -> ids.add(a.toUpperCase(Locale.ROOT)));
    }
    List<Diagnostic> out = new ArrayList<>();
    for (ProjectFile f : project.files()) {
      List<Pragma> pragmas = new ArrayList<>();
      if (f.kind() == ProjectFile.Kind.DOCKERFILE) {
        project.dockerfile(f.path()).ifPresent(df -> df.comments().forEach(c ->
            Pragma.parse(c.text(), c.range()).ifPresent(pragmas::add)));
      } else if (f.kind() == ProjectFile.Kind.COMPOSE) {
        project.source(f.path()).ifPresent(src -> pragmas.addAll(yamlPragmas(src)));
      }
      for (Pragma p : pragmas) {
        if (p.dialect() != Pragma.Dialect.BERTH) continue;
        for (String id : new TreeSet<>(p.ids())) {
          if (!ids.contains(id)) {
            out.add(new Diagnostic(p.range(), Diagnostic.Kind.CONFIG, "unknown rule id \"" + id
                + "\" in berth pragma (see berth --list-rules)"));
          }
        }
      }
    }
    return out;
  }

  /** Lines a pragma covers, inclusive; line-level scopes come before file-level ones. */
  record Scope(Pragma pragma, int firstLine, int lastLine) {
    boolean covers(int line) {
      return pragma.wholeFile() || (line >= firstLine && line <= lastLine);
    }
  }

  static List<Scope> scopes(Project project, String path) {
    Optional<Dockerfile> df = project.dockerfile(path);
    boolean hadolint = project.config().imported().honourHadolintPragmas();
    if (df.isPresent()) return dockerfileScopes(df.get(), hadolint);
    return project.source(path).map(Suppressions::yamlScopes).orElse(List.of());
  }

  static List<Scope> dockerfileScopes(Dockerfile df) {
    return dockerfileScopes(df, true);
  }

  static List<Scope> dockerfileScopes(Dockerfile df, boolean hadolint) {
    SourceFile src = df.source();
    List<Scope> lineScopes = new ArrayList<>();
    List<Scope> fileScopes = new ArrayList<>();
    List<Instruction> instructions = df.instructions();
    df.checkOptions().flatMap(o -> Pragma.fromCheck(o, Pragma.Scope.FILE))
        .ifPresent(p -> fileScopes.add(new Scope(p, 1, src.lineCount())));
    for (Instruction i : instructions) {
      df.checkOptions(i).flatMap(o -> Pragma.fromCheck(o, Pragma.Scope.NEXT)).ifPresent(p ->
          lineScopes.add(new Scope(p, i.range().startLine(), i.range().endLine())));
    }
    int[] nextCode = null;
    for (Comment c : df.comments()) {
      Optional<Pragma> p = Pragma.parse(c.text(), c.range())
          .filter(x -> hadolint || x.dialect() != Pragma.Dialect.HADOLINT);
      if (p.isEmpty()) continue;
      if (p.get().wholeFile()) {
        fileScopes.add(new Scope(p.get(), 1, src.lineCount()));
        continue;
      }
      if (nextCode == null) nextCode = nextNonCommentLines(src);
      int line = c.range().startLine();
      int i = firstStartingAfter(instructions, line);
      boolean inside = i > 0 && instructions.get(i - 1).range().endLine() >= line;
      if (inside || i == instructions.size()) continue;
      Instruction next = instructions.get(i);
      // Only comment lines may sit between the pragma and its instruction: no blank line.
      if (nextCode[line + 1] < next.range().startLine()) continue;
      int last = next.range().endLine();
      if (p.get().scope() == Pragma.Scope.STAGE) {
        // hadolint: up to the next FROM. berth also covers the FROM a pragma stands above, and
        // not the next stage's FROM line (hadolint's off-by-one there is not copied).
        for (int k = i + 1; k < instructions.size()
            && !(instructions.get(k) instanceof Instruction.From); k++) {
          last = instructions.get(k).range().endLine();
        }
      }
      lineScopes.add(new Scope(p.get(), next.range().startLine(), last));
    }
    lineScopes.addAll(fileScopes);
    return lineScopes;
  }

  /** Index of the first instruction (in file order) starting after {@code line}; size if none. */
  private static int firstStartingAfter(List<Instruction> instructions, int line) {
    int lo = 0;
    int hi = instructions.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (instructions.get(mid).range().startLine() <= line) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** For each line, the first line at or after it that is not a {@code #} comment line. */
  private static int[] nextNonCommentLines(SourceFile src) {
    int n = src.lineCount();
    int[] next = new int[n + 2];
    next[n + 1] = n + 1;
    for (int l = n; l >= 1; l--) {
      next[l] = src.lineText(l).strip().startsWith("#") ? next[l + 1] : l;
    }
    return next;
  }

  /**
   * YAML pragmas from the raw text. Comments are found line by line; lines inside block scalars
   * ({@code |}, {@code >}) are content, not comments, so they are skipped.
   */
  static List<Scope> yamlScopes(SourceFile src) {
    List<Scope> lineScopes = new ArrayList<>();
    List<Scope> fileScopes = new ArrayList<>();
    YamlLines lines = YamlLines.of(src);
    Map<Integer, Integer> blockEnds = new HashMap<>();
    for (Pragma p : yamlPragmas(src, lines)) {
      if (p.wholeFile()) {
        fileScopes.add(new Scope(p, 1, src.lineCount()));
        continue;
      }
      int target = lines.nextNonComment(p.range().startLine() + 1);
      if (target > src.lineCount() || lines.isBlank(target)) continue;
      int last = blockEnds.computeIfAbsent(target, t -> blockEnd(src, lines, t));
      lineScopes.add(new Scope(p, target, last));
    }
    lineScopes.addAll(fileScopes);
    return lineScopes;
  }

  private static List<Pragma> yamlPragmas(SourceFile src) {
    return yamlPragmas(src, YamlLines.of(src));
  }

  /** berth's pragmas in YAML comments (the other tools' pragmas are Dockerfile-only). */
  private static List<Pragma> yamlPragmas(SourceFile src, YamlLines lines) {
    List<Pragma> out = new ArrayList<>();
    for (int l = 1; l <= src.lineCount(); l++) {
      if (!lines.isComment(l)) continue;
      String text = src.lineText(l).strip().substring(1);
      Pragma.parse(text, src.lineRange(l)).filter(x -> x.dialect() == Pragma.Dialect.BERTH)
          .ifPresent(out::add);
    }
    return out;
  }

  /** The last line of the block a YAML line opens: the following lines indented deeper. */
  private static int blockEnd(SourceFile src, YamlLines lines, int target) {
    int indent = YamlLines.indent(src.lineText(target));
    int last = target;
    for (int k = target + 1; k <= src.lineCount(); k++) {
      if (lines.isBlank(k) || lines.isComment(k)) continue;
      if (!lines.isScalarContent(k) && YamlLines.indent(src.lineText(k)) <= indent) break;
      last = k;
    }
    return last;
  }
}
