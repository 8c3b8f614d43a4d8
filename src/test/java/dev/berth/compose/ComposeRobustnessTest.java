package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd but parseable documents never crash the loader (no INTERNAL diagnostics). */
class ComposeRobustnessTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "", "---\n", "[]\n", "just text\n", "services:\n", "services: [a, b]\n", "services: 3\n",
      "services:\n  web:\n", "services:\n  web: [x]\n", "services:\n  web:\n    build: [x]\n",
      "services:\n  web:\n    ports: {a: b}\n", "services:\n  web:\n    ports: [[1]]\n",
      "services:\n  web:\n    volumes: [{}]\n", "services:\n  web:\n    volumes: ['::::']\n",
      "services:\n  web:\n    extends: {}\n", "services:\n  web:\n    extends: [1]\n",
      "services:\n  web:\n    depends_on: 3\n", "services:\n  web:\n    healthcheck: {test: {}}\n",
      "services:\n  web:\n    environment: [[a]]\n", "services:\n  web:\n    env_file: [{}]\n",
      "services:\n  web:\n    deploy: {replicas: many, resources: {limits: {memory: lots}}}\n",
      "include: 3\n", "include: [{}]\n", "include: [{path: []}]\n", "include: [compose.yaml]\n",
      "volumes: [a]\nnetworks: 1\nsecrets: {s: [1]}\n", "? [a, b]\n: c\n", "a: !!binary aGVsbG8=\n",
      "services:\n  web:\n    image: ${A:-${B:-${C:-${D}}}}\n", "x: &a [*a]\n",
      "services:\n  web:\n    <<: [{image: a}, {image: b}]\n",
      "services:\n  web:\n    tmpfs: ['/t:size=999999999999999999999999g']\n    mem_limit: 1k\n",
  })
  void neverCrashes(String text) {
    ComposeLoadResult r = new ComposeFixture().file("compose.yaml", text).load();
    for (Diagnostic d : r.diagnostics()) {
      assertTrue(d.kind() != Diagnostic.Kind.INTERNAL, d.toString());
    }
    var project = dev.berth.project.Project.builder(new ComposeFixture().root,
        dev.berth.config.BerthConfig.defaults()).composeProjects(r.projects())
        .sources(r.sourcesRead()).build();
    var analysis = new dev.berth.rules.Engine(
        dev.berth.rules.Registry.all()).run(project);
    for (Diagnostic d : analysis.diagnostics()) {
      assertTrue(d.kind() != Diagnostic.Kind.INTERNAL, d.toString());
    }
  }
}
