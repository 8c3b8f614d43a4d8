package dev.berth.compose.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private static YamlReader.Result read(String text) {
    return YamlReader.read(new SourceFile("compose.yaml", text));
  }

  private static YamlMap root(String text) {
    YamlReader.Result r = read(text);
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    return (YamlMap) r.documents().get(0);
  }

  @Test
  void scalarsHaveExactRanges() {
    YamlMap m = root("services:\n  web:\n    image: nginx:1.25\n");
    YamlMap web = (YamlMap) ((YamlMap) m.get("services").orElseThrow()).get("web").orElseThrow();
    YamlScalar image = (YamlScalar) web.get("image").orElseThrow();
    assertEquals("nginx:1.25", image.value());
    assertEquals(new Range("compose.yaml", 3, 12, 3, 22), image.range());
    assertEquals(new Range("compose.yaml", 3, 5, 3, 10), web.entry("image").orElseThrow().key().range());
  }

  @Test
  void duplicateKeyIsRecordedAtTheSecondKeyAndTheFirstEntryKept() {
    YamlReader.Result r = read("services:\n  web:\n    image: a\n    image: b\n    ports: []\n");
    assertTrue(r.ok(), "a repeated key is understood: no diagnostic, the file is still read");
    assertEquals(1, r.duplicates().size());
    YamlReader.Duplicate d = r.duplicates().get(0);
    assertEquals("image", d.key());
    assertEquals(4, d.at().startLine());
    assertEquals(5, d.at().startColumn());
    assertEquals(3, d.first().startLine());
    YamlMap web = (YamlMap) ((YamlMap) ((YamlMap) r.documents().get(0)).get("services")
        .orElseThrow()).get("web").orElseThrow();
    assertEquals("a", ((YamlScalar) web.get("image").orElseThrow()).value());
    assertTrue(web.get("ports").isPresent());
  }

  @Test
  void syntaxErrorIsADiagnosticWithPosition() {
    YamlReader.Result r = read("services:\n  web:\n    image: [a, b\n");
    assertFalse(r.ok());
    assertEquals(Diagnostic.Kind.PARSE_ERROR, r.diagnostics().get(0).kind());
    assertEquals(4, r.diagnostics().get(0).range().startLine());
  }

  @Test
  void tabIndentationIsAParseError() {
    YamlReader.Result r = read("services:\n\tweb: {}\n");
    assertEquals(Diagnostic.Kind.PARSE_ERROR, r.diagnostics().get(0).kind());
    assertEquals(2, r.diagnostics().get(0).range().startLine());
  }

  @Test
  void mergeKeySingleAliasExplicitKeysWin() {
    YamlMap m = root("x-base: &base\n  image: base\n  restart: always\n"
        + "web:\n  <<: *base\n  image: web\n");
    YamlMap web = (YamlMap) m.get("web").orElseThrow();
    assertEquals(java.util.List.of("image", "restart"), web.keys());
    assertEquals("web", ((YamlScalar) web.get("image").orElseThrow()).value());
    YamlScalar restart = (YamlScalar) web.get("restart").orElseThrow();
    // Came through the alias: keeps the position of the anchor's text.
    assertEquals(3, restart.range().startLine());
    assertEquals(12, restart.range().startColumn());
  }

  @Test
  void mergeKeyListFirstMapWins() {
    YamlMap m = root("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n");
    YamlMap c = (YamlMap) m.get("c").orElseThrow();
    assertEquals("1", ((YamlScalar) c.get("y").orElseThrow()).value());
    assertEquals("2", ((YamlScalar) c.get("z").orElseThrow()).value());
  }

  @Test
  void mergeKeyWithScalarIsAnError() {
    YamlReader.Result r = read("a:\n  <<: 3\n");
    assertEquals(Diagnostic.Kind.PARSE_ERROR, r.diagnostics().get(0).kind());
  }

  @Test
  void customTagsSurvive() {
    YamlMap m = root("ports: !reset []\nenv: !override\n  A: b\nx: !reset null\n");
    assertEquals("!reset", m.get("ports").orElseThrow().tag());
    assertEquals("!override", m.get("env").orElseThrow().tag());
    assertEquals("!reset", m.get("x").orElseThrow().tag());
  }

  @Test
  void scalarKinds() {
    YamlMap m = root("a: 80\nb: '80'\nc: !!str 80\nd: true\ne: ~\nf: 1.5\ng: hello\n");
    assertEquals(YamlScalar.Kind.INT, ((YamlScalar) m.get("a").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) m.get("b").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) m.get("c").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.BOOL, ((YamlScalar) m.get("d").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.NULL, ((YamlScalar) m.get("e").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.FLOAT, ((YamlScalar) m.get("f").orElseThrow()).kind());
    assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) m.get("g").orElseThrow()).kind());
  }

  @Test
  void hundredsOfAliasesLoad() {
    StringBuilder b = new StringBuilder("x-env: &env\n  A: b\nservices:\n");
    for (int i = 0; i < 400; i++) b.append("  s").append(i).append(":\n    environment: *env\n");
    YamlReader.Result r = read(b.toString());
    assertTrue(r.ok(), () -> r.diagnostics().toString());
  }

  @Test
  void aliasBombStopsQuicklyWithLimit() {
    StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    String prev = "a";
    for (char c = 'b'; c <= 'j'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) b.append(i > 0 ? "," : "").append('*').append(prev);
      b.append("]\n");
      prev = String.valueOf(c);
    }
    long t0 = System.nanoTime();
    YamlReader.Result r = read(b.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(Diagnostic.Kind.LIMIT, r.diagnostics().get(0).kind());
    assertTrue(ms < 1000, "took " + ms + " ms");
  }

  @Test
  void multipleDocumentsInOrder() {
    YamlReader.Result r = read("a: 1\n---\nb: 2\n");
    assertEquals(2, r.documents().size());
    assertEquals(3, r.documents().get(1).range().startLine());
  }

  @Test
  void astralCharactersDoNotShiftColumns() {
    YamlMap m = root("a: \"\uD83D\uDE00\"\nb: x\n");
    YamlScalar b = (YamlScalar) m.get("b").orElseThrow();
    assertEquals(new Range("compose.yaml", 2, 4, 2, 5), b.range());
  }

  @Test
  void deepNestingEndsInADiagnostic() {
    YamlReader.Result r = read("a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
    assertFalse(r.ok());
    Diagnostic.Kind k = r.diagnostics().get(0).kind();
    assertTrue(k == Diagnostic.Kind.LIMIT || k == Diagnostic.Kind.PARSE_ERROR, k.toString());
  }

  @Test
  void tooManyAliasReferencesIsALimit() {
    StringBuilder b = new StringBuilder("a: &a [x]\nb: [");
    for (int i = 0; i < 10_050; i++) b.append(i > 0 ? "," : "").append("*a");
    YamlReader.Result r = read(b.append("]\n").toString());
    assertEquals(Diagnostic.Kind.LIMIT, r.diagnostics().get(0).kind());
  }
}
