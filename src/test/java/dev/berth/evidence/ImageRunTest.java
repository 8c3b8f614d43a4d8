package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.source.Range;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRunTest {

  private static ImageRun run(String... words) {
    return new ImageRun(new Range("README.md", 1, 1, 1, 2), SourceKind.SETUP_DOCS,
        Arrays.stream(words).map(w -> w.contains("`") ? Value.unknown(w, "command substitution")
            : Value.known(w, w)).toList());
  }

  @Test
  void mountTargetsComeFromVolumeAndMountOptionsBeforeTheImage() {
    // scrutiny's README: a source built from `pwd` still names its target
    ImageRun r = run("-d", "-p", "8080:8080", "-v", "`pwd`/scrutiny:/opt/scrutiny/config",
        "--volume=/run/udev:/run/udev:ro", "-v", "/cache",
        "--mount", "type=volume,src=data,dst=/data", "--mount=type=bind,source=.,target=/src",
        "acme/app", "-v", "/not-an-option-of-run");
    assertEquals(List.of("/opt/scrutiny/config", "/run/udev", "/cache", "/data", "/src"),
        r.mountTargets());
  }

  @Test
  void noMountsWithoutVolumeOptions() {
    assertEquals(List.of(), run("--rm", "-e", "A=/x:/y", "acme/app").mountTargets());
  }
}
