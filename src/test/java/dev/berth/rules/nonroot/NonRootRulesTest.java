package dev.berth.rules.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonRootRulesTest {

  static Analysis run(Rule rule, String dockerfile) {
    Dockerfile df = dev.berth.dockerfile.DockerfileParser.parse(new dev.berth.source.SourceFile("Dockerfile", dockerfile));
    Project p = Project.builder(Path.of("/project"), BerthConfig.defaults())
        .dockerfiles(List.of(df)).build();
    Analysis a = new Engine(List.of(rule)).run(p);
    assertTrue(a.diagnostics().isEmpty(), () -> a.diagnostics().toString());
    return a;
  }

  /** {@code BTH201 Dockerfile:13} for each finding. */
  static List<String> found(Rule rule, String dockerfile) {
    return run(rule, dockerfile).findings().stream()
        .map(f -> f.rule().id() + " " + f.range().file() + ":" + f.range().startLine()).toList();
  }

  // ---- BTH201 ---------------------------------------------------------------------------------

  static final String SEED_004 = """
      FROM python:3.11-slim AS builder
      WORKDIR /build
      COPY requirements.txt .
      RUN pip install --user --no-cache-dir -r requirements.txt

      FROM python:3.11-slim
      WORKDIR /app
      COPY --from=builder /root/.local /root/.local
      COPY main.py .
      RUN useradd gateway
      ENV PATH=/root/.local/bin:$PATH
      USER gateway
      CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
      """;

  @Test
  void bth201Seed004() {
    Analysis a = run(new EntrypointNotExecutableByUser(), SEED_004);
    assertEquals(1, a.findings().size());
    Finding f = a.findings().get(0);
    assertEquals("BTH201", f.rule().id());
    assertEquals(13, f.range().startLine());
    assertEquals("CMD runs uvicorn from /root/.local/bin/uvicorn, but USER gateway (uid 1000) cannot"
        + " traverse /root (mode 0700, owner 0:0), so the container fails to start", f.message());
    // Related: the FROM that brings /root 0700, the COPY that brought the install dir, USER.
    assertEquals(List.of(6, 8, 12), f.related().stream().map(r -> r.range().startLine()).toList());
    assertEquals("/root is 0700 owned by 0:0 in the base image python:3.11-slim",
        f.related().get(0).message());
  }

  @Test
  void bth201InterpreterScript() {
    assertEquals(List.of("BTH201 Dockerfile:6"), found(new EntrypointNotExecutableByUser(), """
        FROM python:3.11-slim
        RUN pip install --user uvicorn
        RUN cp -r /root/.local /opt/unused || true
        RUN useradd gateway
        USER gateway
        CMD ["python", "/root/.local/bin/uvicorn", "main:app"]
        """));
  }

  @Test
  void bth201PythonModuleInRootsUserSite() {
    Analysis a = run(new EntrypointNotExecutableByUser(), """
        FROM python:3.11-slim AS builder
        COPY requirements.txt .
        RUN pip install --user --no-cache-dir -r requirements.txt

        FROM python:3.11-slim
        WORKDIR /app
        COPY --from=builder /root/.local /root/.local
        COPY . .
        RUN useradd gateway
        USER gateway
        CMD ["python", "-m", "uvicorn", "main:app"]
        """);
    assertEquals(1, a.findings().size());
    Finding f = a.findings().get(0);
    assertEquals(11, f.range().startLine());
    assertEquals("CMD runs python -m uvicorn, but uvicorn is installed only under /root/.local, which"
        + " is not on the module path of USER gateway (uid 1000), so python fails with 'No module"
        + " named uvicorn'", f.message());
    assertEquals(List.of(7, 10), f.related().stream().map(r -> r.range().startLine()).toList());
    // Also installed system-wide: found there.
    assertEquals(List.of(), found(new EntrypointNotExecutableByUser(), """
        FROM python:3.11-slim
        RUN pip install --user uvicorn && pip install uvicorn
        RUN useradd gateway
        USER gateway
        CMD ["python", "-m", "uvicorn", "main:app"]
        """));
    // Not a known PyPI module (could be the app's own package or the standard library).
    assertEquals(List.of(), found(new EntrypointNotExecutableByUser(), """
        FROM python:3.11-slim
        RUN pip install --user uvicorn
        RUN useradd gateway
        USER gateway
        CMD ["python", "-m", "app.server"]
        """));
    // PYTHONPATH set: berth does not follow it.
    assertEquals(List.of(), found(new EntrypointNotExecutableByUser(), """
        FROM python:3.11-slim
        RUN pip install --user uvicorn
        RUN useradd gateway
        ENV PYTHONPATH=/srv/lib
        USER gateway
        CMD ["python", "-m", "uvicorn", "main:app"]
        """));
  }

  @Test
  void bth201NearMisses() {
    EntrypointNotExecutableByUser rule = new EntrypointNotExecutableByUser();
    // Installed where the user can reach it.
    assertEquals(List.of(), found(rule, """
        FROM python:3.11-slim
        RUN pip install --no-cache-dir uvicorn
        RUN useradd gateway
        USER gateway
        CMD ["uvicorn", "main:app"]
        """));
    // Runs as root.
    assertEquals(List.of(), found(rule, """
        FROM python:3.11-slim
        RUN pip install --user uvicorn
        ENV PATH=/root/.local/bin:$PATH
        CMD ["uvicorn", "main:app"]
        """));
    // Unknown base image: nothing is known about /root.
    assertEquals(List.of(), found(rule, """
        FROM mycorp/python:3.11
        RUN pip install --user uvicorn
        ENV PATH=/root/.local/bin:$PATH
        USER 1000
        CMD ["uvicorn", "main:app"]
        """));
    // The home is the user's own.
    assertEquals(List.of(), found(rule, """
        FROM python:3.11-slim
        RUN useradd -m gateway
        USER gateway
        RUN pip install --user uvicorn
        ENV PATH=/home/gateway/.local/bin:$PATH
        CMD ["uvicorn", "main:app"]
        """));
  }

  // ---- BTH202 / BTH203 -------------------------------------------------------------------------

  @Test
  void bth202UserNeverCreated() {
    assertEquals(List.of("BTH202 Dockerfile:3"), found(new UserNotInImage(), """
        FROM python:3.12-slim
        RUN pip install flask
        USER app
        CMD ["flask", "run"]
        """));
  }

  @Test
  void bth202NearMisses() {
    UserNotInImage rule = new UserNotInImage();
    assertEquals(List.of(), found(rule, "FROM node:20-slim\nUSER node\n"));
    assertEquals(List.of(), found(rule, "FROM python:3.12-slim\nUSER 10001:10001\n"));
    assertEquals(List.of(), found(rule, "FROM python:3.12-slim\nRUN useradd app\nUSER app:app\n"));
    assertEquals(List.of(), found(rule, "FROM python:3.12-slim\nRUN ./create-users.sh\nUSER app\n"));
    assertEquals(List.of(), found(rule, "FROM alpine:3.20\nUSER guest\n"));
    assertEquals(List.of(), found(rule, "FROM internal/base\nUSER app\n"));
    assertEquals(List.of("BTH202 Dockerfile:3"), found(rule,
        "FROM python:3.12-slim\nRUN useradd app\nUSER app:docker\n"));
  }

  @Test
  void bth203ChownBeforeUseradd() {
    Analysis a = run(new ChownToUnknownAccount(), """
        FROM python:3.12-slim
        WORKDIR /app
        COPY --chown=app:app . .
        RUN useradd app
        USER app
        """);
    assertEquals(1, a.findings().size());
    assertEquals(3, a.findings().get(0).range().startLine());
    assertEquals("COPY --chown uses user 'app', which does not exist at this step (it is created"
        + " later, at line 4): BuildKit finds no such user and gives the files to root (uid 0)"
        + " without an error, so they are not owned by 'app' (the legacy builder fails with"
        + " 'unable to find user app')",
        a.findings().get(0).message());
    assertEquals(List.of(), found(new ChownToUnknownAccount(), """
        FROM node:20-alpine
        COPY --chown=node:node . /app
        COPY --chown=1001:1001 . /srv
        """));
  }

  // ---- BTH211 ----------------------------------------------------------------------------------

  @Test
  void bth211VolumeCreatedAsRoot() {
    assertEquals(List.of("BTH211 Dockerfile:4"), found(new VolumeDirectoryNotWritable(), """
        FROM python:3.12-slim
        RUN useradd app && mkdir -p /data
        WORKDIR /app
        VOLUME /data
        USER app
        CMD ["python", "app.py"]
        """));
  }

  @Test
  void bth211OffersChownFixes() {
    Analysis a = run(new VolumeDirectoryNotWritable(), """
        FROM python:3.12-slim
        RUN useradd app && mkdir -p /data
        VOLUME /data
        USER app
        """);
    Finding f = a.findings().get(0);
    assertEquals(1, f.fixes().size());
    assertEquals("chown /data to app:app where it is created", f.fixes().get(0).description());
    var edit = f.fixes().get(0).edits().get(0);
    assertEquals(" && chown app:app /data", edit.replacement());
    assertEquals(2, edit.range().startLine());
    assertEquals(34, edit.range().startColumn());
    // The user does not exist yet when /data is made: no fix.
    Analysis late = run(new VolumeDirectoryNotWritable(), """
        FROM python:3.12-slim
        RUN mkdir -p /data
        RUN useradd app
        VOLUME /data
        USER app
        """);
    assertEquals(1, late.findings().size());
    assertEquals(0, late.findings().get(0).fixes().size());
    // A directory a COPY created: --chown on that COPY.
    Analysis copy = run(new VolumeDirectoryNotWritable(), """
        FROM python:3.12-slim
        RUN useradd app
        COPY seed/ /var/lib/app/
        VOLUME /var/lib/app
        USER app
        """);
    var e2 = copy.findings().get(0).fixes().get(0).edits().get(0);
    assertEquals(" --chown=app:app", e2.replacement());
    assertEquals(3, e2.range().startLine());
    assertEquals(5, e2.range().startColumn());
  }

  @Test
  void bth211VolumePrecreatedAndChowned() {
    assertEquals(List.of(), found(new VolumeDirectoryNotWritable(), """
        FROM python:3.12-slim
        RUN useradd app && mkdir -p /data && chown app:app /data
        VOLUME /data
        USER app
        """));
  }

  // ---- BTH204 ----------------------------------------------------------------------------------

  @Test
  void bth204UvRunVenv() {
    Analysis a = run(new RuntimePathNotWritable(), """
        FROM python:3.12-slim
        RUN pip install uv
        WORKDIR /app
        COPY pyproject.toml uv.lock ./
        RUN uv sync --frozen
        COPY . .
        RUN useradd -m app
        USER app
        CMD ["uv", "run", "uvicorn", "main:app"]
        """);
    assertEquals(1, a.findings().size());
    assertEquals(9, a.findings().get(0).range().startLine());
    assertEquals("CMD runs uv run, which writes to /app/.venv (the project environment it syncs), but USER app (uid 1000) cannot write"
        + " /app/.venv (mode 0755, owner 0:0), so it fails with 'Permission denied'",
        a.findings().get(0).message());
    assertEquals(5, a.findings().get(0).related().get(0).range().startLine());
  }

  @Test
  void bth204NextStartAndCeleryBeat() {
    assertEquals(List.of("BTH204 Dockerfile:8"), found(new RuntimePathNotWritable(), """
        FROM node:20-slim
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npx next build
        USER node
        CMD ["npx", "next", "start"]
        """));
    assertEquals(List.of("BTH204 Dockerfile:6"), found(new RuntimePathNotWritable(), """
        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN pip install -r requirements.txt && useradd celery
        USER celery
        CMD ["celery", "-A", "proj", "beat", "--loglevel=info"]
        """));
  }

  @Test
  void bth204NearMisses() {
    RuntimePathNotWritable rule = new RuntimePathNotWritable();
    // Schedule in /tmp.
    assertEquals(List.of(), found(rule, """
        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN useradd celery
        USER celery
        CMD ["celery", "-A", "proj", "beat", "-s", "/tmp/celerybeat-schedule"]
        """));
    // Copied with --chown into a directory the user owns.
    assertEquals(List.of(), found(rule, """
        FROM python:3.12-slim
        RUN useradd -m app
        USER app
        WORKDIR /home/app/src
        COPY --chown=app:app . .
        CMD ["celery", "-A", "proj", "beat"]
        """));
    // An entrypoint script that fixes ownership and drops privileges with gosu.
    assertEquals(List.of(), found(rule, """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gosu && useradd celery
        WORKDIR /app
        COPY . .
        COPY docker-entrypoint.sh /usr/local/bin/
        USER celery
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["celery", "-A", "proj", "beat"]
        """));
    // Root at run time.
    assertEquals(List.of(), found(rule, """
        FROM python:3.12-slim
        WORKDIR /app
        RUN uv sync
        CMD ["uv", "run", "app"]
        """));
  }

  // ---- BTH205 ----------------------------------------------------------------------------------

  @Test
  void bth205GidCollision() {
    Analysis a = run(new IdAlreadyInBaseImage(), """
        FROM python:3.12-slim
        RUN groupadd -g 20 app && useradd -u 502 -g app app
        """);
    assertEquals(1, a.findings().size());
    Finding f = a.findings().get(0);
    assertEquals(2, f.range().startLine());
    assertEquals(17, f.range().startColumn());
    assertEquals("groupadd asks for GID 20, which already belongs to 'dialout' in this image, so"
        + " the command fails (GID '20' already exists) and so does the build", f.message());
  }

  /**
   * A build argument nothing feeds from the host keeps the author's default: silent. (The fed
   * forms, compose args and docker build --build-arg, are in test-fixtures/nonroot-gid-arg-sources
   * and nonroot-uv-venv-macos-gid.)
   */
  @Test
  void bth205BuildArgNobodyFeeds() {
    assertEquals(List.of(), found(new IdAlreadyInBaseImage(), """
        FROM python:3.11-slim
        ARG USER_ID=1000
        ARG GROUP_ID=1000
        RUN groupadd -g ${GROUP_ID} app && \\
            useradd -u ${USER_ID} -g app app
        """));
  }

  @Test
  void bth205NearMisses() {
    IdAlreadyInBaseImage rule = new IdAlreadyInBaseImage();
    assertEquals(List.of(), found(rule, """
        FROM python:3.11-slim
        ARG GROUP_ID=1000
        RUN getent group ${GROUP_ID} || groupadd -g ${GROUP_ID} app
        """));
    assertEquals(List.of(), found(rule, "FROM python:3.11-slim\nRUN groupadd -o -g 20 app\n"));
    assertEquals(List.of(), found(rule, "FROM python:3.11-slim\nRUN groupadd -g 1000 app\n"));
    // Alpine's node image: uid 1000 is node.
    assertEquals(List.of("BTH205 Dockerfile:2"), found(rule,
        "FROM node:20-alpine\nRUN adduser -D -u 1000 app\n"));
    assertEquals(List.of(), found(rule, "FROM mycorp/base\nRUN groupadd -g 20 app\n"));
  }
}
