package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.context.TestProjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Buildkite steps read as the compose commands the docker-compose plugin runs
 * (buildkite-plugins/docker-compose-buildkite-plugin README: `run: app` is `docker-compose run
 * app`; `build` one service or a list; `config` one file or a list, docker-compose.yml without).
 */
class BuildkiteReaderTest {

  private static List<String> runs(String path, String text) {
    return RepoEvidence.of(TestProjects.create().paths("docker-compose.yml", "ci/compose.yml",
            "ci/compose.test.yml").file(path, text).build()).composeRuns().stream()
        .map(r -> r.subcommand().orElse("?") + " "
            + String.join(",", r.files().stream().map(f -> f.value().orElse("?")).toList())
            + " " + String.join(",", r.arguments().stream().map(a -> a.value().orElse("?"))
                .toList()) + " @" + r.range().startLine())
        .toList();
  }

  @Test
  void buildListAndRunWithConfigFilesInOrder() {
    String pipeline = "steps:\n"
        + "  - plugins:\n"
        + "      - docker-compose#v5.5.0:\n"
        + "          build: [app, worker]\n"
        + "          config:\n"
        + "            - ci/compose.yml\n"
        + "            - ci/compose.test.yml\n"
        + "  - command: make test\n"
        + "    plugins:\n"
        + "      - docker-compose#v5.5.0:\n"
        + "          run: app\n";
    assertEquals(List.of(
        "build ci/compose.yml,ci/compose.test.yml app @4",
        "build ci/compose.yml,ci/compose.test.yml worker @4",
        "run docker-compose.yml app @11"), runs(".buildkite/pipeline.yml", pipeline));
  }

  @Test
  void aStepsCommandRunsInsideThePluginsContainerAndAPlainStepsOnTheAgent() {
    // `run: app` runs the step's command in the app container ("the equivalent to running
    // docker-compose run app test.sh"): its compose command is not the agent's
    String pipeline = "steps:\n"
        + "  - command: docker compose -f ci/compose.test.yml up -d\n"
        + "    plugins:\n"
        + "      - buildkite-plugins/docker-compose#v5.5.0:\n"
        + "          run: app\n"
        + "          config: ci/compose.yml\n"
        + "  - command: docker compose -f ci/compose.test.yml up -d\n";
    assertEquals(List.of("run ci/compose.yml app @5", "up ci/compose.test.yml -d @7"),
        runs(".buildkite/pipeline.yml", pipeline));
  }
}
