package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.berth.image.shell.ShellScript;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random scripts and Dockerfiles never make the parser or the simulation throw. */
class RobustnessTest {
  private static final String[] TOKENS = {"mkdir", "-p", "/a", "chown", "-R", "app:app", "chmod",
      "u+x", "755", "useradd", "-u", "1000", "groupadd", "-g", "$GID", "${X:-y}", "'q'", "\"d\"",
      "&&", "||", ";", "|", "(", ")", "{", "}", "if", "then", "fi", "for", "in", "do", "done",
      "case", "esac", "<<EOF", "\n", "EOF", "$(id -u)", "`x`", "sh", "-c", "pip", "install",
      "--user", "npm", "ci", "ln", "-s", "rm", "-rf", "/*", "~", "\\", "\"", "'", "#", "cd", "..",
      "uv", "sync", "install", "-d", "-o", "nobody", "adduser", "addgroup", "-S", "-D", "touch",
      "/a/*", "*", "?", "[", "]", "[!a]", ".*", "/a/*/b", "mv", "/[[:alpha:]]"};

  @Test
  void randomScripts() {
    Random r = new Random(42);
    for (int n = 0; n < 800; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(20);
      for (int i = 0; i < len; i++) b.append(TOKENS[r.nextInt(TOKENS.length)]).append(r.nextBoolean() ? " " : "");
      String script = b.toString();
      assertNotNull(ShellScript.parse(script));
      for (String base : new String[] {"debian:bookworm", "alpine:3.20", "scratch", "unknown/x"}) {
        StageSimulationTest.sim("FROM " + base + "\nWORKDIR /w\nRUN " + script.replace("\n", " ") + "\nUSER app\n");
      }
    }
  }
}
