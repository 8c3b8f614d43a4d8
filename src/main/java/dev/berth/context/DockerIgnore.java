package dev.berth.context;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code .dockerignore} read exactly as BuildKit reads it (moby/patternmatcher ignorefile and
 * the fsutil walker that applies it):
 *
 * <ul>
 *   <li>a line whose first character is {@code #} is a comment (an indented {@code #} is not);
 *   <li>surrounding whitespace is trimmed, blank lines skipped, a UTF-8 BOM dropped;
 *   <li>each pattern is {@code path.Clean}ed and one leading {@code /} removed, so {@code /a},
 *       {@code ./a} and {@code a/} all mean {@code a};
 *   <li>patterns are matched in order and the last one that matches decides; {@code !} marks an
 *       exception that re-includes; a pattern matching a directory excludes everything under it;
 *   <li>a malformed pattern fails the whole build in BuildKit; here it is a diagnostic and skipped.
 * </ul>
 *
 * The Dockerfile and the ignore file are read by the builder through a separate channel, but COPY
 * sees the context as filtered, so excluding them does hide them from COPY (no special case).
 */
public final class DockerIgnore {

  /**
   * @param text the cleaned pattern, without the leading {@code !}
   * @param exception a {@code !} pattern that re-includes
   * @param range where the pattern is written (trimmed line)
   */
  public record Pattern(String text, boolean exception, Range range) {
    /** As written in the file's normal form, e.g. {@code !README.md}. */
    public String display() {
      return exception ? "!" + text : text;
    }
  }

  /** The outcome for one path: excluded or not, and the pattern that decided (if any matched). */
  public record Decision(boolean excluded, Optional<Pattern> decidedBy) {}

  private static final Decision SENT = new Decision(false, Optional.empty());

  private final String path;
  private final List<Pattern> patterns;
  private final List<PathPattern> compiled;
  private final List<Diagnostic> diagnostics;

  private DockerIgnore(String path, List<Pattern> patterns, List<PathPattern> compiled,
      List<Diagnostic> diagnostics) {
    this.path = path;
    this.patterns = List.copyOf(patterns);
    this.compiled = List.copyOf(compiled);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public static DockerIgnore parse(SourceFile file) {
    List<Pattern> patterns = new ArrayList<>();
    List<PathPattern> compiled = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (int line = 1; line <= file.lineCount(); line++) {
      int start = file.lineStart(line);
      String raw = file.lineText(line);
      if (line == 1 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
        start++;
      }
      if (raw.startsWith("#")) continue;
      String trimmed = raw.strip();
      if (trimmed.isEmpty()) continue;
      int lead = raw.indexOf(trimmed);
      Range range = file.range(start + lead, start + lead + trimmed.length());
      boolean exception = trimmed.charAt(0) == '!';
      String body = exception ? trimmed.substring(1).strip() : trimmed;
      if (exception && body.isEmpty()) {
        diagnostics.add(new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR,
            "illegal exclusion pattern \"!\" (BuildKit refuses this .dockerignore)"));
        continue;
      }
      String cleaned = Paths.clean(body);
      if (cleaned.length() > 1 && cleaned.charAt(0) == '/') cleaned = cleaned.substring(1);
      if (!GoGlob.isValid(cleaned)) {
        diagnostics.add(new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR,
            "syntax error in pattern \"" + trimmed + "\" (BuildKit refuses this .dockerignore)"));
        continue;
      }
      patterns.add(new Pattern(cleaned, exception, range));
      compiled.add(PathPattern.compile(cleaned));
    }
    return new DockerIgnore(file.path(), patterns, compiled, diagnostics);
  }

  /** Root-relative path of the ignore file. */
  public String path() {
    return path;
  }

  public List<Pattern> patterns() {
    return patterns;
  }

  /** Malformed patterns: BuildKit would fail the build before any step runs. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** True when some pattern is an exception ({@code !}); BuildKit's own checks give up then. */
  public boolean hasExceptions() {
    return patterns.stream().anyMatch(Pattern::exception);
  }

  /** The exclude pattern that keeps {@code contextPath} out of the context, if it is excluded. */
  public Optional<Pattern> excludedBy(String contextPath) {
    Decision d = decide(contextPath);
    return d.excluded() ? d.decidedBy() : Optional.empty();
  }

  public boolean isExcluded(String contextPath) {
    return decide(contextPath).excluded();
  }

  /**
   * Evaluates a context-relative path the way fsutil's walker does: each ancestor directory
   * first, carrying per pattern whether an ancestor already matched it, so an exclude pattern
   * naming a directory covers its contents and a later {@code !} can still re-include a child.
   */
  public Decision decide(String contextPath) {
    String clean = Paths.clean(contextPath);
    if (clean.equals(".") || clean.startsWith("../") || clean.equals("..") || compiled.isEmpty()) {
      return SENT;
    }
    if (clean.startsWith("/")) clean = clean.substring(1);
    return walk(clean).decision();
  }

  /** The walker's state after a path: which patterns matched it or an ancestor, and the verdict. */
  private record Walked(boolean[] matched, Decision decision) {}

  /**
   * Directories' states are remembered: every path below a directory starts from it, so a
   * context's files cost one step each, not one per ancestor.
   */
  private final Map<String, Walked> walked = new ConcurrentHashMap<>();

  private Walked walk(String path) {
    Walked known = walked.get(path);
    if (known != null) return known;
    int slash = path.lastIndexOf('/');
    boolean[] parentMatched = slash < 0 ? null : walk(path.substring(0, slash)).matched();
    boolean[] matchedHere = new boolean[compiled.size()];
    boolean matched = false;
    int decider = -1;
    for (int i = 0; i < compiled.size(); i++) {
      boolean match = parentMatched != null && parentMatched[i];
      if (!match) {
        // an exclude can only flip "sent" and an exception only "excluded"
        if (patterns.get(i).exception() != matched) continue;
        match = compiled.get(i).matches(path);
      }
      matchedHere[i] = match;
      if (match) {
        matched = !patterns.get(i).exception();
        decider = i;
      }
    }
    Walked w = new Walked(matchedHere, new Decision(matched,
        decider < 0 ? Optional.empty() : Optional.of(patterns.get(decider))));
    if (walked.size() < MAX_REMEMBERED) walked.put(path, w);
    return w;
  }

  private static final int MAX_REMEMBERED = 1 << 20;

}
