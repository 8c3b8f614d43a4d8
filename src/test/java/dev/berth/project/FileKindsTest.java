package dev.berth.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileKindsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "Dockerfile, DOCKERFILE",
      "Containerfile, DOCKERFILE",
      "Dockerfile.dev, DOCKERFILE",
      "Dockerfile-dev, DOCKERFILE",
      "Dockerfile_prod, DOCKERFILE",
      "Dockerfile-nginx-proxy-tester, DOCKERFILE",
      "Containerfile-base, DOCKERFILE",
      "app.Dockerfile, DOCKERFILE",
      "prod.dockerfile, DOCKERFILE",
      "dockerfile, DOCKERFILE", // BuildKit's fallback when Dockerfile is absent
      "dockerfile-kasm-chrome, DOCKERFILE", // kasmtech/workspaces-images, built with -f
      "DockerfileAlpine, DOCKERFILE", // psono-server's variants, built with -f
      "DockerfileDebian12, DOCKERFILE",
      "Dockerfiles, OTHER",
      "DockerfileAlpine.md, OTHER",
      "dockerfile.py, OTHER",
      "dockerfile.riot, OTHER", // Joxit/docker-registry-ui: a UI component
      "dockerfile.svg, OTHER", // coolify: an icon
      "dockerfile_test.go, OTHER", // a Go test of a Dockerfile parser
      "dockerfile-icon.svg, OTHER",
      "DOCKERFILE, OTHER",
      "Dockerfile.j2, OTHER",
      "Dockerfile.jinja, OTHER",
      "Dockerfile-alpine.template, OTHER",
      "Dockerfile.template.erb, OTHER", // fluentd-docker-image: ERB, rendered per version
      "Dockerfile.hbs, OTHER",
      "Dockerfile.dev.bak, OTHER",
      "Dockerfile.ignore, OTHER", // redpanda's tools/docker: ignore patterns, not a Dockerfile
      "Dockerfile-README.md, OTHER",
      "Dockerfile-, OTHER",
      "dockerfile-build.yaml, OTHER",
      "Dockerfiles, OTHER",
      "compose.yaml, COMPOSE",
      "compose.override.yml, COMPOSE",
      "compose.traefik-ssl.yaml, COMPOSE",
      "docker-compose.yml, COMPOSE",
      "docker-compose-local.yml, COMPOSE",
      "docker-compose.dev.yaml, COMPOSE",
      "podman-compose.yml, COMPOSE",
      "container-compose.override.yaml, COMPOSE",
      "composer.yml, OTHER",
      "test-docker-compose.yml, OTHER",
      "metricbeat-compose.yml, OTHER",
      "compose.json, OTHER",
      "compose..yml, COMPOSE",
      "composeyml, OTHER",
      "compose.ayml, OTHER",
      "docker-docker-compose.yml, OTHER",
      "dockercompose.yml, OTHER",
      "container-compose_x.yaml, COMPOSE",
      "compose+x.yml, OTHER",
      // komodo's dev.compose.yaml and compose/mongo.compose.yaml
      "dev.compose.yaml, COMPOSE",
      "mongo.compose.yml, COMPOSE",
      ".compose.yml, OTHER",
      "dev.compose.yaml.bak, OTHER",
      "dev-compose.yaml, OTHER",
      ".dockerignore, DOCKERIGNORE",
      "Dockerfile.dockerignore, DOCKERIGNORE",
  })
  void namesAreClassified(String name, ProjectFile.Kind kind) {
    assertEquals(kind, FileKinds.classify(name));
  }

  @Test
  void yamlWithACompositeNameButOtherKeysIsNotCompose() {
    assertFalse(FileKinds.looksLikeCompose("name: ci\non:\n  push: {}\njobs:\n  a:\n    runs-on: x\n"));
    assertTrue(FileKinds.looksLikeCompose("name: app\nservices:\n  web:\n    image: nginx\n"));
    assertTrue(FileKinds.looksLikeCompose("version: '3'\nx-common: &c {}\nvolumes:\n  data: {}\n"));
    // a typo in a real compose file is compose's to report, as long as a section is there
    assertTrue(FileKinds.looksLikeCompose("services:\n  a: {image: x}\nnetwork:\n  b: {}\n"));
    // nothing recognisable: compose decides (an empty or comment-only file, flow style)
    assertTrue(FileKinds.looksLikeCompose("# nothing yet\n"));
    assertTrue(FileKinds.looksLikeCompose("{services: {a: {image: x}}}\n"));
  }

  @Test
  void templateDirectoriesAndNames() {
    assertTrue(FileKinds.templatePath("tmpl/alpine/tmplv3.Dockerfile"));
    assertTrue(FileKinds.templatePath("templates/web/Dockerfile"));
    assertTrue(FileKinds.templatePath("eng/dockerfile-templates/sdk/Dockerfile.envs"));
    // a template word alone in a longer name is a service or a starter, not a template directory
    assertFalse(FileKinds.templatePath("services/email-template-renderer/Dockerfile"));
    assertFalse(FileKinds.templatePath("fastapi-template/Dockerfile"));
    assertTrue(FileKinds.templatePath("docker/Dockerfile.template"));
    assertFalse(FileKinds.templatePath("apps/templating/Dockerfile"));
    assertFalse(FileKinds.templatePath("Dockerfile"));
  }

  @Test
  void templatePlaceholdersInPaths() {
    assertEquals(Optional.of("{{cookiecutter.project_slug}}"),
        FileKinds.templateRoot("{{cookiecutter.project_slug}}/compose/local/django/Dockerfile"));
    assertEquals(Optional.of("templates/{{ project_name }}"),
        FileKinds.templateRoot("templates/{{ project_name }}/Dockerfile"));
    assertEquals(Optional.of("{% if docker %}deploy{% endif %}"),
        FileKinds.templateRoot("{% if docker %}deploy{% endif %}/compose.yaml"));
    assertEquals(Optional.empty(), FileKinds.templateRoot("app/Dockerfile"));
  }

  @Test
  void yamlTemplatesAreTheOnesThatAreNotYaml() {
    assertTrue(FileKinds.isYamlTemplate("services:\n{% if x %}\n  a: {image: b}\n{% endif %}\n"));
    assertTrue(FileKinds.isYamlTemplate("services:\n  web:\n    image: {{ image }}:{{ tag }}\n"
        + "    ports:\n{%- for p in ports %}\n      - {{ p }}\n{%- endfor %}\n"));
    // a Jinja config held in a block scalar is valid YAML: compose, not a template
    assertFalse(FileKinds.isYamlTemplate("configs:\n  site:\n    content: |\n      {% if x %}\n"
        + "      y\n      {% endif %}\nservices:\n  a:\n    image: b\n"));
    assertFalse(FileKinds.isYamlTemplate("services:\n  a:\n    labels:\n      f: '{{.Name}}'\n"));
  }

  @Test
  void directiveTemplatesNeedTheNameAndADirectiveComment() {
    String text = "services:\n  a:\n    image: b\n    #!for prod\n    env_file: .env.prod\n"
        + "    #!endfor\n";
    assertTrue(FileKinds.isDirectiveTemplate("deploy/docker-compose.template.yml", text));
    // the same directives in a file not named as a template: compose, linted
    assertFalse(FileKinds.isDirectiveTemplate("deploy/docker-compose.yml", text));
    // a template name without directives: not this kind of template
    assertFalse(FileKinds.isDirectiveTemplate("docker-compose.template.yml",
        "services:\n  a:\n    image: b\n"));
    // an interpreter line at the top is no directive
    assertFalse(FileKinds.isDirectiveTemplate("docker-compose.template.yml",
        "#!/usr/bin/env docker-compose\nservices:\n  a:\n    image: b\n"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "settings.py, true",
      "app/settings.py, true",
      "settings/base.py, true",
      "proj/settings/prod_2.py, true",
      "proj/settings/sub/prod.py, false",
      "proj/mysettings/prod.py, false",
      "proj/settings/.py, false",
      "proj/settings/pro-d.py, false",
      "proj/settings/prod.pyc, false",
      "settings.pyx, false",
  })
  void djangoSettingsModulesAreRecognisedByPath(String path, boolean settings) {
    assertEquals(settings, FileKinds.isAppSettings(path));
  }
}
