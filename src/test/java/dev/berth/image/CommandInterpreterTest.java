package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One RUN on a known base image, then the node at a path: kind, mode, owner. */
class CommandInterpreterTest {

  static StageSimulation run(String base, String... lines) {
    StringBuilder df = new StringBuilder("FROM " + base + "\n");
    for (String l : lines) df.append(l).append('\n');
    return StageSimulationTest.sim(df.toString()).get(0);
  }

  static Stream<Arguments> debian() {
    return Stream.of(
        Arguments.of("RUN mkdir /srv/app", "/srv/app", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -m 0770 /data", "/data", "DIR 0770 0:0"),
        Arguments.of("RUN mkdir -pm 700 /a/b", "/a/b", "DIR 0700 0:0"),
        Arguments.of("RUN mkdir -p /a/b", "/a", "DIR 0755 0:0"),
        Arguments.of("RUN install -d -o nobody -g nogroup -m 1777 /var/cache/x", "/var/cache/x", "DIR 1777 65534:65534"),
        Arguments.of("RUN mkdir /d && chown www-data /d", "/d", "DIR 0755 33:0"),
        Arguments.of("RUN mkdir /d && chown :www-data /d", "/d", "DIR 0755 0:33"),
        Arguments.of("RUN mkdir /d && chown 1234:5678 /d", "/d", "DIR 0755 1234:5678"),
        Arguments.of("RUN mkdir /d && chown www-data: /d", "/d", "DIR 0755 33:33"),
        Arguments.of("RUN mkdir /d && chgrp users /d", "/d", "DIR 0755 0:100"),
        Arguments.of("RUN mkdir /d && chmod u=rwx,go= /d", "/d", "DIR 0700 0:0"),
        Arguments.of("RUN mkdir /d && chmod a+w /d", "/d", "DIR 0777 0:0"),
        Arguments.of("RUN mkdir /d && chmod 2775 /d", "/d", "DIR 2775 0:0"),
        Arguments.of("RUN touch /f && chmod +x /f", "/f", "FILE 0755 0:0"),
        Arguments.of("RUN sh -c 'mkdir /d && chown nobody /d'", "/d", "DIR 0755 65534:0"),
        Arguments.of("RUN set -eux; \\\n    mkdir /d; \\\n    chmod 750 /d", "/d", "DIR 0750 0:0"),
        Arguments.of("RUN echo hi > /greeting", "/greeting", "FILE 0644 0:0"),
        Arguments.of("RUN curl -fsSL -o /usr/local/bin/tool https://x/tool && chmod 755 /usr/local/bin/tool",
            "/usr/local/bin/tool", "FILE 0755 0:0"),
        Arguments.of("RUN [\"mkdir\", \"-p\", \"/exec/form\"]", "/exec/form", "DIR 0755 0:0"),
        Arguments.of("WORKDIR /app\nRUN mkdir logs", "/app/logs", "DIR 0755 0:0"),
        Arguments.of("WORKDIR /app\nRUN cd /srv && mkdir x", "/srv/x", "DIR 0755 0:0"),
        Arguments.of("WORKDIR /app\nRUN python -m venv .venv", "/app/.venv", "DIR 0755 0:0"),
        Arguments.of("WORKDIR /app\nRUN npm ci", "/app/node_modules", "DIR 0755 0:0"),
        Arguments.of("WORKDIR /app\nRUN npx next build", "/app/.next", "DIR 0755 0:0"),
        Arguments.of("RUN pip install --user flask", "/root/.local", "DIR 0755 0:0"),
        Arguments.of("RUN useradd -m -u 1500 svc", "/home/svc", "DIR mode unknown 1500:1500"),
        Arguments.of("RUN useradd -u 1500 svc\nUSER svc\nWORKDIR /w\nRUN pip install --user x",
            "/home/svc/.local", "DIR 0755 1500:1500"),
        Arguments.of("ENV APP=/opt/app\nRUN mkdir -p $APP/data", "/opt/app/data", "DIR 0755 0:0"));
  }

  @ParameterizedTest
  @MethodSource("debian")
  void debianCommands(String run, String path, String expected) {
    StageSimulation s = run("python:3.12-slim", run.split("\n"));
    assertEquals(expected, StageSimulationTest.owner(s.finalFilesystem(), path));
  }

  @Test
  void busyboxAdduserSyntax() {
    StageSimulation s = run("node:20-alpine",
        "RUN addgroup -S -g 1001 app && adduser -S -D -H -u 1001 -G app app");
    Accounts a = s.finalFilesystem().accounts();
    assertEquals(1001, a.user("app").orElseThrow().uid());
    assertEquals(1001, a.user("app").orElseThrow().gid());
    assertEquals(2, s.accountEvents().size());
    assertTrue(s.finalFilesystem().node("/home/app").isEmpty());
  }

  @Test
  void debianAdduserCreatesHomeAndGroup() {
    StageSimulation s = run("debian:bookworm",
        "RUN adduser --disabled-password --gecos '' --uid 2000 deploy");
    UserAccount u = s.finalFilesystem().accounts().user("deploy").orElseThrow();
    assertEquals(2000, u.uid());
    assertEquals(2000, u.gid());
    assertEquals("/home/deploy", u.home());
    assertEquals(OptionalInt.of(2000), s.finalFilesystem().node("/home/deploy").orElseThrow().uid());
  }

  @Test
  void supplementaryGroupsFromUsermod() {
    StageSimulation s = run("debian:bookworm", "RUN useradd app && usermod -aG www-data app",
        "USER app");
    assertEquals(java.util.Set.of(33), s.last().identity().groups());
  }

  /** Pathname expansion (POSIX XCU 2.13) over the entries berth knows. */
  static Stream<Arguments> globs() {
    return Stream.of(
        Arguments.of("RUN mkdir -p /srv/a /srv/b && chown -R 1000:1000 /srv/*", "/srv/b", "DIR 0755 1000:1000"),
        Arguments.of("RUN mkdir -p /srv/a/x && chown -R 1000 /srv/*", "/srv/a/x", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/data /srv/cfg && chown 1000 /srv/c*", "/srv/data", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/data /srv/cfg && chown 1000 /srv/c*", "/srv/cfg", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/.cache /srv/b && chown 1000 /srv/*", "/srv/.cache", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/.cache && chown 1000 /srv/.[!.]*", "/srv/.cache", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/a && chown 1000 '/srv/*'", "/srv/a", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a && chown 1000 \"/srv/\"*", "/srv/a", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/a && chown 1000 /srv/\\*", "/srv/a", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/c && chown 1000 /srv/[ab]", "/srv/a", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/c && chown 1000 /srv/[ab]", "/srv/c", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/c && chown 1000 /srv/[!a]", "/srv/c", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/c && chown 1000 /srv/[!a]", "/srv/a", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a5 /srv/ab && chown 1000 /srv/a[0-9]", "/srv/ab", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a5 /srv/ab && chown 1000 /srv/a[0-9]", "/srv/a5", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/ab && chown 1000 /srv/?", "/srv/ab", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /srv/a /srv/ab && chown 1000 /srv/?", "/srv/a", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/x/logs /srv/y && chown 1000 /srv/*/logs", "/srv/x/logs", "DIR 0755 1000:0"),
        Arguments.of("RUN mkdir -p /srv/x/logs /srv/y && chown 1000 /srv/*/logs", "/srv/x", "DIR 0755 0:0"),
        Arguments.of("ENV D=/srv\nRUN mkdir -p /srv/a && chmod 700 \"$D\"/*", "/srv/a", "DIR 0700 0:0"),
        Arguments.of("WORKDIR /app\nRUN mkdir a b && chmod 700 *", "/app/b", "DIR 0700 0:0"),
        Arguments.of("RUN mkdir -p /d/a/x /d/b && rm -rf /d/a*", "/d/a", "ABSENT mode unknown owner unknown"),
        Arguments.of("RUN mkdir -p /d/a/x /d/b && rm -rf /d/a*", "/d/b", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /d/sub && touch /d/f && rm -f /d/*", "/d/sub", "DIR 0755 0:0"),
        Arguments.of("RUN mkdir -p /d/sub && touch /d/f && rm -f /d/*", "/d/f", "ABSENT mode unknown owner unknown"),
        Arguments.of("RUN mkdir -p /d/sub /e && mv /d/s* /e", "/d/sub", "UNKNOWN mode unknown owner unknown"));
  }

  @ParameterizedTest
  @MethodSource("globs")
  void globOperands(String run, String path, String expected) {
    StageSimulation s = run("python:3.12-slim", run.split("\n"));
    assertEquals(expected, StageSimulationTest.owner(s.finalFilesystem(), path), run);
    assertTrue(s.finalFilesystem().unknownEffects().isEmpty(), run);
  }

  @Test
  void aPatternThatMatchesNothingInAKnownDirectoryIsTheWordItself() {
    // POSIX: the word is left as it is; chown then fails on a path that does not exist.
    StageSimulation s = run("python:3.12-slim", "RUN mkdir -p /d/a && chown 1000 /d/x*");
    assertEquals(List.of("/d", "/d/a"), s.finalFilesystem().nodes().keySet().stream()
        .filter(k -> k.equals("/d") || k.startsWith("/d/")).toList());
    assertTrue(s.finalFilesystem().unknownEffects().isEmpty());
  }

  @Test
  void patternsBerthCannotExpandAreUnknownEffects() {
    // .* may match . and .. (dash does); a character class; a variable of unknown value.
    for (String cmd : List.of("RUN mkdir -p /d && chown -R 1000 /d/.*",
        "RUN mkdir -p /d && chown 1000 /d/[[:alpha:]]*", "RUN chown 1000 /d/$X*",
        "RUN set -euf && mkdir -p /d && chown 1000 /d/*",
        "RUN set -o noglob && mkdir -p /d && chown 1000 /d/*")) {
      StageSimulation s = run("python:3.12-slim", "ARG X", cmd);
      assertEquals(1, s.finalFilesystem().unknownEffects().size(), cmd);
    }
  }

  @Test
  void aPatternOverADirectoryWhoseUnlistedEntriesHaveAnInferredOwnerIsAnUnknownEffect() {
    // After chown -R, berth reads the owner of /opt's unlisted entries off /opt; /opt/* may
    // match some of them, which then belong to 2000.
    StageSimulation s = run("python:3.12-slim", "RUN chown -R 1000 /opt", "RUN chown 2000 /opt/*");
    assertEquals(1, s.finalFilesystem().unknownEffects().size());
  }

  @Test
  void chownWithAnUnknownUserMakesThePathUnknown() {
    StageSimulation s = run("debian:bookworm", "RUN mkdir /d && chown ghost /d");
    assertEquals(Node.Kind.UNKNOWN, s.finalFilesystem().node("/d").orElseThrow().kind());
  }

  @Test
  void anArchiveExtractedIntoADirectoryLeavesItsContentsUnknown() {
    // Members of unknown names keep the archive's owners and modes.
    for (String cmd : List.of("RUN mkdir -p /srv/app && tar xzf /tmp/app.tgz -C /srv/app",
        "RUN mkdir -p /srv/app && tar -xf /tmp/app.tar --directory=/srv/app",
        "RUN mkdir -p /srv/app && cd /srv/app && tar -xzf /tmp/app.tgz",
        "RUN mkdir -p /srv/app && unzip /tmp/app.zip -d /srv/app")) {
      StageSimulation s = run("debian:bookworm", cmd);
      assertEquals(Node.Kind.DIR, s.finalFilesystem().node("/srv/app").orElseThrow().kind(),
          cmd);
      assertEquals(Answer.UNKNOWN, s.finalFilesystem().lookup("/srv/app/run.sh").exists(), cmd);
    }
  }

  @Test
  void anArchiveExtractedAtTheRootKeepsWhatWasKnownThere() {
    // jenkinsci/docker: `tar xzf git-lfs.tgz` with no WORKDIR extracts into /, which stays a
    // directory every user can traverse (an unknown / once made every path unreachable).
    StageSimulation s = run("debian:bookworm", "RUN tar xzf /tmp/git-lfs.tgz");
    assertEquals(Node.Kind.DIR, s.finalFilesystem().node("/").orElseThrow().kind());
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().lookup("/git-lfs-3.7.1").exists());
  }

  @Test
  void anArchiveExtractedByAnUnknownUserIsNoCrash() {
    // laradock: USER ${PUID} then tar -x: who runs the RUN is unknown (berth once asked for a uid)
    StageSimulation s = run("debian:bookworm", "ARG PUID", "USER ${PUID}",
        "RUN mkdir -p /tmp/x && tar -xzf /tmp/a.tgz -C /tmp/x");
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().lookup("/tmp/x/a").exists());
  }

  @Test
  void creatingOrListingAnArchiveChangesNothing() {
    StageSimulation s = run("debian:bookworm",
        "RUN mkdir -p /srv/app && tar czf /tmp/app.tgz -C /srv/app . && tar tzf /tmp/app.tgz");
    assertEquals(Node.Kind.DIR, s.finalFilesystem().node("/srv/app").orElseThrow().kind());
  }

  @Test
  void unknownCommandsAreUnknownEffects() {
    for (String cmd : List.of("RUN ./install.sh", "RUN find /app -type d -exec chmod 777 {} +",
        "RUN case $X in a) chown x /;; esac", "RUN eval \"$SETUP\"", "RUN $TOOL install",
        "RUN python setup.py install", "RUN make install", "RUN node scripts/postinstall.js")) {
      StageSimulation s = run("debian:bookworm", cmd);
      assertEquals(1, s.finalFilesystem().unknownEffects().size(), cmd);
    }
  }

  @Test
  void inertCommandsAreNot() {
    StageSimulation s = run("debian:bookworm",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
        "RUN echo ok && ls -la / | grep root",
        "RUN node --version && python -c 'import sys' && python -m compileall -q /usr");
    assertTrue(s.finalFilesystem().unknownEffects().isEmpty());
    // Packages may create accounts.
    assertEquals(Answer.UNKNOWN, s.finalFilesystem().accounts().hasUser("postgres"));
  }

  @Test
  void heredocRunIsAScript() {
    StageSimulation s = run("debian:bookworm", "RUN <<EOF\nmkdir /h\nchmod 700 /h\nEOF");
    assertEquals("DIR 0700 0:0", StageSimulationTest.owner(s.finalFilesystem(), "/h"));
  }

  /** Whether uid 1000 can write {@code path} at the end of the stage. */
  private static Answer writableBy1000(String path, String... lines) {
    StageSimulation s = run("python:3.12-slim", lines);
    Identity who = Identity.resolve("1000:1000", s.finalFilesystem().accounts());
    return s.finalFilesystem().canWrite(who, path).answer();
  }

  static Stream<Arguments> orderWithinRun() {
    return Stream.of(
        // an unknown command before mkdir does not touch what mkdir makes afterwards
        Arguments.of("RUN ./setup.sh && mkdir -p /srv/data", Answer.NO),
        // after mkdir it may have changed it, as a later RUN would
        Arguments.of("RUN mkdir -p /srv/data && ./setup.sh", Answer.UNKNOWN),
        Arguments.of("RUN mkdir -p /srv/data\nRUN ./setup.sh", Answer.UNKNOWN),
        Arguments.of("RUN mkdir -p /srv/data && chown -R \"$(id -u app)\" /srv", Answer.UNKNOWN),
        Arguments.of("RUN mkdir -p /srv/data && find /srv -exec chown 1000 {} +", Answer.UNKNOWN),
        // a known command after the unknown one makes it known again
        Arguments.of("RUN mkdir -p /srv/data && ./setup.sh && chown 0:0 /srv/data", Answer.NO),
        Arguments.of("RUN mkdir -p /srv/data && ./setup.sh && chown 1000 /srv/data", Answer.YES),
        // a loop's next pass runs its unknown command after the mkdir of the pass before
        Arguments.of("RUN for i in 1 2; do ./step.sh \"$i\"; mkdir -p /srv/data; done", Answer.UNKNOWN),
        Arguments.of("RUN for i in 1 2; do ./step.sh \"$i\"; done; mkdir -p /srv/data", Answer.NO),
        Arguments.of("RUN while read -r l; do ./step.sh \"$l\"; mkdir -p /srv/data; done < /l", Answer.UNKNOWN),
        // pipeline members run together; a background job may run after everything
        Arguments.of("RUN ./gen.sh | mkdir -p /srv/data", Answer.UNKNOWN),
        Arguments.of("RUN ./daemon & mkdir -p /srv/data", Answer.UNKNOWN),
        Arguments.of("RUN sh -c './setup.sh; mkdir -p /srv/data'", Answer.NO),
        Arguments.of("RUN sh -c 'mkdir -p /srv/data; ./setup.sh'", Answer.UNKNOWN),
        // a construct berth does not read takes effect where it stands
        Arguments.of("RUN case x in x) ./setup.sh;; esac; mkdir -p /srv/data", Answer.NO),
        Arguments.of("RUN mkdir -p /srv/data; case x in x) ./setup.sh;; esac", Answer.UNKNOWN));
  }

  @ParameterizedTest
  @MethodSource("orderWithinRun")
  void anUnknownCommandDoubtsOnlyWhatCameBeforeIt(String run, Answer writable) {
    assertEquals(writable, writableBy1000("/srv/data", run.split("\n")), run);
  }
}
