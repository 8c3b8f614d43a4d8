package dev.berth.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.dockerfile.DockerfileSyntaxError;
import dev.berth.rules.dockerfile.FinalUserRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {
  @Test
  void onlyTheParseErrorRuleJudgesAnUnparsableDockerfile() {
    // "FROM AS build" does not parse; without the guard BTH007 would talk about a base image "AS".
    String df = "FROM AS build\nRUN true\n";
    assertEquals(List.of(), RuleTester.of(new FinalUserRoot()).file("Dockerfile", df).findings());
    assertEquals(1, RuleTester.of(new DockerfileSyntaxError()).file("Dockerfile", df).findings().size());
  }
}
