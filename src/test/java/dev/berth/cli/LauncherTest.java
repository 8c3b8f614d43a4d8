package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

  /**
   * A fake JDK: {@code release} says its version; its java prints its arguments and, asked to
   * write a class-data archive or AOT cache (the training run), writes that file.
   */
  private Path fakeJdk(String version) throws Exception {
    Path home = Files.createDirectories(dir.resolve("jdk-" + version));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version
        + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do\n  case $a in\n"
        + "    -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*) echo cache > \"${a#*=}\" ;;\n"
        + "  esac\n  printf '%s\\n' \"$a\"\ndone\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private Path fakeCheckout() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout/bin"));
    Files.copy(LAUNCHER, checkout.resolve("berth"));
    Files.createDirectories(dir.resolve("checkout/target"));
    Files.writeString(dir.resolve("checkout/target/berth.jar"), "not really a jar");
    return checkout.resolve("berth");
  }

  @Test
  void makesTheStartUpCacheOnceBesideTheJarAndUsesIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path launcher = fakeCheckout();
    Path home = fakeJdk("17.0.99");
    Path target = dir.resolve("checkout/target").toRealPath();
    Outcome first = run(launcher, Map.of("JAVA_HOME", home.toString()), "-q");
    assertEquals(0, first.code(), first.err());
    Path cache = target.resolve("berth-jdk17.0.99.jsa");
    assertTrue(Files.isRegularFile(cache), "the training run's archive, renamed into place");
    // nothing else was left beside the jar, nothing written anywhere else
    try (var files = Files.list(target)) {
      assertEquals(List.of("berth-jdk17.0.99.jsa", "berth.jar"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String jar = dir.resolve("checkout").toRealPath() + "/bin/../target/berth.jar";
    String cacheArg = "-XX:SharedArchiveFile=" + dir.resolve("checkout").toRealPath()
        + "/bin/../target/berth-jdk17.0.99.jsa";
    assertTrue(first.out().endsWith(String.join("\n", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData", cacheArg, "-Xlog:cds*=off",
        "-jar", jar, "-q") + "\n"), first.out());
    Outcome second = run(launcher, Map.of("JAVA_HOME", home.toString()), "-q");
    assertEquals(String.join("\n", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-XX:-UsePerfData", cacheArg, "-Xlog:cds*=off", "-jar", jar, "-q") + "\n", second.out(),
        "no second training run");
    Outcome off = run(launcher, Map.of("JAVA_HOME", home.toString(), "BERTH_CACHE", "off"), "-q");
    assertEquals(String.join("\n", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-XX:-UsePerfData", "-jar", jar, "-q") + "\n", off.out());
  }

  @Test
  void jdk25UsesAnAotCacheWithoutXshare() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path launcher = fakeCheckout();
    Path home = fakeJdk("25.0.1");
    Outcome o = run(launcher, Map.of("JAVA_HOME", home.toString()), "-q");
    String checkout = dir.resolve("checkout").toRealPath().toString();
    assertEquals(String.join("\n", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData", "-XX:AOTCache=" + checkout + "/bin/../target/berth-jdk25.0.1.aot",
        "-Xlog:aot*=off", "-Xlog:cds*=off", "-jar", checkout + "/bin/../target/berth.jar", "-q")
        + "\n", o.out().substring(o.out().indexOf("-XX:+UseSerialGC\n-XX:TieredStopAtLevel=1\n"
        + "-XX:-UsePerfData\n-XX:AOTCache")));
  }

  @Test
  void aReadOnlyJarDirectoryGetsNoCacheAndTheRunGoesOn() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path launcher = fakeCheckout();
    Path home = fakeJdk("17.0.99");
    Path target = dir.resolve("checkout/target");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(target), "root can write anywhere");
      Outcome o = run(launcher, Map.of("JAVA_HOME", home.toString()), "-q");
      assertEquals(0, o.code());
      assertTrue(o.out().endsWith("-XX:-UsePerfData\n-jar\n" + dir.resolve("checkout").toRealPath()
          + "/bin/../target/berth.jar\n-q\n"), o.out());
    } finally {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
