package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.SourceFile;
import org.junit.jupiter.api.Test;

/** berth runs in pre-commit hooks: a 2,000-line Dockerfile must parse in well under 50 ms. */
class ParserPerformanceTest {

  static String bigDockerfile(int lines) {
    StringBuilder b = new StringBuilder("# syntax=docker/dockerfile:1\nARG BASE=python:3.12\n");
    int n = 2;
    int stage = 0;
    while (n < lines) {
      b.append("FROM $BASE AS s").append(stage++).append('\n');
      b.append("ENV A=1 B=\"two words\" C=$A\n");
      b.append("RUN --mount=type=cache,target=/root/.cache apt-get update && \\\n");
      b.append("    # comment\n    apt-get install -y curl\n");
      b.append("COPY --chown=app:app [\"src/\", \"/app/\"]\n");
      b.append("RUN <<EOF\nset -e\necho hi\nEOF\n");
      b.append("HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n");
      b.append("CMD [\"python\", \"-m\", \"app\"]\n");
      n += 13;
    }
    return b.toString();
  }

  @Test
  void parsesTwoThousandLinesQuickly() {
    SourceFile src = new SourceFile("Dockerfile", bigDockerfile(2000));
    Dockerfile d = null;
    for (int i = 0; i < 150; i++) d = DockerfileParser.parse(src);
    // Fastest batch: the machine is shared (2 cores, parallel builds); contention only adds time.
    double[] batches = new double[7];
    for (int b = 0; b < batches.length; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) d = DockerfileParser.parse(src);
      batches[b] = (System.nanoTime() - start) / 1e6 / 10;
    }
    java.util.Arrays.sort(batches);
    double ms = batches[0];
    assertEquals(0, d.diagnostics().size());
    assertTrue(d.stages().size() > 150);
    assertTrue(ms < 50, "average parse time " + ms + " ms");
    System.out.println("2000-line Dockerfile: " + ms + " ms/parse");
  }
}
