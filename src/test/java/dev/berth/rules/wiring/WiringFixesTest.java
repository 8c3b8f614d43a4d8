package dev.berth.rules.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port fixes of the wiring rules: made only where the text to change is written once. */
class WiringFixesTest {
  private static final String GUNICORN = """
      FROM python:3.12-slim
      RUN apt-get update && apt-get install -y curl
      WORKDIR /app
      RUN pip install gunicorn flask
      COPY app.py .
      CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
      """;

  private static List<Finding> probe(String test) {
    return RuleTester.of(new HealthcheckPortWithoutListener())
        .file("web/Dockerfile", GUNICORN)
        .file("web/app.py", "")
        .file("compose.yaml", "services:\n  web:\n    build: ./web\n    healthcheck:\n      test: "
            + test + "\n")
        .findings();
  }

  @Test
  void replacesThePortOfTheProbedUrl() {
    List<Finding> f = probe("[\"CMD\", \"curl\", \"-f\", \"http://localhost:5000/health\"]");
    assertEquals(1, f.size());
    // test: ["CMD", "curl", "-f", "http://localhost:5000/health"]: "      test: " is 12
    // columns, the URL starts at 36, its port at 53
    assertEquals(List.of(new TextEdit(new Range("compose.yaml", 5, 53, 5, 57), "8000")),
        f.get(0).fixes().get(0).edits());
  }

  @Test
  void addsAPortToAUrlWithoutOne() {
    // test: curl -f http://localhost/ || exit 1: the URL starts at column 21, its host ends at 37
    List<Finding> f = probe("curl -f http://localhost/ || exit 1");
    assertEquals(List.of(new TextEdit(new Range("compose.yaml", 5, 37, 5, 37), ":8000")),
        f.get(0).fixes().get(0).edits());
  }

  private static List<Finding> proxy(String target) {
    return RuleTester.of(new ProxyTargetWithoutListener())
        .file("compose.yaml", "services:\n  web:\n    build: ./web\n  api:\n    build: ./api\n")
        .file("web/Dockerfile", "FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\n")
        .file("web/default.conf", "server {\n    listen 80;\n    location / {\n        proxy_pass "
            + target + ";\n    }\n}\n")
        .file("api/Dockerfile", GUNICORN)
        .file("api/app.py", "")
        .findings();
  }

  @Test
  void replacesThePortOfAProxyTarget() {
    List<Finding> f = proxy("http://api:9000/");
    assertEquals(1, f.size());
    // "        proxy_pass http://api:9000/;": the target starts at column 20, its port at 31
    assertEquals(List.of(new TextEdit(new Range("web/default.conf", 4, 31, 4, 35), "8000")),
        f.get(0).fixes().get(0).edits());
  }

  @Test
  void noProxyFixInAQuotedTarget() {
    // nginx reads the quoted word the same, but where its digits are is not a plain offset
    List<Finding> f = proxy("\"http://api:9000/\"");
    assertEquals(1, f.size());
    assertEquals(List.of(), f.get(0).fixes());
  }
}
