package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageFilesystemTest {
  private static final Origin O = Origin.base("test");

  private static Identity user(int uid, int gid, Integer... groups) {
    return new Identity("u", OptionalInt.of(uid), OptionalInt.of(gid), Set.of(groups), true);
  }

  private static Node dir(int uid, int gid, int mode) {
    return Node.dir(uid, gid, mode, true, O);
  }

  @Test
  void permissionClasses() {
    Node d = dir(1000, 2000, 0750);
    int x = 1;
    assertEquals(Answer.YES, ImageFilesystem.permits(d, user(1000, 1), x));
    assertEquals(Answer.YES, ImageFilesystem.permits(d, user(5, 2000), x));
    assertEquals(Answer.YES, ImageFilesystem.permits(d, user(5, 1, 2000), x));
    assertEquals(Answer.NO, ImageFilesystem.permits(d, user(5, 1), x));
    assertEquals(Answer.YES, ImageFilesystem.permits(d, Identity.ROOT, 2));
    // Owner class wins even when group or other would allow more.
    assertEquals(Answer.NO, ImageFilesystem.permits(dir(1000, 0, 0077), user(1000, 0), 4));
    // Unknown supplementary groups: the answer depends on them.
    Identity partial = new Identity("u", OptionalInt.of(5), OptionalInt.of(1), Set.of(), false);
    assertEquals(Answer.UNKNOWN, ImageFilesystem.permits(d, partial, x));
    assertEquals(Answer.NO, ImageFilesystem.permits(dir(0, 0, 0700), partial, x));
  }

  @Test
  void rootNeedsAnExecBitOnFiles() {
    Node f = Node.file(0, 0, OptionalInt.of(0644), O);
    assertEquals(Answer.NO, ImageFilesystem.permits(f, Identity.ROOT, 1));
    assertEquals(Answer.YES, ImageFilesystem.permits(Node.file(0, 0, OptionalInt.of(0100), O), Identity.ROOT, 1));
  }

  @Test
  void traverseReportsTheBlockingComponent() {
    ImageFilesystem.Editor e = ImageFilesystem.scratch().edit();
    e.put("/root", dir(0, 0, 0700));
    e.put("/root/.local", dir(0, 0, 0755));
    e.put("/root/.local/bin", dir(0, 0, 0755));
    e.put("/root/.local/bin/uvicorn", Node.file(0, 0, OptionalInt.of(0755), O));
    ImageFilesystem fs = e.freeze();
    Access a = fs.canExecute(user(1000, 1000), "/root/.local/bin/uvicorn");
    assertEquals(Answer.NO, a.answer());
    assertEquals(Optional.of("/root"), a.blockingPath());
    assertEquals(Answer.YES, fs.canExecute(Identity.ROOT, "/root/.local/bin/uvicorn").answer());
    assertEquals(Answer.NO, fs.lookup("/root/.local/bin/gunicorn").exists());
  }

  @Test
  void symlinksAreFollowed() {
    ImageFilesystem.Editor e = ImageFilesystem.scratch().edit();
    e.put("/opt", dir(0, 0, 0755));
    e.put("/opt/real", dir(1000, 1000, 0700));
    e.symlink("/app", "opt/real", 0, 0, O);
    ImageFilesystem fs = e.freeze();
    assertEquals("/opt/real", fs.lookup("/app").resolved());
    assertEquals(Answer.NO, fs.canWrite(user(5, 5), "/app/x").answer());
    assertEquals(Answer.YES, fs.canWrite(user(1000, 1000), "/app/x").answer());
  }

  @Test
  void modes() {
    assertEquals(OptionalInt.of(0750), Modes.parse("750").orElseThrow().apply(OptionalInt.empty(), true));
    assertEquals(OptionalInt.of(0775), Modes.parse("g+w").orElseThrow().apply(OptionalInt.of(0755), true));
    assertEquals(OptionalInt.empty(), Modes.parse("g+w").orElseThrow().apply(OptionalInt.empty(), true));
    assertEquals(OptionalInt.of(0755), Modes.parse("u=rwx,go=rX").orElseThrow().apply(OptionalInt.empty(), true));
    assertEquals(OptionalInt.of(0644), Modes.parse("a-x").orElseThrow().apply(OptionalInt.of(0755), false));
    assertEquals(Optional.empty(), Modes.parse("rwx"));
  }

  @Test
  void normalize() {
    assertEquals("/a/c", ImageFilesystem.normalize("/a/./b/../c/"));
    assertEquals("/", ImageFilesystem.normalize("/.."));
    assertEquals("/app/x", ImageFilesystem.resolve("/app", "x"));
    // already normal: returned as is (the fast path) — and every near-normal shape is not
    assertEquals("/", ImageFilesystem.normalize("/"));
    assertEquals("/usr/local/bin", ImageFilesystem.normalize("/usr/local/bin"));
    assertEquals("/a/.b/..c/...", ImageFilesystem.normalize("/a/.b/..c/..."));
    assertEquals("/a", ImageFilesystem.normalize("/a/"));
    assertEquals("/a/b", ImageFilesystem.normalize("/a//b"));
    assertEquals("/a", ImageFilesystem.normalize("/a/."));
    assertEquals("/", ImageFilesystem.normalize("/a/.."));
    assertEquals("/b", ImageFilesystem.normalize("/./b"));
    assertEquals("/a/b", ImageFilesystem.normalize("a/b"));
    assertEquals("/", ImageFilesystem.normalize(""));
    assertEquals("/", ImageFilesystem.normalize("//"));
  }
}
