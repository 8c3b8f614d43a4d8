package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.compose.UnsetVariable;
import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a blank does per field, checked against Compose's and Docker's parsers' behaviour. */
class BlankValuesTest {
  private static BlankValues.Consequence judge(String field, String name, String template,
      String value) {
    return BlankValues.of(new UnsetVariable(name, new Range("c.yml", 1, 1, 1, 2), false, "",
        List.of(field.split("\\.")), template, value), false);
  }

  private static BlankValues.Grade grade(String field, String template, String value) {
    return judge(field, "V", template, value).grade();
  }

  @Test
  void portsFollowGoConnectionsParsePortSpec() {
    assertEquals("`${V}:80` becomes `:80`, so Docker publishes container port 80 on a random"
        + " host port", judge("services.web.ports.0", "V", "${V}:80", ":80").text());
    assertEquals("`8080:${V}` becomes `8080:`, which Compose refuses (no container port)",
        judge("services.web.ports.0", "V", "8080:${V}", "8080:").text());
    assertEquals(BlankValues.Grade.MILD, grade("services.web.ports.0", "${V}:8080:80", ":8080:80"));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.ports.0", "80${V}", "80"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.ports.0", "${V}-9000:80", "-9000:80"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.ports.0.published", "${V}", ""));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.ports.0.target", "${V}", ""));
  }

  @Test
  void volumesFollowComposeGoParseVolume() {
    assertEquals("`${V}:/data` becomes `:/data`, which Compose refuses (empty section between"
        + " colons)", judge("services.db.volumes.0", "V", "${V}:/data", ":/data").text());
    assertEquals(BlankValues.Grade.BUG, grade("services.db.volumes.0", "./data:${V}", "./data:"));
    assertEquals("`${V}/mysql:/var/lib/mysql` becomes `/mysql:/var/lib/mysql`, which bind-mounts"
        + " `/mysql` at the root of the host's filesystem",
        judge("services.db.volumes.0", "V", "${V}/mysql:/var/lib/mysql", "/mysql:/var/lib/mysql")
            .text());
    // a blank mount option only drops the option
    assertEquals(BlankValues.Grade.MILD,
        grade("services.db.volumes.0", "./app:/app${V}", "./app:/app"));
    // another variable leads the value: this one's blank did not make it absolute
    assertEquals(BlankValues.Grade.MILD,
        judge("services.db.volumes.0", "SUB", "${ROOT}${SUB}/x:/x", "/srv/x:/x").grade());
  }

  @Test
  void typedFieldsFailOnBlanksAsComposeGoCastsThem() {
    assertEquals(BlankValues.Grade.BUG, grade("services.web.cpus", "${V}", ""));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.cpus", "0.${V}5", "0.5"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.privileged", "${V}", ""));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.mem_limit", "${V}m", "m"));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.mem_limit", "512${V}", "512"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.healthcheck.interval", "${V}s", "s"));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.healthcheck.interval", "1m${V}", "1m"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.ulimits.nofile.soft", "${V}", ""));
  }

  @Test
  void imagesFollowTheReferenceGrammar() {
    assertEquals(BlankValues.Grade.BUG, grade("services.web.image", "repo:${V}", "repo:"));
    assertEquals(BlankValues.Grade.BUG, grade("services.web.image", "${V}/app:1", "/app:1"));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.image", "app${V}:1", "app:1"));
  }

  @Test
  void freeTextIsMildUnlessABlankBreaksAUrl() {
    assertEquals(Optional.of("http://localhost:"),
        BlankValues.brokenUrl("http://localhost:${V}/x", "http://localhost:/x"));
    assertEquals(Optional.of("https://:8443"),
        BlankValues.brokenUrl("https://${V}:8443", "https://:8443"));
    assertEquals(Optional.of("redis://"), BlankValues.brokenUrl("redis://${V}", "redis://"));
    // an empty password or path leaves a valid URL
    assertEquals(Optional.empty(),
        BlankValues.brokenUrl("postgres://u:${V}@db/x", "postgres://u:@db/x"));
    assertEquals(Optional.empty(), BlankValues.brokenUrl("http://h/${V}", "http://h/"));
    assertEquals(BlankValues.Grade.BUG,
        grade("services.web.environment.API_URL", "http://api:${V}", "http://api:"));
    assertEquals(BlankValues.Grade.MILD, grade("services.web.command", "run --x=${V}", "run --x="));
    assertEquals(BlankValues.Grade.NONE, grade("x-common.environment.A", "${V}", ""));
    assertEquals(BlankValues.Grade.NONE, grade("services.web.x-meta", "${V}", ""));
  }

  @Test
  void assignmentsSayWhetherTheNameOrTheValueWentBlank() {
    assertEquals("the label name `traefik.http.routers.${V}.rule` becomes"
        + " `traefik.http.routers..rule`", judge("services.web.labels.0", "V",
            "traefik.http.routers.${V}.rule=Host(`x`)", "traefik.http.routers..rule=Host(`x`)")
            .text());
    assertEquals("the build gets TAG set to an empty string, which overrides any default of the"
        + " Dockerfile's ARG", judge("services.web.build.args.0", "V", "TAG=${V}", "TAG=").text());
    assertEquals("the build gets TAG set to an empty string, which overrides any default of the"
        + " Dockerfile's ARG", judge("services.web.build.args.TAG", "V", "${V}", "").text());
    assertEquals("label team is empty", judge("services.web.labels.team", "V", "${V}", "").text());
    assertEquals("the container gets DSN=x", judge("services.web.environment.0", "V",
        "DSN=${V}x", "DSN=x").text());
  }

  @Test
  void fieldsAreShownAsUsersWriteThem() {
    assertEquals("services.web.ports[0]", BlankValues.show(List.of("services", "web", "ports", "0")));
  }
}
