package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.compose.Service;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where services that only name an image listen. */
class ImageServicesTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Optional<List<String>> binds(String compose, String service) throws IOException {
    Path root = fs.getPath("/p");
    Files.createDirectories(root);
    Files.writeString(root.resolve("compose.yaml"), compose);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    Service s = p.composeProjects().get(0).services().get(service);
    return ImageServices.of(s).map(l -> l.stream().map(x -> x.bind().toString()).toList());
  }

  @Test
  void officialDatabaseImagesServeTheirDefaultPorts() throws IOException {
    String compose = """
        services:
          db: {image: "postgres:16-alpine", volumes: ["data:/var/lib/postgresql/data"]}
          moved: {image: "postgres:16", environment: {PGPORT: "5433"}}
          cache: {image: "redis:7"}
        volumes: {data: {}}
        """;
    assertEquals(Optional.of(List.of("0.0.0.0:5432")), binds(compose, "db"));
    assertEquals(Optional.of(List.of("0.0.0.0:5433")), binds(compose, "moved"));
    // The catalog knows redis-server's port, not its address.
    assertEquals(Optional.of(List.of("?:6379")), binds(compose, "cache"));
  }

  @Test
  void unknownWhenTheDefaultCommandOrItsInputsAreNot() throws IOException {
    String compose = """
        services:
          command: {image: "redis:7", command: ["redis-server", "/etc/redis.conf"]}
          entry: {image: "postgres:16", entrypoint: ["/custom.sh"]}
          built: {image: "postgres:16", build: .}
          shell: {image: "postgres:16", environment: [PGPORT]}
          old: {image: "mariadb:10.5"}
          stdin: {image: "redis:7", command: ["-"]}
          node: {image: "node:22", command: ["server.js"]}
          sh: {image: "redis:7", command: ["sh", "-c", "redis-server --port 6380"]}
        """;
    for (String s : List.of("command", "entry", "built", "shell", "old", "stdin", "node",
        "sh")) {
      assertEquals(Optional.empty(), binds(compose, s), s);
    }
  }

  @Test
  void aCommandOfOptionsGoesToTheImagesServer() throws IOException {
    // docker-entrypoint.sh of these images runs `set -- SERVER "$@"` when $1 starts with `-`.
    String compose = """
        services:
          cache: {image: "redis:7", command: "--requirepass secret --port 6380 --save 60 1"}
          full: {image: "redis:7", command: ["redis-server", "--port", "6381"]}
          pg: {image: "postgres:16", command: ["-p", "5433"]}
          mongo: {image: "mongo:7", command: ["--port", "27018"]}
          mongobind: {image: "mongo:7", command: ["mongod", "--bind_ip", "127.0.0.1"]}
          mem: {image: "memcached:1.6-alpine", command: ["-m", "64", "-p", "11212"]}
          valkey: {image: "valkey/valkey:8", command: ["--port", "6390"]}
          extra: {image: "valkey/valkey:8", environment: {VALKEY_EXTRA_FLAGS: "--port 6391"}}
          extraunknown: {image: "valkey/valkey:8", environment: [VALKEY_EXTRA_FLAGS]}
        """;
    assertEquals(Optional.of(List.of("?:6380")), binds(compose, "cache"));
    assertEquals(Optional.of(List.of("?:6381")), binds(compose, "full"));
    assertEquals(Optional.of(List.of("0.0.0.0:5433")), binds(compose, "pg"));
    // The entrypoint adds --bind_ip_all when no bind option is given.
    assertEquals(Optional.of(List.of("0.0.0.0:27018")), binds(compose, "mongo"));
    assertEquals(Optional.of(List.of("127.0.0.1:27017")), binds(compose, "mongobind"));
    assertEquals(Optional.of(List.of("?:11212")), binds(compose, "mem"));
    assertEquals(Optional.of(List.of("?:6390")), binds(compose, "valkey"));
    // The script runs `exec "$@" $VALKEY_EXTRA_FLAGS`.
    assertEquals(Optional.of(List.of("?:6391")), binds(compose, "extra"));
    assertEquals(Optional.empty(), binds(compose, "extraunknown"));
  }

  @Test
  void postgresSettingsOnTheCommandLine() throws IOException {
    String compose = """
        services:
          tuned: {image: "postgres:16", command: "postgres -c fsync=off -c max_connections=200"}
          moved: {image: "postgres:16", command: ["-c", "port=5433", "-c", "listen_addresses=localhost"]}
          long: {image: "postgres:16", command: ["postgres", "--port=5434"]}
          file: {image: "postgres:16", command: ["postgres", "-c", "config_file=/etc/pg.conf"]}
          list: {image: "postgres:16", command: ["-c", "listen_addresses=a,b"]}
        """;
    assertEquals(Optional.of(List.of("0.0.0.0:5432")), binds(compose, "tuned"));
    assertEquals(Optional.of(List.of("localhost:5433")), binds(compose, "moved"));
    assertEquals(Optional.of(List.of("0.0.0.0:5434")), binds(compose, "long"));
    assertEquals(Optional.empty(), binds(compose, "file"));
    assertEquals(Optional.empty(), binds(compose, "list"));
  }

  @Test
  void nginxServesItsDefaultSiteUnlessItsConfigurationIsReplaced() throws IOException {
    String compose = """
        services:
          plain: {image: "nginx:1.27-alpine", volumes: ["./html:/usr/share/nginx/html:ro"]}
          site: {image: "nginx:1.27", volumes: ["./site.conf:/etc/nginx/conf.d/default.conf"]}
          templates: {image: "nginx:1.27", volumes: ["./t:/etc/nginx/templates"]}
          scripts: {image: "nginx:1.27", volumes: ["./s.sh:/docker-entrypoint.d/40-s.sh"]}
          elsewhere: {image: "nginx:1.27", environment: {NGINX_ENVSUBST_TEMPLATE_DIR: /t}}
          conf: {image: "nginx:1.27", command: ["nginx", "-c", "/n.conf", "-g", "daemon off;"]}
          unprivileged: {image: "nginxinc/nginx-unprivileged:1.27"}
        """;
    assertEquals(Optional.of(List.of("0.0.0.0:80")), binds(compose, "plain"));
    for (String s : List.of("site", "templates", "scripts", "elsewhere", "conf", "unprivileged")) {
      assertEquals(Optional.empty(), binds(compose, s), s);
    }
  }

  @Test
  void databaseImagesAndTheirConfigurationFiles() throws IOException {
    String compose = """
        services:
          maria: {image: "mariadb:11.8"}
          mysql: {image: "mysql:8.4", environment: {MYSQL_TCP_PORT: "3307"}}
          mounted: {image: "mysql:8.4", volumes: ["./my.cnf:/etc/mysql/conf.d/my.cnf:ro"]}
          dir: {image: "mariadb:lts", volumes: ["./conf:/etc/mysql"]}
          data: {image: "mysql:8.4", volumes: ["db:/var/lib/mysql"]}
          rabbit: {image: "rabbitmq:4-management"}
          rabbitconf: {image: "rabbitmq:4", configs: [rabbitmq]}
          rabbitold: {image: "rabbitmq:3.8-management-alpine"}
          mem: {image: "memcached", tmpfs: ["/tmp"]}
        configs:
          rabbitmq: {file: ./rabbitmq.conf}
        volumes: {db: {}}
        """;
    assertEquals(Optional.of(List.of("?:3306")), binds(compose, "maria"));
    assertEquals(Optional.of(List.of("?:3307")), binds(compose, "mysql"));
    // A file in conf.d, or a directory over /etc/mysql, may set another port.
    assertEquals(Optional.empty(), binds(compose, "mounted"));
    assertEquals(Optional.empty(), binds(compose, "dir"));
    assertEquals(Optional.of(List.of("?:3306")), binds(compose, "data"));
    assertEquals(Optional.of(List.of("?:5672")), binds(compose, "rabbit"));
    // A config without target is mounted at /rabbitmq, not over the server's files.
    assertEquals(Optional.of(List.of("?:5672")), binds(compose, "rabbitconf"));
    assertEquals(Optional.empty(), binds(compose, "rabbitold"));
    assertEquals(Optional.of(List.of("?:11211")), binds(compose, "mem"));
  }

  @Test
  void configsOverTheServersFileMakeItUnknown() throws IOException {
    String compose = """
        services:
          rabbit:
            image: "rabbitmq:4"
            configs: [{source: rabbitmq, target: /etc/rabbitmq/rabbitmq.conf}]
        configs:
          rabbitmq: {file: ./rabbitmq.conf}
        """;
    assertEquals(Optional.empty(), binds(compose, "rabbit"));
  }

  @Test
  void completeUnlessTheServerMayListenElsewhere() throws IOException {
    String compose = """
        services:
          cache: {image: "redis:7"}
          maria: {image: "mariadb:11.8"}
        """;
    Path root = fs.getPath("/p");
    Files.createDirectories(root);
    Files.writeString(root.resolve("compose.yaml"), compose);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    var services = p.composeProjects().get(0).services();
    assertEquals(true, ImageServices.known(services.get("cache")).orElseThrow().complete());
    // mysqld may listen elsewhere too (the X protocol's 33060).
    assertEquals(false, ImageServices.known(services.get("maria")).orElseThrow().complete());
  }

  @Test
  void phpFpmApacheHttpdAndCaddyImages() throws IOException {
    String compose = """
        services:
          fpm: {image: "php:8.3-fpm-alpine"}
          apache: {image: "php:8.2-apache"}
          httpd: {image: "httpd:2.4"}
          option: {image: "php:8.3-fpm", command: ["-F"]}
          pool: {image: "php:8.3-fpm", volumes: ["./www.conf:/usr/local/etc/php-fpm.d/www.conf"]}
          conf: {image: "httpd:2.4", volumes: ["./httpd.conf:/usr/local/apache2/conf/httpd.conf:ro"]}
          other: {image: "httpd:2.4", command: ["httpd", "-DFOREGROUND", "-f", "/srv/httpd.conf"]}
          cli: {image: "php:8.3-cli"}
          caddy: {image: "caddy:2"}
        """;
    assertEquals(Optional.of(List.of("?:9000")), binds(compose, "fpm"));
    assertEquals(Optional.of(List.of("?:80")), binds(compose, "apache"));
    assertEquals(Optional.of(List.of("?:80")), binds(compose, "httpd"));
    // What the entrypoint puts in front of an option is not listed; a pool file of the
    // project, another config file: unknown.
    assertEquals(Optional.empty(), binds(compose, "option"));
    assertEquals(Optional.empty(), binds(compose, "pool"));
    assertEquals(Optional.empty(), binds(compose, "conf"));
    assertEquals(Optional.empty(), binds(compose, "other"));
    assertEquals(Optional.empty(), binds(compose, "cli"));
    // caddy run --config /etc/caddy/Caddyfile: the Caddyfile is read for built containers only.
    assertEquals(Optional.empty(), binds(compose, "caddy"));
  }

  @Test
  void caddyReadsTheMountedCaddyfileOrTheImagesOwn() throws IOException {
    Path root = fs.getPath("/p");
    Files.createDirectories(root.resolve("conf"));
    Files.writeString(root.resolve("conf/Caddyfile"), "{\n  admin off\n}\napp.example {\n  reverse_proxy web:3000\n}\n");
    Files.writeString(root.resolve("compose.yaml"), """
        services:
          mounted: {image: "caddy:2", volumes: ["./conf/Caddyfile:/etc/caddy/Caddyfile:ro"]}
          dir: {image: "caddy:2", volumes: ["./conf:/etc/caddy"]}
          shipped: {image: "caddy:2.10-alpine"}
          data: {image: "caddy:2", volumes: ["caddy_data:/data"]}
          volume: {image: "caddy:2", volumes: ["conf:/etc/caddy"]}
          missing: {image: "caddy:2", volumes: ["./nothere/Caddyfile:/etc/caddy/Caddyfile"]}
          builder: {image: "caddy:2-builder"}
        volumes: {caddy_data: {}, conf: {}}
        """);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    java.util.function.Function<String, Optional<List<String>>> binds = name ->
        ImageServices.of(p, p.composeProjects().get(0).services().get(name))
            .map(l -> l.stream().map(x -> x.bind().toString()).toList());
    assertEquals(Optional.of(List.of("[::]:443", "[::]:80")), binds.apply("mounted"));
    assertEquals(Optional.of(List.of("[::]:443", "[::]:80")), binds.apply("dir"));
    assertEquals(Optional.of(List.of("[::]:80", "localhost:2019")), binds.apply("shipped"));
    assertEquals(Optional.of(List.of("[::]:80", "localhost:2019")), binds.apply("data"));
    assertEquals(Optional.empty(), binds.apply("volume"));
    assertEquals(Optional.empty(), binds.apply("missing"));
    assertEquals(Optional.empty(), binds.apply("builder"));
  }
}
