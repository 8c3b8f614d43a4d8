package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeProjectsTest {

  private static List<String> split(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }

  /** Files found (space separated); configured groups ("a+b;c"); expected groups ("a+b;c"). */
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "compose.yaml||compose.yaml",
      "compose.yaml compose.override.yaml||compose.yaml+compose.override.yaml",
      "docker-compose.yml docker-compose.override.yml||docker-compose.yml+docker-compose.override.yml",
      "compose.yaml docker-compose.yml||compose.yaml;docker-compose.yml",
      "compose.yml docker-compose.yaml||compose.yml;docker-compose.yaml",
      "docker-compose.yml docker-compose.dev.yml||docker-compose.yml;docker-compose.dev.yml",
      "docker-compose.yml docker-compose.prod.yml|docker-compose.yml+docker-compose.prod.yml"
          + "|docker-compose.yml+docker-compose.prod.yml",
      "a/compose.yaml b/compose.yaml b/compose.override.yml||a/compose.yaml;"
          + "b/compose.yaml+b/compose.override.yml",
      "compose.yaml compose.override.yml compose.override.yaml||"
          + "compose.yaml+compose.override.yml;compose.override.yaml",
  })
  void groups(String found, String configured, String expected) {
    List<List<String>> conf = configured == null ? List.of()
        : Arrays.stream(configured.split(";")).map(g -> Arrays.asList(g.split("\\+"))).toList();
    List<ComposeProjects.Group> groups = ComposeProjects.group(split(found), conf, f -> false);
    assertEquals(expected, groups.stream().map(g -> String.join("+", g.files()))
        .collect(Collectors.joining(";")));
  }

  @ParameterizedTest
  @CsvSource({"compose.yaml,true", "docker-compose.dev.yml,true", "compose.override.yaml,true",
      "docker-compose-prod.yaml,true", "mycompose.yaml,false", "compose.json,false",
      "values.yaml,false"})
  void composeNames(String name, boolean expected) {
    assertEquals(expected, ComposeProjects.isComposeFileName(name));
  }
}
