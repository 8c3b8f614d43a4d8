package dev.berth.rules.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.RuleTester;
import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usual fixes for base-image accounts holding an id must not be reported as collisions. */
class IdCollisionFreedTest {

  private static int findings(String dockerfile) {
    return RuleTester.of(new IdAlreadyInBaseImage()).file("Dockerfile", dockerfile).findings().size();
  }

  @Test
  void userdelFreesUbuntusUid1000() {
    // Ubuntu 24.04 ships user and group 'ubuntu' with id 1000: both commands collide.
    assertEquals(2, findings("FROM ubuntu:24.04\nRUN groupadd -g 1000 app && useradd -u 1000 -g app app\n"));
    assertEquals(0, findings("FROM ubuntu:24.04\nRUN userdel -r ubuntu && groupadd -g 1000 app "
        + "&& useradd -u 1000 -g app app\n"));
  }

  @Test
  void groupmodRenumbersNodesGroup() {
    assertEquals(0, findings("FROM node:20\nRUN groupmod -g 2000 node && usermod -u 2000 node "
        + "&& groupadd -g 1000 app && useradd -u 1000 -g app app\n"));
  }

  @Test
  void stillReportsWhenNothingFreedTheId() {
    // node images ship group 'node' with GID 1000; the finding points at the id word.
    assertEquals(List.of(new Range("Dockerfile", 2, 17, 2, 21)), RuleTester.of(new IdAlreadyInBaseImage())
        .file("Dockerfile", "FROM node:20\nRUN groupadd -g 1000 app\n").findings().stream()
        .map(f -> f.range()).toList());
  }
}
