package dev.berth.context;

import dev.berth.project.FileTree;
import java.util.List;
import java.util.Optional;

/**
 * The files of one local build context as the builder receives them: the context directory from
 * the project's {@link FileTree}, minus what the {@code .dockerignore} excludes, in either
 * {@link View}. All paths in this API are relative to the context directory.
 */
public final class ContextFiles {

  /** Why a context path is or is not available to COPY. */
  public enum Presence {
    /** On disk, not excluded, not git-ignored: every checkout sends it. */
    SENT,
    /** On disk but excluded by the .dockerignore. */
    EXCLUDED,
    /** On disk, not excluded, but git-ignored: only a developer's machine sends it. */
    DEVELOPER_ONLY,
    /** Not on disk. */
    ABSENT,
    /** Below a directory the loader did not descend into, or the walk was truncated. */
    UNKNOWN
  }

  private final FileTree tree;
  private final String dir;
  private final Optional<DockerIgnore> ignore;
  private final GitIgnores git;

  ContextFiles(FileTree tree, String dir, Optional<DockerIgnore> ignore, GitIgnores git) {
    this.tree = tree;
    this.dir = dir;
    this.ignore = ignore;
    this.git = git;
  }

  FileTree tree() {
    return tree;
  }

  /** Root-relative context directory ("" = project root). */
  public String dir() {
    return dir;
  }

  public String rootPath(String contextPath) {
    return Paths.join(dir, contextPath);
  }

  public Optional<FileTree.Entry> entry(String contextPath) {
    return tree.get(rootPath(contextPath));
  }

  /** The .dockerignore pattern excluding a path, if any. */
  public Optional<DockerIgnore.Pattern> excludedBy(String contextPath) {
    return ignore.flatMap(i -> i.excludedBy(contextPath));
  }

  public Optional<GitIgnore.Rule> gitIgnoredBy(String contextPath, boolean isDirectory) {
    return git.ignoredBy(rootPath(contextPath), isDirectory);
  }

  /** An ignore line that keeps the path out of git in a form git does not match ({@code ./x}). */
  public Optional<GitIgnore.Rule> keptOutOfGit(String contextPath) {
    return git.namedWithDotSlash(rootPath(contextPath));
  }

  /**
   * Whether a path reaches the builder. A directory counts as sent when it is not excluded itself
   * or when something below it is re-included (BuildKit then creates it).
   */
  public Presence presence(String contextPath) {
    if (contextPath.isEmpty()) return Presence.SENT;
    Optional<FileTree.Entry> e = entry(contextPath);
    if (e.isEmpty()) return unknownBelowPruned(contextPath) ? Presence.UNKNOWN : Presence.ABSENT;
    boolean isDir = e.get().kind() == FileTree.Kind.DIRECTORY;
    boolean excluded = excludedBy(contextPath).isPresent();
    if (excluded && isDir && !e.get().pruned()) {
      excluded = filesUnder(contextPath, View.DEVELOPER).isEmpty();
    }
    if (excluded) return Presence.EXCLUDED;
    if (gitIgnoredBy(contextPath, isDir).isPresent()) return Presence.DEVELOPER_ONLY;
    return Presence.SENT;
  }

  /** True when nothing can be said about absent paths here. */
  public boolean unknownBelowPruned(String contextPath) {
    if (tree.truncated()) return true;
    String p = rootPath(contextPath);
    while (!p.isEmpty()) {
      p = Paths.parent(p);
      Optional<FileTree.Entry> e = tree.get(p);
      if (e.isPresent() && (e.get().pruned() || e.get().kind() == FileTree.Kind.SYMLINK)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Nothing below the directory reaches the builder, though the directory itself may: a pattern
   * excludes every name below it ({@code **}{@code /node_modules/**}, which BuildKit's matcher
   * reads as {@code ^(.*}{@code /)?node_modules/.*$}: the directory is sent empty), no {@code !}
   * pattern may re-include something there (an unrelated one such as {@code !gulpfile.js} does
   * not matter), and no file below it on disk is sent. A COPY of an empty directory adds nothing
   * to what the image has there.
   */
  public boolean contentsExcluded(String contextDir) {
    if (ignore.isEmpty() || ignore.get().exceptionMayReach(contextDir)) return false;
    // a name no pattern can spell: excluded only by a pattern that takes every name below
    if (excludedBy(contextDir + "/\u0001").isEmpty()) return false;
    return filesUnder(contextDir, View.DEVELOPER).isEmpty();
  }

  /** Every non-directory entry the builder receives below {@code contextDir} ("" = all). */
  public List<String> filesUnder(String contextDir, View view) {
    return tree.under(rootPath(contextDir))
        .filter(e -> e.kind() != FileTree.Kind.DIRECTORY)
        .map(e -> Paths.relativize(dir, e.path()))
        .filter(p -> received(p, false, view))
        .toList();
  }

  /** Every entry (files and directories) below the context directory, context-relative. */
  List<FileTree.Entry> entriesUnder(String contextDir) {
    return tree.under(rootPath(contextDir)).toList();
  }

  /** True when the path itself is neither excluded nor (in the clean view) git-ignored. */
  boolean received(String contextPath, boolean isDir, View view) {
    if (excludedBy(contextPath).isPresent()) return false;
    return view == View.DEVELOPER || gitIgnoredBy(contextPath, isDir).isEmpty();
  }
}
