package dev.berth.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileTreeTest {

  private static FileTree tree(String... paths) {
    List<FileTree.Entry> entries = new ArrayList<>();
    entries.add(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    for (String p : paths) {
      boolean dir = p.endsWith("/");
      entries.add(new FileTree.Entry(dir ? p.substring(0, p.length() - 1) : p,
          dir ? FileTree.Kind.DIRECTORY : FileTree.Kind.FILE, 0, Optional.empty(), false, false));
    }
    return FileTree.of(entries, false);
  }

  private static List<String> children(FileTree t, String dir) {
    return t.children(dir).map(FileTree.Entry::path).toList();
  }

  @Test
  void childrenAreTheDirectEntriesOnlyWhateverSortsBetweenThem() {
    // "a/b.txt" and "a/b-c" sort between "a/b" and "a/b/c": siblings, not descendants
    FileTree t = tree("a/", "a/b/", "a/b/c", "a/b/c/d", "a/b-c", "a/b.txt", "a/c", "a0", "b");
    assertEquals(List.of("a/b", "a/b-c", "a/b.txt", "a/c"), children(t, "a"));
    assertEquals(List.of("a", "a0", "b"), children(t, ""));
    assertEquals(List.of("a/b/c"), children(t, "a/b"));
    assertEquals(List.of(), children(t, "a/c"));
    assertEquals(List.of(), children(t, "missing"));
  }

  @Test
  void absentOnlyWhereTheWalkListedTheDirectoryAbove() {
    List<FileTree.Entry> entries = new ArrayList<>();
    entries.add(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    entries.add(new FileTree.Entry("a", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    entries.add(new FileTree.Entry("a/x", FileTree.Kind.FILE, 0, Optional.empty(), false, false));
    entries.add(new FileTree.Entry("node_modules", FileTree.Kind.DIRECTORY, 0, Optional.empty(),
        false, true));
    entries.add(new FileTree.Entry("link", FileTree.Kind.SYMLINK, 0, Optional.of("a"), false,
        false));
    FileTree t = FileTree.of(entries, false);
    assertFalse(t.surelyAbsent("a/x"), "recorded");
    assertTrue(t.surelyAbsent("a/y"));
    assertTrue(t.surelyAbsent("a/b/c"), "a has no b");
    assertTrue(t.surelyAbsent(".env"));
    assertFalse(t.surelyAbsent("node_modules/p/package.json"), "pruned: never listed");
    assertFalse(t.surelyAbsent("link/x"), "through a link: the disk knows");
    assertFalse(t.surelyAbsent("a/x/y"), "below a file: not a directory the walk listed");
    assertFalse(FileTree.of(entries, true).surelyAbsent("a/y"), "a cut-short walk proves nothing");
  }
}
