package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "python|docker.io|library/python||",
      "python:3.12-slim|docker.io|library/python|3.12-slim|",
      "bitnami/redis:7|docker.io|bitnami/redis|7|",
      "docker.io/library/nginx:1.27|docker.io|library/nginx|1.27|",
      "index.docker.io/nginx|docker.io|library/nginx||",
      "localhost/app|localhost|app||",
      "localhost:5000/team/app:dev|localhost:5000|team/app|dev|",
      "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
          + "|ghcr.io|acme/api||sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "registry.example.com:443/x/y/z:v1@sha256:0123456789abcdef0123456789abcdef"
          + "|registry.example.com:443|x/y/z|v1|sha256:0123456789abcdef0123456789abcdef",
  })
  void parses(String ref, String registry, String path, String tag, String digest) {
    ImageRef r = ImageRef.parse(ref).orElseThrow();
    assertEquals(registry, r.registry());
    assertEquals(path, r.path());
    assertEquals(Optional.ofNullable(tag), r.tag());
    assertEquals(Optional.ofNullable(digest), r.digest());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "UPPER", "a:b:c", "-x", "x@sha256:short", "a//b", "foo:bad tag"})
  void rejects(String ref) {
    assertTrue(ImageRef.parse(ref).isEmpty(), ref);
  }

  @org.junit.jupiter.api.Test
  void helpers() {
    ImageRef r = ImageRef.parse("python").orElseThrow();
    assertEquals(Optional.of("latest"), r.effectiveTag());
    assertEquals(Optional.of("python"), r.officialName());
    assertEquals("docker.io/library/python", r.canonical());
    assertEquals("api", ImageRef.parse("ghcr.io/acme/api:1").orElseThrow().name());
    assertTrue(ImageRef.isScratch("scratch"));
  }
}
