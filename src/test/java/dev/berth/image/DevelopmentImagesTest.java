package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Development and test images are told by whole words of their path or stage name. */
class DevelopmentImagesTest {
  private final DevelopmentImages dev = DevelopmentImages.standard();

  @Test
  void wordsOfPathsAndStageNames() {
    assertTrue(dev.matches(".devcontainer/Dockerfile"));
    assertTrue(dev.matches("apps/web/Dockerfile.dev"));
    assertTrue(dev.matches("image/discourse_dev/Dockerfile"));
    assertTrue(dev.matches("test/requirements/web/Dockerfile"));
    assertTrue(dev.matches("development"));
    // end-to-end test runners' setups (vaultwarden's playwright/compose/keycloak)
    assertTrue(dev.matches("playwright/compose/keycloak/Dockerfile"));
    assertTrue(dev.matches("e2e/cypress/Dockerfile"));
    assertTrue(dev.matches("oryx/watcherx/integrationtest/Dockerfile")); // ory/kratos
    // Words, not substrings.
    assertFalse(dev.matches("devops/Dockerfile"));
    assertFalse(dev.matches("contest/Dockerfile"));
    assertFalse(dev.matches("apps/api/Dockerfile.api"));
    assertFalse(dev.matches("builder"));
  }
}
