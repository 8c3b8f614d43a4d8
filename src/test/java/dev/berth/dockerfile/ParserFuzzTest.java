package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random edits of a realistic Dockerfile: the parser and resolver never throw. */
class ParserFuzzTest {
  private static final String SEED = String.join("\n",
      "# syntax=docker/dockerfile:1", "# escape=\\", "ARG BASE=python:3.12", "FROM $BASE AS build",
      "RUN --mount=type=cache,target=/x \\", "  # c", "  pip install . && \\", "", "  echo ok",
      "COPY --from=build --chown=a:b [\"a\", \"b\"]", "RUN <<-EOF bash", "\techo $HOME", "\tEOF",
      "ENV A=1 B=\"x y\" C=${A:-2}", "ENV L v w", "EXPOSE 80 ${P}/udp", "USER ${U}:g",
      "WORKDIR app", "HEALTHCHECK --interval=1s CMD [\"true\"]", "ONBUILD RUN x",
      "SHELL [\"bash\", \"-c\"]", "CMD exec app", "");
  private static final String[] PIECES = {"\\", "`", "\"", "'", "<<", "<<-", "[", "]", "$", "${",
      "}", "\n", "#", "--", "=", " ", "\t", ",", ":", "EOF", "\r\n", "\\\n", "`\n", "\n\\\n",
      "ONBUILD ", "\u00e9", "\ud83d\ude00"};

  @Test
  void randomEditsNeverCrash() {
    Random r = new Random(42);
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder(SEED);
      int edits = 1 + r.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int at = r.nextInt(b.length() + 1);
        if (r.nextBoolean() && at < b.length()) {
          b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(4)));
        } else {
          b.insert(at, PIECES[r.nextInt(PIECES.length)]);
        }
      }
      String text = b.toString();
      try {
        Dockerfile d = DockerfileParser.parse(new SourceFile("Dockerfile", text));
        for (Diagnostic x : d.diagnostics()) {
          assertTrue(x.kind() != Diagnostic.Kind.INTERNAL, x.message() + "\n" + text);
        }
        StageResolver.resolve(d);
        ModelDump.dump(d);
      } catch (RuntimeException ex) {
        fail("crash on:\n" + text, ex);
      }
    }
  }
}
