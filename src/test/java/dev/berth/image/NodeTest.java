package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How messages describe a path's mode and owner. */
class NodeTest {
  @Test
  void nodesDescribeModeAndOwnerWithQuestionMarksForTheUnknown() {
    Origin base = Origin.base("debian");
    assertEquals("mode 0755, owner 0:0", Node.dir(0, 0, 0755, false, base).modeAndOwner());
    assertEquals("0755 0:0", Node.dir(0, 0, 0755, false, base).describe());
    assertEquals("mode ?, owner ?", Node.unknown(base).modeAndOwner());
  }
}
