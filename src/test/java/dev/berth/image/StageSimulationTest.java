package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.dockerfile.Dockerfile;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StageSimulationTest {

  static List<StageSimulation> sim(String text) {
    Dockerfile df = dev.berth.dockerfile.DockerfileParser.parse(new dev.berth.source.SourceFile("Dockerfile", text));
    return ImageSimulation.simulate(df, BaseImageCatalog.standard(), java.util.Map.of());
  }

  static Node node(ImageFilesystem fs, String path) {
    return fs.node(path).orElseThrow(() -> new AssertionError("no node " + path + " in " + fs.nodes().keySet()));
  }

  static String owner(ImageFilesystem fs, String path) {
    Node n = node(fs, path);
    return n.kind() + " " + n.describe();
  }

  /** Seed 004: pip --user in a builder, /root/.local copied, then a non-root USER. */
  private static final String SEED_004 = """
      FROM python:3.11-slim AS builder
      WORKDIR /build
      COPY requirements.txt .
      RUN pip install --user --no-cache-dir -r requirements.txt

      FROM python:3.11-slim
      WORKDIR /app
      COPY --from=builder /root/.local /root/.local
      COPY main.py .
      RUN useradd gateway
      ENV PATH=/root/.local/bin:$PATH
      USER gateway
      CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
      """;

  @Test
  void seed004OwnersAfterEachStep() {
    List<StageSimulation> stages = sim(SEED_004);
    StageSimulation builder = stages.get(0);
    // WORKDIR /build as root: 0755 root.
    assertEquals("DIR 0755 0:0", owner(builder.steps().get(1).filesystem(), "/build"));
    // pip install --user as root writes /root/.local (root-owned, populated bin).
    ImageFilesystem b = builder.finalFilesystem();
    assertEquals("DIR 0755 0:0", owner(b, "/root/.local"));
    assertTrue(node(b, "/root/.local/bin").populated());

    StageSimulation runtime = stages.get(1);
    ImageFilesystem afterCopy = runtime.steps().get(2).filesystem();
    assertEquals("DIR 0755 0:0", owner(afterCopy, "/root/.local"));
    assertEquals("DIR 0700 0:0", owner(afterCopy, "/root"));
    // useradd creates gateway with the first free uid (1000) and its own group.
    UserAccount gw = runtime.finalFilesystem().accounts().user("gateway").orElseThrow();
    assertEquals(1000, gw.uid());
    assertEquals(1000, gw.gid());
    StageSimulation.Step last = runtime.last();
    assertEquals(Optional.of("gateway"), last.user());
    assertEquals(OptionalInt.of(1000), last.identity().uid());
    assertTrue(last.env().get("PATH").startsWith("/root/.local/bin:/usr/local/bin"));

    ContainerView view = ContainerView.of(runtime);
    Resolution r = view.resolveExecutable("uvicorn");
    assertTrue(r.viaInstallDir());
    assertEquals(Optional.of("/root/.local/bin/uvicorn"), r.path());
    assertEquals(Answer.NO, r.access().answer());
    assertEquals(Optional.of("/root"), r.access().blockingPath());
    assertEquals(Answer.YES,
        view.resolveExecutable("python", Optional.of("/usr/local/bin:/usr/bin")).access().answer());
  }

  @Test
  void fixedSeed004IsReachable() {
    List<StageSimulation> stages = sim("""
        FROM python:3.11-slim
        RUN useradd --create-home gateway
        COPY --chown=gateway:gateway deps/ /home/gateway/.local/
        ENV PATH=/home/gateway/.local/bin:$PATH
        USER gateway
        """);
    ContainerView view = ContainerView.of(stages.get(0));
    Resolution r = view.resolveExecutable("uvicorn");
    assertTrue(r.access().answer() != Answer.NO, r.toString());
  }

  @Test
  void workdirIsCreatedAsTheCurrentUser() {
    List<StageSimulation> stages = sim("""
        FROM node:20-slim
        USER node
        WORKDIR /srv/app/web
        """);
    ImageFilesystem fs = stages.get(0).finalFilesystem();
    assertEquals("DIR 0755 1000:1000", owner(fs, "/srv/app"));
    assertEquals("DIR 0755 1000:1000", owner(fs, "/srv/app/web"));
  }

  @Test
  void copyChownAndChmod() {
    List<StageSimulation> stages = sim("""
        FROM debian:bookworm-slim
        RUN groupadd -g 1001 app && useradd -u 1001 -g app app
        COPY --chown=app:app --chmod=0750 entrypoint.sh /usr/local/bin/entrypoint.sh
        COPY config/ /etc/app/
        """);
    ImageFilesystem fs = stages.get(0).finalFilesystem();
    Node ep = node(fs, "/usr/local/bin/entrypoint.sh");
    assertEquals(OptionalInt.of(1001), ep.uid());
    assertEquals(OptionalInt.of(0750), ep.mode());
    assertEquals("DIR 0755 0:0", owner(fs, "/etc/app"));
  }

  @Test
  void copyIntoExistingDirectoryKeepsItsOwner() {
    List<StageSimulation> stages = sim("""
        FROM node:20-alpine
        WORKDIR /app
        COPY --chown=node:node . .
        """);
    ImageFilesystem fs = stages.get(0).finalFilesystem();
    Node app = node(fs, "/app");
    assertEquals(OptionalInt.of(0), app.uid());
    assertEquals(OptionalInt.of(1000), app.childUid());
  }

  @Test
  void runCommandsChangeOwnersAndModes() {
    List<StageSimulation> stages = sim("""
        FROM python:3.12-slim
        RUN mkdir -p /data/cache && chmod 700 /data/cache
        RUN useradd -r -u 999 celery && chown -R celery:celery /data
        RUN chmod g+w,o-rx /data && touch /data/beat.db && ln -s /data/beat.db /data/current
        RUN rm -rf /data/cache
        """);
    List<StageSimulation.Step> steps = stages.get(0).steps();
    assertEquals("DIR 0700 0:0", owner(steps.get(1).filesystem(), "/data/cache"));
    assertEquals("DIR 0755 0:0", owner(steps.get(1).filesystem(), "/data"));
    assertEquals("DIR 0755 999:999", owner(steps.get(2).filesystem(), "/data"));
    assertEquals("DIR 0700 999:999", owner(steps.get(2).filesystem(), "/data/cache"));
    ImageFilesystem s3 = steps.get(3).filesystem();
    assertEquals("DIR 0770 999:999", owner(s3, "/data"));
    assertEquals("FILE 0644 0:0", owner(s3, "/data/beat.db"));
    assertEquals(Optional.of("/data/beat.db"), node(s3, "/data/current").target());
    assertEquals(Answer.NO, steps.get(4).filesystem().lookup("/data/cache").exists());
  }

  @Test
  void venvCreatedAsRootIsNotWritableByTheAppUser() {
    List<StageSimulation> stages = sim("""
        FROM python:3.12-slim
        WORKDIR /app
        RUN pip install uv && uv sync --frozen
        RUN useradd -m app
        USER app
        """);
    StageSimulation s = stages.get(0);
    ImageFilesystem fs = s.finalFilesystem();
    assertEquals("DIR 0755 0:0", owner(fs, "/app/.venv"));
    Access w = fs.canWrite(s.last().identity(), "/app/.venv");
    assertEquals(Answer.NO, w.answer());
    assertEquals(Optional.of("/app/.venv"), w.blockingPath());
    assertEquals(3, w.blockingNode().orElseThrow().origin().range().orElseThrow().startLine());
  }

  @Test
  void unknownRunMakesLaterDenialsUnknown() {
    List<StageSimulation> stages = sim("""
        FROM python:3.12-slim
        RUN mkdir /data
        RUN ./setup.sh
        USER nobody
        """);
    StageSimulation s = stages.get(0);
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().canWrite(s.last().identity(), "/data").answer());
  }

  @Test
  void accountEventsRecordCollisions() {
    List<StageSimulation> stages = sim("""
        FROM python:3.12-slim
        ARG GID
        RUN groupadd -g 20 staffers; groupadd -g ${GID} app || true
        RUN useradd -u 1000 -g 20 me
        """);
    List<AccountEvent> ev = stages.get(0).accountEvents();
    assertEquals(3, ev.size());
    assertEquals(Optional.of("dialout"), ev.get(0).existing());
    assertFalse(ev.get(0).fallback());
    assertEquals(3, ev.get(0).idRange().startLine());
    assertEquals(17, ev.get(0).idRange().startColumn());
    assertEquals(19, ev.get(0).idRange().endColumn());
    assertEquals(List.of("GID"), ev.get(1).idVariables());
    assertTrue(ev.get(1).fallback());
    assertEquals(Optional.empty(), ev.get(2).existing());
  }

  @Test
  void unknownBaseImageKnowsNothing() {
    StageSimulation s = sim("""
        FROM mycorp/base:1
        RUN mkdir /data
        USER app
        """).get(0);
    assertTrue(s.base().isEmpty());
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().canWrite(s.last().identity(), "/data").answer());
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().accounts().hasUser("app"));
  }

  @Test
  void volumesOverAbsentPathsAreRootOwned() {
    StageSimulation s = sim("""
        FROM node:20-slim
        WORKDIR /app
        VOLUME /app/uploads
        USER node
        """).get(0);
    ContainerView v = ContainerView.of(s);
    Access a = v.filesystem().canWrite(v.identity(), "/app/uploads/x.png");
    assertEquals(Answer.NO, a.answer());
    assertEquals(Optional.of("/app/uploads"), a.blockingPath());
  }

  @Test
  void tmpfsAndPrecreatedVolumeAreWritable() {
    StageSimulation s = sim("""
        FROM node:20-slim
        RUN mkdir -p /data && chown node:node /data
        VOLUME /data
        USER node
        """).get(0);
    ContainerView v = ContainerView.of(s, Optional.empty(), List.of(new ContainerView.Mount(
        ContainerView.Mount.Kind.TMPFS, "/scratch", Optional.empty(), OptionalInt.empty(), false,
        s.stage().from().range())), Optional.empty());
    assertEquals(Answer.YES, v.filesystem().canWrite(v.identity(), "/data/file").answer());
    assertEquals(Answer.YES, v.filesystem().canWrite(v.identity(), "/scratch/x").answer());
    assertEquals(Answer.YES, v.filesystem().canWrite(v.identity(), "/tmp").answer());
    // Whether /tmp/x already exists (owned by someone else) is unknown.
    assertEquals(Answer.UNKNOWN, v.filesystem().canWrite(v.identity(), "/tmp/x").answer());
  }

  @Test
  void runtimeUserOverride() {
    StageSimulation s = sim("""
        FROM python:3.12-slim
        WORKDIR /app
        RUN mkdir logs
        """).get(0);
    ContainerView asRoot = ContainerView.of(s);
    assertEquals(Answer.YES, asRoot.filesystem().canWrite(asRoot.identity(), "/app/logs/x").answer());
    ContainerView as1000 = ContainerView.of(s, Optional.of("1000:1000"), List.of(), Optional.empty());
    assertEquals(Answer.NO, as1000.filesystem().canWrite(as1000.identity(), "/app/logs/x").answer());
  }

  @Test
  void hostileInputIsBounded() {
    StringBuilder df = new StringBuilder("FROM debian:bookworm\n");
    for (int i = 0; i < 3000; i++) df.append("RUN mkdir -p /d").append(i).append("/x && chown 99999999999 /d").append(i).append('\n');
    df.append("RUN ").append("(".repeat(3000)).append("true").append(")".repeat(3000)).append('\n');
    df.append("USER 99999999999999:abc\n");
    long start = System.nanoTime();
    StageSimulation s = sim(df.toString()).get(0);
    assertTrue(System.nanoTime() - start < 20_000_000_000L);
    assertEquals(3003, s.steps().size());
    assertFalse(s.finalFilesystem().unknownEffects().isEmpty());
  }

  @Test
  void globsOverALargeImageAreBounded() {
    // 5,000 directories, then RUNs of many patterns that each list all of them: past the bound
    // on entries a stage's patterns visit, berth gives up (an unknown effect) instead of listing.
    StringBuilder df = new StringBuilder("FROM debian:bookworm\nRUN mkdir -p");
    for (int i = 0; i < 5000; i++) df.append(" /d/p").append(i).append("/x");
    df.append('\n');
    for (int i = 0; i < 200; i++) df.append("RUN chmod 700").append(" /d/*/*".repeat(50)).append('\n');
    long start = System.nanoTime();
    StageSimulation s = sim(df.toString()).get(0);
    assertTrue(System.nanoTime() - start < 20_000_000_000L);
    assertEquals(200, s.finalFilesystem().unknownEffects().size());
    // one pattern alone is within the bound
    s = sim("FROM debian:bookworm\nRUN mkdir -p /d/a/x /d/b/x\nRUN chmod 700 /d/*/*\n").get(0);
    assertEquals("DIR 0700 0:0", owner(s.finalFilesystem(), "/d/b/x"));
  }

  @Test
  void composeStyleMounts() {
    StageSimulation s = sim("""
        FROM node:20-slim
        WORKDIR /app
        RUN mkdir .next && chown node:node .next
        USER node
        """).get(0);
    dev.berth.source.Range r = new dev.berth.source.Range("compose.yaml", 8, 9, 8, 30);
    ContainerView bind = ContainerView.of(s, Optional.empty(), List.of(
        new ContainerView.Mount(ContainerView.Mount.Kind.BIND, "/app", Optional.of("./web"),
            OptionalInt.empty(), false, r)), Optional.empty());
    // Host content: owner unknown, the image's .next is hidden.
    assertEquals(Node.Kind.UNKNOWN, node(bind.filesystem(), "/app").kind());
    assertEquals(Answer.UNKNOWN, bind.filesystem().canWrite(bind.identity(), "/app/.next").answer());
    ContainerView v = ContainerView.of(s, Optional.of("1000"), List.of(
        new ContainerView.Mount(ContainerView.Mount.Kind.VOLUME, "/app/node_modules",
            Optional.of("node_modules"), OptionalInt.empty(), false, r),
        new ContainerView.Mount(ContainerView.Mount.Kind.TMPFS, "/app/.next/cache",
            Optional.empty(), OptionalInt.of(0700), false, r)), Optional.of("/app"));
    ImageFilesystem fs = v.filesystem();
    // A named volume where the image has nothing: created root-owned 0755.
    Access nm = fs.canWrite(v.identity(), "/app/node_modules/x");
    assertEquals(Answer.NO, nm.answer());
    assertEquals(Optional.of(r), nm.blockingNode().orElseThrow().origin().range());
    // tmpfs with mode 0700 belongs to root: not writable by uid 1000.
    assertEquals(Answer.NO, fs.canWrite(v.identity(), "/app/.next/cache/x").answer());
    // The image's own .next, chowned to node, stays writable.
    assertEquals(Answer.YES, fs.canWrite(v.identity(), "/app/.next").answer());
    assertEquals(OptionalInt.of(1000), v.identity().uid());
    assertEquals(Optional.of("/app"), v.workdir());
  }

  @Test
  void heredocWordsPointIntoTheBody() {
    List<AccountEvent> ev = sim("""
        FROM debian:bookworm
        RUN <<EOF
        set -e
        groupadd -g 20 app
        EOF
        """).get(0).accountEvents();
    assertEquals(1, ev.size());
    assertEquals(4, ev.get(0).idRange().startLine());
    assertEquals(13, ev.get(0).idRange().startColumn());
  }

  @Test
  void fromUsesTheGlobalArgScopeAndBuildArgs() {
    String text = """
        ARG BASE=python:3.12-slim
        FROM ${BASE}
        """;
    Dockerfile df = dev.berth.dockerfile.DockerfileParser.parse(new dev.berth.source.SourceFile("Dockerfile", text));
    StageSimulation byDefault = ImageSimulation.simulate(df, BaseImageCatalog.standard(), java.util.Map.of()).get(0);
    assertEquals(Optional.of("root"), byDefault.last().user());
    assertTrue(byDefault.finalFilesystem().accounts().user("root").isPresent());
    StageSimulation node = ImageSimulation.simulate(df, BaseImageCatalog.standard(),
        java.util.Map.of("BASE", "node:20-slim")).get(0);
    // node images have the node user (uid 1000); python images do not.
    assertEquals(1000, node.finalFilesystem().accounts().user("node").orElseThrow().uid());
    assertTrue(byDefault.finalFilesystem().accounts().user("node").isEmpty());
  }

  /**
   * The simulation reads the resolved stages: a parent's ONBUILD triggers run at the child's FROM
   * (USER from the facts, the RUN on the filesystem), and an ARG declared in a parent stage is
   * seen by the stage built on it (docs.docker.com "Build variables": "Arguments and variables
   * are inherited from parent stages").
   */
  @Test
  void childStageRunsParentTriggersAndInheritsItsArgs() {
    List<StageSimulation> stages = sim("""
        FROM python:3.12-slim AS base
        ARG APP_DIR=/srv/app
        RUN useradd --create-home app
        ONBUILD RUN mkdir -p /data
        ONBUILD USER app
        FROM base
        WORKDIR $APP_DIR
        """);
    StageSimulation child = stages.get(1);
    assertEquals(Optional.of("app"), child.last().user());
    assertEquals(Optional.of("/srv/app"), child.last().workdir());
    assertEquals("DIR 0755 0:0", owner(child.initialFilesystem(), "/data"));
    // WORKDIR runs as app after the trigger switched users.
    assertEquals("DIR 0755 1000:1000", owner(child.finalFilesystem(), "/srv/app"));
    assertTrue(stages.get(0).finalFilesystem().node("/data").isEmpty());
  }
}
