package dev.berth.context;

/**
 * Where a build context comes from. Only a local directory inside the project root can be
 * analysed; anything else is carried as an explicit unknown so rules stay silent about it.
 */
public sealed interface ContextLocation {

  /** @param dir root-relative directory, "" for the project root */
  record Local(String dir) implements ContextLocation {
    /** The record's format, written out: a generated toString links at first use (see Range). */
    @Override
    public String toString() {
      return "Local[dir=" + dir + "]";
    }
  }

  /**
   * A URL, a git repository, a tarball, stdin, a named/additional context, or a local path that
   * leaves the project root: berth does not fetch or read it.
   *
   * @param spec the text as written
   * @param reason short phrase for messages, e.g. "a git repository"
   */
  record Unknown(String spec, String reason) implements ContextLocation {}

  /** Classifies a context as written (e.g. a compose {@code build.context}) relative to a dir. */
  static ContextLocation of(String spec, String relativeTo) {
    String s = spec.trim();
    if (s.contains("://") || s.startsWith("git@") || s.startsWith("github.com/")) {
      return new Unknown(spec, s.endsWith(".git") || s.contains("#") || s.startsWith("git")
          ? "a git repository" : "a remote URL");
    }
    if (s.equals("-")) return new Unknown(spec, "standard input");
    if (s.contains("$")) return new Unknown(spec, "a path with unresolved variables");
    if (s.startsWith("/") || s.startsWith("\\") || s.startsWith("~")
        || s.matches("^[A-Za-z]:[\\\\/].*")) {
      return new Unknown(spec, "an absolute path");
    }
    String joined = Paths.clean(Paths.join(relativeTo, s));
    if (joined.equals("..") || joined.startsWith("../")) {
      return new Unknown(spec, "a directory outside the project root");
    }
    return new Local(joined.equals(".") ? "" : joined);
  }
}
