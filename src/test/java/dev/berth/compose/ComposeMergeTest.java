package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Range;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * compose.yaml + compose.override.yaml, from the Compose specification's "Merge and override"
 * and "extends" examples; expected is services.foo rendered flow-style by {@link #render}.
 */
class ComposeMergeTest {

  static String render(YamlNode n) {
    if (n instanceof YamlScalar s) return s.value();
    if (n instanceof YamlSeq q) {
      return q.items().stream().map(ComposeMergeTest::render).collect(Collectors.joining(",", "[", "]"));
    }
    YamlMap m = (YamlMap) n;
    return m.entries().stream().map(e -> e.name() + ":" + render(e.value()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // Mapping
      "mapping|foo: {key1: value1, key2: value2}|foo: {key2: VALUE, key3: value3}"
          + "|{key1:value1,key2:VALUE,key3:value3}",
      // Sequence
      "sequence|foo: {DNS: [1.1.1.1]}|foo: {DNS: [8.8.8.8]}|{DNS:[1.1.1.1,8.8.8.8]}",
      // Shell commands
      "command|foo: {command: [echo, foo]}|foo: {command: [echo, bar]}|{command:[echo,bar]}",
      "entrypoint string|foo: {entrypoint: [a, b]}|foo: {entrypoint: c d}|{entrypoint:c d}",
      "healthcheck.test|foo: {healthcheck: {test: [CMD, a], retries: 3}}"
          + "|foo: {healthcheck: {test: [CMD, b]}}|{healthcheck:{test:[CMD,b],retries:3}}",
      // Unique resources
      "volumes by target|foo: {volumes: ['foo:/work']}|foo: {volumes: ['bar:/work']}"
          + "|{volumes:[bar:/work]}",
      "volumes appended|foo: {volumes: ['a:/a']}|foo: {volumes: ['b:/b']}|{volumes:[a:/a,b:/b]}",
      "ports same key|foo: {ports: ['8080:80']}|foo: {ports: ['8080:80']}|{ports:[8080:80]}",
      "ports appended|foo: {ports: ['8080:80']}|foo: {ports: ['8443:443']}"
          + "|{ports:[8080:80,8443:443]}",
      "secrets by target|foo: {secrets: [a]}|foo: {secrets: [a, b]}|{secrets:[a,b]}",
      // Reset value
      "reset|foo: {image: myapp, ports: ['8080:80'], environment: {FOO: BAR}}"
          + "|foo: {image: myapp, ports: !reset [], environment: {FOO: !reset null}}"
          + "|{image:myapp,environment:[]}",
      // Replace value
      "override|foo: {image: myapp, ports: ['8080:80']}|foo: {ports: !override ['8443:443']}"
          + "|{image:myapp,ports:[8443:443]}",
      // environment list and map forms merge by name, into compose-go's KEY=VALUE list
      "environment forms|foo: {environment: [A=1, B=2]}|foo: {environment: {B: 3}}"
          + "|{environment:[A=1,B=3]}",
      // a depends_on list item is the long form with compose-go's defaults
      "depends_on forms|foo: {depends_on: [db]}|foo: {depends_on: {cache: {condition: service_started}}}"
          + "|{depends_on:{db:{condition:service_started,required:true},"
          + "cache:{condition:service_started}}}",
      "expose unique|foo: {expose: ['80']}|foo: {expose: ['80', '81']}|{expose:[80,81]}",
  })
  void mergeTwoFiles(String name, String base, String override, String expected) {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  " + base + "\n")
        .file("compose.override.yaml", "services:\n  " + override + "\n")
        .project();
    assertEquals(expected, render(p.service("foo").orElseThrow().definition()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "environment|common: {image: busybox, environment: {TZ: utc, PORT: 80}}"
          + "|cli: {extends: {service: common}, environment: {PORT: 8080}}"
          + "|{image:busybox,environment:[PORT=8080,TZ=utc]}",
      "environment arrays|common: {image: busybox, environment: [TZ=utc, PORT=80]}"
          + "|cli: {extends: {service: common}, environment: [PORT=8080]}"
          + "|{image:busybox,environment:[TZ=utc,PORT=8080]}",
      "volumes|common: {image: busybox, volumes: ['common-volume:/var/lib/backup/data:rw']}"
          + "|cli: {extends: {service: common}, volumes: ['cli-volume:/var/lib/backup/data:ro']}"
          + "|{image:busybox,volumes:[cli-volume:/var/lib/backup/data:ro]}",
      "chained|base: {image: busybox, user: root}, common: {image: busybox, extends: {service: base}}"
          + "|cli: {extends: {service: common}}|{image:busybox,user:root}",
      "security_opt|common: {image: busybox, security_opt: ['label:role:ROLE']}"
          + "|cli: {extends: {service: common}, security_opt: ['label:user:USER']}"
          + "|{image:busybox,security_opt:[label:role:ROLE,label:user:USER]}",
      "short form|common: {image: busybox}|cli: {extends: common, user: app}"
          + "|{image:busybox,user:app}",
  })
  void extendsInOneFile(String name, String base, String service, String expected) {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services: {" + base + ", " + service + "}\n")
        .project();
    assertEquals(expected, render(p.service("cli").orElseThrow().definition()));
    assertTrue(p.service("cli").orElseThrow().extendsRef().orElseThrow().resolved());
  }

  @Test
  void mergedShortFormsKeepTheRangeOfTheTextTheyCameFrom() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", """
            services:
              a:
                image: nginx
                depends_on: [b]
                environment: {LEVEL: info, PORT: "80"}
              b: {image: redis}
            """)
        .file("compose.override.yaml", """
            services:
              a:
                depends_on: [c]
                environment: [PORT=8080]
              c: {image: redis}
            """)
        .project();
    Service a = p.service("a").orElseThrow();
    Dependency b = a.dependsOn().get(0);
    Dependency c = a.dependsOn().get(1);
    assertEquals(new Range("compose.yaml", 4, 18, 4, 19), b.service().range());
    assertEquals("service_started", b.condition().value());
    assertEquals(new Range("compose.override.yaml", 3, 18, 3, 19), c.service().range());
    assertEquals(new Range("compose.override.yaml", 3, 18, 3, 19), c.condition().range());
    Map<String, Located<Optional<String>>> env = a.environment();
    assertEquals(Optional.of("8080"), env.get("PORT").value());
    assertEquals(new Range("compose.override.yaml", 4, 19, 4, 28), env.get("PORT").range());
    assertEquals(new Range("compose.yaml", 5, 26, 5, 30), env.get("LEVEL").range());
    assertEquals(List.of(), p.schemaViolations());
  }
}
