package dev.berth.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog entry cites its source and carries a test, written from that source: the command
 * line in {@code argv} must select this very entry, and what the entry then says (paths written,
 * port, privileges, the command it runs) must be what the test expects.
 */
class ProgramCatalogTest {
  private static final ProgramCatalog CATALOG = ProgramCatalog.standard();

  static Stream<Integer> entries() {
    return IntStream.range(0, CATALOG.programs().size()).boxed();
  }

  @ParameterizedTest
  @MethodSource("entries")
  void entryHasSourceAndPassesItsTest(int index) {
    Program p = CATALOG.programs().get(index);
    String name = p.names() + " " + p.subcommands();
    assertFalse(p.source().isBlank(), name + ": no source");
    Map<String, Object> test = CATALOG.tests().get(index);
    assertFalse(test.isEmpty(), name + ": no test");
    List<String> argv = DataResources.strings(test.get("argv"));
    Optional<String> image = Optional.ofNullable((String) test.get("image"));
    Invocation inv = CATALOG.match(argv, image).orElseThrow(() -> new AssertionError(name + ": " + argv + " matches nothing"));
    assertTrue(inv.program() == p, name + ": " + argv + " selects " + inv.program().names() + " " + inv.program().subcommands());
    if (test.containsKey("writes")) {
      List<String> paths = new ArrayList<>();
      for (Program.Write w : p.writes()) {
        inv.path(w).flatMap(x -> Invocation.expand(x, v -> Optional.empty(), v -> false)).ifPresent(paths::add);
      }
      assertEquals(DataResources.strings(test.get("writes")), paths, name);
    }
    if (test.containsKey("needs-owner")) {
      assertEquals(DataResources.strings(test.get("needs-owner")), p.needsOwner().stream()
          .map(w -> Invocation.expand(w.path(), v -> Optional.empty(), v -> false).orElseThrow()).toList(), name);
    }
    if (test.containsKey("port")) {
      assertEquals(((Number) test.get("port")).intValue(), p.listens().orElseThrow().port().getAsInt(), name);
    }
    if ("none".equals(test.get("listens"))) {
      assertTrue(p.listens().orElseThrow().none(), name + ": listens somewhere");
    }
    assertEquals(Boolean.TRUE.equals(test.get("drops-privileges")), p.dropsPrivileges().isPresent(), name);
    assertEquals(Boolean.TRUE.equals(test.get("needs-root")), p.needsRoot().isPresent(), name);
    assertEquals(Boolean.TRUE.equals(test.get("development")), p.development().isPresent(), name);
    assertEquals(Boolean.TRUE.equals(test.get("cli-tool")), p.commandLineTool().isPresent(), name);
    if (test.containsKey("prints-only")) {
      assertEquals(test.get("prints-only"), inv.printsOnly(), name);
    }
    if (test.containsKey("interactive")) {
      assertEquals(test.get("interactive"), inv.interactive(), name);
    }
    if (test.containsKey("user")) assertEquals(Optional.of(test.get("user")), inv.switchesTo(), name);
    if (test.containsKey("user-option")) {
      assertEquals(Optional.of(test.get("user-option")), inv.userOption(), name);
    }
    if (test.containsKey("loads")) {
      assertTrue(p.loads().contains(Program.Loads.valueOf(((String) test.get("loads")).toUpperCase().replace('-', '_'))), name);
    }
    if (test.get("runs") instanceof String kind) {
      assertEquals(kind.toUpperCase(), p.runs().orElseThrow().name(), name);
    } else if (test.containsKey("runs")) {
      assertEquals(DataResources.strings(test.get("runs")), runs(inv), name);
    }
  }

  /** The command line the invocation starts, as the test states it. */
  private static List<String> runs(Invocation inv) {
    List<String> argv = inv.argv();
    switch (inv.program().runs().orElseThrow()) {
      case ARGUMENTS, USER_THEN_ARGUMENTS -> {
        int at = inv.commandStart();
        return at < 0 ? List.of() : argv.subList(at, argv.size());
      }
      case INTERPRETER -> {
        int m = argv.indexOf("-m");
        return m < 0 ? List.of() : argv.subList(m + 1, argv.size());
      }
      case SHELL -> {
        ShellScript s = ShellScript.parse(argv.get(argv.indexOf("-c") + 1));
        List<String> words = new ArrayList<>();
        for (ShellWord w : s.commands().get(0).words()) words.add(w.raw());
        return words.get(0).equals("exec") ? words.subList(1, words.size()) : words;
      }
      default -> throw new AssertionError(inv.program().runs());
    }
  }

  /** The script file an interpreter or shell runs (BTH201, BTH208, AppWrites), by the catalog. */
  @Test
  void scriptArgumentIsTheFirstOperandNamingAFile() {
    assertEquals(1, CATALOG.scriptArgument(List.of("python3.12", "app.py"), 0));
    assertEquals(3, CATALOG.scriptArgument(List.of("tini", "/usr/bin/python3.11", "-u", "app.py"), 1));
    // -r takes a value: the script is server.js, not the module it preloads
    assertEquals(3, CATALOG.scriptArgument(List.of("node", "-r", "dotenv/config", "server.js"), 0));
    assertEquals(2, CATALOG.scriptArgument(List.of("bash", "-x", "./start.sh"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("python", "-m", "app.py"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("python", "-c", "print(1)", "app.py"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("sh", "-c", "start.sh"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("node", "-e", "run()", "x.js"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("node", "-p", "x.js"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("python", "manage"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("gunicorn", "app.py"), 0));
    assertEquals(-1, CATALOG.scriptArgument(List.of("python3.12"), 0));
    // not an interpreter CPython installs
    assertEquals(-1, CATALOG.scriptArgument(List.of("python3x", "app.py"), 0));
  }

  /** {@code python -m MODULE}, from the entry's module-option. */
  @Test
  void moduleArgumentFollowsTheModuleOption() {
    assertEquals(2, CATALOG.moduleArgument(List.of("python3.12", "-m", "uvicorn", "app:app"), 0));
    assertEquals(4, CATALOG.moduleArgument(List.of("python", "-X", "dev", "-m", "celery"), 0));
    assertEquals(-1, CATALOG.moduleArgument(List.of("python", "-c", "x", "-m", "y"), 0));
    assertEquals(-1, CATALOG.moduleArgument(List.of("python", "app.py", "-m", "y"), 0));
    assertEquals(-1, CATALOG.moduleArgument(List.of("node", "-m", "y"), 0));
    assertEquals(-1, CATALOG.moduleArgument(List.of("python", "-m"), 0));
  }

  @Test
  void unknownProgramsAreUnknown() {
    assertTrue(CATALOG.match(List.of("my-server", "--port", "80"), Optional.empty()).isEmpty());
    // nginx's compiled-in paths are the official image's only.
    Invocation plain = CATALOG.match(List.of("nginx"), Optional.of("debian")).orElseThrow();
    assertTrue(plain.program().writes().isEmpty());
  }

  @Test
  void pathsExpandFromTheEnvironmentAndStayUnknownOnUnknownVariables() {
    assertEquals(Optional.of("/data/caddy"), Invocation.expand("${XDG_DATA_HOME:-~/.local/share}/caddy",
        v -> v.equals("XDG_DATA_HOME") ? Optional.of("/data") : Optional.empty(), v -> false));
    assertEquals(Optional.empty(), Invocation.expand("${XDG_DATA_HOME:-~/.local/share}/caddy",
        v -> Optional.empty(), v -> true));
  }

  @Test
  void optionValuesAreNotOperands() {
    Invocation beat = CATALOG.match(List.of("celery", "--app", "proj", "beat", "-s", "/tmp/s"),
        Optional.empty()).orElseThrow();
    assertEquals(List.of("beat"), beat.program().subcommands());
    assertEquals(List.of(Optional.of("/tmp/s")), beat.program().writes().stream().limit(1).map(beat::path).toList());
    assertTrue(CATALOG.match(List.of("celery", "-A", "proj", "beat", "--scheduler", "x.Y"), Optional.empty())
        .map(i -> i.path(i.program().writes().get(0)).isEmpty()).orElse(false));
  }
}
