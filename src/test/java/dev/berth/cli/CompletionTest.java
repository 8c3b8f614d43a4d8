package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts, run by the real shells: bash's completion function is called the way
 * bash calls it (COMP_WORDS split at '=' as readline does); zsh and fish, when installed, load
 * their script without an error. Every option the parser knows appears in every script.
 */
class CompletionTest {
  @TempDir Path dir;

  private String script(String shell) {
    CliRun r = CliRun.berth(dir, "completion", shell);
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  /** What bash's completion function offers for the words typed so far (the last is current). */
  private List<String> bashOffers(String... words) throws Exception {
    Path f = Files.writeString(dir.resolve("berth.bash"), script("bash"));
    StringBuilder w = new StringBuilder();
    for (String word : words) w.append(" '").append(word).append("'");
    String cmd = "source " + f + "; COMP_WORDS=(" + w + "); COMP_CWORD=" + (words.length - 1)
        + "; _berth; printf '%s\\n' \"${COMPREPLY[@]}\"";
    String out = run(List.of("bash", "--norc", "-c", cmd));
    List<String> offers = new ArrayList<>(out.lines().filter(l -> !l.isEmpty()).toList());
    java.util.Collections.sort(offers);
    return offers;
  }

  private String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "shell did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void bashCompletesOptionsValuesAndSubcommands() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
    Files.createDirectories(dir.resolve("deploy"));
    Files.writeString(dir.resolve("deploy.txt"), "");
    assertEquals(List.of("--file", "--fix"), bashOffers("berth", "--fi"));
    assertEquals(List.of("--fail-level"), bashOffers("berth", "--fa"));
    assertEquals(List.of("sarif", "sonarqube"), bashOffers("berth", "--format", "s"));
    // readline splits --format=s into three words
    assertEquals(List.of("sarif", "sonarqube"), bashOffers("berth", "--format", "=", "s"));
    assertEquals(List.of("none", "note"), bashOffers("berth", "--fail-level", "n"));
    assertTrue(bashOffers("berth", "--explain", "BTH00").contains("BTH007"));
    assertEquals(List.of("deploy"), bashOffers("berth", "--root", "dep"));
    assertEquals(List.of("deploy", "deploy.txt"), bashOffers("berth", "-f", "dep"));
    assertEquals(List.of("graph"), bashOffers("berth", "gr"));
    assertEquals(List.of("zsh"), bashOffers("berth", "completion", "z"));
  }

  @Test
  void everyScriptNamesEveryOption() {
    for (String shell : Completion.SHELLS) {
      String s = script(shell);
      for (Options.Completed o : Options.completed()) {
        String name = shell.equals("fish") ? "-l " + o.longName().substring(2) : o.longName();
        assertTrue(s.contains(name), shell + " lacks " + o.longName());
      }
    }
  }

  @Test
  void zshLoadsTheScript() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is not installed: not checked");
    Path f = Files.writeString(dir.resolve("_berth"), script("zsh"));
    // parse only: _arguments exists only inside completion, so the file is checked for syntax
    run(List.of("zsh", "-n", f.toString()));
  }

  @Test
  void fishLoadsTheScript() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish")), "fish is not installed: not checked");
    Path f = Files.writeString(dir.resolve("berth.fish"), script("fish"));
    String out = run(List.of("fish", "--no-config", "-c",
        "source " + f + "; complete -C 'berth --fail-level '"));
    assertEquals(List.of("error", "none", "note", "warning"),
        out.lines().map(l -> l.split("\t")[0]).sorted().toList());
  }

  @Test
  void anUnknownShellOrNoneIsAUsageError() {
    assertEquals(2, CliRun.berth(dir, "completion", "powershell").code());
    assertEquals(2, CliRun.berth(dir, "completion").code());
  }
}
