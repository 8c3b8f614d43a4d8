package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.source.Diagnostic;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners and proxy routes of whole containers. */
class ListenersTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Project project(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return ProjectLoader.load(root, List.of(), BerthConfig.defaults());
  }

  private static List<String> binds(Listeners.Of lo) {
    return lo.listeners().stream().map(l -> l.bind().toString()).toList();
  }

  @Test
  void officialNginxImageServesItsDefaultConfigOnPort80() throws IOException {
    Project p = project(Map.of("Dockerfile", "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n",
        "site/index.html", "<p>hi</p>\n"));
    Listeners.Of lo = Listeners.of(p).all().get(0);
    assertTrue(lo.complete(), lo.unknown().toString());
    assertEquals(List.of("0.0.0.0:80", "[::]:80"), binds(lo));
  }

  @Test
  void removedDefaultAndCopiedDirectory() throws IOException {
    Project p = project(Map.of("Dockerfile", """
        FROM nginx:1.27
        RUN rm /etc/nginx/conf.d/default.conf
        COPY conf.d/ /etc/nginx/conf.d/
        """, "conf.d/app.conf", "server { listen 8080; location / { proxy_pass http://127.0.0.1:9000; } }\n",
        "conf.d/notes.txt", "not included\n"));
    Listeners.Of lo = Listeners.of(p).all().get(0);
    assertEquals(List.of("0.0.0.0:8080"), binds(lo));
    assertEquals(List.of("127.0.0.1:9000"), lo.routes().stream().map(r -> r.host() + ":" + r.port()).toList());
  }

  @Test
  void unbalancedBracesAreADiagnosticAndUnknown() throws IOException {
    Project p = project(Map.of("Dockerfile", "FROM nginx:1.27\nCOPY site.conf /etc/nginx/conf.d/default.conf\n",
        "site.conf", "server {\n  listen 80;\n  location / {\n}\n"));
    Listeners all = Listeners.of(p);
    Listeners.Of lo = all.all().get(0);
    assertFalse(lo.complete());
    List<Diagnostic> d = all.diagnostics();
    assertEquals(1, d.size(), d.toString());
    assertEquals("site.conf", d.get(0).range().file());
    assertEquals(5, d.get(0).range().startLine());
    assertTrue(d.get(0).message().contains("unexpected end of file, expecting \"}\""), d.get(0).message());
  }

  @Test
  void aPackageNginxWithItsOwnSitesIsUnknown() throws IOException {
    Project p = project(Map.of("Dockerfile", """
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y nginx
        COPY nginx.conf /etc/nginx/nginx.conf
        CMD ["nginx", "-g", "daemon off;"]
        """, "nginx.conf", "events {}\nhttp { include /etc/nginx/sites-enabled/*; }\n"));
    Listeners.Of lo = Listeners.of(p).all().get(0);
    assertFalse(lo.complete());
  }
}
