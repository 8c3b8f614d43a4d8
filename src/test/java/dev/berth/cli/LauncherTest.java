package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/berth, run by a real /bin/sh with a fake {@code java} that prints its arguments. */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("bin/berth").toAbsolutePath();

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(Path script, Map<String, String> env, String... args) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("fakebin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder(concat(List.of("/bin/sh", script.toString()), args));
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("BERTH_JAR");
    pb.environment().remove("BERTH_JAVA_OPTS");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(p.waitFor(), out, err);
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  @Test
  void missingJarExplainsHowToBuild() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Outcome o = run(LAUNCHER, Map.of("BERTH_JAR", dir.resolve("none.jar").toString()), "-q");
    assertEquals(2, o.code());
    assertEquals("", o.out());
    assertEquals("berth: " + dir.resolve("none.jar") + " not found; build it with: (cd \""
        + LAUNCHER.toRealPath().getParent() + "/..\" && ./mvnw -q package -DskipTests)\n", o.err());
  }

  @Test
  void execsJavaWithFastStartFlagsThroughSymlinks() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    // A copy of the launcher in a fake checkout, reached through a symlink elsewhere.
    Path checkout = Files.createDirectories(dir.resolve("checkout/bin"));
    Files.copy(LAUNCHER, checkout.resolve("berth"));
    Files.createDirectories(dir.resolve("checkout/target"));
    Files.writeString(dir.resolve("checkout/target/berth.jar"), "not really a jar");
    Path link = Files.createDirectories(dir.resolve("usr/local/bin")).resolve("berth");
    Files.createSymbolicLink(link, Path.of("../../../checkout/bin/berth"));
    Outcome o = run(link, Map.of(), "--format", "sarif", "a b");
    assertEquals(0, o.code(), o.err());
    String jar = dir.resolve("checkout").toRealPath() + "/bin/../target/berth.jar";
    assertEquals(String.join("\n", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-XX:-UsePerfData", "-jar", jar, "--format", "sarif", "a b") + "\n", o.out());
    Outcome custom = run(link, Map.of("BERTH_JAVA_OPTS", "-Xmx64m -Dx=1"), "-q");
    assertEquals(String.join("\n", "-Xmx64m", "-Dx=1", "-jar", jar, "-q") + "\n", custom.out());
  }
}
