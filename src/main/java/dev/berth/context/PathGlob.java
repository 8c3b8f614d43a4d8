package dev.berth.context;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .berth.yaml} path glob, in the syntax of the JDK's {@code glob:} path matchers (which
 * berth used before): {@code *} and {@code ?} stay within a name, {@code **} crosses directories,
 * {@code [a-z]} and {@code [!a-z]} classes, {@code {a,b}} alternatives (not nested), {@code \}
 * escapes. The JDK compiles a glob to a backtracking regex, exponential on {@code a*****b}; here
 * each alternative becomes a {@link GlobProgram}, matched in O(pattern × path) time. A malformed
 * glob is refused with the column of the problem instead of escaping as an exception.
 */
public final class PathGlob {
  /** Alternatives multiply ({@code {a,b}{c,d}} is four programs): beyond this, refused. */
  public static final int MAX_ALTERNATIVES = 64;

  /** A glob that cannot be compiled; {@code index} is the 0-based offset of the problem. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final int index;

    Invalid(String message, int index) {
      super(message, null, false, false);
      this.index = index;
    }

    public int index() {
      return index;
    }
  }

  private final List<GlobProgram> alternatives;

  private PathGlob(List<GlobProgram> alternatives) {
    this.alternatives = List.copyOf(alternatives);
  }

  /** Whether a root-relative, slash-separated path matches. */
  public boolean matches(String path) {
    for (GlobProgram p : alternatives) {
      if (p.matches(path)) return true;
    }
    return false;
  }

  /** One step of a program, applied to each alternative being built. */
  private interface Step {
    void apply(GlobProgram p);
  }

  public static PathGlob compile(String glob) throws Invalid {
    // Each element is a list of alternative step sequences; outside {...} it has one.
    List<List<List<Step>>> elements = new ArrayList<>();
    List<List<Step>> group = null;
    int groupStart = -1;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      List<Step> into;
      if (group != null) {
        into = group.get(group.size() - 1);
      } else {
        into = new ArrayList<>();
        elements.add(List.of(into));
      }
      switch (c) {
        case '\\' -> {
          if (i + 1 >= glob.length()) throw new Invalid("nothing after the escape '\\'", i);
          char lit = glob.charAt(i + 1);
          into.add(p -> p.literal(lit));
          i += 2;
        }
        case '*' -> {
          boolean two = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
          into.add(two ? GlobProgram::any : GlobProgram::segmentStar);
          i += two ? 2 : 1;
        }
        case '?' -> {
          into.add(GlobProgram::one);
          i++;
        }
        case '[' -> i = charClass(glob, i, into);
        case '{' -> {
          if (group != null) throw new Invalid("'{' inside '{...}': groups cannot nest", i);
          group = new ArrayList<>();
          group.add(new ArrayList<>());
          groupStart = i;
          elements.remove(elements.size() - 1);
          i++;
        }
        case ',' -> {
          if (group != null) {
            group.add(new ArrayList<>());
          } else {
            into.add(p -> p.literal(','));
          }
          i++;
        }
        case '}' -> {
          if (group != null) {
            elements.add(group);
            group = null;
          } else {
            into.add(p -> p.literal('}'));
          }
          i++;
        }
        default -> {
          into.add(p -> p.literal(c));
          i++;
        }
      }
    }
    if (group != null) throw new Invalid("'{' without its '}'", groupStart);
    List<List<Step>> programs = List.of(List.of());
    for (List<List<Step>> element : elements) {
      if ((long) programs.size() * element.size() > MAX_ALTERNATIVES) {
        throw new Invalid("more than " + MAX_ALTERNATIVES + " alternatives", 0);
      }
      List<List<Step>> next = new ArrayList<>();
      for (List<Step> prefix : programs) {
        for (List<Step> alt : element) {
          List<Step> joined = new ArrayList<>(prefix);
          joined.addAll(alt);
          next.add(joined);
        }
      }
      programs = next;
    }
    List<GlobProgram> out = new ArrayList<>();
    for (List<Step> steps : programs) {
      GlobProgram p = new GlobProgram();
      steps.forEach(s -> s.apply(p));
      out.add(p);
    }
    return new PathGlob(out);
  }

  /** {@code [...]} at {@code start}; returns the index after its {@code ]}. */
  private static int charClass(String glob, int start, List<Step> into) throws Invalid {
    int i = start + 1;
    boolean negated = false;
    StringBuilder ranges = new StringBuilder();
    if (i < glob.length() && glob.charAt(i) == '^') {
      ranges.append("^^"); // as in the JDK: a leading '^' is literal, '!' negates
      i++;
    } else if (i < glob.length() && glob.charAt(i) == '!') {
      negated = true;
      i++;
    }
    boolean closed = false;
    while (i < glob.length()) {
      char lo = glob.charAt(i++);
      if (lo == ']') {
        if (ranges.length() == 0) throw new Invalid("empty '[]'", start);
        closed = true;
        break;
      }
      if (lo == '/') throw new Invalid("'/' inside '[...]'", i - 1);
      char hi = lo;
      if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
        hi = glob.charAt(i + 1);
        if (hi < lo) throw new Invalid("invalid range " + lo + "-" + hi, i - 1);
        i += 2;
      }
      ranges.append(lo).append(hi);
    }
    if (!closed) throw new Invalid("'[' without its ']'", start);
    char[] r = withoutSlash(ranges.toString().toCharArray(), negated);
    boolean neg = negated;
    into.add(p -> p.charClass(neg, r));
    return i;
  }

  /** Classes never match '/', in either form. */
  private static char[] withoutSlash(char[] r, boolean negated) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k + 1 < r.length; k += 2) {
      char lo = r[k];
      char hi = r[k + 1];
      if (!negated && lo <= '/' && '/' <= hi) {
        if (lo < '/') b.append(lo).append((char) ('/' - 1));
        if (hi > '/') b.append((char) ('/' + 1)).append(hi);
      } else {
        b.append(lo).append(hi);
      }
    }
    if (negated) b.append("//");
    return b.toString().toCharArray();
  }
}
