package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Caddy's listeners and routes from the Caddyfile a container loads. */
class CaddySetupTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** The official image's default command with {@code caddyfile} COPY'd over its Caddyfile. */
  private Listeners.Of copied(String caddyfile) throws IOException {
    return copied(caddyfile, "");
  }

  private Listeners.Of copied(String caddyfile, String dockerfileTail) throws IOException {
    return of(Map.of("Dockerfile", "FROM caddy:2.10\nCOPY Caddyfile /etc/caddy/Caddyfile\n"
        + dockerfileTail, "Caddyfile", caddyfile));
  }

  private Listeners.Of of(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p");
    for (Map.Entry<String, String> e : new LinkedHashMap<>(files).entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    List<Listeners.Of> all = Listeners.of(p).all();
    return all.get(all.size() - 1);
  }

  private static List<String> binds(Listeners.Of lo) {
    return lo.listeners().stream().map(l -> l.bind().toString()).toList();
  }

  private static List<String> routes(Listeners.Of lo) {
    return lo.routes().stream().map(r -> r.host() + ":" + r.port()).toList();
  }

  @Test
  void portOnlySiteAndTheAdminEndpoint() throws IOException {
    Listeners.Of lo = copied(":8080 {\n\treverse_proxy api:8000\n}\n");
    assertTrue(lo.complete(), lo.unknown().toString());
    assertEquals(List.of("[::]:8080", "localhost:2019"), binds(lo));
    assertEquals(List.of("api:8000"), routes(lo));
    assertEquals(2, lo.routes().get(0).at().startLine());
    assertEquals(2, lo.routes().get(0).portAt().orElseThrow().startLine());
  }

  @Test
  void aHostnameServesHttpsAndTheHttpRedirect() throws IOException {
    Listeners.Of lo = copied("example.com, www.example.com {\n  reverse_proxy http://web:3000 https://b\n}\n");
    assertTrue(lo.complete());
    assertEquals(List.of("[::]:443", "[::]:80", "localhost:2019"), binds(lo));
    assertEquals(List.of("web:3000", "b:443"), routes(lo));
  }

  @Test
  void httpSchemeAndGlobalPorts() throws IOException {
    Listeners.Of lo = copied("{\n  http_port 8080\n  https_port 8443\n  admin off\n}\n"
        + "http://app.test {\n  reverse_proxy /api/* api:9000\n}\nexample.com {\n  respond ok\n}\n");
    assertTrue(lo.complete());
    assertEquals(List.of("[::]:8080", "[::]:8443"), binds(lo));
    assertEquals(List.of("api:9000"), routes(lo));
  }

  @Test
  void singleSiteWithoutBracesAndBind() throws IOException {
    Listeners.Of lo = copied(":80\nbind 127.0.0.1\nreverse_proxy {\n  to app:5000 app2:5000\n}\n");
    assertEquals(List.of("127.0.0.1:80", "localhost:2019"), binds(lo));
    assertEquals(List.of("app:5000", "app2:5000"), routes(lo));
  }

  @Test
  void environmentPlaceholdersFromTheContainerElseDefaults() throws IOException {
    Listeners.Of lo = copied(":{$PORT} {\n  reverse_proxy {$UP:api:8000}\n}\n", "ENV PORT=9090\n");
    assertTrue(lo.complete());
    assertEquals(List.of("[::]:9090", "localhost:2019"), binds(lo));
    assertEquals(List.of("api:8000"), routes(lo));
  }

  @Test
  void aPlaceholderFromAnUnknownVariableIsUnknown() throws IOException {
    Listeners.Of lo = copied("{$SITE} {\n  reverse_proxy api:8000\n}\n", "ARG SITE\nENV SITE=$SITE\n");
    assertFalse(lo.complete());
    assertEquals(List.of(), binds(lo));
  }

  @Test
  void snippetsAreImportedAndFileImportsAreUnknown() throws IOException {
    Listeners.Of lo = copied("(proxy) {\n  reverse_proxy api:8000\n}\n{\n  admin off\n}\n:80 {\n  import proxy\n}\n");
    assertTrue(lo.complete());
    assertEquals(List.of("[::]:80"), binds(lo));
    assertEquals(List.of("api:8000"), routes(lo));
    assertFalse(copied(":80 {\n  import sites/*.caddy\n}\n").complete());
    assertFalse(copied("import sites/*\n:80 {\n}\n").complete());
  }

  @Test
  void whatItCannotTellIsUnknown() throws IOException {
    // auto_https changes which ports serve what; a host on its own port may add a redirect.
    assertFalse(copied("{\n  auto_https off\n}\nexample.com {\n}\n").complete());
    assertFalse(copied("example.com:8443 {\n}\n").complete());
    // A brace against the address: unknown, and no diagnostic either.
    Path root = fs.getPath("/q");
    Files.createDirectories(root);
    Files.writeString(root.resolve("Dockerfile"), "FROM caddy:2\nCOPY Caddyfile /etc/caddy/Caddyfile\n");
    Files.writeString(root.resolve("Caddyfile"), ":80{\n  respond ok\n}\n");
    Listeners braced = Listeners.of(ProjectLoader.load(root, List.of(), BerthConfig.defaults()));
    assertFalse(braced.all().get(0).complete());
    assertEquals(List.of(), braced.diagnostics());
    // A placeholder upstream is resolved per request: no route, the listener still known.
    Listeners.Of lo = copied(":80 {\n  reverse_proxy {env.UPSTREAM} unix//run/app.sock\n}\n");
    assertTrue(lo.complete());
    assertEquals(List.of(), routes(lo));
  }

  @Test
  void unbalancedBracesAreADiagnostic() throws IOException {
    Path root = fs.getPath("/p");
    Files.createDirectories(root);
    Files.writeString(root.resolve("Dockerfile"), "FROM caddy:2\nCOPY Caddyfile /etc/caddy/Caddyfile\n");
    Files.writeString(root.resolve("Caddyfile"), ":80 {\n  reverse_proxy api:8000\n");
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    Listeners all = Listeners.of(p);
    assertFalse(all.all().get(0).complete());
    assertEquals(1, all.diagnostics().size(), all.diagnostics().toString());
    assertEquals("Caddyfile", all.diagnostics().get(0).range().file());
    assertTrue(all.diagnostics().get(0).message().contains("expecting '}'"));
  }

  @Test
  void composeBindMountOfTheCaddyfile() throws IOException {
    Listeners.Of lo = of(Map.of("compose.yaml", """
        services:
          proxy:
            build: ./proxy
            volumes:
              - ./conf/Caddyfile:/etc/caddy/Caddyfile:ro
        """, "proxy/Dockerfile", "FROM caddy:2\n", "conf/Caddyfile", "http:// {\n  reverse_proxy app:3000\n}\n"));
    assertTrue(lo.complete(), lo.unknown().toString());
    assertEquals(List.of("[::]:80", "localhost:2019"), binds(lo));
    assertEquals(List.of("app:3000"), routes(lo));
  }

  @Test
  void aJsonConfigOrResumeIsUnknown() throws IOException {
    assertFalse(copied(":80\n", "CMD [\"caddy\", \"run\", \"--config\", \"/etc/caddy/caddy.json\"]\n").complete());
    assertFalse(copied(":80\n", "CMD [\"caddy\", \"run\", \"--resume\"]\n").complete());
    // No --config: the Caddyfile in the working directory.
    Listeners.Of lo = of(Map.of("Dockerfile", "FROM caddy:2\nWORKDIR /app\nCOPY Caddyfile .\nCMD [\"caddy\", \"run\"]\n",
        "Caddyfile", ":3000\n"));
    assertTrue(lo.complete(), lo.unknown().toString());
    assertEquals(List.of("[::]:3000", "localhost:2019"), binds(lo));
  }

  @Test
  void phpFastcgiNeedsAnExplicitPortAndSitesKeepTheirOwnBinds() throws IOException {
    Listeners.Of lo = copied("{\n  admin off\n}\n:80 {\n  bind 127.0.0.1\n  php_fastcgi php:9000\n}\n"
        + "http://a.test {\n  php_fastcgi php\n}\n");
    assertTrue(lo.complete());
    assertEquals(List.of("127.0.0.1:80", "[::]:80"), binds(lo));
    assertEquals(List.of("php:9000"), routes(lo));
  }
}
