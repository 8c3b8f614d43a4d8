package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.context.TestProjects;
import dev.berth.project.FileTree;
import org.junit.jupiter.api.Test;

class DocsReaderTest {
  private final FileTree tree = TestProjects.create()
      .paths("deploy/base.yaml", "deploy/app.yaml", "scripts/migrate.sh", "examples/README.md",
          "examples/compose.yaml")
      .tree();

  @Test
  void aCommandWhoseFilesExistOnlyFromTheRootIsWrittenForTheRoot() {
    // hanko's examples README: the -f files are the root's deploy/ files
    assertTrue(DocsReader.writtenForRoot(
        "docker compose -f deploy/base.yaml -f deploy/app.yaml up --build", "examples", tree));
    assertTrue(DocsReader.writtenForRoot("docker compose --file=deploy/base.yaml up", "examples",
        tree));
  }

  @Test
  void otherWordsSayNothingOfWhereTheCommandIsTyped() {
    // scripts/migrate.sh is what the container runs, not a file on the host
    assertFalse(DocsReader.writtenForRoot(
        "docker compose -f compose.yaml run app scripts/migrate.sh", "examples", tree));
    assertFalse(DocsReader.writtenForRoot("docker compose up", "examples", tree));
  }
}
