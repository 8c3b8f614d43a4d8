package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeSchemaTest {

  private static List<SchemaViolation> violations(String compose) {
    return new ComposeFixture().file("compose.yaml", compose).project().schemaViolations();
  }

  @Test
  void unknownServiceKeyAtTheKey() {
    List<SchemaViolation> v = violations("services:\n  web:\n    image: a\n    imagee: b\n");
    assertEquals(1, v.size(), v.toString());
    assertEquals("services.web.imagee", v.get(0).path());
    assertEquals(new Range("compose.yaml", 4, 5, 4, 11), v.get(0).range());
    assertEquals("services.web: additional property 'imagee' is not allowed", v.get(0).message());
  }

  @Test
  void wrongTypeAtTheValue() {
    List<SchemaViolation> v = violations("services:\n  web:\n    image: a\n    ports: 8080\n");
    assertEquals(1, v.size(), v.toString());
    assertEquals(new Range("compose.yaml", 4, 12, 4, 16), v.get(0).range());
    assertEquals("services.web.ports must be a list, not an integer", v.get(0).message());
  }

  @Test
  void unknownTopLevelKey() {
    List<SchemaViolation> v = violations("service:\n  web:\n    image: a\n");
    assertEquals("additional property 'service' is not allowed", v.get(0).message());
    assertEquals(new Range("compose.yaml", 1, 1, 1, 8), v.get(0).range());
  }

  @Test
  void unknownKeyInLongPortSyntax() {
    List<SchemaViolation> v = violations(
        "services:\n  web:\n    image: a\n    ports:\n      - target: 80\n        publish: 8080\n");
    assertEquals(1, v.size(), v.toString());
    assertEquals(6, v.get(0).range().startLine());
    assertEquals(9, v.get(0).range().startColumn());
  }

  @Test
  void badDependsOnCondition() {
    List<SchemaViolation> v = violations("services:\n  web:\n    image: a\n    depends_on:\n"
        + "      db:\n        condition: service_ready\n  db:\n    image: b\n");
    assertEquals(1, v.size(), v.toString());
    assertEquals(6, v.get(0).range().startLine());
    assertTrue(v.get(0).message().contains("service_healthy"), v.get(0).message());
  }

  @Test
  void interpolatedNumbersTakeTheirValueType() {
    List<SchemaViolation> v = new ComposeFixture()
        .file(".env", "N=3\n")
        .file("compose.yaml", "services:\n  web:\n    image: a\n    deploy:\n      replicas: \"${N}\"\n")
        .project().schemaViolations();
    assertEquals(List.of(), v);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "extensions|x-common: &c {image: a}\\nservices:\\n  web:\\n    <<: *c\\n    x-note: hi\\n",
      "environment forms|services:\\n  web:\\n    image: a\\n    environment: [A=1, B]\\n"
          + "  db:\\n    image: b\\n    environment: {A: 1, B: null, C: true}\\n",
      "ports forms|services:\\n  web:\\n    image: a\\n    ports: [80, '8080:80', {target: 443, published: '8443'}]\\n",
      "volumes|services:\\n  web:\\n    image: a\\n    volumes: ['./d:/d:ro', {type: tmpfs, target: /t, tmpfs: {size: 64m}}]\\n"
          + "volumes:\\n  data:\\n  ext: {external: true}\\n",
      "healthcheck|services:\\n  web:\\n    image: a\\n    healthcheck: {test: [CMD, curl], interval: 10s, retries: 3}\\n",
      "build|services:\\n  web:\\n    build: {context: ., args: {A: 1}, target: t}\\n    command: npm start\\n",
      "version|version: '3.8'\\nservices:\\n  web:\\n    image: a\\n",
  })
  void validModelsHaveNoViolations(String name, String compose) {
    assertEquals(List.of(), violations(compose.replace("\\n", "\n")), name);
  }

  @Test
  void booleanWhereAStringIsNeeded() {
    // YAML reads an unquoted true as a boolean; Compose wants the string "true".
    List<SchemaViolation> v = violations(
        "services:\n  web:\n    image: a\n    healthcheck: {test: [CMD, true]}\n");
    assertEquals(1, v.size());
    assertEquals("services.web.healthcheck.test.1 must be a string, not a boolean",
        v.get(0).message());
    assertEquals(new Range("compose.yaml", 4, 31, 4, 35), v.get(0).range());
  }

  @Test
  void fullServiceExampleIsValid() {
    // The same file ComposeModelTest reads; every field the model types is schema-valid.
    List<SchemaViolation> v = violations("""
        services:
          web:
            build: {context: ./web, dockerfile: Dockerfile.prod, target: runtime, args: [V=1]}
            command: npm start
            entrypoint: ["/bin/tini", "--"]
            environment: [BOTH=env, BARE]
            ports: ["8080:80", {target: 443, published: "8443", host_ip: 127.0.0.1, protocol: tcp}]
            expose: [9000, "9001"]
            tmpfs: /run
            user: "1000:1000"
            working_dir: /app
            healthcheck: {test: "curl -f http://localhost/", interval: 10s}
            depends_on: {db: {condition: service_healthy}, cache: {condition: service_started, required: false}}
            networks: {front: {aliases: [www]}}
            profiles: [web]
            deploy: {replicas: 2, resources: {limits: {memory: 512M, cpus: "0.5"}}}
            mem_limit: 1g
            restart: unless-stopped
            secrets: [api_key, {source: tls, target: /run/tls}]
            configs: [nginx]
            container_name: web
            links: ["db:database"]
            volumes_from: ["db:ro"]
          db: {image: postgres, network_mode: "service:web"}
          cache: {image: redis}
        networks: {front: {}}
        secrets: {api_key: {file: ./secrets/api.txt}, tls: {environment: TLS}}
        configs: {nginx: {file: ./nginx.conf}}
        """);
    assertEquals(List.of(), v);
  }

  @Test
  void realWorldFileIsValid() {
    List<SchemaViolation> v = violations("""
        name: shop
        x-env: &env
          TZ: Europe/Berlin
          WORKERS: 4
        services:
          web:
            build: .
            init: true
            stop_grace_period: 1m30s
            environment:
              <<: *env
              DEBUG: "false"
              RATIO: 0.5
            extra_hosts: ["host.docker.internal:host-gateway"]
            ulimits:
              nofile: {soft: 20000, hard: 40000}
              nproc: 65535
            logging:
              driver: json-file
              options: {max-size: "10m", max-file: "3"}
            cap_add: [NET_ADMIN]
            sysctls: {net.core.somaxconn: 1024}
            deploy:
              resources:
                limits: {cpus: 0.5, memory: 50M}
                reservations: {memory: 20M}
              restart_policy: {condition: on-failure, max_attempts: 3}
            develop:
              watch:
                - action: sync
                  path: ./src
                  target: /app/src
            labels:
              - "traefik.enable=true"
            stdin_open: true
            tty: true
            shm_size: 256m
            pids_limit: 100
            security_opt: ["no-new-privileges:true"]
            depends_on:
              db: {condition: service_healthy, restart: true}
          db:
            image: postgres:16
            command: postgres -c max_connections=200
            healthcheck:
              test: pg_isready -U postgres
              start_period: 30s
            volumes:
              - type: volume
                source: pgdata
                target: /var/lib/postgresql/data
                volume: {nocopy: true}
        volumes:
          pgdata:
            driver: local
            driver_opts: {type: none, o: bind, device: /srv/pg}
        networks:
          default:
            ipam:
              config:
                - subnet: 172.28.0.0/16
        """);
    assertEquals(List.of(), v);
  }

  @Test
  void currentComposeKeysAreAccepted() {
    // keys docker compose accepts today (compose-go schema at faa67b2)
    List<SchemaViolation> v = violations("""
        services:
          web:
            image: a
            use_api_socket: true
            build: {context: ., no_cache_filter: [deps]}
            pre_start:
              - {command: [migrate], user: app, environment: {DB: x}}
            post_start:
              - {command: [warm-up]}
            networks:
              front: {gw_priority: 1}
            models:
              llm: {endpoint_var: LLM_URL}
              embed:
          db:
            provider: {type: awesomecloud, options: {type: mysql}}
        networks:
          front: {}
        models:
          llm: {model: ai/smollm2}
          embed: {model: ai/all-minilm}
        """);
    assertEquals(List.of(), v);
  }

  /** The keywords JSON Schema applies to a schema object, and where sub-schemas are. */
  private static void keywords(Object schema, java.util.Set<String> out) {
    if (!(schema instanceof java.util.Map<?, ?> m)) return;
    for (var e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      out.add(k);
      switch (k) {
        case "properties", "patternProperties", "$defs", "definitions" -> {
          for (Object sub : ((java.util.Map<?, ?>) e.getValue()).values()) keywords(sub, out);
        }
        case "items", "additionalProperties", "not", "if", "then", "else", "contains" ->
            keywords(e.getValue(), out);
        case "oneOf", "anyOf", "allOf" -> {
          for (Object sub : (List<?>) e.getValue()) keywords(sub, out);
        }
        default -> { }
      }
    }
  }

  @Test
  void theValidatorImplementsEveryKeywordTheBundledSchemaUses() {
    java.util.Set<String> used = new java.util.TreeSet<>();
    keywords(ComposeSchema.standard().document(), used);
    used.removeAll(ComposeSchema.ASSERTIONS);
    used.removeAll(ComposeSchema.ANNOTATIONS);
    assertEquals(java.util.Set.of(), used, "keywords the validator does not implement");
  }

  private static List<SchemaViolation> check(String schemaJson, String compose) {
    Object doc = new org.snakeyaml.engine.v2.api.Load(
        org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(schemaJson);
    var parsed = dev.berth.compose.yaml.YamlReader.read(
        new dev.berth.source.SourceFile("compose.yaml", compose));
    return ComposeSchema.of((java.util.Map<?, ?>) doc)
        .validate((dev.berth.compose.yaml.YamlMap) parsed.documents().get(0));
  }

  @Test
  void aKeywordTheValidatorDoesNotKnowIsNeverAFalseError() {
    String schema = """
        {"type": "object", "properties": {
          "a": {"type": "string", "minLength": 3},
          "b": {"oneOf": [{"type": "string", "not": {"pattern": "x"}}, {"type": "integer"}]},
          "c": {"type": "string"}}}
        """;
    // minLength and not are unknown here: nothing is said about what they decide
    assertEquals(List.of(), check(schema, "a: x\nb: xyz\n"));
    // what the known keywords decide is still reported
    List<SchemaViolation> v = check(schema, "a: 1\nb: [1]\nc: 2\n");
    assertEquals(3, v.size(), v.toString());
    assertEquals("a must be a string, not an integer", v.get(0).message());
  }

  @Test
  void uniqueItemsAndEnumCompareJsonValues() {
    // 1000 and "1000" are different JSON values; "no" is the string the enum lists
    assertEquals(List.of(), violations(
        "services:\n  web:\n    image: a\n    group_add: ['1000', 1000]\n    restart: \"no\"\n"));
    List<SchemaViolation> v = violations(
        "services:\n  web:\n    image: a\n    group_add: [a, a]\n    pull_policy: 1\n");
    assertEquals(2, v.size(), v.toString());
  }
}
