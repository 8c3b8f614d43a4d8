package dev.berth.evidence;

/** The kinds of repository files berth reads Docker invocations from. */
public enum SourceKind {
  SHELL_SCRIPT("shell script"),
  MAKEFILE("Makefile"),
  PACKAGE_JSON("package.json script"),
  GITHUB_WORKFLOW("GitHub Actions workflow"),
  GITLAB_CI("GitLab CI job"),
  CIRCLECI("CircleCI job"),
  BUILDKITE("Buildkite pipeline"),
  BAKE_FILE("Bake file"),
  SKAFFOLD("Skaffold config"),
  GORELEASER("GoReleaser config"),
  CONCOURSE_TASK("Concourse task"),
  WOODPECKER("Woodpecker or Drone pipeline"),
  ONEDEV("OneDev build spec"),
  TASKFILE("Taskfile"),
  JUSTFILE("justfile"),
  DEV_CONTAINER("Dev Container configuration"),
  /** Shell blocks of a README: only the paths their commands create are taken (see DocsReader). */
  SETUP_DOCS("setup instructions"),
  /**
   * Pages of a docs/ directory, read as a README is; a kind of their own so that a large
   * documentation site does not use up the READMEs' share of files read.
   */
  DOCS_PAGE("documentation"),
  /**
   * A compose file's own comments that show how it is run ({@code # docker compose -f
   * docker-compose.yml -f docker-compose.multi-php.yml up -d}), read as a README's commands.
   */
  USAGE_COMMENT("usage comment");

  /** A CI system's pipeline: GitHub Actions, GitLab CI, CircleCI, Woodpecker or Drone, Buildkite. */
  public boolean ci() {
    return this == GITHUB_WORKFLOW || this == GITLAB_CI || this == CIRCLECI || this == WOODPECKER
        || this == BUILDKITE;
  }

  private final String label;

  SourceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
