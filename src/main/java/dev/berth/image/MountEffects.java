package dev.berth.image;

import dev.berth.project.FileTree;
import java.util.Optional;

/**
 * What runtime mounts do to the paths a container's process needs: which bind mount a path lies
 * in, what a bind mount hides of the image, and where HOME points for the runtime user.
 */
public final class MountEffects {
  private MountEffects() {}

  /** The last-declared bind mount whose target contains {@code path} (later mounts win). */
  public static Optional<ContainerView.Mount> bindContaining(ContainerView view, String path) {
    String p = ImageFilesystem.normalize(path);
    ContainerView.Mount found = null;
    int depth = -1;
    for (ContainerView.Mount m : view.mounts()) {
      String t = ImageFilesystem.normalize(m.target());
      if (!(p.equals(t) || p.startsWith(t.equals("/") ? "/" : t + "/"))) continue;
      // The deepest mount decides what is visible at the path.
      if (t.length() > depth) {
        depth = t.length();
        found = m;
      }
    }
    return Optional.ofNullable(found).filter(m -> m.kind() == ContainerView.Mount.Kind.BIND);
  }

  /**
   * A path of the image a bind mount hides: {@code hidden} exists in the image (made by the
   * build) but {@code hostPath} does not exist in the project on the host.
   *
   * @param node the image's node at {@code hidden}, whose origin says which instruction made it
   */
  public record Hidden(ContainerView.Mount mount, String hidden, String hostPath, Node node) {}

  /**
   * Whether the bind mount over {@code path} hides it: walking down from the mount target, the
   * first component the host lacks must exist in the image. Empty whenever anything on that walk
   * is unknown: a host path outside the project, a truncated or pruned walk, a symlink, or an
   * image path berth did not follow.
   */
  public static Optional<Hidden> hiddenByBind(ContainerView view, String path, FileTree host) {
    Optional<ContainerView.Mount> bind = bindContaining(view, path);
    if (bind.isEmpty() || bind.get().hostPath().isEmpty() || host.truncated()) return Optional.empty();
    String src = bind.get().hostPath().get();
    if (src.startsWith("/") || src.startsWith("..") || src.startsWith("~") || src.contains(":")) {
      return Optional.empty();
    }
    String hostRoot = src.equals(".") ? "" : src;
    if (!host.isDirectory(hostRoot) && !hostRoot.isEmpty()) return Optional.empty();
    ImageFilesystem image = view.stage().finalFilesystem();
    String target = ImageFilesystem.normalize(bind.get().target());
    String p = ImageFilesystem.normalize(path);
    if (p.equals(target)) return Optional.empty();
    String[] parts = p.substring(target.length() + (target.equals("/") ? 0 : 1)).split("/");
    String imagePath = target;
    String hostPath = hostRoot;
    for (String part : parts) {
      imagePath = imagePath.equals("/") ? "/" + part : imagePath + "/" + part;
      hostPath = hostPath.isEmpty() ? part : hostPath + "/" + part;
      Optional<FileTree.Entry> e = host.get(hostPath);
      if (e.isPresent()) {
        if (e.get().kind() != FileTree.Kind.DIRECTORY && e.get().kind() != FileTree.Kind.FILE
            || e.get().pruned()) {
          return Optional.empty();
        }
        continue;
      }
      ImageFilesystem.Lookup l = image.lookup(imagePath);
      if (l.node().isEmpty() || !l.resolved().equals(imagePath) || !placed(l)) return Optional.empty();
      return Optional.of(new Hidden(bind.get(), imagePath, hostPath, l.node().get()));
    }
    return Optional.empty();
  }

  /**
   * The image surely has the path: known to exist, or put there by a COPY/ADD of a named source
   * (owner known, file or directory not known).
   */
  private static boolean placed(ImageFilesystem.Lookup l) {
    if (l.exists() == Answer.YES) return true;
    Node n = l.node().get();
    return l.exists() == Answer.UNKNOWN && n.kind() == Node.Kind.UNKNOWN && n.uid().isPresent()
        && n.origin().range().isPresent()
        && (n.origin().description().startsWith("COPY") || n.origin().description().startsWith("ADD"));
  }

  /**
   * HOME of the runtime user: ENV HOME when the image sets it, else the home of the user's
   * /etc/passwd entry (Docker sets HOME from it), else "/" for a user with no entry. Empty when
   * unknown (a Compose environment or unknown variables may set it, accounts incomplete).
   *
   * @param fromPasswd the value comes from /etc/passwd (or its absence), not from ENV
   */
  public record Home(String path, boolean fromPasswd, Optional<UserAccount> account) {}

  /**
   * The runtime user's HOME from /etc/passwd when the user has none to write in: the image lacks
   * the directory (a {@code --system} user created without one), or HOME is "/" for a uid with no
   * entry. {@code /nonexistent} counts only when {@code /home/NAME} is missing too: adduser
   * --system gives one or the other depending on its release.
   */
  public static Optional<Home> missingHome(ContainerView view, boolean runtimeSetsHome) {
    Optional<Home> home = home(view, runtimeSetsHome).filter(Home::fromPasswd);
    if (home.isEmpty()) return home;
    String h = home.get().path();
    ImageFilesystem fs = view.filesystem();
    if (fs.lookup(h).exists() != Answer.NO && !h.equals("/")) return Optional.empty();
    boolean elsewhere = h.equals("/nonexistent") && home.get().account().isPresent()
        && fs.lookup("/home/" + home.get().account().get().name()).exists() != Answer.NO;
    return elsewhere ? Optional.empty() : home;
  }

  public static Optional<Home> home(ContainerView view, boolean runtimeSetsHome) {
    StageSimulation.Step last = view.stage().last();
    if (runtimeSetsHome || last.unknownVars().contains("HOME")) return Optional.empty();
    String h = last.env().get("HOME");
    Identity who = view.identity();
    if (h != null) {
      return Optional.of(new Home(h, false, Optional.empty()));
    }
    Accounts accounts = view.filesystem().accounts();
    String spec = who.spec();
    String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    boolean numeric = name.matches("\\d{1,9}");
    if (name.matches("\\d+") && !numeric) return Optional.empty();
    Optional<UserAccount> u = numeric
        ? accounts.userById(Integer.parseInt(name)) : accounts.user(name);
    if (u.isPresent()) {
      return u.get().maybe() ? Optional.empty() : Optional.of(new Home(u.get().home(), true, u));
    }
    if (!accounts.complete() || !numeric) return Optional.empty();
    return Optional.of(new Home("/", true, Optional.empty()));
  }
}
