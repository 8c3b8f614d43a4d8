package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh, release.sh and the Dockerfile of berth itself. The scripts run for real (/bin/sh,
 * cp, tar, sha256sum) on a copy of their inputs, with a stand-in jar and a stand-in {@code java}
 * (the real jar is built after the tests run); the clean-clone run with the real build is
 * recorded in docs/install.md.
 */
class InstallTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  /** A copy of what the scripts read, with a fake jar in target/. */
  private Path checkout() throws Exception {
    Path c = Files.createDirectories(dir.resolve("clone"));
    for (String f : new String[] {"install.sh", "release.sh", "bin/berth", "pom.xml", "README.md"}) {
      Files.createDirectories(c.resolve(f).getParent());
      Files.copy(REPO.resolve(f), c.resolve(f));
    }
    Files.createDirectories(c.resolve("docs"));
    Files.createDirectories(c.resolve("rules"));
    Files.writeString(c.resolve("rules/BTH001.md"), "# BTH001\n");
    Files.createDirectories(c.resolve("target"));
    Files.writeString(c.resolve("target/berth.jar"), "not really a jar");
    return c;
  }

  private String[] run(Path cwd, Path home, String... command) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("fakebin"));
    Path java = bin.resolve("java");
    // the stand-in java says which jar it was given
    Files.writeString(java, "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = -jar ] && "
        + "echo \"java -jar $2\"; shift; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("BERTH_SKIP_BUILD", "1");
    pb.environment().put("BERTH_CACHE", "off");
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("PREFIX");
    pb.environment().remove("BERTH_HOME");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {String.valueOf(p.waitFor()), out, err};
  }

  @Test
  void installCreatesMissingDirectoriesCopiesAndLinks() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path clone = checkout();
    Path home = Files.createDirectories(dir.resolve("home")); // no ~/.local at all
    String[] r = run(clone, home, "/bin/sh", "install.sh");
    assertEquals("0", r[0], r[2]);
    Path link = home.resolve(".local/bin/berth");
    assertTrue(Files.isSymbolicLink(link));
    Path jar = home.resolve(".local/share/berth/target/berth.jar");
    assertEquals("not really a jar", Files.readString(jar));
    // the installed launcher, run through the link, runs the installed jar (--version at the end)
    assertEquals("java -jar " + home.toRealPath().resolve(".local/share/berth")
        + "/bin/../target/berth.jar\n", r[1]);
    assertTrue(r[2].contains(".local/bin is not on your PATH"), r[2]);
    // the clone can go: the installed copy does not depend on it
    Files.delete(clone.resolve("target/berth.jar"));
    String[] again = run(home, home, link.toString(), "--version");
    assertEquals("0", again[0], again[2]);
  }

  @Test
  void releaseMakesAVersionedTarballAndChecksums() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/usr/bin/sha256sum")));
    Path clone = checkout();
    String[] r = run(clone, dir, "/bin/sh", "release.sh");
    assertEquals("0", r[0], r[2]);
    String version = Files.readString(REPO.resolve("pom.xml"))
        .replaceAll("(?s).*?<artifactId>berth</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
    Path out = clone.resolve("target/release");
    assertEquals(out.relativize(out.resolve("berth-" + version + ".tar.gz")).toString(),
        Path.of(r[1].strip()).getFileName().toString());
    String[] check = run(out, dir, "sha256sum", "-c", "SHA256SUMS");
    assertEquals("0", check[0], check[1] + check[2]);
    assertEquals("berth-" + version + ".tar.gz: OK\nberth-" + version + ".jar: OK\n", check[1]);
    String[] list = run(out, dir, "tar", "-tzf", "berth-" + version + ".tar.gz");
    assertTrue(list[1].contains("berth-" + version + "/target/berth.jar\n"), list[1]);
    assertTrue(list[1].contains("berth-" + version + "/bin/berth\n"), list[1]);
    assertTrue(list[1].contains("berth-" + version + "/install.sh\n"), list[1]);
  }

  @Test
  void berthsOwnDockerfileIsCleanUnderBerth() {
    CliRun r = CliRun.berth(REPO, "--root", ".", "Dockerfile", ".dockerignore");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("0 findings in 2 files linted\n", r.out());
  }
}
