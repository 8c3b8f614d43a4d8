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
          proxy: {image: "nginx:1.27", volumes: ["./site.conf:/etc/nginx/conf.d/default.conf"]}
          other: {image: "mariadb:11"}
        """;
    for (String s : List.of("command", "entry", "built", "shell", "proxy", "other")) {
      assertEquals(Optional.empty(), binds(compose, s), s);
    }
  }
}
