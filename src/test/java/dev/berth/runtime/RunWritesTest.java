package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
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

/** Files a RUN writes whole (echo, printf, cat heredoc), read as /bin/sh would write them. */
class RunWritesTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Optional<String> file(String dockerfile, String path) throws IOException {
    Path root = fs.getPath("/p" + System.nanoTime());
    Files.createDirectories(root);
    Files.writeString(root.resolve("Dockerfile"), dockerfile);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    Container c = Containers.of(p).all().get(0);
    return ImageFiles.read(p, c, path).map(ImageFiles.Content::text);
  }

  @Test
  void printfWithEscapes() throws IOException {
    assertEquals(Optional.of("server {\n  listen 3000;\n}\n"), file("""
        FROM nginx:1.27
        RUN printf 'server {\\n  listen 3000;\\n}\\n' > /etc/nginx/conf.d/default.conf
        """, "/etc/nginx/conf.d/default.conf"));
  }

  @Test
  void echoThenAppendsInOneRun() throws IOException {
    assertEquals(Optional.of("[program:api]\ncommand=uvicorn main:app --port 8015\n"), file("""
        FROM python:3.12-slim
        RUN apt-get update && echo "[program:api]" > /etc/supervisord.conf \\
            && echo "command=uvicorn main:app --port 8015" >> /etc/supervisord.conf
        """, "/etc/supervisord.conf"));
  }

  @Test
  void quotedHeredocIsLiteral() throws IOException {
    assertEquals(Optional.of("location / { proxy_pass http://$host; }\n"), file("""
        FROM nginx:1.27
        RUN cat > /etc/nginx/conf.d/app.conf <<'EOF'
        location / { proxy_pass http://$host; }
        EOF
        """, "/etc/nginx/conf.d/app.conf"));
  }

  @Test
  void unknownWhenTheShellWouldChangeOrTheRunEditsIt() throws IOException {
    // An unquoted heredoc expands $host: the text depends on the shell.
    assertEquals(Optional.empty(), file("""
        FROM nginx:1.27
        RUN cat > /etc/nginx/conf.d/app.conf <<EOF
        location / { proxy_pass http://$host; }
        EOF
        """, "/etc/nginx/conf.d/app.conf"));
    assertEquals(Optional.empty(), file("""
        FROM nginx:1.27
        RUN echo 'listen 80;' > /etc/nginx/conf.d/a.conf && sed -i 's/80/81/' /etc/nginx/conf.d/a.conf
        """, "/etc/nginx/conf.d/a.conf"));
    // Only appends: what was there before is unknown.
    assertEquals(Optional.empty(), file("""
        FROM nginx:1.27
        RUN echo 'listen 80;' >> /etc/nginx/conf.d/a.conf
        """, "/etc/nginx/conf.d/a.conf"));
    // dash and busybox disagree about echo's backslashes.
    assertEquals(Optional.empty(), file("""
        FROM nginx:1.27
        RUN echo 'a\\nb' > /etc/nginx/conf.d/a.conf
        """, "/etc/nginx/conf.d/a.conf"));
    assertEquals(Optional.empty(), file("""
        FROM nginx:1.27
        RUN echo "listen $PORT;" > /etc/nginx/conf.d/a.conf
        """, "/etc/nginx/conf.d/a.conf"));
  }

  @Test
  void supervisordConfigWrittenByRunIsFollowed() throws IOException {
    Path root = fs.getPath("/sup");
    Files.createDirectories(root);
    Files.writeString(root.resolve("Dockerfile"), """
        FROM python:3.12-slim
        RUN pip install supervisor uvicorn
        RUN printf '[supervisord]\\nnodaemon=true\\n[program:api]\\ncommand=uvicorn main:app --port 8015\\n' > /etc/supervisord.conf
        CMD ["supervisord", "-c", "/etc/supervisord.conf"]
        """);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    Container c = Containers.of(p).all().get(0);
    assertEquals(List.of(List.of("supervisord", "-c", "/etc/supervisord.conf"),
        List.of("uvicorn", "main:app", "--port", "8015")), ProcessesTest.argvs(c));
  }
}
