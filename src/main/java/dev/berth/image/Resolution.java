package dev.berth.image;

import java.util.Optional;

/**
 * How {@code execvp} would find a command for a user: the first PATH directory that has (or, for
 * an install directory, may have) the name, and whether the user can reach and run it.
 *
 * <p>Official base images do not ship application commands: in a directory whose content comes
 * only from a catalog-known base image, a name the catalog does not list is taken as absent. A
 * directory an install wrote into (pip, npm, apt, a copy) may hold any name.
 *
 * @param found YES when {@link #path()} is where the name resolves; NO when no PATH directory can
 *     hold it; UNKNOWN otherwise
 * @param path the resolved absolute path
 * @param viaInstallDir the name was not seen itself, but the first directory that can hold it is
 *     one an install populated (e.g. /root/.local/bin after pip install --user)
 * @param access whether the user can execute it (traverse included)
 */
public record Resolution(Answer found, Optional<String> path, boolean viaInstallDir,
    Optional<Node> installDir, Access access) {

  static Resolution unknown(String why) {
    return new Resolution(Answer.UNKNOWN, Optional.empty(), false, Optional.empty(), Access.unknown(why));
  }

  static Resolution resolve(ImageFilesystem fs, Optional<BaseImage> base, Identity who, String name,
      Optional<String> pathVar, Optional<String> workdir) {
    if (name.contains("/")) {
      if (!name.startsWith("/") && workdir.isEmpty()) return unknown("relative to unknown workdir");
      String p = ImageFilesystem.resolve(workdir.orElse("/"), name);
      return new Resolution(Answer.YES, Optional.of(p), false, Optional.empty(), fs.canExecute(who, p));
    }
    if (pathVar.isEmpty()) return unknown("PATH unknown");
    String[] dirs = pathVar.get().split(":", -1);
    for (int i = 0; i < dirs.length; i++) {
      Candidate c = candidate(fs, base, dirs[i], name);
      if (c.kind == Hit.ABSENT) continue;
      if (c.kind == Hit.UNKNOWN) return unknown(c.path + " may exist");
      Resolution r = c.kind == Hit.FILE
          ? new Resolution(Answer.YES, Optional.of(c.path), false, Optional.empty(),
              fs.canExecute(who, c.path))
          : new Resolution(Answer.UNKNOWN, Optional.of(c.path), true, c.dir,
              fs.canTraverse(who, ImageFilesystem.parent(c.path)));
      if (r.access().answer() != Answer.NO) return r;
      // execvp goes on after EACCES: the finding holds only if no later directory has the name.
      for (int j = i + 1; j < dirs.length; j++) {
        if (candidate(fs, base, dirs[j], name).kind != Hit.ABSENT) return unknown("also on PATH later");
      }
      return r;
    }
    return new Resolution(Answer.NO, Optional.empty(), false, Optional.empty(),
        Access.unknown("not found"));
  }

  private enum Hit { FILE, INSTALL_DIR, ABSENT, UNKNOWN }

  private record Candidate(Hit kind, String path, Optional<Node> dir) {}

  private static Candidate candidate(ImageFilesystem fs, Optional<BaseImage> base, String dir,
      String name) {
    if (dir.isEmpty() || !dir.startsWith("/")) return new Candidate(Hit.UNKNOWN, dir, Optional.empty());
    String d = ImageFilesystem.normalize(dir);
    String path = d.equals("/") ? "/" + name : d + "/" + name;
    ImageFilesystem.Lookup l = fs.lookup(path);
    if (l.exists() == Answer.YES) return new Candidate(Hit.FILE, path, Optional.empty());
    if (l.exists() == Answer.NO) return new Candidate(Hit.ABSENT, path, Optional.empty());
    Optional<Node> dirNode = fs.node(d);
    // The catalog names where the image's own PATH lookup finds a command (node:* has node in
    // /usr/local/bin, behind /usr/local/sbin): the base has it here only if that is this path.
    boolean baseCommand = base.isPresent()
        && path.equals(ImageFilesystem.normalize(base.get().commands().getOrDefault(name, "")));
    if (dirNode.isPresent() && dirNode.get().populated()) {
      return baseCommand ? new Candidate(Hit.UNKNOWN, path, dirNode)
          : new Candidate(Hit.INSTALL_DIR, path, dirNode);
    }
    boolean baseOnly = base.isPresent()
        && (dirNode.isEmpty() || dirNode.get().origin().range().isEmpty())
        && !fs.unknownEffectAfter(0);
    if (baseOnly && !baseCommand) return new Candidate(Hit.ABSENT, path, Optional.empty());
    return new Candidate(Hit.UNKNOWN, path, dirNode);
  }
}
