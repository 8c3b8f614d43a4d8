package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlScalar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Value types after interpolation, from compose-go: interpolation/interpolation.go (only strings
 * are interpolated and they stay strings unless a cast applies) and loader/interpolate.go (the
 * cast table, toBoolean, strconv.Atoi/ParseInt/ParseFloat).
 */
class ComposeTypesTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "BOOLEAN|true|true", "BOOLEAN|TRUE|true", "BOOLEAN|yes|true", "BOOLEAN|On|true",
      "BOOLEAN|y|true", "BOOLEAN|false|false", "BOOLEAN|NO|false", "BOOLEAN|off|false",
      "BOOLEAN|n|false", "BOOLEAN|1|-", "BOOLEAN|''|-", "BOOLEAN|maybe|-",
      "INTEGER|3|3", "INTEGER|+3|3", "INTEGER|-1|-1", "INTEGER|007|7", "INTEGER|3.0|-",
      "INTEGER|0x10|-", "INTEGER|1_000|-", "INTEGER|''|-", "INTEGER|99999999999999999999|-",
      "NUMBER|0.5|0.5", "NUMBER|2|2", "NUMBER|1e3|1000", "NUMBER|.5|0.5", "NUMBER|inf|.inf",
      "NUMBER|-Infinity|-.inf", "NUMBER|NaN|.nan", "NUMBER|1.5f|-", "NUMBER|''|-",
      "NUMBER|1e400|-",
  })
  void castsLikeComposeGo(ComposeTypes.Cast cast, String in, String out) {
    String v = in.equals("''") ? "" : in;
    assertEquals(Optional.ofNullable(out), ComposeTypes.convert(cast, v));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "services.web.privileged|BOOLEAN", "services.web.ports.[].target|INTEGER",
      "services.web.ulimits.nofile|INTEGER", "services.web.ulimits.nofile.soft|INTEGER",
      "services.web.depends_on.db.required|BOOLEAN", "services.web.cpus|NUMBER",
      "networks.front.external|BOOLEAN", "volumes.data.external|BOOLEAN",
      "services.web.ports.[].published|-", "services.web.platform|-",
      "services.web.environment.DEBUG|-", "services.web.depends_on.[]|-",
  })
  void castTable(String path, String cast) {
    TreePath p = new TreePath(List.of(path.split("\\.")));
    assertEquals(Optional.ofNullable(cast).map(ComposeTypes.Cast::valueOf),
        ComposeTypes.castAt(p).map(java.util.Map.Entry::getValue));
  }

  private static YamlMap web(ComposeProject p) {
    return p.service("web").orElseThrow().definition();
  }

  private static YamlScalar scalar(YamlMap m, String key) {
    return (YamlScalar) m.get(key).orElseThrow();
  }

  @Test
  void interpolatedTextStaysAString() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "ID=4711\nFLAG=true\n")
        .file("compose.yaml", "services:\n  web:\n    image: a\n    platform: ${P:-}\n"
            + "    hostname: ${ID}\n    domainname: ${FLAG}\n    labels: {n: 3}\n")
        .project();
    assertEquals(YamlScalar.Kind.STRING, scalar(web(p), "platform").kind());
    assertEquals("", scalar(web(p), "platform").value());
    assertEquals(YamlScalar.Kind.STRING, scalar(web(p), "hostname").kind());
    assertEquals(YamlScalar.Kind.STRING, scalar(web(p), "domainname").kind());
    // a YAML number that nothing interpolated keeps its type
    assertEquals(YamlScalar.Kind.INT,
        scalar((YamlMap) web(p).get("labels").orElseThrow(), "n").kind());
    assertEquals(List.of(), p.schemaViolations());
  }

  @Test
  void castFieldsTakeTheCastType() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "R=5\n")
        .file("compose.yaml", "services:\n  web:\n    image: a\n    tty: \"on\"\n"
            + "    privileged: 'FALSE'\n    healthcheck: {retries: \"${R}\"}\n"
            + "    ports: [{target: '80', published: '8080'}]\n")
        .project();
    assertEquals("true", scalar(web(p), "tty").value());
    assertEquals(YamlScalar.Kind.BOOL, scalar(web(p), "tty").kind());
    assertEquals("false", scalar(web(p), "privileged").value());
    YamlMap hc = (YamlMap) web(p).get("healthcheck").orElseThrow();
    assertEquals(YamlScalar.Kind.INT, scalar(hc, "retries").kind());
    YamlMap port = (YamlMap) ((dev.berth.compose.yaml.YamlSeq) web(p).get("ports").orElseThrow())
        .items().get(0);
    assertEquals(YamlScalar.Kind.INT, scalar(port, "target").kind());
    assertEquals(YamlScalar.Kind.STRING, scalar(port, "published").kind());
    assertEquals(List.of(), p.schemaViolations());
  }

  @Test
  void aStringThatDoesNotCastIsRefused() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    init: sometimes\n"
            + "    deploy: {replicas: two}\n")
        .project();
    List<SchemaViolation> v = p.schemaViolations();
    assertEquals(2, v.size(), v.toString());
    assertEquals("services.web.init must be a boolean, not 'sometimes' (compose converts this "
        + "string: true, false, yes, no, on or off)", v.get(0).message());
    assertEquals(4, v.get(0).range().startLine());
    assertEquals("services.web.deploy.replicas must be an integer, not 'two' (compose converts "
        + "this string)", v.get(1).message());
  }

  @Test
  void valuesFromUnsetVariablesAreNotJudged() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    init: ${INIT}\n"
            + "    ports: ['${A}:${A}', '${B}:${B}']\n    restart: ${R}\n"
            + "volumes:\n  data: {driver: '${D}'}\n")
        .project();
    assertEquals(List.of(), p.schemaViolations());
    assertTrue(p.unsetVariables().size() >= 4, p.unsetVariables().toString());
  }

  @Test
  void aDefaultMakesTheValueKnown() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    init: ${INIT:-often}\n")
        .project();
    assertEquals(1, p.schemaViolations().size(), p.schemaViolations().toString());
  }

  @Test
  void anEmptyStringSettingIsUnset() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: ${IMAGE:-}\n    build: .\n"
            + "    user: ''\n")
        .project();
    assertTrue(p.service("web").orElseThrow().image().isEmpty());
    assertTrue(p.service("web").orElseThrow().user().isEmpty());
  }
}
