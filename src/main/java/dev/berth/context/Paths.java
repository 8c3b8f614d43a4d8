package dev.berth.context;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-path helpers with Go's {@code path.Clean} semantics, which BuildKit applies everywhere. */
public final class Paths {
  private Paths() {}

  /**
   * A glob(3)-style pattern of {@code *} (any run of characters but {@code /}) and {@code ?} (one
   * such character), every other character literal, as a regex over whole paths: what nginx's
   * and php-fpm's {@code include} and make's {@code include} expand against file names.
   */
  public static java.util.regex.Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      switch (ch) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
      }
    }
    return java.util.regex.Pattern.compile(re.toString());
  }

  /**
   * Go {@code path.Clean}: collapse slashes, drop ".", resolve ".." lexically (dropped at the root
   * of a rooted path, kept at the start of a relative one); "" becomes ".".
   */
  public static String clean(String p) {
    if (p.isEmpty()) return ".";
    boolean rooted = p.startsWith("/");
    Deque<String> out = new ArrayDeque<>();
    int leadingDotDots = 0;
    for (String part : p.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.removeLast();
        } else if (!rooted) {
          leadingDotDots++;
        }
        continue;
      }
      out.addLast(part);
    }
    StringBuilder b = new StringBuilder(rooted ? "/" : "");
    for (int i = 0; i < leadingDotDots; i++) {
      if (b.length() > 0 && b.charAt(b.length() - 1) != '/') b.append('/');
      b.append("..");
    }
    for (String part : out) {
      if (b.length() > 0 && b.charAt(b.length() - 1) != '/') b.append('/');
      b.append(part);
    }
    return b.length() == 0 ? "." : b.toString();
  }

  /**
   * A path inside a context the way BuildKit resolves COPY sources: joined onto "/" and cleaned,
   * so ".." can never climb above the context root. Returns "" for the root itself.
   */
  public static String withinRoot(String p) {
    String c = clean("/" + p);
    return c.equals("/") ? "" : c.substring(1);
  }

  /** {@code dir + "/" + rel} for root-relative paths where "" is the root. */
  public static String join(String dir, String rel) {
    if (dir.isEmpty()) return rel;
    if (rel.isEmpty()) return dir;
    return dir + "/" + rel;
  }

  /** Parent of a root-relative path; "" for top-level entries. */
  public static String parent(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }

  public static String name(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** {@code p} relative to {@code dir}, or null when it is not inside it ("" when equal). */
  public static String relativize(String dir, String p) {
    if (dir.isEmpty()) return p;
    if (p.equals(dir)) return "";
    return p.startsWith(dir + "/") ? p.substring(dir.length() + 1) : null;
  }
}
