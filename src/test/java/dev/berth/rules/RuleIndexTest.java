package dev.berth.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.DataResources;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The build's rule index says what the annotations say (a run from the jar reads only it). */
class RuleIndexTest {

  @Test
  void theIndexTheBuildWroteMatchesEveryRulesAnnotation() throws IOException {
    Optional<Object> index;
    try (InputStream in = RuleIndex.class.getResourceAsStream(RuleIndex.RESOURCE)) {
      assertNotNull(in, RuleIndex.RESOURCE + " missing: the build's index step did not run");
      index = DataResources.read(in, 0x52554c45L);
    }
    assertTrue(index.isPresent(), "not an index berth can read");
    Map<String, Object> fromAnnotations = RuleIndex.describeAll();
    assertEquals(Registry.all().size(), fromAnnotations.size());
    assertEquals(fromAnnotations, index.get(),
        "stale rule index: run the build (./mvnw process-classes) after editing a @RuleMeta");
  }

  @Test
  void aRunFromADirectoryOfClassesReadsTheAnnotations() {
    // tests and IDEs run from target/classes: an index older than an edited annotation is unused
    assertTrue(RuleIndex.entry(dev.berth.rules.dockerfile.FinalUserRoot.class).isEmpty());
  }
}
