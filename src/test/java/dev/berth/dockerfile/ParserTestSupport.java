package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.stream.Collectors;

final class ParserTestSupport {
  private ParserTestSupport() {}

  static Dockerfile parse(String text) {
    return DockerfileParser.parse(new SourceFile("Dockerfile", text));
  }

  /** Asserts the range as "line:col-line:col" (end column exclusive). */
  static void assertRange(String expected, Range actual) {
    assertEquals(expected, ModelDump.r(actual));
  }

  static void assertWord(String text, String range, Word w) {
    assertEquals(text, w.text());
    assertRange(range, w.range());
  }

  /** Diagnostics as "line: message". */
  static List<String> errors(Dockerfile d) {
    return d.diagnostics().stream().map(x -> x.range().startLine() + ": " + x.message())
        .collect(Collectors.toList());
  }

  static void assertNoErrors(Dockerfile d) {
    assertEquals(List.of(), errors(d));
  }

  static void assertOnlyError(Dockerfile d, int line, String message) {
    assertEquals(List.of(line + ": " + message), errors(d));
    assertEquals(Diagnostic.Kind.PARSE_ERROR, d.diagnostics().get(0).kind());
  }

  @SuppressWarnings("unchecked")
  static <T extends Instruction> T only(Dockerfile d, Class<T> type) {
    List<Instruction> l = d.instructions().stream().filter(type::isInstance)
        .collect(Collectors.toList());
    assertEquals(1, l.size(), "instructions of " + type.getSimpleName());
    return (T) l.get(0);
  }
}
