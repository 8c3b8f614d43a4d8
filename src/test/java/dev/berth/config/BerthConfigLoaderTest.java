package dev.berth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BerthConfigLoaderTest {
  private static final Set<String> KNOWN = Set.of("BTH001", "BTH002", "BTH005", "BTH010");

  private static BerthConfigLoader.Outcome parse(String yaml) {
    return BerthConfigLoader.parse(new SourceFile(".berth.yaml", yaml), KNOWN);
  }

  @Test
  void readsEveryKey() {
    BerthConfigLoader.Outcome o = parse("""
        # team settings
        rules:
          BTH005: off
          BTH002: note
          BTH010: ERROR
        enable: [BTH001, BTH002, BTH010]
        disable:
          - BTH001
        fail-level: error
        ignore: ["vendor/**", legacy/Dockerfile]
        trusted-registries: [ghcr.io/acme, docker.io]
        compose:
          - [docker-compose.yml, docker-compose.prod.yml]
          - [tools/compose.yaml]
        """);
    assertEquals(List.of(), o.errors());
    BerthConfig c = o.config();
    assertEquals(Set.of("BTH001", "BTH005"), c.disabled());
    assertEquals(Set.of("BTH001", "BTH002", "BTH010"), c.enabled());
    assertEquals(Map.of("BTH002", Severity.NOTE, "BTH010", Severity.ERROR), c.severities());
    assertEquals(Optional.of(Severity.ERROR), c.failLevel());
    assertEquals(List.of("vendor/**", "legacy/Dockerfile"), c.ignore());
    assertEquals(List.of("ghcr.io/acme", "docker.io"), c.trustedRegistries());
    assertEquals(List.of(List.of("docker-compose.yml", "docker-compose.prod.yml"),
        List.of("tools/compose.yaml")), c.composeProjects());
    assertTrue(!c.isEnabled("BTH005") && !c.isEnabled("BTH001") && c.isEnabled("BTH002"));
    assertEquals(Optional.of(Severity.NOTE), c.severityOverride("BTH002"));
    assertEquals(Optional.empty(), c.severityOverride("BTH005"));
  }

  @Test
  void onSwitchesAnOptInRuleOn() {
    BerthConfigLoader.Outcome o = parse("""
        rules:
          BTH010: on
          BTH005: ON
        """);
    assertEquals(List.of(), o.errors());
    assertEquals(Set.of("BTH010", "BTH005"), o.config().switchedOn());
    assertTrue(o.config().isEnabled("BTH010", false));
    assertTrue(!o.config().isEnabled("BTH002", false) && o.config().isEnabled("BTH002", true));
    assertEquals(Optional.empty(), o.config().severityOverride("BTH010"));
  }

  @Test
  void emptyFileAndCommentsOnlyGiveDefaults() {
    assertEquals(new BerthConfigLoader.Outcome(BerthConfig.defaults(), List.of()), parse(""));
    assertEquals(new BerthConfigLoader.Outcome(BerthConfig.defaults(), List.of()),
        parse("# nothing yet\n"));
  }

  @Test
  void failLevelNoneNeverFails() {
    assertEquals(Optional.empty(), parse("fail-level: none\n").config().failLevel());
  }

  @Test
  void unknownKeyIsAnErrorAtItsPosition() {
    BerthConfigLoader.Outcome o = parse("rules: {}\n  \nfail_level: error\n");
    assertEquals(List.of(new Diagnostic(Range.point(".berth.yaml", 3, 1), Diagnostic.Kind.CONFIG,
        "unknown key \"fail_level\" (expected one of: rules, enable, disable, fail-level, ignore, "
            + "trusted-registries, compose, contexts, compose-alternatives, style-per-file)")),
        o.errors());
  }

  @Test
  void unknownRuleIdsAreErrorsWhereverTheyAppear() {
    BerthConfigLoader.Outcome o = parse("""
        rules:
          BTH999: off
        disable: [BTH005, BTH404]
        """);
    assertEquals(List.of(
        new Diagnostic(Range.point(".berth.yaml", 2, 3), Diagnostic.Kind.CONFIG,
            "unknown rule id \"BTH999\""),
        new Diagnostic(Range.point(".berth.yaml", 3, 19), Diagnostic.Kind.CONFIG,
            "unknown rule id \"BTH404\"")), o.errors());
    assertEquals(Set.of("BTH005"), o.config().disabled());
  }

  @Test
  void wrongTypesAreErrors() {
    BerthConfigLoader.Outcome o = parse("""
        enable: BTH001
        ignore:
          - {a: b}
        compose: [docker-compose.yml]
        rules:
          BTH001: loud
        fail-level: [error]
        """);
    assertEquals(List.of(
        "1:9: \"enable\" must be a list of rule ids",
        "3:5: expected a path, found a mapping",
        "4:11: each \"compose\" entry must be a list of compose files, e.g. "
            + "[docker-compose.yml, docker-compose.prod.yml]",
        "6:11: unknown level \"loud\" for BTH001 (expected on, off, error, warning or note)",
        "7:13: expected error, warning, note or none, found a list"),
        o.errors().stream().map(d -> d.range().startLine() + ":" + d.range().startColumn() + ": "
            + d.message()).toList());
  }

  @Test
  void pathsMustStayInsideTheRoot() {
    BerthConfigLoader.Outcome o = parse("ignore: [/etc/**, ok/**]\ncompose: [[../x.yml]]\n");
    assertEquals(List.of(
        new Diagnostic(Range.point(".berth.yaml", 1, 10), Diagnostic.Kind.CONFIG,
            "\"/etc/**\" must be relative to the project root, without \"..\""),
        new Diagnostic(Range.point(".berth.yaml", 2, 12), Diagnostic.Kind.CONFIG,
            "\"../x.yml\" must be relative to the project root, without \"..\"")), o.errors());
    assertEquals(List.of("ok/**"), o.config().ignore());
  }

  @Test
  void topLevelMustBeAMappingAndDuplicatesAreRejected() {
    assertEquals("the configuration must be a mapping of keys (rules, enable, disable, fail-level,"
        + " ignore, trusted-registries, compose, contexts, compose-alternatives, style-per-file)",
        parse("- a\n").errors().get(0).message());
    BerthConfigLoader.Outcome dup = parse("ignore: [a]\nignore: [b]\n");
    assertEquals(List.of(new Diagnostic(Range.point(".berth.yaml", 2, 1), Diagnostic.Kind.CONFIG,
        "duplicate key \"ignore\"")), dup.errors());
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    BerthConfigLoader.Outcome o = parse("rules:\n  BTH001: [off\n");
    assertEquals(1, o.errors().size());
    Diagnostic d = o.errors().get(0);
    assertEquals(Diagnostic.Kind.CONFIG, d.kind());
    assertTrue(d.message().startsWith("invalid YAML: "), d.message());
    assertEquals(3, d.range().startLine());
  }

  @Test
  void aliasBombsStopAtTheLimit() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      y.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p)
          .append(", *").append(p).append("]\n");
    }
    BerthConfigLoader.Outcome o = parse(y.toString());
    assertTrue(!o.ok());
  }

  @Test
  void readsFromDiskAndReportsUnreadableFiles() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path f = fs.getPath("/repo/.berth.yaml");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "fail-level: note\n");
      assertEquals(Optional.of(Severity.NOTE),
          BerthConfigLoader.read(f, ".berth.yaml", KNOWN).config().failLevel());
      Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
      assertEquals(List.of(new Diagnostic(Range.wholeFile(".berth.yaml"),
          Diagnostic.Kind.IO_ERROR, "configuration file is not valid UTF-8")),
          BerthConfigLoader.read(f, ".berth.yaml", KNOWN).errors());
      BerthConfigLoader.Outcome missing =
          BerthConfigLoader.read(fs.getPath("/repo/nope.yaml"), "nope.yaml", KNOWN);
      assertEquals(Diagnostic.Kind.IO_ERROR, missing.errors().get(0).kind());
      assertTrue(missing.errors().get(0).message().startsWith("cannot read configuration file: "));
    }
  }

  @Test
  void contextsMapDockerfilesToContextDirectoriesInsideTheRoot() {
    BerthConfigLoader.Outcome o = parse("""
        contexts:
          apps/web/Dockerfile: .
          ./services/api/Dockerfile.prod: services/
        """);
    assertEquals(List.of(), o.errors());
    assertEquals(java.util.Map.of("apps/web/Dockerfile", "", "services/api/Dockerfile.prod",
        "services"), o.config().contexts());
    BerthConfigLoader.Outcome bad = parse("""
        contexts:
          web/Dockerfile: ../shared
          web/Dockerfile.dev: [a]
          ./web/Dockerfile: web
          web/./Dockerfile: .
        """);
    assertEquals(List.of(
        new Diagnostic(Range.point(".berth.yaml", 2, 19), Diagnostic.Kind.CONFIG,
            "\"../shared\" must be relative to the project root, without \"..\""),
        new Diagnostic(Range.point(".berth.yaml", 3, 23), Diagnostic.Kind.CONFIG,
            "expected a context directory, found a list"),
        new Diagnostic(Range.point(".berth.yaml", 5, 3), Diagnostic.Kind.CONFIG,
            "duplicate Dockerfile \"web/Dockerfile\"")), bad.errors());
    assertEquals(java.util.Map.of("web/Dockerfile", "web"), bad.config().contexts());
    assertEquals("\"contexts\" must be a mapping of Dockerfile path to build context directory,"
        + " e.g. {apps/web/Dockerfile: .}", parse("contexts: [a]\n").errors().get(0).message());
  }

  @Test
  void composeAlternativesAreSetsOfTwoOrMoreFilesInsideTheRoot() {
    BerthConfigLoader.Outcome o = parse("""
        compose-alternatives:
          - [docker-compose.yml, ./docker-compose-separate-containers.yml]
          - [overrides/compose.proxy.yaml, overrides/compose.traefik.yaml, x/compose.yml]
        """);
    assertEquals(List.of(), o.errors());
    assertEquals(List.of(List.of("docker-compose.yml", "docker-compose-separate-containers.yml"),
        List.of("overrides/compose.proxy.yaml", "overrides/compose.traefik.yaml",
            "x/compose.yml")), o.config().composeAlternatives());
    assertTrue(o.config().alternatives("docker-compose.yml",
        "docker-compose-separate-containers.yml"));
    assertTrue(!o.config().alternatives("docker-compose.yml", "overrides/compose.proxy.yaml"));
    assertTrue(!o.config().alternatives("x/compose.yml", "x/compose.yml"));
    BerthConfigLoader.Outcome bad = parse("""
        compose-alternatives:
          - [only-one.yml]
          - docker-compose.yml
          - [a.yml, ../b.yml]
          - [a.yml, ./a.yml]
          - [a.yml, .]
        """);
    assertEquals(List.of(
        new Diagnostic(Range.point(".berth.yaml", 2, 5), Diagnostic.Kind.CONFIG,
            "a set of alternatives must name at least two files"),
        new Diagnostic(Range.point(".berth.yaml", 3, 5), Diagnostic.Kind.CONFIG,
            "each \"compose-alternatives\" entry must be a list of compose files that never run "
                + "together, e.g. [docker-compose.yml, docker-compose.alt.yml]"),
        new Diagnostic(Range.point(".berth.yaml", 4, 13), Diagnostic.Kind.CONFIG,
            "\"../b.yml\" must be relative to the project root, without \"..\""),
        new Diagnostic(Range.point(".berth.yaml", 5, 13), Diagnostic.Kind.CONFIG,
            "duplicate file \"a.yml\""),
        new Diagnostic(Range.point(".berth.yaml", 6, 13), Diagnostic.Kind.CONFIG,
            "expected a compose file path, found the project root")), bad.errors());
    assertEquals(List.of(), bad.config().composeAlternatives());
    assertEquals("\"compose-alternatives\" must be a list of sets, each a list of compose files",
        parse("compose-alternatives: {a: b}\n").errors().get(0).message());
  }
}
