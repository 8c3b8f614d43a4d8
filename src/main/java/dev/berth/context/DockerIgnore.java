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
  /** Patterns whose first element is plain text, by that text; and all others, in order. */
  private final Map<String, int[]> literalHeads;
  private final int[] anyHead;
  private final Map<String, int[]> byHead = new ConcurrentHashMap<>();
  private final Map<String, State> directories = new ConcurrentHashMap<>();

  private DockerIgnore(String path, List<Pattern> patterns, List<PathPattern> compiled,
      List<Diagnostic> diagnostics) {
    this.path = path;
    this.patterns = List.copyOf(patterns);
    this.compiled = List.copyOf(compiled);
    this.diagnostics = List.copyOf(diagnostics);
    Map<String, List<Integer>> heads = new java.util.HashMap<>();
    List<Integer> any = new ArrayList<>();
    for (int i = 0; i < this.patterns.size(); i++) {
      String h = literalHead(this.patterns.get(i).text());
      (h == null ? any : heads.computeIfAbsent(h, k -> new ArrayList<>())).add(i);
    }
    this.anyHead = any.stream().mapToInt(Integer::intValue).toArray();
    this.literalHeads = new java.util.HashMap<>();
    heads.forEach((h, l) -> literalHeads.put(h, l.stream().mapToInt(Integer::intValue).toArray()));
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

  /**
   * True when some exception ({@code !}) could re-include a path at or below {@code contextDir}:
   * one whose elements match the directory's as far as both go (a shorter one names the
   * directory or an ancestor, whose re-inclusion carries down; a longer one names something
   * below), or one with {@code **}, which may span any depth. fleetbase's {@code !gulpfile.js}
   * cannot reach {@code node_modules}.
   */
  public boolean exceptionMayReach(String contextDir) {
    String[] dir = Paths.clean(contextDir).split("/");
    for (Pattern p : patterns) {
      if (!p.exception()) continue;
      if (p.text().contains("**")) return true;
      String[] elements = p.text().split("/");
      boolean reaches = true;
      for (int i = 0; i < Math.min(dir.length, elements.length) && reaches; i++) {
        reaches = GoGlob.match(elements[i], dir[i]);
      }
      if (reaches) return true;
    }
    return false;
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
   *
   * <p>Only patterns that can match the path are tried: one whose first element is plain text
   * matches only paths starting with that element. Directory states are kept, so each directory
   * is evaluated once however many files it holds (thousands of patterns against tens of
   * thousands of files were tried pairwise, every ancestor again for every file).
   */
  public Decision decide(String contextPath) {
    String clean = Paths.clean(contextPath);
    if (clean.equals(".") || clean.startsWith("../") || clean.equals("..") || compiled.isEmpty()) {
      return SENT;
    }
    if (clean.startsWith("/")) clean = clean.substring(1);
    String[] parts = clean.split("/");
    int[] candidates = byHead.computeIfAbsent(parts[0], this::candidates);
    if (candidates.length == 0) return SENT;
    State state = null;
    StringBuilder prefix = new StringBuilder();
    for (int k = 0; k < parts.length; k++) {
      if (prefix.length() > 0) prefix.append('/');
      prefix.append(parts[k]);
      String p = prefix.toString();
      boolean last = k == parts.length - 1;
      State known = last ? null : directories.get(p);
      if (known == null) {
        known = step(state, p, candidates);
        if (!last) directories.put(p, known);
      }
      state = known;
    }
    return state.decision();
  }

  /** Per candidate pattern, whether it matched this path or an ancestor; and the outcome. */
  private record State(boolean[] matched, Decision decision) {}

  private State step(State parent, String p, int[] candidates) {
    boolean[] matchedHere = new boolean[candidates.length];
    boolean matched = false;
    int decider = -1;
    for (int j = 0; j < candidates.length; j++) {
      int i = candidates[j];
      boolean match = parent != null && parent.matched()[j];
      if (!match) {
        // an exclude can only flip "sent" and an exception only "excluded"
        if (patterns.get(i).exception() != matched) continue;
        match = compiled.get(i).matches(p);
      }
      matchedHere[j] = match;
      if (match) {
        matched = !patterns.get(i).exception();
        decider = i;
      }
    }
    return new State(matchedHere, new Decision(matched,
        decider < 0 ? Optional.empty() : Optional.of(patterns.get(decider))));
  }

  /** Indices, in order, of the patterns that may match paths whose first element is {@code head}. */
  private int[] candidates(String head) {
    int[] named = literalHeads.getOrDefault(head, new int[0]);
    int[] out = new int[named.length + anyHead.length];
    int a = 0;
    int b = 0;
    for (int k = 0; k < out.length; k++) {
      out[k] = b >= anyHead.length || (a < named.length && named[a] < anyHead[b])
          ? named[a++] : anyHead[b++];
    }
    return out;
  }

  /** The first path element of a pattern when it is plain text; null when it has wildcards. */
  private static String literalHead(String pattern) {
    int slash = pattern.indexOf('/');
    String head = slash < 0 ? pattern : pattern.substring(0, slash);
    for (int i = 0; i < head.length(); i++) {
      if ("*?[\\".indexOf(head.charAt(i)) >= 0) return null;
    }
    return head;
  }
}
