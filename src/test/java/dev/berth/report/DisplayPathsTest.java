package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DisplayPathsTest {
  @Test
  void pathsAreShownFromTheWorkingDirectoryWhenUnderIt() {
    DisplayPaths fromParent = new DisplayPaths(Path.of("/work/repo"), Path.of("/work"));
    assertEquals("repo/app/Dockerfile", fromParent.show("app/Dockerfile"));
    assertEquals("repo", fromParent.show("."), "the root seen from above is named, not '.'");
    DisplayPaths fromSub = new DisplayPaths(Path.of("/work/repo"), Path.of("/work/repo/app"));
    assertEquals("Dockerfile", fromSub.show("app/Dockerfile"));
    assertEquals(".", fromSub.show("app"));
    assertEquals("compose.yaml", new DisplayPaths(Path.of("/r"), Path.of("/r")).show("compose.yaml"));
    assertEquals("lib/x", fromSub.show("lib/x"), "outside the cwd: root-relative");
  }
}
