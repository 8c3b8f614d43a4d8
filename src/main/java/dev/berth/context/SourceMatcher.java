package dev.berth.context;

import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Word;
import dev.berth.project.FileTree;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves COPY/ADD and bind-mount sources against a context the way BuildKit does: the path is
 * joined onto "/" and cleaned (".." cannot leave the context), a component with {@code * ? [}
 * switches to Go filepath.Match over the entries below the literal prefix (a matched directory is
 * copied whole), wildcards may match nothing, literal paths must exist, {@code --parents} uses
 * patternmatcher include patterns with an optional {@code /./} pivot.
 */
final class SourceMatcher {
  private SourceMatcher() {}

  /**
   * @param listFiles false when only the outcome matters: skips listing the files below matched
   *     directories, the costly part on large trees
   */
  static List<SourceMatch> match(Optional<ContextFiles> files, Instruction.FileTransfer t,
      boolean listFiles) {
    return match(files, t, listFiles, false, Word::text);
  }

  /**
   * @param fromNamed the transfer's {@code --from} names a local named context and {@code files}
   *     are that context's
   * @param text a source word as BuildKit sees it (build args and ENV expanded when known)
   */
  static List<SourceMatch> match(Optional<ContextFiles> files, Instruction.FileTransfer t,
      boolean listFiles, boolean fromNamed, java.util.function.Function<Word, String> text) {
    List<SourceMatch> out = new ArrayList<>();
    boolean fromElsewhere = t.from().isPresent() && !fromNamed;
    boolean parents = t.hasFlag("parents") && !t.flag("parents").get().valueOrEmpty()
        .equalsIgnoreCase("false");
    for (Word w : t.sources()) {
      String src = text.apply(w);
      if (fromElsewhere || isRemote(src) || isHeredocMarker(src, t.heredocs())) {
        out.add(SourceMatch.of(src, w.range(), src, SourceMatch.Outcome.NOT_FROM_CONTEXT));
        continue;
      }
      out.add(resolve(src, w.range(), files, parents, listFiles));
    }
    return out;
  }

  static SourceMatch mount(Optional<ContextFiles> files, Mount m, boolean fromNamed) {
    String src = m.option("source").or(() -> m.option("src")).orElse(".");
    if (m.option("from").isPresent() && !fromNamed) {
      return SourceMatch.of(src, m.range(), src, SourceMatch.Outcome.NOT_FROM_CONTEXT);
    }
    if (GoGlob.hasWildcards(src)) {
      // bind mounts take the path literally; a '*' here is a file name, rare enough to not judge
      return SourceMatch.of(src, m.range(), src, SourceMatch.Outcome.UNKNOWN);
    }
    return resolve(src, m.range(), files, false, true);
  }

  private static boolean isRemote(String src) {
    return src.contains("://") || src.startsWith("git@");
  }

  private static boolean isHeredocMarker(String src, List<Heredoc> heredocs) {
    return src.startsWith("<<") && !heredocs.isEmpty();
  }

  private static SourceMatch resolve(String src, Range range, Optional<ContextFiles> maybeFiles,
      boolean parents, boolean listFiles) {
    // variables, quotes and escapes need the Dockerfile's word processing: no judgement
    if (src.indexOf('$') >= 0 || src.indexOf('"') >= 0 || src.indexOf('\'') >= 0
        || src.indexOf('\\') >= 0 || src.indexOf('`') >= 0 || maybeFiles.isEmpty()) {
      return SourceMatch.of(src, range, src, SourceMatch.Outcome.UNKNOWN);
    }
    ContextFiles files = maybeFiles.get();
    String pivotParent = "";
    String pattern = src;
    if (parents) {
      int pivot = src.indexOf("/./");
      if (pivot >= 0) {
        pivotParent = src.substring(0, pivot);
        pattern = src.substring(pivot + 3);
      }
      if (GoGlob.hasWildcards(pivotParent) || GoGlob.hasWildcards(pattern)) {
        return parentsPattern(src, range, files, Paths.withinRoot(pivotParent),
            Paths.withinRoot(pattern), listFiles);
      }
      src = Paths.join(pivotParent, pattern);
    }
    String resolved = Paths.withinRoot(src);
    if (GoGlob.hasWildcards(resolved)) return wildcard(src, range, files, resolved, listFiles);
    return literal(src, range, files, resolved, listFiles);
  }

  private static SourceMatch literal(String src, Range range, ContextFiles files, String resolved,
      boolean listFiles) {
    ContextFiles.Presence p = files.presence(resolved);
    boolean isDir = files.entry(resolved).map(e -> e.kind() == FileTree.Kind.DIRECTORY)
        .orElse(false);
    switch (p) {
      case SENT:
        return new SourceMatch(src, range, resolved, SourceMatch.Outcome.MATCHED,
            !isDir && !resolved.isEmpty() ? List.of(resolved)
                : listFiles ? files.filesUnder(resolved, View.CLEAN_CLONE) : List.of(),
            Optional.empty(), Optional.empty(), Optional.empty());
      case EXCLUDED:
        return new SourceMatch(src, range, resolved, SourceMatch.Outcome.EXCLUDED, List.of(),
            files.excludedBy(resolved), Optional.empty(), Optional.empty());
      case DEVELOPER_ONLY:
        return new SourceMatch(src, range, resolved, SourceMatch.Outcome.DEVELOPER_ONLY,
            List.of(), Optional.empty(), files.gitIgnoredBy(resolved, isDir), Optional.empty());
      case UNKNOWN:
        return SourceMatch.of(src, range, resolved, SourceMatch.Outcome.UNKNOWN);
      default:
        return absent(src, range, files, resolved);
    }
  }

  /** Not in the context: say whether it exists above it (what ".." or a monorepo layout meant). */
  private static SourceMatch absent(String src, Range range, ContextFiles files, String resolved) {
    // The repository's own .git directory, in a context at the repository root (invidious's
    // `COPY ./.git/ ./.git/`, pgadmin's `RUN --mount=source=.git`): every checkout the project
    // is built from has it, but a tree berth reads may be an export without it (a source archive,
    // the bench's snapshots). Excluded by the .dockerignore is a failure in a checkout too.
    if (files.dir().isEmpty() && (resolved.equals(".git") || resolved.startsWith(".git/"))) {
      Optional<DockerIgnore.Pattern> excluded = files.excludedBy(resolved);
      return excluded.isPresent()
          ? new SourceMatch(src, range, resolved, SourceMatch.Outcome.EXCLUDED, List.of(),
              excluded, Optional.empty(), Optional.empty())
          : SourceMatch.of(src, range, resolved, SourceMatch.Outcome.UNKNOWN);
    }
    // absent from a clean clone because git ignores it there: a build output or a file put in
    // place before the build, even when a file of that name exists above the context (the
    // original that seafile-docker's release process copies into image/*/base_scripts)
    // A directory whose entries git ignores, whatever their names (zabbix's
    // `Dockerfiles/*/rhel/secrets/*`: the RHEL credentials each builder puts there), never
    // reaches a clean clone either: git keeps no empty directories.
    Optional<GitIgnore.Rule> ignored = files.gitIgnoredBy(resolved, true)
        .or(() -> files.gitIgnoredBy(resolved, false))
        .or(() -> files.keptOutOfGit(resolved))
        .or(() -> resolved.isEmpty() ? Optional.empty()
            : files.gitIgnoredBy(Paths.join(resolved, ANY_ENTRY), false));
    if (ignored.isPresent()) {
      return new SourceMatch(src, range, resolved, SourceMatch.Outcome.GENERATED, List.of(),
          Optional.empty(), ignored, Optional.empty());
    }
    Optional<String> elsewhere = Optional.empty();
    String literal = Paths.clean(Paths.join(files.dir(), src.startsWith("/") ? src.substring(1)
        : src));
    if (!literal.equals(".") && !literal.startsWith("../") && !literal.equals("..")
        && Paths.relativize(files.dir(), literal) == null && exists(files, literal)) {
      elsewhere = Optional.of(literal);
    }
    String dir = files.dir();
    while (elsewhere.isEmpty() && !dir.isEmpty()) {
      dir = Paths.parent(dir);
      String candidate = Paths.join(dir, resolved);
      if (exists(files, candidate)) elsewhere = Optional.of(candidate);
    }
    if (elsewhere.isPresent()) {
      return new SourceMatch(src, range, resolved, SourceMatch.Outcome.OUTSIDE_CONTEXT, List.of(),
          Optional.empty(), Optional.empty(), elsewhere);
    }
    return SourceMatch.of(src, range, resolved, SourceMatch.Outcome.MISSING);
  }

  /** A name no pattern singles out: a rule that ignores it ignores any entry of its directory. */
  private static final String ANY_ENTRY = "berth-any-entry";

  private static boolean exists(ContextFiles files, String rootPath) {
    return files.tree().get(rootPath).isPresent();
  }

  private static SourceMatch wildcard(String src, Range range, ContextFiles files,
      String resolved, boolean listFiles) {
    String[] parts = resolved.split("/");
    StringBuilder literal = new StringBuilder();
    int i = 0;
    for (; i < parts.length && !GoGlob.hasWildcards(parts[i]); i++) {
      if (literal.length() > 0) literal.append('/');
      literal.append(parts[i]);
    }
    String base = literal.toString();
    String glob = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
    if (files.unknownBelowPruned(Paths.join(base, "x"))
        || files.entry(base).map(FileTree.Entry::pruned).orElse(false)) {
      return SourceMatch.of(src, range, resolved, SourceMatch.Outcome.UNKNOWN);
    }
    List<String> onDisk = new ArrayList<>();
    String skipBelow = null;
    for (FileTree.Entry e : files.entriesUnder(base)) {
      String rel = Paths.relativize(files.rootPath(base), e.path());
      if (skipBelow != null && rel.startsWith(skipBelow)) continue;
      if (GoGlob.match(glob, rel)) {
        onDisk.add(Paths.join(base, rel));
        if (e.kind() == FileTree.Kind.DIRECTORY) skipBelow = rel + "/";
      }
    }
    return fromCandidates(src, range, files, resolved, onDisk, listFiles);
  }

  private static SourceMatch parentsPattern(String src, Range range, ContextFiles files,
      String base, String include, boolean listFiles) {
    if (files.unknownBelowPruned(Paths.join(base, "x"))) {
      return SourceMatch.of(src, range, src, SourceMatch.Outcome.UNKNOWN);
    }
    PathPattern p = PathPattern.compile(include);
    List<String> onDisk = new ArrayList<>();
    for (FileTree.Entry e : files.entriesUnder(base)) {
      if (e.kind() == FileTree.Kind.DIRECTORY) continue;
      String rel = Paths.relativize(files.rootPath(base), e.path());
      if (selfOrAncestorMatches(p, rel)) onDisk.add(Paths.join(base, rel));
    }
    return fromCandidates(src, range, files, Paths.join(base, include), onDisk, listFiles);
  }

  private static boolean selfOrAncestorMatches(PathPattern p, String rel) {
    String cur = rel;
    while (!cur.isEmpty()) {
      if (p.matches(cur)) return true;
      cur = Paths.parent(cur);
    }
    return false;
  }

  /** Sorts wildcard candidates (context-relative) into what each view receives. */
  private static SourceMatch fromCandidates(String src, Range range, ContextFiles files,
      String resolved, List<String> onDisk, boolean listFiles) {
    List<String> clean = new ArrayList<>();
    boolean sent = false;
    boolean developer = false;
    Optional<DockerIgnore.Pattern> excluded = Optional.empty();
    Optional<GitIgnore.Rule> gitRule = Optional.empty();
    for (String c : onDisk) {
      ContextFiles.Presence pr = files.presence(c);
      boolean isDir = files.entry(c).map(e -> e.kind() == FileTree.Kind.DIRECTORY).orElse(false);
      if (pr == ContextFiles.Presence.SENT) {
        sent = true;
        if (!isDir) {
          clean.add(c);
        } else if (listFiles) {
          clean.addAll(files.filesUnder(c, View.CLEAN_CLONE));
        }
      } else if (pr == ContextFiles.Presence.DEVELOPER_ONLY) {
        developer = true;
        if (gitRule.isEmpty()) gitRule = files.gitIgnoredBy(c, isDir);
      } else if (pr == ContextFiles.Presence.EXCLUDED && excluded.isEmpty()) {
        excluded = files.excludedBy(c);
      }
    }
    if (sent) {
      return new SourceMatch(src, range, resolved, SourceMatch.Outcome.MATCHED, clean,
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    if (developer) {
      return new SourceMatch(src, range, resolved, SourceMatch.Outcome.DEVELOPER_ONLY, List.of(),
          Optional.empty(), gitRule, Optional.empty());
    }
    return new SourceMatch(src, range, resolved, SourceMatch.Outcome.EMPTY_WILDCARD, List.of(),
        excluded, Optional.empty(), Optional.empty());
  }
}
