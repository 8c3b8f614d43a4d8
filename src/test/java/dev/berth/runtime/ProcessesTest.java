package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What containers run, followed from their command down to the programs doing the work. */
class ProcessesTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  Project project(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return ProjectLoader.load(root, List.of(), BerthConfig.defaults());
  }

  static Container only(Project p) {
    List<Container> all = Containers.of(p).all();
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  static List<List<String>> argvs(Container c) {
    return c.processes().stream().map(Proc::argv).toList();
  }

  @Test
  void officialNginxRunsNginxFromItsEntrypoint() throws IOException {
    Container c = only(project(Map.of("Dockerfile", "FROM nginx:1.27\nUSER nginx\n")));
    assertEquals(List.of(List.of("nginx", "-g", "daemon off;")), argvs(c));
    List<String> writes = StartWrites.of(c).stream().map(StartWrites.Write::path).toList();
    assertEquals(List.of("/var/cache/nginx/client_temp", "/var/run/nginx.pid"), writes);
    // The package made /var/cache/nginx root's: user nginx cannot create its temp directories.
    assertTrue(c.view().filesystem().canWrite(c.identity(), "/var/cache/nginx/client_temp").denied());
  }

  static Container withEntrypoint(ProcessesTest t, String script, String cmd) throws IOException {
    return only(t.project(Map.of("Dockerfile", String.join("\n",
        "FROM debian:bookworm-slim",
        "COPY --chmod=755 entry.sh /usr/local/bin/entry.sh",
        "ENTRYPOINT [\"entry.sh\"]",
        "CMD " + cmd, ""),
        "entry.sh", script)));
  }

  /** The processes after the entrypoint script itself. */
  static List<List<String>> started(Container c) {
    return argvs(c).subList(1, c.processes().size());
  }

  @Test
  void aCaseOnTheFirstArgumentRunsTheBranchItMatches() throws IOException {
    // denoland/deno_docker's _entry.sh: a deno subcommand runs deno, anything else runs itself
    String script = String.join("\n", "#!/bin/sh", "set -e",
        "case \"$1\" in",
        "  eval | run | serve )",
        "    exec deno \"$@\";;",
        "esac",
        "exec \"$@\"", "");
    assertEquals(List.of(List.of("deno", "run", "main.ts")),
        started(withEntrypoint(this, script, "[\"run\", \"main.ts\"]")));
    assertEquals(List.of(List.of("redis-server")),
        started(withEntrypoint(this, script, "[\"redis-server\"]")));
  }

  @Test
  void aCaseBranchShiftsTheArguments() throws IOException {
    String script = String.join("\n", "#!/bin/sh",
        "case \"$1\" in",
        "  web) shift; exec gunicorn \"$@\" ;;",
        "  worker) shift; exec celery -A app worker \"$@\" ;;",
        "  *) exec \"$@\" ;;",
        "esac", "");
    assertEquals(List.of(List.of("gunicorn", "app:app")),
        started(withEntrypoint(this, script, "[\"web\", \"app:app\"]")));
    assertEquals(List.of(List.of("celery", "-A", "app", "worker", "-l", "info")),
        started(withEntrypoint(this, script, "[\"worker\", \"-l\", \"info\"]")));
  }

  @Test
  void aCaseBerthCannotDecideLeavesEveryBranchUnread() throws IOException {
    // the subject is a variable nobody sets: which branch runs is unknown, so none is followed
    String script = String.join("\n", "#!/bin/sh",
        "case \"$ROLE\" in",
        "  web) exec gunicorn app:app ;;",
        "esac",
        "exec \"$@\"", "");
    Container c = withEntrypoint(this, script, "[\"celery\", \"worker\"]");
    assertEquals(List.of(List.of("celery", "worker")), started(c));
    assertFalse(c.processes().get(1).fsKnown());
  }

  @Test
  void aCommandHeldInAVariableIsItsWordsOnePerBranch() throws IOException {
    // neo4j's 3.x entrypoint: gosu when the script runs as root, a plain exec otherwise
    String script = String.join("\n", "#!/bin/bash -eu",
        "if [ \"$(id -u)\" = \"0\" ]; then",
        "  exec_cmd=\"exec gosu neo4j:neo4j\"",
        "else",
        "  exec_cmd=\"exec\"",
        "fi",
        "${exec_cmd} \"$@\"", "");
    // the value before the if (unset: the arguments run as they are) is listed too: berth does
    // not see that the if and its else leave no path without an assignment
    assertEquals(List.of(List.of("neo4j", "console"),
        List.of("gosu", "neo4j:neo4j", "neo4j", "console"),
        List.of("neo4j", "console"), List.of("neo4j", "console")),
        started(withEntrypoint(this, script, "[\"neo4j\", \"console\"]")));
  }

  @Test
  void anExecAfterAndOrInALoopOrAReversedRangeStopsNothing() throws IOException {
    // `[ ... ] && exec nginx` runs only when the test succeeds: the exec after it still may run
    assertEquals(List.of(List.of("nginx", "-g", "daemon off;"), List.of("redis-server")),
        started(withEntrypoint(this, String.join("\n", "#!/bin/sh",
            "[ \"$1\" = nginx ] && exec nginx -g 'daemon off;'", "exec \"$@\"", ""),
            "[\"redis-server\"]")));
    // a case in a loop is decided per iteration: not read, and what follows is unknown
    Container looped = withEntrypoint(this, String.join("\n", "#!/bin/sh",
        "while [ $# -gt 0 ]; do case \"$1\" in --root) exec redis-server ;; esac; shift; done",
        "exec nginx -g 'daemon off;'", ""), "[\"--x\", \"--root\"]");
    assertFalse(looped.processes().get(looped.processes().size() - 1).fsKnown());
    // [z-a] is no range: the clause is not read, and nothing breaks
    Container reversed = withEntrypoint(this, String.join("\n", "#!/bin/sh",
        "case \"$1\" in [z-a]*) exec nginx ;; esac", "exec \"$@\"", ""), "[\"redis-server\"]");
    assertEquals(List.of(List.of("redis-server")), started(reversed));
    // an unconditional exit ends the script
    assertEquals(List.of(), started(withEntrypoint(this, String.join("\n", "#!/bin/sh",
        "case \"$1\" in redis-server) ;; *) echo usage; exit 1 ;; esac",
        "exec redis-server --port 1", ""), "[\"deno\"]")));
  }

  @Test
  void nothingAfterAnUnconditionalExecRuns() throws IOException {
    String script = String.join("\n", "#!/bin/sh",
        "exec nginx -g 'daemon off;'",
        "php-fpm -D", "");
    assertEquals(List.of(List.of("nginx", "-g", "daemon off;")),
        started(withEntrypoint(this, script, "[]")));
  }

  @Test
  void aShellTakesOptionsOnlyBeforeItsScript() throws IOException {
    // iredmail's all-in-one image: bash runs the entrypoint script, whose exec "$@" starts the
    // CMD; the CMD's own -c is supervisord's, not a bash -c script.
    Container c = only(project(Map.of("Dockerfile", String.join("\n",
        "FROM ubuntu:jammy",
        "COPY entrypoint.sh /entrypoint.sh",
        "ENTRYPOINT [\"/bin/bash\", \"/entrypoint.sh\"]",
        "CMD [\"/usr/bin/supervisord\", \"-c\", \"/etc/supervisor/supervisord.conf\"]", ""),
        "entrypoint.sh", "#!/bin/bash\nexec \"$@\"\n")));
    assertEquals(List.of("/usr/bin/supervisord", "-c", "/etc/supervisor/supervisord.conf"),
        c.processes().get(c.processes().size() - 1).argv().subList(0, 3));
  }

  @Test
  void aShellOptionsValueIsNotItsScript() throws IOException {
    // bash -o pipefail -c '...': pipefail is -o's value, and -c's string is the script
    Container c = only(project(Map.of("Dockerfile", String.join("\n",
        "FROM python:3.12-slim",
        "CMD [\"bash\", \"-o\", \"pipefail\", \"-c\", \"exec gunicorn app:app\"]", ""))));
    assertEquals(List.of("gunicorn", "app:app"),
        c.processes().get(c.processes().size() - 1).argv());
  }

  static List<String> writes(Container c) {
    return StartWrites.of(c).stream().map(StartWrites.Write::path).toList();
  }

  @Test
  void npmRunFollowsPackageJsonInTheWorkingDirectory() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM node:20-slim
        WORKDIR /app
        COPY . .
        USER node
        CMD ["npm", "run", "dev"]
        """, "package.json", "{\"scripts\": {\"predev\": \"echo hi\", \"dev\": \"next dev -p 3000\"}}")));
    assertEquals(List.of(List.of("npm", "run", "dev"), List.of("next", "dev", "-p", "3000")),
        argvs(c));
    Proc next = c.processes().get(1);
    assertEquals("next dev", next.display());
    assertEquals("package.json", next.chain().get(0).at().file());
    assertEquals(List.of("/app/.next"), writes(c));
  }

  @Test
  void npmStartWithoutAStartScriptRunsServerJs() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM node:20-slim
        WORKDIR /app
        COPY . .
        CMD ["npm", "start"]
        """, "package.json", "{\"scripts\": {\"build\": \"tsc\"}}")));
    assertEquals(List.of(List.of("npm", "start"), List.of("node", "server.js")), argvs(c));
  }

  @Test
  void shellWrappersInitAndWritesFromOptions() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM python:3.12-slim
        WORKDIR /srv
        ENTRYPOINT ["tini", "--"]
        CMD ["sh", "-c", "cd /work && exec celery -A proj beat -s /data/schedule"]
        """)));
    Proc beat = c.processes().get(c.processes().size() - 1);
    assertEquals(List.of("celery", "-A", "proj", "beat", "-s", "/data/schedule"), beat.argv());
    assertEquals(List.of("/data/schedule"), writes(c));
    assertEquals(java.util.Optional.of("/work"), c.workdirOf(beat));
  }

  @Test
  void entrypointScriptRunsItsArgumentsAfterExec() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM python:3.12-slim
        WORKDIR /app
        COPY entrypoint.sh /entrypoint.sh
        USER 1000
        ENTRYPOINT ["/entrypoint.sh"]
        CMD ["npx", "next", "start"]
        """, "entrypoint.sh", "#!/bin/sh\nset -e\necho starting\nexec \"$@\"\n")));
    assertEquals(List.of("/app/.next/cache"), writes(c));
  }

  @Test
  void aScriptThatChownsMakesLaterWritesUnknownAndGosuSwitchesUser() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM python:3.12-slim
        WORKDIR /app
        COPY entrypoint.sh /entrypoint.sh
        ENTRYPOINT ["/entrypoint.sh"]
        CMD ["celery", "-A", "proj", "beat"]
        """, "entrypoint.sh", "#!/bin/sh\nchown -R app /app\nexec gosu app \"$@\"\n")));
    Proc beat = c.processes().get(c.processes().size() - 1);
    assertEquals(List.of("celery", "-A", "proj", "beat"), beat.argv());
    assertEquals(java.util.Optional.of("app"), beat.user());
    assertFalse(beat.fsKnown());
    assertEquals(List.of(), writes(c));
    assertTrue(c.dropsPrivileges());
  }

  @Test
  void supervisordProgramsRunAsTheirOwnUsers() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM python:3.12-slim
        COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf
        CMD ["supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]
        """, "supervisord.conf", """
        [supervisord]
        nodaemon=true
        logfile=/dev/null

        [program:worker]
        command=celery -A proj worker
        user=www-data
        directory=/srv/app
        """)));
    Proc worker = c.processes().get(c.processes().size() - 1);
    assertEquals(List.of("celery", "-A", "proj", "worker"), worker.argv());
    assertEquals(java.util.Optional.of("www-data"), worker.user());
    assertEquals(java.util.Optional.of("/srv/app"), c.workdirOf(worker));
    assertTrue(c.dropsPrivileges());
  }

  @Test
  void cmdIsArgumentsToADistrolessEntrypoint() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM gcr.io/distroless/nodejs20-debian12:nonroot
        WORKDIR /app
        COPY hello.js .
        CMD ["--require=./hello.js", "hello.js"]
        """, "hello.js", "")));
    assertEquals("node", c.processes().get(0).name());
  }

  @Test
  void aScriptWhoseLineEndingsAreFixedIsStillRead() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM nginx:alpine
        COPY startup.sh /opt/startup.sh
        RUN sed -i 's/\\r//g' /opt/startup.sh
        CMD ["/bin/bash", "/opt/startup.sh"]
        """, "startup.sh", "#!/bin/bash\ncrond -l 2 -b\nnginx\n")));
    assertEquals(List.of("crond", "nginx"), c.processes().stream().skip(1).map(Proc::name).toList());
    assertTrue(c.needsRoot());
    assertTrue(c.dropsPrivileges());
  }

  @Test
  void s6SvscanRunsTheRunFileOfEachServiceDirectory() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM alpine:3.20
        RUN apk add --no-cache s6 nginx php83-fpm
        COPY rootfs/ /
        CMD ["s6-svscan", "/etc/services.d"]
        """,
        "rootfs/etc/services.d/web/run", "#!/bin/execlineb -P\nnginx -g \"daemon off;\"\n",
        "rootfs/etc/services.d/php/run", "#!/bin/sh\nexec php-fpm83 -F\n",
        "rootfs/etc/services.d/.s6-svscan/finish", "#!/bin/sh\nexit 0\n")));
    // Sorted by name, dot directories skipped; the execline words split as s6 would.
    assertEquals(List.of(List.of("s6-svscan", "/etc/services.d"), List.of("php-fpm83", "-F"),
        List.of("nginx", "-g", "daemon off;")), argvs(c));
    assertFalse(c.supervisedProgramsUnknown());
    assertTrue(c.dropsPrivileges());
  }

  @Test
  void s6ServicesFromAnotherImageAreUnknown() throws IOException {
    Container c = only(project(Map.of("Dockerfile", """
        FROM alpine:3.20
        COPY --from=example/services:1 /etc/s6 /etc/s6
        CMD ["s6-svscan", "/etc/s6"]
        """)));
    assertEquals(List.of(List.of("s6-svscan", "/etc/s6")), argvs(c));
    assertTrue(c.supervisedProgramsUnknown());
  }

  @Test
  void execlineRunScriptsThatArePlainCommands() {
    assertEquals(java.util.Optional.of("nginx -g \"daemon off;\""),
        Processes.execlineCommand("#!/bin/execlineb -P\nnginx -g \"daemon off;\""));
    // Newlines separate words, not commands, in execline.
    assertEquals(List.of("crond", "-f", "-l", "2"), List.of(Processes.execlineCommand(
        "#!/command/execlineb -P\n# cron\ncrond\n  -f -l 2\n").orElseThrow().split("\\s+")));
    // Blocks, variables and single quotes (literal text in execline) are not read.
    assertTrue(Processes.execlineCommand("#!/bin/execlineb -P\nforeground { echo hi } app").isEmpty());
    assertTrue(Processes.execlineCommand("#!/bin/execlineb -P\nimportas PORT PORT app $PORT").isEmpty());
    assertTrue(Processes.execlineCommand("#!/bin/execlineb -P\napp 'a b'").isEmpty());
    assertTrue(Processes.execlineCommand("#!/bin/sh\nexec app").isEmpty());
  }
}
