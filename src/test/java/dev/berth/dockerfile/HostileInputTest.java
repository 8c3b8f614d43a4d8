package dev.berth.dockerfile;

import static dev.berth.dockerfile.ParserTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Diagnostic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input becomes diagnostics or degraded models, never an exception or a hang. */
class HostileInputTest {
  @Test
  void deeplyNestedJsonIsNotExecForm() {
    String json = "[".repeat(50_000) + "]".repeat(50_000);
    Dockerfile d = parse("FROM a\nCMD " + json + "\n");
    assertInstanceOf(Command.ShellForm.class,
        ((Instruction.Cmd) d.instructions().get(1)).command());
    assertTrue(d.diagnostics().stream().noneMatch(x -> x.kind() == Diagnostic.Kind.INTERNAL));
  }

  @Test
  void deeplyNestedSubstitution() {
    String word = "${a:-".repeat(20_000) + "x" + "}".repeat(20_000);
    Expansion e = new Expander('\\').word(word, Vars.empty());
    assertTrue(e.error().isPresent());
    Dockerfile d = parse("FROM a\nRUN " + word + " <<EOF\nbody\nEOF\n");
    assertTrue(d.diagnostics().stream().noneMatch(x -> x.kind() == Diagnostic.Kind.INTERNAL));
    assertTrue(StageResolver.resolve(parse("FROM scratch\nWORKDIR " + word + "\n")).get(0)
        .workdir().value().startsWith("/"));
  }

  @Test
  void longLinesAndManyContinuations() {
    String longRun = "RUN " + "echo x && \\\n".repeat(20_000) + "true\n";
    Dockerfile d = parse("FROM a\n" + longRun);
    assertEquals(0, d.diagnostics().size());
    assertEquals(20_002, d.instructions().get(1).range().endLine());
  }

  @Test
  void twoUnterminatedHeredocsAtEndOfFile() {
    Dockerfile d = parse("FROM a\nRUN <<A <<B\nbody\n");
    assertEquals(java.util.List.of("2: unterminated heredoc", "2: unterminated heredoc"),
        ParserTestSupport.errors(d));
    assertEquals(3, d.instructions().get(1).range().endLine(), "a final newline opens no line");
  }

  @Test
  void loneEscapeLineIsAnEmptyUnknownInstruction() {
    Dockerfile d = parse("FROM a\n\\\n\n");
    assertEquals(java.util.List.of("2: unknown instruction: "), ParserTestSupport.errors(d));
  }

  @Test
  void binaryGarbage() {
    StringBuilder b = new StringBuilder();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 20_000; i++) b.append((char) r.nextInt(0x3000));
    Dockerfile d = parse(b.toString());
    assertTrue(d.diagnostics().stream().noneMatch(x -> x.kind() == Diagnostic.Kind.INTERNAL));
    StageResolver.resolve(d, Map.of());
  }
}
