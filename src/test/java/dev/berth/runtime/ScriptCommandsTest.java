package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.shell.ShellScript;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog of commands scripts run that are not servers, and the script's own functions. */
class ScriptCommandsTest {
  private final ScriptCommands commands = ScriptCommands.standard();

  @Test
  void builtinsFileToolsAndClientsHaveTheirEffects() {
    assertEquals(Optional.of(ScriptCommands.Effect.INERT), commands.effect("set"));
    assertEquals(Optional.of(ScriptCommands.Effect.INERT), commands.effect("kill"));
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), commands.effect("chown"));
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), commands.effect("."));
    assertEquals(Optional.of(ScriptCommands.Effect.RETURNS), commands.effect("curl"));
    // Servers and programs that may serve are not listed: nc -l and openssl s_server listen.
    for (String name : new String[] {"gunicorn", "nc", "openssl", "python", "eval", "node"}) {
      assertFalse(commands.notServer(name, java.util.List.of(name)), name);
    }
  }

  /** sed edits its file operands only with -i (GNU sed manual, Command-Line Options). */
  @Test
  void sedEditsItsFileOperandsOnlyInPlace() {
    assertEquals(Optional.of(ScriptCommands.Effect.EDITS_FILES), commands.effect("sed"));
    assertEquals(Optional.of(List.of("/app/.env")),
        commands.editedFiles(List.of("sed", "-i", "s/a/b/", "/app/.env")));
    // the script given by -e: every operand is a file; a backup suffix and clustered options
    assertEquals(Optional.of(List.of("a.conf", "b.conf")),
        commands.editedFiles(List.of("sed", "-i.bak", "-e", "s/a/b/", "a.conf", "b.conf")));
    assertEquals(Optional.of(List.of("x.conf")),
        commands.editedFiles(List.of("sed", "-Ei", "s/a/b/", "x.conf")));
    assertEquals(Optional.of(List.of("x.conf")),
        commands.editedFiles(List.of("sed", "--in-place=.orig", "--expression=s/a/b/", "x.conf")));
    // -e takes the rest of its cluster as the script: "-ei" is the script "i", not in place
    assertEquals(Optional.of(List.of()), commands.editedFiles(List.of("sed", "-ei", "x.conf")));
    // without -i sed prints
    assertEquals(Optional.of(List.of()), commands.editedFiles(List.of("sed", "s/a/b/", "x.conf")));
    assertEquals(Optional.empty(), commands.editedFiles(List.of("chown", "-R", "app", "/data")));
  }

  @Test
  void clientsPackageToolsAndSignalsServeNothing() {
    assertEquals(Optional.of(ScriptCommands.Effect.INERT), commands.effect("pkill"));
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), commands.effect("apk"));
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), commands.effect("composer"));
    assertEquals(Optional.of(ScriptCommands.Effect.RETURNS), commands.effect("mongosh"));
    assertEquals(Optional.of(ScriptCommands.Effect.RETURNS), commands.effect("mariadb-admin"));
    // openssl and alembic by subcommand: s_server listens, and a bare name is not listed.
    java.util.List<String> req = java.util.List.of("openssl", "req", "-x509", "-nodes");
    assertEquals(Optional.of(ScriptCommands.Effect.RETURNS), commands.effect("openssl", req));
    assertFalse(commands.notServer("openssl", java.util.List.of("openssl", "s_server")));
    assertFalse(commands.notServer("openssl", java.util.List.of("openssl")));
    assertTrue(commands.notServer("alembic", java.util.List.of("alembic", "upgrade", "head")));
  }

  @Test
  void idleKeepAlivesDependOnTheirArguments() {
    assertTrue(commands.idles("tail", java.util.List.of("tail", "-f", "/dev/null")));
    assertTrue(commands.idles("tail", java.util.List.of("tail", "-qF", "/var/log/x")));
    assertTrue(commands.idles("tail", java.util.List.of("tail", "--follow=name", "x")));
    assertTrue(commands.idles("sleep", java.util.List.of("sleep", "infinity")));
    assertFalse(commands.idles("tail", java.util.List.of("tail", "-n", "5", "x")));
    assertFalse(commands.idles("tail", java.util.List.of("tail", "--lines=5", "f")));
    assertFalse(commands.idles("sleep", java.util.List.of("sleep", "5")));
    // The program's own name is no argument.
    assertFalse(commands.idles("sleep", java.util.List.of("inf")));
    assertFalse(commands.idles("cat", java.util.List.of("cat", "-f")));
  }

  @Test
  void functionsOfCatalogCommandsAreKnownOthersAreNot() {
    ShellScript script = ShellScript.parse("""
        log() { printf '%s\\n' "$*"; }
        file_env() {
          var="$1"
          if [ -n "$var" ]; then log "set $var"; fi
          export "$var"="${2:-}"
        }
        serve() { gunicorn -b 0.0.0.0:8000 app:app; }
        handoff() { exec "$@"; }
        loop() { loop; }
        file_env A
        exec "$@"
        """);
    Map<String, Optional<ScriptCommands.Effect>> f = ScriptFunctions.effects(script, commands);
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), f.get("log"));
    assertEquals(Optional.of(ScriptCommands.Effect.CHANGES_FILES), f.get("file_env"));
    assertTrue(f.get("serve").isEmpty());
    assertTrue(f.get("handoff").isEmpty());
    assertTrue(f.get("loop").isEmpty());
  }
}
