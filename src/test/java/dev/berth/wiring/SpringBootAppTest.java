package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** server.port of Spring Boot applications started with java -jar. */
class SpringBootAppTest {
  private static final String POM = """
      <project>
        <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>
        <dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>
        <build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>
      </project>
      """;
  private static final String STAGED = """
      FROM maven:3.9-eclipse-temurin-17 AS build
      WORKDIR /src
      COPY pom.xml .
      COPY src src
      RUN mvn -q package
      FROM eclipse-temurin:17-jre
      COPY --from=build /src/target/app.jar /app.jar
      """;
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private int n;

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Listeners.Of of(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p" + n++);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return Listeners.of(ProjectLoader.load(root, List.of(), BerthConfig.defaults())).all().get(0);
  }

  private Listeners.Of staged(String tail, Map<String, String> more) throws IOException {
    Map<String, String> files = new HashMap<>(more);
    files.put("Dockerfile", STAGED + tail);
    files.putIfAbsent("pom.xml", POM);
    files.put("src/main/java/App.java", "class App {}\n");
    return of(files);
  }

  private static List<String> binds(Listeners.Of lo) {
    return lo.listeners().stream().map(l -> l.bind().toString()).toList();
  }

  @Test
  void jarFromTheContextWithItsApplicationProperties() throws IOException {
    Listeners.Of lo = of(Map.of("Dockerfile", """
        FROM eclipse-temurin:17-jre
        WORKDIR /app
        COPY target/app.jar app.jar
        CMD ["java", "-jar", "app.jar"]
        """, "pom.xml", POM, "target/app.jar", "x",
        "src/main/resources/application.properties", "# web\nserver.port = 9090\n"));
    assertTrue(lo.complete(), lo.unknown().toString());
    assertEquals(List.of("?:9090"), binds(lo));
  }

  @Test
  void defaultPortAndThePrecedenceOfItsSources() throws IOException {
    String cmd = "ENTRYPOINT [\"java\", \"-Xmx512m\", \"-jar\", \"/app.jar\"]\n";
    assertEquals(List.of("?:8080"), binds(staged(cmd, Map.of())));
    Map<String, String> yml = Map.of("src/main/resources/application.yml",
        "server:\n  port: ${PORT:8081}\nspring:\n  profiles:\n    active: prod\n",
        "src/main/resources/application-prod.properties", "server.port=7000\n");
    // application.yml's active profile prod sets 7000 over the file's own ${PORT:8081}.
    assertEquals(List.of("?:7000"), binds(staged(cmd, yml)));
    // Another profile on the command line: application-dev does not exist, so 8081 from PORT's default.
    assertEquals(List.of("?:8081"), binds(staged("ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\", "
        + "\"--spring.profiles.active=dev\"]\n", yml)));
    assertEquals(List.of("?:6000"), binds(staged("ENV SERVER_PORT=6000\n" + cmd, yml)));
    assertEquals(List.of("?:5000"), binds(staged("ENV SERVER_PORT=6000\nENTRYPOINT [\"java\", "
        + "\"-Dserver.port=5000\", \"-jar\", \"/app.jar\"]\n", yml)));
    assertEquals(List.of("?:4000"), binds(staged("ENTRYPOINT [\"java\", \"-Dserver.port=5000\", "
        + "\"-jar\", \"/app.jar\", \"--server.port=4000\"]\n", yml)));
  }

  @Test
  void yamlDocumentsApplyForTheirProfiles() throws IOException {
    Map<String, String> yml = Map.of("src/main/resources/application.yml", """
        ---
        server:
          port: 8090
        ---
        spring:
          profiles: local, default
        server:
          port: 8091
        ---
        spring:
          config:
            activate:
              on-profile: postgres
        server:
          port: 8092
        """);
    String jar = "ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n";
    assertEquals(List.of("?:8091"), binds(staged(jar, yml)));
    assertEquals(List.of("?:8092"), binds(staged(jar + "CMD [\"--spring.profiles.active=postgres\"]\n", yml)));
    assertEquals(List.of("?:8090"), binds(staged("ENV SPRING_PROFILES_ACTIVE=other\n" + jar, yml)));
    // COPY into the working directory as `.`: the jar lands under its own name.
    Map<String, String> files = new HashMap<>(yml);
    files.put("Dockerfile", STAGED.replace("COPY --from=build /src/target/app.jar /app.jar",
        "WORKDIR /srv\nCOPY --from=build /src/target/app.jar .") + "ENTRYPOINT [\"java\", \"-jar\", \"/srv/app.jar\"]\n");
    files.put("pom.xml", POM);
    assertEquals(List.of("?:8091"), binds(of(files)));
  }

  @Test
  void unknownWhenItCannotTell() throws IOException {
    String cmd = "ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n";
    // Not a web application: no server at all, perhaps.
    assertFalse(staged(cmd, Map.of("pom.xml", POM.replace("spring-boot-starter-web",
        "spring-boot-starter-data-jpa"))).complete());
    // A port from a variable berth does not know, a separate management port, an include.
    assertFalse(staged("ARG P\nENV SERVER_PORT=$P\n" + cmd, Map.of()).complete());
    assertFalse(staged(cmd, Map.of("src/main/resources/application.properties",
        "management.server.port=9001\n")).complete());
    assertFalse(staged(cmd, Map.of("src/main/resources/application.yml",
        "server:\n  port: 1\n---\nspring:\n  config:\n    activate:\n      on-profile: '!prod'\n"
        + "server:\n  port: 2\n")).complete());
    assertFalse(staged("ENV SPRING_CONFIG_LOCATION=/etc/app/\n" + cmd, Map.of()).complete());
    // The debugger's agent listens too (address=5005).
    assertFalse(staged("ENTRYPOINT [\"java\", \"-agentlib:jdwp=transport=dt_socket,server=y,"
        + "address=5005\", \"-jar\", \"/app.jar\"]\n", Map.of()).complete());
    // A main class on a class path, and config files copied beside the jar.
    assertFalse(staged("ENTRYPOINT [\"java\", \"-cp\", \"/app.jar\", \"App\"]\n", Map.of()).complete());
    assertFalse(staged("COPY application.yml /application.yml\n" + cmd,
        Map.of("application.yml", "server:\n  port: 1\n")).complete());
  }
}
