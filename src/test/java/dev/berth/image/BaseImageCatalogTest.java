package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseImageCatalogTest {
  private final BaseImageCatalog catalog = BaseImageCatalog.standard();

  private BaseImage get(String ref) {
    return catalog.lookup(ref).orElseThrow(() -> new AssertionError("no entry for " + ref));
  }

  @Test
  void pythonSlimIsDebianWithRootHome0700AndNoCurl() {
    BaseImage img = get("python:3.11-slim");
    assertEquals("debian", img.os());
    assertEquals("root", img.defaultUser());
    BaseImage.Dir root = img.dirs().stream().filter(d -> d.path().equals("/root")).findFirst().orElseThrow();
    assertEquals(0700, root.mode().getAsInt());
    assertEquals(Answer.NO, img.hasCommand("curl"));
    assertEquals(Answer.YES, img.hasCommand("python"));
    assertEquals(Optional.of("/bin/sh"), img.shell());
    assertEquals(20, img.accounts().group("dialout").orElseThrow().gid());
  }

  @Test
  void fullPythonHasCurlFromBuildpackDeps() {
    assertEquals(Answer.YES, get("docker.io/library/python:3.12").hasCommand("curl"));
  }

  @Test
  void alpineVariantsAreAlpine() {
    BaseImage node = get("node:20-alpine");
    assertEquals("alpine", node.os());
    assertEquals(1000, node.accounts().user("node").orElseThrow().uid());
    assertEquals(Answer.NO, node.hasCommand("bash"));
    assertEquals(Answer.YES, node.hasCommand("wget"));
    assertEquals(20, node.accounts().groupById(20).orElseThrow().gid());
    assertEquals("apk", node.packageManager().orElseThrow());
  }

  @Test
  void serviceImagesCarryTheirUsers() {
    assertEquals(101, get("nginx:1.27").accounts().user("nginx").orElseThrow().uid());
    assertEquals(999, get("postgres:17").accounts().user("postgres").orElseThrow().uid());
    assertEquals(70, get("postgres:17-alpine").accounts().user("postgres").orElseThrow().uid());
    assertEquals(999, get("redis:7").accounts().user("redis").orElseThrow().uid());
    assertEquals(1000, get("redis:7-alpine").accounts().user("redis").orElseThrow().gid());
    assertEquals(01777, get("postgres:16-bookworm").dirs().stream()
        .filter(d -> d.path().equals("/var/lib/postgresql/data")).findFirst().orElseThrow()
        .mode().getAsInt());
  }

  @Test
  void distrolessHasNoShellAndNonrootTagsRunAs65532() {
    BaseImage plain = get("gcr.io/distroless/python3-debian12");
    assertTrue(plain.shell().isEmpty());
    assertEquals("root", plain.defaultUser());
    assertEquals(Answer.NO, plain.hasCommand("sh"));
    BaseImage nonroot = get("gcr.io/distroless/static-debian12:nonroot");
    assertEquals("65532", nonroot.defaultUser());
    BaseImage debug = get("gcr.io/distroless/base-debian12:debug-nonroot");
    assertEquals(Optional.of("/busybox/sh"), debug.shell());
    assertEquals("65532", debug.defaultUser());
    assertEquals(Answer.YES, debug.hasCommand("sh"));
  }

  @Test
  void scratchIsEmpty() {
    BaseImage s = get("scratch");
    assertTrue(s.empty());
    assertTrue(s.shell().isEmpty());
    assertEquals(Answer.NO, s.accounts().hasUser("app"));
  }

  @Test
  void ubuntuUser1000DependsOnTheRelease() {
    assertEquals(Answer.YES, get("ubuntu:24.04").accounts().hasUser("ubuntu"));
    assertEquals(Answer.NO, get("ubuntu:22.04").accounts().hasUser("ubuntu"));
    assertEquals(Answer.UNKNOWN, get("eclipse-temurin:21-jre").accounts().hasUser("ubuntu"));
    assertEquals(Answer.YES, get("eclipse-temurin:21-jre-noble").accounts().hasUser("ubuntu"));
  }

  @Test
  void unknownImagesAreUnknown() {
    assertTrue(catalog.lookup("mycorp/app:1.0").isEmpty());
    assertTrue(catalog.lookup("python:3.12-windowsservercore").isEmpty());
    assertTrue(catalog.lookup("python@sha256:abc").isEmpty());
    assertTrue(catalog.lookup("python:${PY}-slim").isEmpty());
    assertTrue(catalog.lookup("openjdk:17-windowsservercore").isEmpty());
    assertTrue(catalog.lookup("gcr.io/distroless/java/extra").isEmpty());
  }

  @Test
  void openjdkDefaultTagsAreOracleLinuxFrom12On() {
    assertEquals("el", get("openjdk:17").os());
    assertEquals("el", get("openjdk:17.0.2-jdk").os());
    assertEquals("el", get("openjdk:latest").os());
    assertEquals("el", get("eclipse-temurin:17-centos7").os());
    assertEquals("alpine", get("amazoncorretto:17.0.11-alpine3.19").os());
    assertEquals("el", get("amazoncorretto:21").os());
    assertEquals("debian", get("openjdk:17-bullseye").os());
    assertEquals("debian", get("openjdk:21-jdk-slim-bookworm").os());
    assertEquals("debian", get("openjdk:11").os());
    assertEquals("debian", get("openjdk:8u242-jre-buster").os());
    assertEquals("alpine", get("openjdk:8-jre-alpine").os());
  }

  @Test
  void alpineAccountListIsNotComplete() {
    assertEquals(Answer.UNKNOWN, get("alpine:3.20").accounts().hasUser("someone"));
    assertEquals(Answer.NO, get("debian:bookworm-slim").accounts().hasUser("someone"));
    assertEquals(Answer.UNKNOWN, get("debian:bookworm").accounts().hasUser("gnats"));
  }

  @Test
  void everyEntryCitesASource() {
    assertTrue(get("golang:1.23").sources().stream().allMatch(s -> s != null && !s.isBlank()));
    assertEquals("/usr/local/go/bin/go", get("golang:1.23-alpine").commands().get("go"));
  }

  @Test
  void entrypointsAreKnownPerImageAndUnknownOtherwise() {
    assertEquals(java.util.List.of("/nodejs/bin/node"),
        get("gcr.io/distroless/nodejs20-debian12:nonroot").entrypoint().orElseThrow().argv());
    assertEquals(java.util.List.of("/nodejs/bin/node"),
        get("gcr.io/distroless/nodejs24-debian13:debug-nonroot").entrypoint().orElseThrow().argv());
    assertEquals(java.util.List.of("/busybox/sh"),
        get("gcr.io/distroless/static-debian12:debug").entrypoint().orElseThrow().argv());
    assertTrue(get("gcr.io/distroless/static-debian12").entrypoint().orElseThrow().argv().isEmpty());
    assertTrue(get("python:3.12-slim").entrypoint().orElseThrow().argv().isEmpty());
    BaseImage.Entrypoint node = get("node:20-alpine").entrypoint().orElseThrow();
    assertEquals(java.util.List.of("docker-entrypoint.sh"), node.argv());
    assertEquals(Optional.of("node"), node.execs().orElseThrow().prepend());
    assertEquals(Optional.of(java.util.List.of("postgres")),
        get("postgres:17").entrypoint().orElseThrow().cmd());
    // nonroot distroless images also set WORKDIR /home/nonroot
    assertEquals("/home/nonroot", get("gcr.io/distroless/static-debian12:nonroot").workdir());
    assertEquals("/", get("gcr.io/distroless/static-debian12").workdir());
  }

  @Test
  void aStarInANameStandsForAnyCharactersButASlash() {
    assertTrue(BaseImageCatalog.nameMatches("gcr.io/distroless/nodejs*", "gcr.io/distroless/nodejs20-debian12"));
    assertTrue(BaseImageCatalog.nameMatches("gcr.io/distroless/*", "gcr.io/distroless/cc"));
    assertTrue(!BaseImageCatalog.nameMatches("gcr.io/distroless/*", "gcr.io/distroless/java/extra"));
    assertTrue(!BaseImageCatalog.nameMatches("gcr.io/distroless/nodejs*", "gcr.io/distroless/python3"));
    assertTrue(!BaseImageCatalog.nameMatches("node", "nodejs"));
  }
}
