package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth graph --format html} opened in a real headless Chromium (Debian's {@code chromium}
 * package); skipped, visibly, where none is installed. The browser lays out the page berth wrote;
 * a check script appended by the test (never part of berth's page) measures what it drew: every
 * line of text inside its box, no two boxes overlapping, every box inside its cluster, and
 * reports into the DOM that {@code --dump-dom} prints.
 */
class GraphHtmlBrowserTest {
  @TempDir Path dir;

  private static final String CHECK = """
      <script>
      const problems = [];
      const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5
          && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
      const nodes = [...document.querySelectorAll('g.node')];
      const clusters = [...document.querySelectorAll('g.cluster rect')].map(r => r.getBBox());
      for (const g of nodes) {
        const box = g.querySelector('rect').getBBox();
        for (const t of g.querySelectorAll('text')) {
          if (!inside(t.getBBox(), box)) problems.push('text outside ' + g.id + ': ' + t.textContent);
        }
        if (!clusters.some(c => inside(box, c))) problems.push('box outside its cluster ' + g.id);
      }
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i].querySelector('rect').getBBox();
        const b = nodes[j].querySelector('rect').getBBox();
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
          problems.push('overlap ' + nodes[i].id + ' ' + nodes[j].id);
      }
      document.body.setAttribute('data-check',
          nodes.length + ' boxes; ' + (problems.length ? problems.join('; ') : 'ok'));
      </script>
      """;

  private static Optional<Path> chromium() {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(p))) return Optional.of(Path.of(p));
    }
    return Optional.empty();
  }

  private void project() throws Exception {
    CliRun.write(dir, "compose.yaml", """
        services:
          proxy:
            image: nginx:1.27-alpine
            ports: ["80:80", "443:443"]
            depends_on: [web]
          web:
            build: ./web
            ports: ["8080:8000"]
            depends_on:
              db: {condition: service_healthy}
              cache: {condition: service_started}
          worker:
            build: ./web
            depends_on: [db, cache]
          db:
            image: postgres:16
            volumes: ["pgdata:/var/lib/postgresql/data", "./init<&>.sql:/docker-entrypoint-initdb.d/init.sql:ro"]
          cache:
            image: redis:7-alpine
        volumes:
          pgdata: {}
        """);
    CliRun.write(dir, "init<&>.sql", "select 1;\n");
    CliRun.write(dir, "web/Dockerfile", """
        FROM python:3.12-slim AS base
        RUN pip install gunicorn
        FROM base AS build
        RUN echo built > /out
        FROM base AS app
        COPY --from=build /out /out
        USER root
        CMD ["gunicorn", "app:app"]
        """);
  }

  @Test
  void thePageIsSelfContainedAndTheBrowserDrawsEveryBoxWithItsText() throws Exception {
    project();
    CliRun r = CliRun.berth(dir, "graph", "--format", "html");
    assertEquals(0, r.code(), r.err());
    String page = r.out();
    assertTrue(page.startsWith("<!DOCTYPE html>"), page);
    // nothing in the page loads anything: no script, no link, no src, no url() but the marker
    assertFalse(Pattern.compile("<script|<link|\\ssrc=|@import|url\\((?!#arrow\\))")
        .matcher(page).find(), page);
    // text from the project is escaped, never markup
    assertFalse(page.contains("<&>"), page);
    assertTrue(page.contains("<td>BTH"), "the findings table: " + page);

    Optional<Path> browser = chromium();
    assumeTrue(browser.isPresent(), "no Chromium installed: the page was not opened in a browser");
    Path html = dir.resolve("graph.html");
    Files.writeString(html, page.replace("</body>", CHECK + "</body>"), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--dump-dom", html.toUri().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    Matcher m = Pattern.compile("data-check=\"([^\"]*)\"").matcher(dom);
    assertTrue(m.find(), "the check script did not run:\n" + dom);
    // 5 services + 2 volume/bind boxes + 3 stages
    assertEquals("10 boxes; ok", m.group(1));
  }
}
