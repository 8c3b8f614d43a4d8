package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.context.TestProjects;
import dev.berth.project.Project;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepoImagesTest {

  private static TestProjects outline() {
    // outline/outline: Dockerfile.base is built and tagged by CI, Dockerfile uses it through an
    // ARG default
    return TestProjects.create()
        .file(".github/workflows/docker.yml", "env:\n  BASE: outlinewiki/outline-base\njobs:\n"
            + "  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n"
            + "          file: Dockerfile.base\n          tags: ${{ env.BASE }}\n")
        .dockerfile("Dockerfile.base", "FROM node:26\nRUN yarn install\n")
        .dockerfile("Dockerfile", "ARG BASE_IMAGE=outlinewiki/outline-base\n"
            + "FROM ${BASE_IMAGE} AS base\nFROM node:26-slim\nCOPY --from=base /a /a\n"
            + "USER node\n");
  }

  @Test
  void anImageOnlyUsedAsABaseOfAnotherDockerfile() {
    Project p = outline().build();
    RepoImages images = RepoImages.of(p);
    RepoImages.Use use = images.onlyBaseOf(p.dockerfile("Dockerfile.base").orElseThrow())
        .orElseThrow();
    assertEquals("Dockerfile", use.dockerfile());
    assertEquals(2, use.range().startLine());
    assertTrue(use.proven());
    assertEquals(Optional.empty(), images.onlyBaseOf(p.dockerfile("Dockerfile").orElseThrow()));
    assertEquals("Dockerfile.base",
        images.builtFrom("docker.io/outlinewiki/outline-base:1.2").orElseThrow().dockerfile());
    assertEquals(Optional.empty(), images.builtFrom("node:26"));
  }

  @Test
  void oneNameBuiltFromSeveralDockerfilesIsToldApartByTag() {
    // apache/pinot: a README builds the runtime base from two Dockerfiles under one name
    Project p = TestProjects.create()
        .file("images/README.md", "```shell\n"
            + "docker build --file runtime/corretto.dockerfile --tag acme/runtime:25-corretto .\n"
            + "docker build --file runtime/openjdk.dockerfile --tag acme/runtime:25-openjdk .\n"
            + "```\n")
        .dockerfile("images/runtime/corretto.dockerfile", "FROM debian:bookworm-slim\n")
        .dockerfile("images/runtime/openjdk.dockerfile", "FROM ubuntu:24.04\n")
        .build();
    RepoImages images = RepoImages.of(p);
    assertEquals("images/runtime/corretto.dockerfile",
        images.builtFrom("acme/runtime:25-corretto").orElseThrow().dockerfile());
    assertEquals("images/runtime/openjdk.dockerfile",
        images.builtFrom("acme/runtime:25-openjdk").orElseThrow().dockerfile());
    // a tag neither builds: which one is unknown
    assertEquals(Optional.empty(), images.builtFrom("acme/runtime:21-corretto"));
  }

  @Test
  void aReadmeBuildOfADockerfileThatIsNotThereNamesNothing() {
    // docs/building.md's -f base/Dockerfile resolves to docs/base/Dockerfile, which does not
    // exist: the script's build stays the only one of the name
    Project p = TestProjects.create()
        .file("build.sh", "docker build -t myorg/base base\n")
        .file("docs/building.md", "```sh\ndocker build -t myorg/base -f base/Dockerfile .\n```\n")
        .dockerfile("base/Dockerfile", "FROM debian:bookworm-slim\n")
        .dockerfile("app/Dockerfile", "FROM myorg/base\n")
        .build();
    assertEquals("base/Dockerfile",
        RepoImages.of(p).builtFrom("myorg/base").orElseThrow().dockerfile());
  }

  @Test
  void anImageTheRepositoryAlsoRunsIsFinal() {
    Project run = outline().file("run.sh", "docker run --rm outlinewiki/outline-base:latest x\n")
        .build();
    assertEquals(Optional.empty(),
        RepoImages.of(run).onlyBaseOf(run.dockerfile("Dockerfile.base").orElseThrow()));
  }

  @Test
  void copyFromAnImageCountsAsAUseAndTagsDoNotMatter() {
    Project p = TestProjects.create()
        .file("manage.sh", "pushd docker/imagemagick\n"
            + "docker buildx build -t penpotapp/imagemagick:latest .\npopd\n")
        .dockerfile("docker/imagemagick/Dockerfile", "FROM ubuntu:24.04\n")
        .dockerfile("docker/images/Dockerfile.backend", "FROM ubuntu:24.04\n"
            + "COPY --from=penpotapp/imagemagick:7.1.2-24 /opt/imagick /opt/imagick\n")
        .build();
    RepoImages.Use use = RepoImages.of(p)
        .onlyBaseOf(p.dockerfile("docker/imagemagick/Dockerfile").orElseThrow()).orElseThrow();
    assertEquals("docker/images/Dockerfile.backend", use.dockerfile());
    assertEquals(2, use.range().startLine());
  }

  @Test
  void withoutAnyNameABaseNamedDockerfileNextToAVariableFromIsProbablyABase() {
    Project p = TestProjects.create()
        .dockerfile("Dockerfile.base", "FROM python:3.12\n")
        .dockerfile("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER app\n")
        .build();
    RepoImages.Use use = RepoImages.of(p)
        .onlyBaseOf(p.dockerfile("Dockerfile.base").orElseThrow()).orElseThrow();
    assertFalse(use.proven());
    // not for a Dockerfile whose name does not say so, nor next to a plain FROM
    Project q = TestProjects.create()
        .dockerfile("Dockerfile.dev", "FROM python:3.12\n")
        .dockerfile("Dockerfile.baseline", "FROM python:3.12\n")
        .dockerfile("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER app\n")
        .dockerfile("x/Dockerfile.base", "FROM python:3.12\n")
        .build();
    RepoImages images = RepoImages.of(q);
    assertEquals(Optional.empty(), images.onlyBaseOf(q.dockerfile("Dockerfile.dev").orElseThrow()));
    assertEquals(Optional.empty(),
        images.onlyBaseOf(q.dockerfile("Dockerfile.baseline").orElseThrow()));
    assertEquals(Optional.empty(),
        images.onlyBaseOf(q.dockerfile("x/Dockerfile.base").orElseThrow()));
  }

  @Test
  void aBuildLineTagLinksABaseBuiltElsewhere() {
    Project p = TestProjects.create()
        .file("build.sh", "docker build -f base/Dockerfile -t acme/base base\n")
        .dockerfile("base/Dockerfile", "FROM python:3.12\n")
        .dockerfile("app/Dockerfile", "FROM acme/base\nUSER app\n")
        .build();
    assertTrue(RepoImages.of(p).onlyBaseOf(p.dockerfile("base/Dockerfile").orElseThrow())
        .isPresent());
  }


  @Test
  void aReusableWorkflowNamesItsImagesByItsCallersInputs() {
    // yusing/godoxy: docker-image-prod.yml calls docker-image.yml once per image
    Project p = TestProjects.create()
        .file(".github/workflows/release.yml", "on: push\nenv:\n  NAME: acme/env\njobs:\n"
            + "  proxy:\n    uses: ./.github/workflows/image.yml\n    with:\n"
            + "      image_name: acme/proxy\n"
            + "  agent:\n    uses: ./.github/workflows/image.yml\n    with:\n"
            + "      image_name: acme/agent\n      dockerfile: agent/Dockerfile\n"
            + "  other:\n    uses: ./.github/workflows/image.yml\n    with:\n"
            + "      image_name: ${{ env.NAME }}\n      dockerfile: other/Dockerfile\n")
        .file(".github/workflows/image.yml", "on:\n  workflow_call:\n    inputs:\n"
            + "      image_name:\n        type: string\n      dockerfile:\n        type: string\n"
            + "        default: Dockerfile\njobs:\n  b:\n    steps:\n"
            + "      - uses: docker/build-push-action@v6\n        with:\n"
            + "          file: ${{ inputs.dockerfile }}\n"
            + "          tags: ${{ inputs.image_name }}:latest\n")
        .dockerfile("Dockerfile", "FROM alpine:3.20\n")
        .dockerfile("agent/Dockerfile", "FROM alpine:3.20\n")
        .dockerfile("other/Dockerfile", "FROM alpine:3.20\n")
        .build();
    RepoImages images = RepoImages.of(p);
    // the input's default where the caller passes none
    assertEquals("Dockerfile", images.builtFrom("acme/proxy").orElseThrow().dockerfile());
    assertEquals("agent/Dockerfile", images.builtFrom("acme/agent").orElseThrow().dockerfile());
    // what the caller's value takes from the caller's own env is unknown in the called workflow
    assertEquals(Optional.empty(), images.builtFrom("acme/env"));
  }

  @Test
  void stepOutputsAndVariableDefaultsNameTheImage() {
    // tobychui/zoraxy: tags written to $GITHUB_OUTPUT from env values that default a repository
    // variable; a secret has no default berth takes
    Project p = TestProjects.create()
        .file(".github/workflows/docker.yml", "on: release\nenv:\n"
            + "  ACCOUNT: ${{ vars.ACCOUNT || 'acme' }}\n"
            + "  SECRET_ACCOUNT: ${{ secrets.ACCOUNT || 'hidden' }}\njobs:\n  b:\n    steps:\n"
            + "      - id: tags\n        run: |\n"
            + "          if [ \"$PRE\" = true ]; then\n"
            + "            echo \"docker=${{ env.ACCOUNT }}/gate:${{ github.ref_name }}\""
            + " >> $GITHUB_OUTPUT\n"
            + "          else\n"
            + "            echo \"docker=${{ env.ACCOUNT }}/gate:latest, ${{ env.ACCOUNT }}/gate:$V\""
            + " >> \"$GITHUB_OUTPUT\"\n"
            + "          fi\n"
            + "          echo \"other=${{ env.SECRET_ACCOUNT }}/other\" >> $GITHUB_OUTPUT\n"
            + "      - uses: docker/build-push-action@v6\n        with:\n"
            + "          context: gate\n          tags: ${{ steps.tags.outputs.docker }}\n"
            + "      - uses: docker/build-push-action@v6\n        with:\n"
            + "          context: other\n          tags: ${{ steps.tags.outputs.other }}\n")
        .dockerfile("gate/Dockerfile", "FROM alpine:3.20\n")
        .dockerfile("other/Dockerfile", "FROM alpine:3.20\n")
        .build();
    RepoImages images = RepoImages.of(p);
    assertEquals("gate/Dockerfile", images.builtFrom("acme/gate:latest").orElseThrow()
        .dockerfile());
    assertEquals(Optional.empty(), images.builtFrom("hidden/other"));
  }

  @Test
  void buildPushActionV1NamesContextFileAndRepository() {
    // thecodingmachine/workadventure (2021): docker/build-push-action@v1 with path, dockerfile,
    // repository and tags
    Project p = TestProjects.create()
        .file(".github/workflows/build.yml", "on: push\njobs:\n  b:\n    steps:\n"
            + "      - uses: docker/build-push-action@v1\n        with:\n"
            + "          dockerfile: back/Dockerfile\n          path: ./\n"
            + "          repository: acme/back\n          tags: latest\n")
        .dockerfile("back/Dockerfile", "FROM alpine:3.20\n")
        .build();
    assertEquals("back/Dockerfile",
        RepoImages.of(p).builtFrom("acme/back:latest").orElseThrow().dockerfile());
  }
}
