package dev.berth.dockerfile;

import static dev.berth.dockerfile.ParserTestSupport.assertNoErrors;
import static dev.berth.dockerfile.ParserTestSupport.assertOnlyError;
import static dev.berth.dockerfile.ParserTestSupport.assertRange;
import static dev.berth.dockerfile.ParserTestSupport.assertWord;
import static dev.berth.dockerfile.ParserTestSupport.errors;
import static dev.berth.dockerfile.ParserTestSupport.only;
import static dev.berth.dockerfile.ParserTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  @Nested
  class Directives {
    @Test
    void directivesAtTopAreNotComments() {
      Dockerfile d = parse("# syntax=docker/dockerfile:1.7\n# ESCAPE = `\n#check=skip=all\nFROM a\n");
      assertNoErrors(d);
      assertEquals(List.of("syntax", "escape", "check"),
          d.directives().stream().map(Directive::name).collect(Collectors.toList()));
      assertEquals("docker/dockerfile:1.7", d.directive("syntax").get().value());
      assertEquals("skip=all", d.directive("check").get().value());
      assertRange("2:1-2:13", d.directive("escape").get().range());
      assertEquals('`', d.escape());
      assertTrue(d.comments().isEmpty());
    }

    @Test
    void directiveAfterCommentOrBlankLineIsAComment() {
      Dockerfile d = parse("# hello\n# escape=`\nFROM a\n");
      assertTrue(d.directives().isEmpty());
      assertEquals('\\', d.escape());
      assertEquals(List.of("hello", "escape=`"),
          d.comments().stream().map(Comment::text).collect(Collectors.toList()));
      Dockerfile blank = parse("\n# syntax=x\nFROM a\n");
      assertTrue(blank.directives().isEmpty());
      Dockerfile after = parse("FROM a\n# syntax=x\n");
      assertTrue(after.directives().isEmpty());
      assertRange("2:1-2:11", after.comments().get(0).range());
    }

    @Test
    void unknownDirectiveEndsTheDirectiveBlock() {
      Dockerfile d = parse("# foo=bar\n# syntax=x\nFROM a\n");
      assertTrue(d.directives().isEmpty());
      assertEquals(2, d.comments().size());
    }

    @Test
    void duplicateDirectiveIsAnError() {
      assertOnlyError(parse("# syntax=a\n# Syntax=b\nFROM a\n"), 2,
          "only one syntax parser directive can be used");
    }

    @Test
    void invalidEscapeIsAnError() {
      assertOnlyError(parse("# escape=x\nFROM a\n"), 1,
          "invalid escape token 'x' does not match ` or \\");
    }
  }

  @Nested
  class Continuations {
    @Test
    void commentAndBlankLinesInsideAContinuationAreDropped() {
      Dockerfile d = parse("FROM a\nRUN apt-get update && \\\n    # comment\n\n   \n"
          + "    apt-get install -y curl\nUSER app\n");
      assertNoErrors(d);
      Instruction.Run run = only(d, Instruction.Run.class);
      Command.ShellForm sh = assertInstanceOf(Command.ShellForm.class, run.command());
      assertEquals("apt-get update &&     apt-get install -y curl", sh.script());
      assertRange("2:1-6:28", run.range());
      assertRange("2:5-6:28", sh.range());
      assertEquals("comment", d.comments().get(0).text());
      assertRange("3:5-3:14", d.comments().get(0).range());
      assertRange("7:1-7:9", only(d, Instruction.User.class).range());
    }

    @Test
    void trailingWhitespaceAfterEscapeStillContinues() {
      Dockerfile d = parse("FROM a\nEXPOSE 80 \\  \t\n  443\n");
      Instruction.Expose e = only(d, Instruction.Expose.class);
      assertWord("80", "2:8-2:10", e.ports().get(0));
      assertWord("443", "3:3-3:6", e.ports().get(1));
      assertRange("2:1-3:6", e.range());
    }

    @Test
    void wordsSpanningContinuationLinesMapBackToSource() {
      Dockerfile d = parse("FROM a\nENV A=one\\\ntwo B=3\n");
      Instruction.Env env = only(d, Instruction.Env.class);
      assertWord("onetwo", "2:7-3:4", env.pairs().get(0).value());
      assertWord("B", "3:5-3:6", env.pairs().get(1).key());
    }

    @Test
    void escapedEscapeDoesNotContinue() {
      Dockerfile d = parse("FROM a\nRUN echo \\\\\nUSER x\n");
      Instruction.Run run = only(d, Instruction.Run.class);
      assertEquals("echo \\\\", ((Command.ShellForm) run.command()).script());
      assertRange("2:1-2:12", run.range());
    }

    @Test
    void continuationAtEndOfFile() {
      Dockerfile d = parse("FROM a\nRUN echo hi \\");
      assertNoErrors(d);
      assertEquals("echo hi", ((Command.ShellForm) only(d, Instruction.Run.class).command())
          .script());
    }

    @Test
    void buildKitContinueIndentCases() {
      // Expected scripts from BuildKit's parser/testfiles/continueIndent/result.
      Dockerfile d = parse("FROM ubuntu:14.04\n\nRUN echo hello\\\n  world\\\n  goodnight  \\\n"
          + "  moon\\\n  light\\\nning\nRUN echo hello  \\\n  world\nRUN echo hello \\\n"
          + "goodbye\\\nfrog\nRUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n");
      assertNoErrors(d);
      assertEquals(List.of("echo hello  world  goodnight    moon  lightning", "echo hello    world",
          "echo hello goodbyefrog", "echo hi   world  goodnight"),
          d.stages().get(0).all(Instruction.Run.class).stream()
              .map(r -> ((Command.ShellForm) r.command()).script()).collect(Collectors.toList()));
    }

    @Test
    void continuationIntoTheFinalNewlineEndsOnTheLastRealLine() {
      Instruction.Env env = only(parse("FROM a\nENV a=1 \\\n    b=2 \\\n"), Instruction.Env.class);
      assertRange("2:1-3:10", env.range());
    }

    @Test
    void crlfLineEndings() {
      Dockerfile d = parse("FROM a\r\nRUN a \\\r\n  b\r\nUSER u\r\n");
      assertNoErrors(d);
      Instruction.Run run = only(d, Instruction.Run.class);
      assertEquals("a   b", ((Command.ShellForm) run.command()).script());
      assertRange("2:1-3:4", run.range());
      assertWord("u", "4:6-4:7", only(d, Instruction.User.class).user());
    }
  }

  @Test
  void backtickEscapeWindowsDockerfile() {
    Dockerfile d = parse("# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        + "RUN powershell -Command `\n    $ErrorActionPreference = 'Stop'; `\n"
        + "    Write-Host C:\\path\n"
        + "WORKDIR C:\\app\nCOPY --chown=a`:b src/ C:\\dst\\\n");
    assertNoErrors(d);
    assertEquals('`', d.escape());
    Instruction.Run run = only(d, Instruction.Run.class);
    assertEquals("powershell -Command     $ErrorActionPreference = 'Stop';     Write-Host C:\\path",
        ((Command.ShellForm) run.command()).script());
    assertRange("4:1-6:23", run.range());
    assertWord("C:\\app", "7:9-7:15", only(d, Instruction.Workdir.class).path());
    Instruction.Copy copy = only(d, Instruction.Copy.class);
    assertEquals(Optional.of("a:b"), copy.chown());
    assertWord("C:\\dst\\", "8:24-8:31", copy.destination());
  }

  @Nested
  class Heredocs {
    @Test
    void runHeredoc() {
      Dockerfile d = parse("FROM a\nRUN <<EOF\nset -e\n# not a comment\necho $HOME\nEOF\nUSER x\n");
      assertNoErrors(d);
      Instruction.Run run = only(d, Instruction.Run.class);
      assertEquals("<<EOF", ((Command.ShellForm) run.command()).script());
      assertRange("2:1-6:4", run.range());
      Heredoc h = run.heredocs().get(0);
      assertEquals("EOF", h.delimiter());
      assertEquals("set -e\n# not a comment\necho $HOME\n", h.body());
      assertTrue(h.expand());
      assertFalse(h.stripTabs());
      assertRange("3:1-5:11", h.range());
      assertTrue(d.comments().isEmpty());
      assertRange("7:1-7:7", only(d, Instruction.User.class).range());
    }

    @Test
    void chompQuotedAndSeveralOnOneLine() {
      Dockerfile d = parse("FROM a\nRUN cat <<A > /a && cat <<-\"B\" > /b\none\nA\n\ttwo\n\tB\n");
      assertNoErrors(d);
      Instruction.Run run = only(d, Instruction.Run.class);
      assertEquals(2, run.heredocs().size());
      Heredoc a = run.heredocs().get(0);
      Heredoc b = run.heredocs().get(1);
      assertEquals("A", a.delimiter());
      assertEquals("one\n", a.body());
      assertTrue(a.expand());
      assertEquals("B", b.delimiter());
      assertTrue(b.stripTabs());
      assertFalse(b.expand());
      assertEquals("two\n", b.body());
      assertRange("5:1-5:5", b.range());
      assertRange("2:1-6:3", run.range());
    }

    @Test
    void singleQuotedDelimiterDoesNotExpand() {
      Heredoc h = only(parse("FROM a\nRUN <<'EOT' bash\necho $X\nEOT\n"), Instruction.Run.class)
          .heredocs().get(0);
      assertEquals("EOT", h.delimiter());
      assertFalse(h.expand());
    }

    @Test
    void interpreterHeredoc() {
      Instruction.Run run = only(parse("FROM a\nRUN python3 <<EOF\nprint('hi')\nEOF\n"),
          Instruction.Run.class);
      assertEquals("python3 <<EOF", ((Command.ShellForm) run.command()).script());
      assertEquals("print('hi')\n", run.heredocs().get(0).body());
    }

    @Test
    void copyHeredocIsNotASourcePath() {
      Dockerfile d = parse("FROM a\nCOPY <<EOF /etc/app.conf\nkey=1\nEOF\n");
      assertNoErrors(d);
      Instruction.Copy c = only(d, Instruction.Copy.class);
      assertEquals(List.of(), c.sources());
      assertWord("/etc/app.conf", "2:12-2:25", c.destination());
      assertEquals("key=1\n", c.heredocs().get(0).body());
      assertRange("2:1-4:4", c.range());
    }

    @Test
    void heredocOnlyForRunCopyAdd() {
      Dockerfile d = parse("FROM a\nCMD cat <<EOF\nUSER x\n");
      assertNoErrors(d);
      assertEquals(3, d.instructions().size());
    }

    @Test
    void execFormHasNoHeredoc() {
      Dockerfile d = parse("FROM a\nRUN [\"cat\", \"<<EOF\"]\nUSER x\n");
      assertNoErrors(d);
      assertTrue(only(d, Instruction.Run.class).heredocs().isEmpty());
    }

    @Test
    void onbuildRunHeredoc() {
      Dockerfile d = parse("FROM a\nONBUILD RUN <<EOF\necho\nEOF\nUSER x\n");
      assertNoErrors(d);
      Instruction.OnBuild ob = only(d, Instruction.OnBuild.class);
      Instruction.Run run = assertInstanceOf(Instruction.Run.class, ob.trigger());
      assertEquals("echo\n", run.heredocs().get(0).body());
      assertRange("2:1-4:4", ob.range());
    }

    @Test
    void unterminatedHeredocIsAnError() {
      assertOnlyError(parse("FROM a\nRUN <<EOF\necho\n"), 2, "unterminated heredoc");
    }
  }

  @Nested
  class ExecAndShellForm {
    @Test
    void execForm() {
      Instruction.Cmd cmd = only(parse("FROM a\nCMD [\"uvicorn\", \"app:app\", \"--port=8000\"]\n"),
          Instruction.Cmd.class);
      Command.ExecForm ex = assertInstanceOf(Command.ExecForm.class, cmd.command());
      assertWord("uvicorn", "2:6-2:15", ex.args().get(0));
      assertWord("app:app", "2:17-2:26", ex.args().get(1));
      assertEquals("--port=8000", ex.args().get(2).text());
      assertRange("2:5-2:42", ex.range());
    }

    @Test
    void jsonEscapesAreDecoded() {
      Instruction.Entrypoint e = only(parse("FROM a\nENTRYPOINT [\"a\\\"b\", \"\\u0041\\n\"]\n"),
          Instruction.Entrypoint.class);
      Command.ExecForm ex = (Command.ExecForm) e.command();
      assertEquals(List.of("a\"b", "A\n"),
          ex.args().stream().map(Word::text).collect(Collectors.toList()));
    }

    @Test
    void invalidJsonFallsBackToShellForm() {
      Dockerfile d = parse("FROM a\nCMD ['single', 'quotes']\nENTRYPOINT [\"unterminated\"\n"
          + "RUN [\"a\" \"b\"]\n");
      assertNoErrors(d);
      assertEquals("['single', 'quotes']",
          ((Command.ShellForm) only(d, Instruction.Cmd.class).command()).script());
      assertInstanceOf(Command.ShellForm.class, only(d, Instruction.Entrypoint.class).command());
      assertInstanceOf(Command.ShellForm.class, only(d, Instruction.Run.class).command());
    }

    @Test
    void nonStringJsonArrayIsAnError() {
      assertOnlyError(parse("FROM a\nCMD [\"a\", 1]\n"), 2,
          "when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void shellRequiresJson() {
      assertOnlyError(parse("FROM a\nSHELL /bin/bash -c\n"), 2,
          "SHELL requires the arguments to be in JSON form");
      Instruction.Shell s = only(parse("FROM a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n"),
          Instruction.Shell.class);
      assertEquals(4, s.args().size());
      assertWord("-eo", "2:21-2:26", s.args().get(1));
    }
  }

  @Nested
  class From {
    @Test
    void platformImageAndLowercaseAs() {
      Dockerfile d = parse("from --platform=$BUILDPLATFORM golang:1.22 as Build\n");
      assertNoErrors(d);
      Instruction.From f = only(d, Instruction.From.class);
      assertWord("from", "1:1-1:5", f.keyword());
      assertEquals("FROM", f.name());
      Flag p = f.flag("platform").get();
      assertEquals(Optional.of("$BUILDPLATFORM"), p.value());
      assertRange("1:6-1:31", p.range());
      assertWord("golang:1.22", "1:32-1:43", f.image());
      assertWord("as", "1:44-1:46", f.asKeyword().get());
      assertWord("Build", "1:47-1:52", f.stageName().get());
      assertEquals(Optional.of("build"), d.stages().get(0).name());
    }

    @Test
    void wrongArgumentCounts() {
      assertOnlyError(parse("FROM a b\n"), 1, "FROM requires either one or three arguments");
      assertOnlyError(parse("FROM\n"), 1, "FROM requires either one or three arguments");
      assertOnlyError(parse("FROM a AS 1x\n"), 1,
          "invalid name for build stage: \"1x\", name can't start with a number or contain symbols");
    }

    @Test
    void unknownFlag() {
      assertOnlyError(parse("FROM --platfrom=x a\n"), 1,
          "unknown flag: --platfrom (did you mean platform?)");
    }

    @Test
    void argBeforeFromIsAMetaArg() {
      Dockerfile d = parse("ARG V=1\nARG B\nFROM a:$V\nARG V\n");
      assertNoErrors(d);
      assertEquals(2, d.metaArgs().size());
      assertEquals(1, d.stages().get(0).instructions().size());
    }

    @Test
    void instructionBeforeFromIsAnError() {
      assertOnlyError(parse("ENV A=1\nFROM a\n"), 1, "no build stage in current context");
    }

    @Test
    void stages() {
      Dockerfile d = parse("FROM a AS build\nRUN x\nFROM build\nCOPY --from=build /a /b\n");
      assertEquals(2, d.stages().size());
      assertEquals("1", d.stages().get(1).reference());
      assertRange("1:1-2:6", d.stages().get(0).range());
      assertEquals(0, d.stage("BUILD").get().index());
      assertEquals(1, d.stage("1").get().index());
    }
  }

  @Nested
  class RunFlags {
    @Test
    void mountsWithCsvQuoting() {
      Dockerfile d = parse("FROM a\nRUN --mount=type=cache,target=/root/.cache,sharing=locked \\\n"
          + "    --mount='type=bind,\"source=a,b\",target=/x,ro' \\\n"
          + "    --mount=type=secret,id=npmrc,required pip install .\n");
      assertNoErrors(d);
      Instruction.Run run = only(d, Instruction.Run.class);
      assertEquals(3, run.mounts().size());
      Mount cache = run.mounts().get(0);
      assertEquals("cache", cache.type());
      assertEquals(Optional.of("/root/.cache"), cache.option("target"));
      assertEquals(Optional.of("locked"), cache.option("sharing"));
      assertRange("2:5-2:58", cache.range());
      Mount bind = run.mounts().get(1);
      assertEquals("bind", bind.type());
      assertEquals(Optional.of("a,b"), bind.option("source"));
      assertEquals(Optional.of(""), bind.option("ro"));
      assertRange("3:5-3:50", bind.range());
      Mount secret = run.mounts().get(2);
      assertEquals("secret", secret.type());
      assertEquals(Optional.of("npmrc"), secret.option("id"));
      assertEquals("pip install .", ((Command.ShellForm) run.command()).script());
    }

    @Test
    void mountTypeDefaultsToBind() {
      Mount m = only(parse("FROM a\nRUN --mount=target=/src make\n"), Instruction.Run.class)
          .mounts().get(0);
      assertEquals("bind", m.type());
    }

    @Test
    void badMountNetworkAndSecurity() {
      assertOnlyError(parse("FROM a\nRUN --mount=type=volume,target=/x x\n"), 2,
          "unsupported mount type \"volume\"");
      assertOnlyError(parse("FROM a\nRUN --network=bridge x\n"), 2,
          "invalid network mode \"bridge\"");
      assertOnlyError(parse("FROM a\nRUN --security=privileged x\n"), 2,
          "security \"privileged\" is not valid");
      Dockerfile ok = parse("FROM a\nRUN --network=none --security=insecure x\n");
      assertNoErrors(ok);
    }

    @Test
    void doubleDashEndsFlags() {
      Instruction.Run run = only(parse("FROM a\nRUN --network=host -- --not-a-flag\n"),
          Instruction.Run.class);
      assertEquals(1, run.flags().size());
      assertEquals("--not-a-flag", ((Command.ShellForm) run.command()).script());
    }
  }

  @Nested
  class CopyAdd {
    @Test
    void copyFlags() {
      Dockerfile d = parse("FROM a\nCOPY --from=build --chown=app:app --chmod=755 --link "
          + "--parents --exclude=*.md --exclude=.git src/ lib/ /app/\n");
      assertNoErrors(d);
      Instruction.Copy c = only(d, Instruction.Copy.class);
      assertEquals(Optional.of("build"), c.from());
      assertEquals(Optional.of("app:app"), c.chown());
      assertEquals(Optional.of("755"), c.chmod());
      assertTrue(c.hasFlag("link"));
      assertEquals(2, c.flags().stream().filter(f -> f.name().equals("exclude")).count());
      assertWord("src/", "2:94-2:98", c.sources().get(0));
      assertWord("/app/", "2:104-2:109", c.destination());
      assertFalse(c.json());
    }

    @Test
    void addFlagsAndJson() {
      Dockerfile d = parse("FROM a\nADD --checksum=sha256:abc --keep-git-dir=true "
          + "[\"https://x/a.tgz\", \"/opt/\"]\n");
      assertNoErrors(d);
      Instruction.Add a = only(d, Instruction.Add.class);
      assertTrue(a.json());
      assertWord("https://x/a.tgz", "2:48-2:65", a.sources().get(0));
      assertEquals("/opt/", a.destination().text());
    }

    @Test
    void flagErrors() {
      assertOnlyError(parse("FROM a\nCOPY a\n"), 2, "COPY requires at least two arguments, "
          + "but only one was provided. Destination could not be determined");
      assertOnlyError(parse("FROM a\nADD --from=x a b\n"), 2, "unknown flag: --from");
      assertOnlyError(parse("FROM a\nCOPY --from=a --from=b x y\n"), 2,
          "duplicate flag specified: --from");
      assertOnlyError(parse("FROM a\nCOPY --link=yes x y\n"), 2,
          "expecting boolean value for flag --link, not: yes");
      assertOnlyError(parse("FROM a\nCOPY --chown x y\n"), 2, "missing a value on flag: --chown");
      assertOnlyError(parse("FROM a\nCOPY x <<EOF\nbody\nEOF\n"), 2,
          "COPY cannot accept a heredoc as a destination");
    }

    @Test
    void copyFromIsResolvedBeforeTheBuild() {
      assertOnlyError(parse("FROM a\nCOPY --from=$STAGE /a /b\n"), 2,
          "variable expansion is not supported for --from, define a new stage with FROM using ARG "
              + "from global scope as a workaround");
      assertOnlyError(parse("FROM a\nCOPY --from=1 /a /b\n"), 2, "invalid stage index 1");
      assertNoErrors(parse("FROM a\nCOPY --from=0 /a /b\nCOPY --from=nginx:1 /a /b\n"));
    }

    @Test
    void quotedFlagValues() {
      Instruction.Copy c = only(parse("FROM a\nCOPY --chown=\"app user\" x y\n"),
          Instruction.Copy.class);
      assertEquals(Optional.of("app user"), c.chown());
      assertRange("2:6-2:24", c.flags().get(0).range());
    }
  }

  @Nested
  class KeyValues {
    @Test
    void envPairsWithQuotes() {
      Dockerfile d = parse("FROM a\nENV a=1 b=\"x y\" c=x\\ y d=\n");
      assertNoErrors(d);
      Instruction.Env env = only(d, Instruction.Env.class);
      assertFalse(env.legacy());
      assertEquals(4, env.pairs().size());
      assertWord("a", "2:5-2:6", env.pairs().get(0).key());
      assertWord("1", "2:7-2:8", env.pairs().get(0).value());
      assertWord("\"x y\"", "2:11-2:16", env.pairs().get(1).value());
      assertRange("2:9-2:16", env.pairs().get(1).range());
      assertEquals("x\\ y", env.pairs().get(2).value().text());
      assertEquals("", env.pairs().get(3).value().text());
    }

    @Test
    void legacyEnv() {
      Instruction.Env env = only(parse("FROM a\nENV PATH /usr/local/bin:$PATH extra\n"),
          Instruction.Env.class);
      assertTrue(env.legacy());
      assertWord("PATH", "2:5-2:9", env.pairs().get(0).key());
      assertWord("/usr/local/bin:$PATH extra", "2:10-2:36", env.pairs().get(0).value());
    }

    @Test
    void envErrors() {
      assertOnlyError(parse("FROM a\nENV foo\n"), 2, "ENV must have two arguments");
      assertOnlyError(parse("FROM a\nENV a=1 b\n"), 2,
          "Syntax error - can't find = in \"b\". Must be of the form: name=value");
      assertOnlyError(parse("FROM a\nENV\n"), 2, "ENV requires at least one argument");
      assertOnlyError(parse("FROM a\nLABEL =x\n"), 2, "LABEL names can not be blank");
    }

    @Test
    void labels() {
      Instruction.Label l = only(parse("FROM a\nLABEL org.opencontainers.image.title=\"My app\" "
          + "version=1\n"), Instruction.Label.class);
      assertEquals(2, l.pairs().size());
      assertEquals("org.opencontainers.image.title", l.pairs().get(0).key().text());
    }

    @Test
    void argDeclarations() {
      Dockerfile d = parse("FROM a\nARG A B=2 C=\"x y\"\n");
      assertNoErrors(d);
      Instruction.Arg arg = only(d, Instruction.Arg.class);
      List<ArgDecl> decls = arg.declarations();
      assertWord("A", "2:5-2:6", decls.get(0).name());
      assertTrue(decls.get(0).defaultValue().isEmpty());
      assertWord("B", "2:7-2:8", decls.get(1).name());
      assertWord("2", "2:9-2:10", decls.get(1).defaultValue().get());
      assertWord("\"x y\"", "2:13-2:18", decls.get(2).defaultValue().get());
      assertRange("2:11-2:18", decls.get(2).range());
      assertOnlyError(parse("FROM a\nARG =1\n"), 2, "ARG names can not be blank");
    }
  }

  @Nested
  class OtherInstructions {
    @Test
    void exposeUserWorkdirVolumeStopsignalMaintainer() {
      Dockerfile d = parse("FROM a\nEXPOSE 80 8000-8010/tcp 53/udp\nUSER app:app\nWORKDIR /srv/app\n"
          + "VOLUME /data /cache\nVOLUME [\"/x\"]\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane Doe <j@x>\n");
      assertNoErrors(d);
      Instruction.Expose e = only(d, Instruction.Expose.class);
      assertWord("8000-8010/tcp", "2:11-2:24", e.ports().get(1));
      assertWord("app:app", "3:6-3:13", only(d, Instruction.User.class).user());
      assertWord("/srv/app", "4:9-4:17", only(d, Instruction.Workdir.class).path());
      List<Instruction.Volume> vols = d.stages().get(0).all(Instruction.Volume.class);
      assertEquals(List.of("/data", "/cache"),
          vols.get(0).paths().stream().map(Word::text).collect(Collectors.toList()));
      assertFalse(vols.get(0).json());
      assertTrue(vols.get(1).json());
      assertEquals("SIGTERM", only(d, Instruction.StopSignal.class).signal().text());
      assertWord("Jane Doe <j@x>", "8:12-8:26", only(d, Instruction.Maintainer.class).text());
    }

    @Test
    void userKeepsEverything() {
      assertEquals("a b", only(parse("FROM a\nUSER a b\n"), Instruction.User.class).user().text());
      assertOnlyError(parse("FROM a\nUSER\n"), 2, "USER requires exactly one argument");
      assertOnlyError(parse("FROM a\nVOLUME [\"\"]\n"), 2,
          "VOLUME specified can not be an empty string");
      assertOnlyError(parse("FROM a\nEXPOSE\n"), 2, "EXPOSE requires at least one argument");
    }

    @Test
    void healthcheck() {
      Dockerfile d = parse("FROM a\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s "
          + "--start-interval=1s --retries=3 CMD curl -f http://localhost/ || exit 1\n");
      assertNoErrors(d);
      Instruction.Healthcheck h = only(d, Instruction.Healthcheck.class);
      assertFalse(h.none());
      assertEquals("curl -f http://localhost/ || exit 1",
          ((Command.ShellForm) h.command().get()).script());
      assertEquals(Optional.of("3"), h.flag("retries").get().value());
      Instruction.Healthcheck none = only(parse("FROM a\nhealthcheck none\n"),
          Instruction.Healthcheck.class);
      assertTrue(none.none());
      Instruction.Healthcheck ex = only(parse("FROM a\nHEALTHCHECK CMD [\"/bin/check\"]\n"),
          Instruction.Healthcheck.class);
      assertWord("/bin/check", "2:18-2:30",
          ((Command.ExecForm) ex.command().get()).args().get(0));
    }

    @Test
    void healthcheckErrors() {
      assertOnlyError(parse("FROM a\nHEALTHCHECK NONE x\n"), 2,
          "HEALTHCHECK NONE takes no arguments");
      assertOnlyError(parse("FROM a\nHEALTHCHECK CMD\n"), 2,
          "Missing command after HEALTHCHECK CMD");
      assertOnlyError(parse("FROM a\nHEALTHCHECK RUN x\n"), 2,
          "Unknown type \"RUN\" in HEALTHCHECK (try CMD)");
      assertOnlyError(parse("FROM a\nHEALTHCHECK --interval=5 CMD x\n"), 2,
          "time: invalid duration \"5\"");
      assertOnlyError(parse("FROM a\nHEALTHCHECK --retries=-1 CMD x\n"), 2,
          "--retries cannot be negative (-1)");
      assertOnlyError(parse("FROM a\nHEALTHCHECK --start_period=1s CMD x\n"), 2,
          "unknown flag: --start_period (did you mean start-period?)");
    }

    @Test
    void onbuild() {
      Dockerfile d = parse("FROM a\nONBUILD COPY --chown=app . /app\n");
      assertNoErrors(d);
      Instruction.OnBuild ob = only(d, Instruction.OnBuild.class);
      Instruction.Copy c = assertInstanceOf(Instruction.Copy.class, ob.trigger());
      assertWord("COPY", "2:9-2:13", c.keyword());
      assertEquals(Optional.of("app"), c.chown());
      assertRange("2:9-2:32", c.range());
      assertOnlyError(parse("FROM a\nONBUILD ONBUILD RUN x\n"), 2,
          "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      assertOnlyError(parse("FROM a\nONBUILD from x\n"), 2,
          "FROM isn't allowed as an ONBUILD trigger");
      assertOnlyError(parse("FROM a\nONBUILD MAINTAINER x\n"), 2,
          "MAINTAINER isn't allowed as an ONBUILD trigger");
    }

    @Test
    void unknownInstructionAndFlags() {
      assertOnlyError(parse("FROM a\nFROBNICATE bar\n"), 2, "unknown instruction: FROBNICATE");
      assertOnlyError(parse("FROM a\nFOO bar\n"), 2, "unknown instruction: FOO (did you mean FROM?)");
      assertOnlyError(parse("FROM a\nRUNN x\n"), 2, "unknown instruction: RUNN (did you mean RUN?)");
      assertOnlyError(parse("FROM a\nworkdir --x=1 /a\n"), 2, "unknown flag: --x");
    }

    @Test
    void emptyFileAndOnlyComments() {
      assertOnlyError(parse(""), 1, "file with no instructions");
      assertOnlyError(parse("# just a comment\n"), 1, "file with no instructions");
    }
  }

  @Test
  void keywordsAreCaseInsensitive() {
    Dockerfile d = parse("From a\nrun echo\nCoPy a b\n");
    assertNoErrors(d);
    assertEquals(List.of("FROM", "RUN", "COPY"),
        d.instructions().stream().map(Instruction::name).collect(Collectors.toList()));
  }

  @Test
  void commentRangesAndIndentedComments() {
    Dockerfile d = parse("FROM a\n  # berth ignore=BTH001\nRUN x # not a comment\n");
    assertEquals(1, d.comments().size());
    assertEquals("berth ignore=BTH001", d.comments().get(0).text());
    assertRange("2:3-2:24", d.comments().get(0).range());
  }

  @Test
  void keepsParsingAfterAnError() {
    Dockerfile d = parse("FROM a\nFOO x\nUSER app\nCOPY a\nWORKDIR /x\n");
    assertEquals(List.of("2: unknown instruction: FOO (did you mean FROM?)",
        "4: COPY requires at least two arguments, but only one was provided. "
            + "Destination could not be determined"), errors(d));
    assertEquals(2, d.stages().get(0).instructions().size());
  }

  @Test
  void byteOrderMarkIsIgnored() {
    Dockerfile d = parse("\uFEFF# syntax=x\nFROM a\n");
    assertNoErrors(d);
    assertEquals("x", d.directive("syntax").get().value());
  }
}
