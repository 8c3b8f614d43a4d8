package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.project.FileTree;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitIgnoresTest {

  static GitIgnores of(Map<String, String> ignoreFiles, List<String> dirs) {
    List<FileTree.Entry> entries = new java.util.ArrayList<>();
    entries.add(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    for (String d : dirs) {
      entries.add(new FileTree.Entry(d, FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    }
    for (String f : ignoreFiles.keySet()) {
      entries.add(new FileTree.Entry(f, FileTree.Kind.FILE, 1, Optional.empty(), false, false));
    }
    FileTree tree = FileTree.of(entries, false);
    return GitIgnores.of(tree,
        p -> Optional.ofNullable(ignoreFiles.get(p)).map(t -> new SourceFile(p, t)));
  }

  /** Rows: root .gitignore (lines separated by '|'), path, is a directory, ignored. gitignore(5). */
  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = ';', value = {
      // no slash: matches at any depth
      "__pycache__; __pycache__; true; true",
      "__pycache__; pkg/sub/__pycache__; true; true",
      "__pycache__; pkg/sub/__pycache__/m.pyc; false; true",
      "*.pyc; pkg/m.pyc; false; true",
      // slash in the middle or at the start: anchored to the file's directory
      "doc/frotz; doc/frotz; true; true",
      "doc/frotz; a/doc/frotz; true; false",
      "/build; build/out; false; true",
      "/build; web/build/out; false; false",
      // trailing slash: directories only
      "frotz/; frotz; true; true",
      "frotz/; frotz; false; false",
      "frotz/; a/frotz/x; false; true",
      // ** forms
      "**/foo; foo; true; true",
      "**/foo; a/b/foo; false; true",
      "**/foo/bar; x/foo/bar; false; true",
      "abc/**; abc/x/y; false; true",
      "abc/**; abc; true; false",
      "a/**/b; a/b; false; true",
      "a/**/b; a/x/y/b; false; true",
      "foo**bar; foo/bar; false; false",
      // negation, last match wins, but no re-including below an ignored directory
      "*.log|!keep.log; keep.log; false; false",
      "*.log|!keep.log; other.log; false; true",
      "logs/|!logs/keep.log; logs/keep.log; false; true",
      "logs/*|!logs/keep.log; logs/keep.log; false; false",
      // classes, escapes
      "[Bb]uild; Build; true; true",
      "[!a]x; bx; false; true",
      "[!a]x; ax; false; false",
      "\\#notes; #notes; false; true",
      "\\!bang; !bang; false; true",
  })
  void followsGitignoreSemantics(String lines, String path, boolean dir, boolean ignored) {
    GitIgnores g = of(Map.of(".gitignore", lines.replace('|', '\n')), List.of());
    assertEquals(ignored, g.ignoredBy(path, dir).isPresent());
  }

  @Test
  void deeperFilesOverrideShallowerOnesAndAnchorToTheirDirectory() {
    GitIgnores g = of(Map.of(
        ".gitignore", "*.env\n/dist\n",
        "web/.gitignore", "!local.env\ndist\n"), List.of("web"));
    assertTrue(g.ignoredBy("prod.env", false).isPresent());
    assertFalse(g.ignoredBy("web/local.env", false).isPresent());
    assertTrue(g.ignoredBy("web/other.env", false).isPresent());
    assertTrue(g.ignoredBy("web/dist", true).isPresent());
    assertEquals(2, g.ignoredBy("web/dist", true).get().range().startLine());
    assertEquals("web/.gitignore", g.ignoredBy("web/dist", true).get().range().file());
    assertFalse(g.ignoredBy("api/dist", true).isPresent());
  }

  @Test
  void commentsBlankLinesAndTrailingSpaces() {
    GitIgnores g = of(Map.of(".gitignore", "# .venv\n\n.venv   \nspace\\ \n"), List.of());
    assertTrue(g.ignoredBy(".venv", true).isPresent());
    assertTrue(g.ignoredBy("space ", false).isPresent());
    assertFalse(g.ignoredBy("# .venv", false).isPresent());
  }

  @Test
  void infoExcludeHasTheLowestPrecedence() {
    GitIgnores g = of(Map.of(".git/info/exclude", "secret.txt\nnotes/\n",
        ".gitignore", "!secret.txt\n"), List.of());
    assertFalse(g.ignoredBy("secret.txt", false).isPresent());
    assertTrue(g.ignoredBy("notes/todo.md", false).isPresent());
  }
}
