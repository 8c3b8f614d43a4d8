package dev.berth.compose;

import java.util.ArrayDeque;
import java.util.Deque;

/** Root-relative path arithmetic on forward-slash strings ("" or "." is the root). */
public final class Paths {
  private Paths() {}

  public static boolean isAbsolute(String p) {
    return p.startsWith("/") || p.startsWith("~") || windowsDrive(p);
  }

  /** {@code C:\} or {@code C:/}: checked by hand, this is asked for every path of a project. */
  private static boolean windowsDrive(String p) {
    if (p.length() < 3 || p.charAt(1) != ':' || (p.charAt(2) != '\\' && p.charAt(2) != '/')) {
      return false;
    }
    char c = p.charAt(0);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Directory part of a root-relative file path; "" for a file at the root. */
  public static String dir(String file) {
    int i = file.lastIndexOf('/');
    return i < 0 ? "" : file.substring(0, i);
  }

  /** Directories of CI configuration, whose compose files CI jobs start. */
  private static final java.util.Set<String> CI_DIRECTORIES = java.util.Set.of(".github",
      ".gitlab", ".circleci", ".ci", "ci", ".buildkite", ".woodpecker");

  /** The file is in a CI configuration directory ({@code .github/}, {@code ci/}, ...). */
  public static boolean inCiDirectory(String file) {
    for (String part : dir(file).split("/")) {
      if (CI_DIRECTORIES.contains(part)) return true;
    }
    return false;
  }

  public static String fileName(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * {@code rel} resolved against the root-relative directory {@code base} and normalised; absolute
   * paths are returned unchanged. A result starting with ".." escapes the root.
   */
  public static String resolve(String base, String rel) {
    if (isAbsolute(rel)) return rel;
    String joined = base.isEmpty() || base.equals(".") ? rel : base + "/" + rel;
    return normalize(joined);
  }

  /**
   * Lexical clean-up; an absolute path keeps its leading "/" (it names a host path, never one
   * under the root). A backslash is an ordinary character, as it is to Compose on Linux and macOS.
   */
  public static String normalize(String p) {
    Deque<String> parts = new ArrayDeque<>();
    String prefix = p.startsWith("/") ? "/" : "";
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    if (parts.isEmpty()) return prefix.isEmpty() ? "." : prefix;
    return prefix + String.join("/", parts);
  }

  public static boolean escapes(String rootRelative) {
    String n = normalize(rootRelative);
    return n.equals("..") || n.startsWith("../");
  }
}
