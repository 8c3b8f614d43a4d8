package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bind mounts hiding image content, HOME, entrypoint scripts and known runtime writes. */
class MountEffectsTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  Project project(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p");
    for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return ProjectLoader.load(root, List.of(), BerthConfig.defaults());
  }

  static final String UV_API = """
      FROM python:3.12-slim
      RUN pip install --no-cache-dir uv
      WORKDIR /app
      COPY pyproject.toml uv.lock ./
      RUN uv sync --frozen
      COPY src ./src
      CMD ["/app/.venv/bin/uvicorn", "src.main:app"]
      """;

  static final String COMPOSE = """
      services:
        api:
          build: ./api
          volumes:
            - ./api:/app
      """;

  @Test
  void bindMountHidesTheBuiltVenv() throws IOException {
    Project p = project(Map.of("api/Dockerfile", UV_API, "api/pyproject.toml", "",
        "api/uv.lock", "", "api/src/main.py", "", "compose.yaml", COMPOSE));
    dev.berth.runtime.Container c = dev.berth.runtime.Containers.of(p).all().get(0);
    MountEffects.Hidden h = MountEffects.hiddenByBind(c.view(), "/app/.venv/bin/uvicorn",
        p.fileTree()).orElseThrow();
    assertEquals("/app/.venv", h.hidden());
    assertEquals("api/.venv", h.hostPath());
    assertEquals(5, h.node().origin().range().orElseThrow().startLine()); // RUN uv sync
    // The sources exist on the host: nothing hidden.
    assertEquals(Optional.empty(), MountEffects.hiddenByBind(c.view(), "/app/src/main.py", p.fileTree()));
  }

  @Test
  void aVenvOnTheHostIsNotHidden() throws IOException {
    Project p = project(Map.of("api/Dockerfile", UV_API, "api/pyproject.toml", "",
        "api/uv.lock", "", "api/src/main.py", "", "api/.venv/bin/uvicorn", "#!/bin/sh\n",
        "compose.yaml", COMPOSE));
    dev.berth.runtime.Container c = dev.berth.runtime.Containers.of(p).all().get(0);
    assertEquals(Optional.empty(), MountEffects.hiddenByBind(c.view(), "/app/.venv/bin/uvicorn",
        p.fileTree()));
  }

  @Test
  void homeOfASystemUserWithoutHomeDirectory() throws IOException {
    Project p = project(Map.of("Dockerfile", """
        FROM debian:bookworm-slim
        RUN useradd --system --no-create-home svc
        USER svc
        """));
    Dockerfile df = p.dockerfiles().get(0);
    ContainerView v = ContainerView.of(ImageSimulation.of(p).stages(df).get(0));
    MountEffects.Home h = MountEffects.home(v, false).orElseThrow();
    assertEquals("/home/svc", h.path());
    assertTrue(h.fromPasswd());
    assertEquals(Answer.NO, v.filesystem().lookup("/home/svc").exists());
    // A runtime HOME (Compose environment) is not known here.
    assertEquals(Optional.empty(), MountEffects.home(v, true));
  }

  @Test
  void entrypointScriptFromTheContextThatDropsPrivileges() throws IOException {
    Project p = project(Map.of("app/Dockerfile", """
        FROM python:3.12-slim
        RUN useradd app
        COPY docker-entrypoint.sh /usr/local/bin/
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["python", "-m", "http.server"]
        """, "app/docker-entrypoint.sh", """
        #!/bin/sh
        set -e
        chown -R app:app /data
        exec gosu app "$@"
        """, "other/Dockerfile", """
        FROM python:3.12-slim
        COPY entrypoint.sh /entrypoint.sh
        ENTRYPOINT ["/entrypoint.sh"]
        """, "other/entrypoint.sh", """
        #!/bin/sh
        # not gosu: just runs the command
        exec "$@"
        """));
    Dockerfile app = p.dockerfile("app/Dockerfile").orElseThrow();
    Dockerfile other = p.dockerfile("other/Dockerfile").orElseThrow();
    assertEquals(Answer.YES, EntrypointScripts.of(p).dropsPrivileges(app, app.stages().get(0)));
    assertEquals(Answer.NO, EntrypointScripts.of(p).dropsPrivileges(other, other.stages().get(0)));
  }

  @Test
  void entrypointScriptIsReadFromTheContextsTheProjectGives() throws IOException {
    String gosu = "#!/bin/sh\nexec gosu app \"$@\"\n";
    Project p = project(Map.of(
        // `COPY docker/entrypoint.sh` finds its file only from the root: the context is inferred
        // to be the root, not the Dockerfile's directory.
        "docker/Dockerfile", """
            FROM debian:12
            COPY docker/entrypoint.sh /entrypoint.sh
            ENTRYPOINT ["/entrypoint.sh"]
            """, "docker/entrypoint.sh", gosu,
        // both app/ and the root hold entrypoint.sh: nothing says which one is built, so the
        // assumed context, the Dockerfile's directory, is read (its answer only ever silences)
        "app/Dockerfile", """
            FROM debian:12
            COPY entrypoint.sh /entrypoint.sh
            ENTRYPOINT ["/entrypoint.sh"]
            """, "app/entrypoint.sh", gosu, "entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n",
        // web/ is as ambiguous, but the repository's Makefile builds it with web/ as the context
        "web/Dockerfile", """
            FROM debian:12
            COPY entrypoint.sh /entrypoint.sh
            ENTRYPOINT ["/entrypoint.sh"]
            """, "web/entrypoint.sh", gosu,
        "Makefile", "image:\n\tdocker build -t web -f web/Dockerfile web\n"));
    Dockerfile docker = p.dockerfile("docker/Dockerfile").orElseThrow();
    Dockerfile app = p.dockerfile("app/Dockerfile").orElseThrow();
    Dockerfile web = p.dockerfile("web/Dockerfile").orElseThrow();
    EntrypointScripts scripts = EntrypointScripts.of(p);
    assertEquals(Answer.YES, scripts.dropsPrivileges(docker, docker.stages().get(0)));
    assertEquals(Answer.YES, scripts.dropsPrivileges(app, app.stages().get(0)));
    assertEquals(Answer.YES, scripts.dropsPrivileges(web, web.stages().get(0)));
  }

  @Test
  void entrypointHeredocAndUntraceableScripts() throws IOException {
    Project p = project(Map.of("Dockerfile", """
        FROM alpine:3.20
        COPY <<EOF /entrypoint.sh
        #!/bin/sh
        exec su-exec app "$@"
        EOF
        ENTRYPOINT ["/entrypoint.sh"]
        """, "gen/Dockerfile", """
        FROM alpine:3.20
        RUN printf '#!/bin/sh\\nexec su-exec app "$@"\\n' > /entrypoint.sh
        ENTRYPOINT ["/entrypoint.sh"]
        """));
    Dockerfile heredoc = p.dockerfile("Dockerfile").orElseThrow();
    Dockerfile gen = p.dockerfile("gen/Dockerfile").orElseThrow();
    assertEquals(Answer.YES, EntrypointScripts.of(p).dropsPrivileges(heredoc, heredoc.stages().get(0)));
    // Written by RUN: berth does not read it.
    assertEquals(Answer.UNKNOWN, EntrypointScripts.of(p).dropsPrivileges(gen, gen.stages().get(0)));
  }

  @Test
  void privilegeDropPatterns() {
    assertTrue(EntrypointScripts.drops("exec setpriv --reuid=app --regid=app --init-groups \"$@\""));
    assertTrue(EntrypointScripts.drops("exec chroot --userspec=app:app / \"$@\""));
    assertTrue(EntrypointScripts.drops("exec runuser -u app -- \"$@\""));
    assertEquals(false, EntrypointScripts.drops("# exec gosu app \"$@\"\nexec \"$@\""));
    assertEquals(false, EntrypointScripts.drops("setpriv --dump"));
    // A Python entrypoint execs a list it built (synapse's docker/start.py); the user is a value.
    assertTrue(EntrypointScripts.drops("#!/usr/local/bin/python\nimport os\n"
        + "    if ownership is not None:\n        args = [\"gosu\", ownership] + args\n"
        + "    os.execve(\"/usr/local/bin/python\", args, environ)\n"));
    assertTrue(EntrypointScripts.drops("#!/usr/bin/env python3\ncmd = ['su-exec', 'app', 'app']\n"));
    assertEquals(false, EntrypointScripts.drops("#!/usr/bin/env python3\ncmd = ['gosu', 'root', 'x']\n"));
    // In Python, a shell-looking line is no command, and a list not starting with a switcher is none.
    assertEquals(false, EntrypointScripts.drops("#!/usr/bin/python\nprint('exec gosu app')\n"
        + "args = [\"python\", \"-m\", \"gosu\"]\n"));
    // su USER -c runs the command as USER (zulip's entrypoint); s6-setuidgid likewise.
    assertTrue(EntrypointScripts.drops("    exec su zulip -c \"/home/zulip/manage.py $*\""));
    assertTrue(EntrypointScripts.drops("su - app -c 'gunicorn app:app'"));
    assertTrue(EntrypointScripts.drops("exec s6-setuidgid app node server.js"));
    assertEquals(false, EntrypointScripts.drops("echo 'run as root' && su"));
    assertEquals(false, EntrypointScripts.drops("issue -c x"));
    // su: options before or after the user, a lone - or -l / --login, -s SHELL (util-linux su(1)).
    assertTrue(EntrypointScripts.drops("exec su -c \"exec app\" app"));
    assertTrue(EntrypointScripts.drops("su -l app -c 'gunicorn app:app'"));
    assertTrue(EntrypointScripts.drops("exec su --login app --command='gunicorn app:app'"));
    assertTrue(EntrypointScripts.drops("exec su -s /bin/sh -c 'exec worker' app"));
    assertTrue(EntrypointScripts.drops("if [ \"$(id -u)\" = 0 ]; then exec su -c \"$0 $*\" \"$APP_USER\"; fi"));
    assertEquals(false, EntrypointScripts.drops("exec su -c 'exec worker' root"));
    assertEquals(false, EntrypointScripts.drops("exec su - -c 'exec worker'"));
    assertEquals(false, EntrypointScripts.drops("echo \"su -c x app\""));
    // A switcher's name as another command's argument is no switch.
    assertEquals(false, EntrypointScripts.drops("echo gosu app"));
    assertEquals(false, EntrypointScripts.drops("log \"starting\" gosu app; exec \"$@\""));
    assertTrue(EntrypointScripts.drops("while true; do exec gosu app \"$@\"; done"));
    assertTrue(EntrypointScripts.drops("HOME=/home/app exec gosu app \"$@\""));
    // A switcher kept in a variable for later (hedgedoc, laradock clickhouse).
    assertTrue(EntrypointScripts.drops("[ \"$UID\" -eq 0 ] && GOSU=\"gosu hedgedoc\" || GOSU=\"\"\nexec $GOSU \"$@\""));
    assertTrue(EntrypointScripts.drops("    gosu=\"gosu $USER:$GROUP\""));
    assertEquals(false, EntrypointScripts.drops("MSG=\"run gosu later\""));
    assertEquals(false, EntrypointScripts.drops("exec gosu root \"$@\""));
    // chroot --userspec into / only: another root is other files.
    assertTrue(EntrypointScripts.drops("exec chroot --userspec app:app / \"$@\""));
    assertEquals(false, EntrypointScripts.drops("exec chroot --userspec=app:app /jail \"$@\""));
    assertEquals(false, EntrypointScripts.drops("exec chroot / \"$@\""));
    // The rest of the catalog's switchers count too.
    assertTrue(EntrypointScripts.drops("exec chpst -u app:app php-fpm -F"));
    assertTrue(EntrypointScripts.drops("exec sudo -E -u app \"$@\""));
    assertTrue(EntrypointScripts.drops("capsh --user=\"${APP_USER}\" --keep=1 -- -c 'exec worker' &"));
  }

}
