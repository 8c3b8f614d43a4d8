package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeInvocationBuildsTest {

  private static ComposeInvocation run(String sub, String... args) {
    return new ComposeInvocation(new Range("Makefile", 1, 1, 1, 2), List.of("compose.yml"), "",
        Optional.empty(), List.of(), true, Set.of(), Optional.of(sub), List.of(args), false);
  }

  @Test
  void buildNamingNoServiceBuildsEveryOne() {
    assertTrue(run("build").builds("tar"));
    assertTrue(run("build", "--no-cache").builds("tar"));
  }

  @Test
  void buildsPullIsASwitchSoTheNextWordIsAService() {
    // docs.docker.com compose build: --pull "Always attempt to pull a newer version of the image"
    assertFalse(run("build", "--pull", "other").builds("tar"));
    assertTrue(run("build", "--pull", "tar").builds("tar"));
  }

  @Test
  void buildArgTakesAValue() {
    assertTrue(run("build", "--build-arg", "X=1").builds("tar"));
    assertFalse(run("build", "--build-arg", "X=1", "other").builds("tar"));
  }

  @Test
  void upBuildsOnlyWithTheBuildSwitch() {
    assertFalse(run("up", "-d").builds("tar"));
    assertTrue(run("up", "--build", "-d").builds("tar"));
    // up's --pull takes a policy: `always` is no service
    assertTrue(run("up", "--build", "--pull", "always").builds("tar"));
    assertFalse(run("up", "--build", "other").builds("tar"));
  }

  @Test
  void runBuildsTheServiceItRunsNotItsCommand() {
    assertTrue(run("run", "--build", "tar", "sh", "-c", "make").builds("tar"));
    assertFalse(run("run", "--build", "other", "tar").builds("tar"));
  }
}
