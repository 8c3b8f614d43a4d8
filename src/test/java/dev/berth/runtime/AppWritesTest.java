package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppWritesTest {
  private static final Environment NONE = new Environment(Map.of(), Set.of(), Set.of());

  private static List<String> paths(String text, Environment env) {
    return AppWrites.scan(text, env).stream().map(f -> f.what() + " " + f.path()).toList();
  }

  @Test
  void literalAndEnvResolvedWrites() {
    String text = """
        import os
        from pathlib import Path
        OUT = os.environ.get('OUT_DIR', '/data/out')
        os.makedirs(OUT, exist_ok=True)
        open('/var/log/app.log', 'w')
        open(os.path.join(OUT, 'p.txt'), mode='ab')
        Path('/data/x').write_text('hi')
        Path("cache").mkdir(parents=True)
        """;
    assertEquals(List.of("os.makedirs() /data/out", "open(..., 'w') /var/log/app.log",
        "open(..., 'a') /data/out/p.txt", "Path(...).write_text() /data/x",
        "Path(...).mkdir() cache"), paths(text, NONE));
    // The container sets OUT_DIR: the default no longer applies.
    assertEquals("os.makedirs() /srv/out", paths(text,
        new Environment(Map.of("OUT_DIR", "/srv/out"), Set.of(), Set.of())).get(0));
    // OUT_DIR set from a value berth does not know: writes through it are left out.
    assertEquals(List.of("open(..., 'w') /var/log/app.log", "Path(...).write_text() /data/x",
        "Path(...).mkdir() cache"),
        paths(text, new Environment(Map.of(), Set.of("OUT_DIR"), Set.of())));
  }

  @Test
  void onlyWhatSurelyWrites() {
    String text = """
        import os
        OUT = '/data/out'
        OUT = '/tmp/out'
        BASE = '/srv'
        def f(name):
            BASE = name
            open(OUT + '/x', 'a')
            open(f'{BASE}/y', 'w')
            open('/etc/hosts', 'r')
            open('/etc/hosts')
            open(os.path.join(BASE, 'z'), 'w')
            open(name, 'w')
        """;
    assertEquals(List.of(), paths(text, NONE));
  }

  @Test
  void theScriptPythonRuns() {
    assertEquals(Optional.of("worker.py"), AppWrites.pythonScript(List.of("python", "-u", "worker.py")));
    assertEquals(Optional.of("/app/w.py"),
        AppWrites.pythonScript(List.of("/usr/local/bin/python3.12", "-X", "dev", "/app/w.py")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("python", "-m", "worker")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("python", "-c", "x")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("node", "worker.py")));
  }
}
