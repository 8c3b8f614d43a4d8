package dev.berth.image;

import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.VariableLookup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Pathname expansion (POSIX XCU 2.13) of one word of a RUN over the simulated filesystem:
 * {@code chown -R app /srv/*} applies to every entry of {@code /srv} berth knows that matches.
 *
 * <p>{@code *}, {@code ?} and bracket expressions written unquoted are patterns; quoted ones,
 * and the characters of a quoted parameter, are literal. A component that starts with anything
 * but a literal {@code .} does not match names starting with {@code .}. Where a directory's
 * listing is incomplete (a base-image directory, an extracted archive, a copied tree) the
 * entries berth knows still match and anything else the pattern may match stays as unknown as
 * it was; where every directory searched is fully known and nothing matches, the word is left
 * as it is, as the shell does.
 *
 * <p>Matching runs the pattern as an automaton over each name, O(pattern × name), and the
 * entries listed for one stage are bounded, so hostile words stay linear.
 */
final class Globs {
  /**
   * Directories and entries the patterns of one stage's RUNs may visit before berth gives up on
   * them: one listing of a whole image ({@link ImageFilesystem#MAX_NODES} paths), or many of the
   * few entries a directory usually has.
   */
  static final int MAX_VISITS = 20_000;
  /** Paths one word may expand to before berth gives up on it. */
  static final int MAX_MATCHES = 4_096;

  private int visits;

  /**
   * What one word names after expansion.
   *
   * @param paths the matching entries berth knows (absolute, normalised); or, when nothing
   *     matches and every directory searched is fully known, the word itself if such a path
   *     may exist
   * @param glob the word has an unquoted pattern character
   * @param complete every directory searched is fully known: no other entry can match
   * @param inheritedOwners a directory searched is not fully known and berth reads the owner of
   *     its unlisted entries off it or an ancestor ({@link Node#childUid()}): the entries the
   *     pattern may match there no longer have the owner or mode berth would infer
   */
  record Match(List<String> paths, boolean glob, boolean complete, boolean inheritedOwners) {}

  /** One character of the word: {@code pattern} for an unquoted {@code *}, {@code ?} or {@code [}. */
  private record Ch(char c, boolean quoted, boolean pattern) {}

  /**
   * Expands {@code w}; empty when berth cannot tell what it names (an unknown variable, a
   * command substitution, brace expansion, a relative word in an unknown directory, a character
   * class, a pattern that may match {@code .} or {@code ..}, or too much to list).
   */
  Optional<Match> expand(ShellWord w, VariableLookup vars, Optional<String> cwd,
      ImageFilesystem fs) {
    List<Ch> chars = characters(w, vars);
    if (chars == null) return Optional.empty();
    boolean glob = chars.stream().anyMatch(Ch::pattern);
    StringBuilder text = new StringBuilder();
    for (Ch ch : chars) text.append(ch.c());
    String word = text.toString();
    if (!word.startsWith("/") && cwd.isEmpty()) return Optional.empty();
    String start = word.startsWith("/") ? "/" : cwd.get();
    if (!glob) {
      return Optional.of(new Match(List.of(ImageFilesystem.resolve(start, word)), false, true, false));
    }
    // a trailing slash keeps only directories: not modelled
    if (word.endsWith("/")) return Optional.empty();
    List<List<Ch>> components = new ArrayList<>();
    List<Ch> cur = new ArrayList<>();
    for (Ch ch : chars) {
      if (ch.c() == '/') {
        if (!cur.isEmpty()) components.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(ch);
      }
    }
    if (!cur.isEmpty()) components.add(cur);

    SortedMap<String, Node> nodes = fs.nodes();
    List<String> prefixes = List.of(ImageFilesystem.normalize(start));
    boolean complete = true;
    boolean inherited = false;
    for (List<Ch> component : components) {
      if (component.stream().noneMatch(Ch::pattern)) {
        String name = literal(component);
        prefixes = prefixes.stream().map(p -> ImageFilesystem.resolve(p, name)).toList();
        continue;
      }
      NamePattern pattern = NamePattern.compile(component);
      if (pattern == null || pattern.matches(".") || pattern.matches("..")) return Optional.empty();
      List<String> next = new ArrayList<>();
      for (String p : prefixes) {
        if (++visits > MAX_VISITS) return Optional.empty();
        ImageFilesystem.Lookup l = fs.lookup(p);
        if (l.exists() == Answer.NO) continue;
        Optional<Node> dn = l.exists() == Answer.YES ? l.node() : Optional.empty();
        if (dn.isPresent() && dn.get().kind() != Node.Kind.DIR) continue;
        String dir = l.resolved();
        boolean known = dn.isPresent() && dn.get().childrenKnown()
            && !fs.unknownEffectAfter(dn.get().origin());
        if (!known) {
          complete = false;
          inherited |= inheritsOwner(nodes, dir);
        }
        String prefix = dir.equals("/") ? "/" : dir + "/";
        String end = prefix + '\uffff';
        Set<String> seen = new HashSet<>();
        // The names of the entries, one key per child and one jump over each child's subtree.
        for (String from = prefix; ; ) {
          SortedMap<String, Node> rest = nodes.subMap(from, end);
          if (rest.isEmpty()) break;
          if (++visits > MAX_VISITS) return Optional.empty();
          String key = rest.firstKey();
          String tail = key.substring(prefix.length());
          int slash = tail.indexOf('/');
          String name = slash < 0 ? tail : tail.substring(0, slash);
          from = slash < 0 ? key + '\0' : prefix + name + "/\uffff";
          if (name.isEmpty() || !seen.add(name) || !pattern.matches(name)) continue;
          Node child = nodes.get(prefix + name);
          if (child != null && !child.exists()) {
            if (fs.unknownEffectAfter(child.origin())) complete = false;
            continue;
          }
          next.add(prefix + name);
          if (next.size() > MAX_MATCHES) return Optional.empty();
        }
      }
      prefixes = next;
    }
    List<String> out = new ArrayList<>();
    for (String p : prefixes) {
      if (fs.lookup(p).exists() != Answer.NO) out.add(p);
    }
    if (out.isEmpty() && complete) {
      // POSIX: a pattern that matches nothing is left as it is, naming a path of that name
      String self = ImageFilesystem.resolve(start, word);
      if (fs.lookup(self).exists() != Answer.NO) out.add(self);
    }
    return Optional.of(new Match(List.copyOf(out), true, complete, inherited));
  }

  /** The word's characters, or null when any part cannot be known. */
  private static List<Ch> characters(ShellWord w, VariableLookup vars) {
    List<Ch> out = new ArrayList<>();
    for (ShellWord.Part part : w.parts()) {
      if (part instanceof ShellWord.Literal l) {
        for (int i = 0; i < l.text().length(); i++) out.add(new Ch(l.text().charAt(i), l.quoted(), false));
      } else if (part instanceof ShellWord.Param p) {
        Optional<String> v = vars.value(p.name());
        if (v.isEmpty()) return null;
        // Unquoted, a value is split into fields and its pattern characters are patterns.
        if (!p.quoted() && v.get().chars().anyMatch(c -> " \t\n*?[".indexOf(c) >= 0)) return null;
        for (int i = 0; i < v.get().length(); i++) out.add(new Ch(v.get().charAt(i), p.quoted(), false));
      } else if (part instanceof ShellWord.Opaque o && (o.raw().equals("*") || o.raw().equals("?")
          || o.raw().equals("["))) {
        out.add(new Ch(o.raw().charAt(0), false, true));
      } else {
        return null;
      }
    }
    return out;
  }

  private static String literal(List<Ch> component) {
    StringBuilder b = new StringBuilder();
    for (Ch ch : component) b.append(ch.c());
    return b.toString();
  }

  /** Unlisted entries of {@code dir} get an owner berth infers from it or an ancestor. */
  private static boolean inheritsOwner(SortedMap<String, Node> nodes, String dir) {
    for (String cur = dir; ; cur = ImageFilesystem.parent(cur)) {
      Node n = nodes.get(cur);
      if (n != null && n.childUid().isPresent()) return true;
      if (cur.equals("/")) return false;
    }
  }

  /**
   * One path component's pattern: literal characters, {@code ?}, {@code *} and bracket
   * expressions of single characters and ranges (no character classes, collating symbols or
   * equivalence classes: those make {@link #compile} give up).
   */
  static final class NamePattern {
    private static final int CHAR = 0;
    private static final int ANY = 1;
    private static final int STAR = 2;
    private static final int SET = 3;

    private final int[] type;
    private final char[] ch;
    /** For SET: members as pairs of range ends (a single character is a range of one). */
    private final char[][] ranges;
    private final boolean[] negated;

    private NamePattern(int[] type, char[] ch, char[][] ranges, boolean[] negated) {
      this.type = type;
      this.ch = ch;
      this.ranges = ranges;
      this.negated = negated;
    }

    /** Null when the component holds something berth does not model. */
    static NamePattern compile(List<Ch> chars) {
      int n = chars.size();
      int[] type = new int[n];
      char[] ch = new char[n];
      char[][] ranges = new char[n][];
      boolean[] negated = new boolean[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        Ch c = chars.get(i);
        if (c.pattern() && c.c() == '*') {
          if (k > 0 && type[k - 1] == STAR) continue;
          type[k++] = STAR;
        } else if (c.pattern() && c.c() == '?') {
          type[k++] = ANY;
        } else if (c.pattern() && c.c() == '[') {
          int end = bracket(chars, i);
          if (end == -2) return null;
          if (end < 0) {
            type[k] = CHAR;
            ch[k++] = '[';
            continue;
          }
          int j = i + 1;
          if (!chars.get(j).quoted() && chars.get(j).c() == '!') {
            negated[k] = true;
            j++;
          }
          List<Character> members = new ArrayList<>();
          while (j < end) {
            char lo = chars.get(j).c();
            if (j + 2 < end && !chars.get(j + 1).quoted() && chars.get(j + 1).c() == '-') {
              members.add(lo);
              members.add(chars.get(j + 2).c());
              j += 3;
            } else {
              members.add(lo);
              members.add(lo);
              j++;
            }
          }
          char[] r = new char[members.size()];
          for (int m = 0; m < r.length; m++) r[m] = members.get(m);
          type[k] = SET;
          ranges[k++] = r;
          i = end;
        } else {
          type[k] = CHAR;
          ch[k++] = c.c();
        }
      }
      return new NamePattern(java.util.Arrays.copyOf(type, k), java.util.Arrays.copyOf(ch, k),
          java.util.Arrays.copyOf(ranges, k), java.util.Arrays.copyOf(negated, k));
    }

    /**
     * The index of the {@code ]} closing the bracket expression opened at {@code open}; -1 when
     * there is none (the {@code [} is then an ordinary character), -2 when the expression holds
     * a class, collating symbol or equivalence class, or starts with an unquoted {@code ^}.
     */
    private static int bracket(List<Ch> chars, int open) {
      int j = open + 1;
      if (j < chars.size() && !chars.get(j).quoted() && chars.get(j).c() == '^') return -2;
      if (j < chars.size() && !chars.get(j).quoted() && chars.get(j).c() == '!') j++;
      int first = j;
      for (; j < chars.size(); j++) {
        Ch c = chars.get(j);
        if (c.quoted()) continue;
        if (c.c() == ']' && j > first) return j;
        if (c.c() == '[' && j + 1 < chars.size() && !chars.get(j + 1).quoted()
            && ":.=".indexOf(chars.get(j + 1).c()) >= 0) {
          return -2;
        }
      }
      return -1;
    }

    private boolean accepts(int k, char c) {
      return switch (type[k]) {
        case CHAR -> ch[k] == c;
        case ANY -> true;
        case SET -> {
          boolean in = false;
          for (int m = 0; m + 1 < ranges[k].length && !in; m += 2) {
            in = ranges[k][m] <= c && c <= ranges[k][m + 1];
          }
          yield in != negated[k];
        }
        default -> false;
      };
    }

    /** Whether {@code name} matches, leading period included (only a literal one matches it). */
    boolean matches(String name) {
      if (name.startsWith(".") && (type.length == 0 || type[0] != CHAR || ch[0] != '.')) {
        return false;
      }
      int p = type.length;
      boolean[] cur = new boolean[p + 1];
      boolean[] next = new boolean[p + 1];
      cur[0] = true;
      close(cur);
      for (int i = 0; i < name.length(); i++) {
        java.util.Arrays.fill(next, false);
        char c = name.charAt(i);
        boolean alive = false;
        for (int k = 0; k < p; k++) {
          if (!cur[k]) continue;
          if (type[k] == STAR) {
            next[k] = true;
            alive = true;
          } else if (accepts(k, c)) {
            next[k + 1] = true;
            alive = true;
          }
        }
        if (!alive) return false;
        close(next);
        boolean[] swap = cur;
        cur = next;
        next = swap;
      }
      return cur[p];
    }

    /** A star may match nothing. */
    private void close(boolean[] states) {
      for (int k = 0; k < type.length; k++) {
        if (states[k] && type[k] == STAR) states[k + 1] = true;
      }
    }
  }
}
