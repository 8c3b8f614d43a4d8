package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which writes land in a volume mounted at a path. */
class ContainerWritesTest {
  private static ContainerWrites.Write write(String path, boolean makesDirectory) {
    return new ContainerWrites.Write(null, null, path, "open(..., 'a')", makesDirectory,
        Optional.empty());
  }

  @Test
  void aWriteBelowOrAtTheTargetIsInIt() {
    assertTrue(write("/data/app.log", false).in("/data"));
    assertTrue(write("/data", false).in("/data"));
    assertFalse(write("/database/app.log", false).in("/data"));
  }

  @Test
  void creatingTheMountPointItselfWritesNothingInIt() {
    assertFalse(write("/data", true).in("/data"));
    assertTrue(write("/data/cache", true).in("/data"));
  }
}
