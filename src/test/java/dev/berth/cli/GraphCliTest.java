package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth graph}: the project drawn as Mermaid and DOT, goldens written by hand. */
class GraphCliTest {
  @TempDir Path dir;

  private void project() throws Exception {
    CliRun.write(dir, "compose.yaml", """
        services:
          web:
            build: ./web
            ports: ["8080:80"]
            depends_on:
              db: {condition: service_healthy}
          db:
            image: postgres:16
            volumes: ["pgdata:/var/lib/postgresql/data"]
        volumes:
          pgdata: {}
        """);
    // stage 'app' holds a finding, USER root in the final stage (BTH007); the compose project
    // one, db waited for as healthy without a healthcheck (BTH103)
    CliRun.write(dir, "web/Dockerfile", """
        FROM node:20-slim AS build
        RUN echo built > /out
        FROM build AS app
        USER root
        CMD ["node", "server.js"]
        """);
  }

  @Test
  void mermaid() throws Exception {
    project();
    CliRun r = CliRun.berth(dir, "graph");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        flowchart LR
          subgraph c1["web/Dockerfile"]
            n1["stage build<br/>FROM node:20-slim"]
            n2["stage app<br/>FROM build<br/>1 finding"]
          end
          subgraph c2["compose %s: compose.yaml (1 finding)"]
            n3["service web<br/>build web/Dockerfile<br/>ports 8080:80"]
            n4["service db<br/>image postgres:16"]
            n5["volume pgdata"]
          end
          n1 -->|"FROM"| n2
          n3 -->|"service_healthy"| n4
          n3 -->|"builds"| n2
          n4 -->|"/var/lib/postgresql/data"| n5
          classDef finding stroke:#d00,stroke-width:3px
          class n2 finding
        """.formatted(ComposeNames.of(dir)), r.out());
  }

  @Test
  void dot() throws Exception {
    project();
    CliRun r = CliRun.berth(dir, "graph", "--format", "dot");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("digraph berth {\n  rankdir=LR;\n  node [shape=box];\n"), r.out());
    assertTrue(r.out().contains(
        "    n2 [label=\"stage app\\nFROM build\\n1 finding\", color=red, penwidth=3];\n"), r.out());
    assertTrue(r.out().contains("  n3 -> n4 [label=\"service_healthy\"];\n"), r.out());
    assertTrue(r.out().endsWith("}\n"), r.out());
    assertEquals(2, CliRun.berth(dir, "graph", "--format", "sarif").code());
  }

  @Test
  void listenersAndProxyRoutesAreDrawn() throws Exception {
    CliRun.write(dir, "compose.yaml", """
        services:
          web:
            build: ./web
            ports: ["80:80"]
          api:
            build: ./api
          front:
            build: ./front
        """);
    CliRun.write(dir, "web/Dockerfile",
        "FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\n");
    CliRun.write(dir, "web/default.conf", """
        server {
            listen 80;
            location /api/ { proxy_pass http://api:8000; }
            location /app/ { proxy_pass http://front:3000; }
        }
        """);
    CliRun.write(dir, "api/Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\n"
        + "RUN pip install --no-cache-dir gunicorn flask\nCOPY app.py .\nUSER nobody\n"
        + "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n");
    CliRun.write(dir, "api/app.py", "from flask import Flask\napp = Flask(__name__)\n");
    CliRun.write(dir, "front/Dockerfile", "FROM node:20-slim\nWORKDIR /app\nCOPY server.js .\n"
        + "USER node\nCMD [\"node\", \"server.js\"]\n");
    CliRun.write(dir, "front/server.js", "require('http').createServer().listen(3000);\n");
    CliRun r = CliRun.berth(dir, "graph");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    // gunicorn's bind is known, so the api box says where it listens, and nothing else does
    assertTrue(out.contains("n5[\"service api<br/>build api/Dockerfile<br/>listens 0.0.0.0:8000 "
        + "by gunicorn\"]"), out);
    assertTrue(out.contains("<br/>ports 80:80<br/>listens 0.0.0.0:80 by nginx (listen 80)\"]"),
        out);
    // node server.js: where the app listens is its own code, so no listen line is drawn
    assertTrue(out.contains("n6[\"service front<br/>build front/Dockerfile\"]"), out);
    // nginx's proxy routes to other services are arrows, labelled with the port
    assertTrue(out.contains("  n4 -->|\"proxy :8000\"| n5\n"), out);
    assertTrue(out.contains("  n4 -->|\"proxy :3000\"| n6\n"), out);
  }

  /** Compose's project name for a directory: its name, lower-cased, other characters dropped. */
  static final class ComposeNames {
    static String of(Path dir) {
      return dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9_-]", "");
    }
  }
}
