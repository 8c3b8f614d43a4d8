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
  void nodeWrites() {
    String text = """
        const fs = require('fs');
        const path = require('path');
        const OUT = process.env.OUT_DIR || '/data/out';
        const LOGS = process.env['LOG_DIR'] ?? "logs";
        fs.mkdirSync(OUT, { recursive: true });
        fs.appendFileSync(path.join(OUT, 'progress.txt'), 'tick');
        const s = fs.createWriteStream(path.join(LOGS, 'app.log'), { flags: 'a' });
        fs.writeFileSync(path.join(__dirname, 'x'), '');
        fs.readFileSync('/etc/hosts');
        fs.writeFile(`${OUT}/y`, '', () => {});
        """;
    List<String> found = AppWrites.scanNode(text, NONE).stream()
        .map(f -> f.what() + " " + f.path()).toList();
    assertEquals(List.of("fs.mkdirSync() /data/out", "fs.appendFileSync() /data/out/progress.txt",
        "fs.createWriteStream() logs/app.log"), found);
    assertEquals("fs.mkdirSync() /srv", AppWrites.scanNode(text,
        new Environment(Map.of("OUT_DIR", "/srv"), Set.of(), Set.of())).stream()
        .map(f -> f.what() + " " + f.path()).findFirst().orElseThrow());
    // Declared again inside a function: not one constant.
    assertEquals(List.of(), AppWrites.scanNode("""
        const OUT = '/data/out';
        function f(x) { let OUT = x; fs.writeFileSync(OUT, ''); }
        """, NONE));
  }

  @Test
  void theScriptNodeRuns() {
    assertEquals(Optional.of("server.js"), AppWrites.nodeScript(List.of("node", "server.js")));
    assertEquals(Optional.of("dist/main.mjs"),
        AppWrites.nodeScript(List.of("node", "--enable-source-maps", "dist/main.mjs")));
    assertEquals(Optional.empty(), AppWrites.nodeScript(List.of("node", "-e", "x")));
    assertEquals(Optional.of("hello.js"),
        AppWrites.nodeScript(List.of("node", "--require=./hello.js", "hello.js")));
    // -r preloads a module; the script is the operand after it
    assertEquals(Optional.of("server.js"),
        AppWrites.nodeScript(List.of("node", "-r", "dotenv/config", "server.js")));
    assertEquals(Optional.empty(), AppWrites.nodeScript(List.of("python", "server.js")));
  }

  @Test
  void theScriptPythonRuns() {
    assertEquals(Optional.of("worker.py"), AppWrites.pythonScript(List.of("python", "-u", "worker.py")));
    assertEquals(Optional.of("/app/w.py"),
        AppWrites.pythonScript(List.of("/usr/local/bin/python3.12", "-X", "dev", "/app/w.py")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("python", "-m", "worker")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("python", "-c", "x")));
    assertEquals(Optional.empty(), AppWrites.pythonScript(List.of("node", "worker.py")));
    assertEquals(Optional.of("worker.py"), AppWrites.pythonScript(List.of("python3.11", "worker.py")));
  }
}
