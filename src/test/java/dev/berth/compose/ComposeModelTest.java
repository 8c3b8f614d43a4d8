package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.yaml.YamlScalar;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeModelTest {
  private static final Range R = Range.point("compose.yaml", 1, 1);

  // Short syntax examples from the Compose specification, "ports".
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "3000||||3000|tcp",
      "3000-3005||||3000-3005|tcp",
      "8000:8000||8000|8000|8000|tcp",
      "9090-9091:8080-8081||9090-9091|9090|8080-8081|tcp",
      "49100:22||49100|49100|22|tcp",
      "8000-9000:80||8000-9000|8000|80|tcp",
      "127.0.0.1:8001:8001|127.0.0.1|8001|8001|8001|tcp",
      "127.0.0.1:5000-5010:5000-5010|127.0.0.1|5000-5010|5000|5000-5010|tcp",
      "127.0.0.1::5000|127.0.0.1|||5000|tcp",
      "6060:6060/udp||6060|6060|6060|udp",
      "[::1]:6001:6001|::1|6001|6001|6001|tcp",
  })
  void shortPorts(String text, String ip, String published, String firstHost, String target,
      String protocol) {
    PortMapping p = PortMapping.parseShort(YamlScalar.of(text, R)).orElseThrow();
    assertEquals(ip == null ? "" : ip, p.hostIp());
    assertEquals(Optional.ofNullable(published), p.published());
    assertEquals(firstHost == null ? Optional.empty() : Optional.of(Integer.parseInt(firstHost)),
        p.publishedPorts().map(a -> a[0]));
    assertEquals(target, p.target());
    assertEquals(protocol, p.protocol());
  }

  @ParameterizedTest
  @CsvSource({"abc", "80:abc", "1:2:3:4", "70000"})
  void malformedPortsAreLeftOut(String text) {
    assertTrue(PortMapping.parseShort(YamlScalar.of(text, R)).isEmpty());
  }

  // Short syntax examples from the Compose specification, "volumes".
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/var/lib/mysql|VOLUME||/var/lib/mysql|false|",
      "/opt/data:/var/lib/mysql|BIND|/opt/data|/var/lib/mysql|false|/opt/data",
      "./cache:/tmp/cache|BIND|./cache|/tmp/cache|false|cache",
      "~/configs:/etc/configs/:ro|BIND|~/configs|/etc/configs/|true|~/configs",
      "datavolume:/var/lib/mysql|VOLUME|datavolume|/var/lib/mysql|false|",
      "db-data:/data:ro,z|VOLUME|db-data|/data|true|",
  })
  void shortVolumes(String text, Mount.Type type, String source, String target, boolean ro,
      String hostPath) {
    Mount m = Mount.parseShort(YamlScalar.of(text, R));
    assertEquals(type, m.type());
    assertEquals(Optional.ofNullable(source), m.source().map(Located::value));
    assertEquals(target, m.target().value());
    assertEquals(ro, m.readOnly());
    assertEquals(Optional.ofNullable(hostPath), m.hostPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "npm start|[npm, start]",
      "sh -c 'echo hi && sleep 1'|[sh, -c, echo hi && sleep 1]",
      "echo \"a b\" c\\ d|[echo, a b, c d]",
      "  spaced   out  |[spaced, out]",
  })
  void shellWords(String text, String expected) {
    assertEquals(expected, ShellWords.split(text).orElseThrow().toString());
  }

  @Test
  void unterminatedQuoteIsNotSplit() {
    assertTrue(ShellWords.split("echo 'oops").isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"512m,536870912", "1g,1073741824", "1gb,1073741824", "100,100", "64M,67108864",
      "1.5k,1536"})
  void sizes(String text, long bytes) {
    assertEquals(Optional.of(bytes), Sizes.bytes(text));
  }

  @Test
  void serviceFieldsNormalised() {
    ComposeProject p = new ComposeFixture()
        .file("web/app.env", "FROM_FILE=1\nBOTH=file\n")
        .file("compose.yaml", """
            services:
              web:
                build:
                  context: ./web
                  dockerfile: Dockerfile.prod
                  target: runtime
                  args: [VERSION=1, EMPTY]
                command: npm start
                entrypoint: ["/bin/tini", "--"]
                env_file: web/app.env
                environment:
                  - BOTH=env
                  - BARE
                ports:
                  - "8080:80"
                  - target: 443
                    published: "8443"
                    host_ip: 127.0.0.1
                    protocol: tcp
                expose: [9000, "9001"]
                volumes:
                  - ./web/static:/srv/static:ro
                  - type: tmpfs
                    target: /cache
                    tmpfs:
                      size: 64m
                  - data:/data
                tmpfs: /run
                user: "1000:1000"
                working_dir: /app
                healthcheck:
                  test: curl -f http://localhost/ || exit 1
                  interval: 10s
                depends_on:
                  db:
                    condition: service_healthy
                  cache:
                    condition: service_started
                    required: false
                networks:
                  front:
                    aliases: [www]
                profiles: [web]
                deploy:
                  replicas: 2
                  resources:
                    limits: {memory: 512M, cpus: "0.5"}
                mem_limit: 1g
                restart: unless-stopped
                secrets: [api_key, {source: tls, target: /run/tls}]
                configs: [nginx]
                container_name: web
                links: ["db:database"]
                volumes_from: ["db:ro"]
              db:
                image: postgres
                network_mode: "service:web"
            volumes:
              data:
              ext: {external: true, name: real}
            networks:
              front: {}
            secrets:
              api_key: {file: ./secrets/api.txt}
              tls: {environment: TLS}
            configs:
              nginx: {file: ./nginx.conf}
            """)
        .project();
    Service web = p.service("web").orElseThrow();
    Build b = web.build().orElseThrow();
    assertEquals(Optional.of("web"), b.contextPath());
    assertEquals(Optional.of("web/Dockerfile.prod"), b.dockerfilePath());
    assertEquals("runtime", b.target().orElseThrow().value());
    assertEquals(Optional.of("1"), b.args().get("VERSION").value());
    assertEquals(Optional.empty(), b.args().get("EMPTY").value());
    assertEquals(List.of("npm", "start"), web.command().orElseThrow().value());
    assertEquals(List.of("/bin/tini", "--"), web.entrypoint().orElseThrow().value());
    assertEquals(Optional.of("1"), web.environment().get("FROM_FILE").value());
    assertEquals(Optional.of("env"), web.environment().get("BOTH").value());
    assertEquals(Optional.empty(), web.environment().get("BARE").value());
    assertEquals(2, web.ports().size());
    assertEquals("127.0.0.1", web.ports().get(1).hostIp());
    assertEquals(Optional.of("8443"), web.ports().get(1).published());
    assertEquals(List.of("9000", "9001"), web.expose().stream().map(Located::value).toList());
    assertEquals(3, web.volumes().size());
    assertEquals(Optional.of("web/static"), web.volumes().get(0).hostPath());
    assertTrue(web.volumes().get(0).readOnly());
    assertEquals(Mount.Type.TMPFS, web.volumes().get(1).type());
    assertEquals(Optional.of(64L << 20), web.volumes().get(1).tmpfsSize());
    assertEquals(Mount.Type.VOLUME, web.volumes().get(2).type());
    assertEquals("/run", web.tmpfs().get(0).value());
    assertEquals("1000:1000", web.user().orElseThrow().value());
    assertEquals("/app", web.workingDir().orElseThrow().value());
    assertEquals(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
        web.healthcheck().orElseThrow().test().orElseThrow().value());
    assertEquals("service_healthy", web.dependsOn().get(0).condition().value());
    assertFalse(web.dependsOn().get(1).required());
    assertEquals("www", web.networks().get(0).aliases().get(0).value());
    assertEquals("web", web.profiles().get(0).value());
    assertEquals(2, web.replicas().orElseThrow().value());
    assertEquals(512L << 20, web.resources().memoryLimit().orElseThrow().value());
    assertEquals(512L << 20, web.memoryLimit().orElseThrow().value());
    assertEquals(1L << 30, web.memLimit().orElseThrow().value());
    assertEquals("unless-stopped", web.restart().orElseThrow().value());
    assertEquals("tls", web.secrets().get(1).source().value());
    assertEquals("/run/tls", web.secrets().get(1).target().orElseThrow().value());
    assertEquals("nginx", web.configs().get(0).source().value());
    assertEquals("web", web.containerName().orElseThrow().value());
    assertEquals("db:database", web.links().get(0).value());
    assertEquals("db:ro", web.volumesFrom().get(0).value());
    assertEquals("service:web", p.service("db").orElseThrow().networkMode().orElseThrow().value());
    assertTrue(p.volumes().get("ext").external());
    assertEquals("real", p.volumes().get("ext").externalName().orElseThrow().value());
    assertEquals("./secrets/api.txt", p.secrets().get("api_key").file().orElseThrow().value());
    assertEquals(java.util.Set.of("web"), p.profiles());
    assertEquals(List.of("db"), p.enabledServices(List.of()).stream()
        .map(Service::serviceName).toList());
  }
}
