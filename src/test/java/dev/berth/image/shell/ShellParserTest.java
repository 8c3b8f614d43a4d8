package dev.berth.image.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ShellParserTest {

  /** Each command as its words joined by spaces ({@code ?} for a non-literal word) + flags. */
  static String render(ShellScript s) {
    return s.commands().stream().map(c -> {
      String words = Stream.concat(c.assignments().stream(), c.words().stream())
          .map(w -> w.value().orElse("?" + w.raw())).collect(Collectors.joining(" "));
      return words + (c.conditional() ? " [cond]" : "") + (c.failureTolerated() ? " [tol]" : "")
          + (c.subshell() ? " [sub]" : "");
    }).collect(Collectors.joining(" | "));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("pip install --user -r requirements.txt", "pip install --user -r requirements.txt"),
        Arguments.of("a && b; c", "a | b | c"),
        Arguments.of("groupadd -g 20 app || true", "groupadd -g 20 app [tol] | true [cond]"),
        Arguments.of("a && b || c", "a [tol] | b [tol] | c [cond]"),
        Arguments.of("getent group 20 || groupadd -g 20 app",
            "getent group 20 [tol] | groupadd -g 20 app [cond]"),
        Arguments.of("cat x | grep y", "cat x [tol] | grep y"),
        Arguments.of("if [ -d /a ]; then mkdir /b; else rm -rf /c; fi",
            "[ -d /a ] [tol] | mkdir /b [cond] | rm -rf /c [cond]"),
        Arguments.of("for f in a b; do chmod +x $f; done", "chmod +x ?$f [cond]"),
        // bash's arithmetic for (zerotier's dsm7 entrypoint): once a syntax error, the whole script
        Arguments.of("zerotier-one -d\nfor ((s=0; s<=n; s++))\ndo\n  sleep 1\ndone\nwait",
            "zerotier-one -d | sleep 1 [cond] | wait"),
        Arguments.of("(cd /x && make)", "cd /x [sub] | make [sub]"),
        Arguments.of("echo 'a b' \"c d\" e\\ f", "echo a b c d e f"),
        Arguments.of("FOO=bar baz", "FOO=bar baz"),
        Arguments.of("echo $(id -u) `date`", "echo ?$(id -u) ?`date`"),
        Arguments.of("rm -rf /var/lib/apt/lists/*", "rm -rf ?/var/lib/apt/lists/*"),
        Arguments.of("set -eux; \\\n  useradd -m app", "set -eux | useradd -m app"),
        Arguments.of("sh -c 'mkdir -p /data && chown app /data'", "mkdir -p /data [sub] | chown app /data [sub]"),
        Arguments.of("bash -ec \"touch /x\"", "touch /x [sub]"),
        Arguments.of("cat <<EOF > /f\nhello && world\nEOF\nchmod 600 /f", "cat | chmod 600 /f"),
        Arguments.of("while read l; do echo $l; done < f", "read l [cond] [tol] | echo ?$l [cond]"),
        Arguments.of("{ a; b; } > log", "a | b"),
        Arguments.of("! grep -q x f", "grep -q x f [tol]"),
        Arguments.of("echo hi # a comment && rm -rf /", "echo hi"),
        Arguments.of("cmd 2>&1 >/dev/null", "cmd"),
        Arguments.of("mkdir -p ~/.cache", "mkdir -p ?~/.cache"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void parses(String script, String expected) {
    ShellScript s = ShellScript.parse(script);
    assertTrue(s.complete(), () -> s.unparsed().toString());
    assertEquals(expected, render(s));
  }

  @Test
  void caseIsUnparsedButTheRestIsRead() {
    ShellScript s = ShellScript.parse("case $x in a) rm x;; esac; mkdir /y");
    assertEquals("mkdir /y", render(s));
    assertEquals(1, s.unparsed().size());
    assertEquals(0, s.unparsed().get(0).start());
    assertEquals("case $x in a) rm x;; esac".length(), s.unparsed().get(0).end());
  }

  @Test
  void caseIsRecordedWithItsSubjectAndBranches() {
    String text = "case \"$1\" in\n  run | serve ) exec deno \"$@\";;\n  (-*) echo opt ;;\n"
        + "  *) x=1\nesac\nexec \"$@\"\n";
    ShellScript s = ShellScript.parse(text);
    assertEquals(1, s.cases().size());
    ShellScript.Case c = s.cases().get(0);
    assertEquals("\"$1\"", c.subject().raw());
    assertEquals(List.of(List.of("run", "serve"), List.of("-*"), List.of("*")), c.branches()
        .stream().map(b -> b.patterns().stream().map(ShellWord::raw).toList()).toList());
    assertEquals(List.of(" exec deno \"$@\"", " echo opt ", " x=1\n"), c.branches().stream()
        .map(b -> s.text(b.body())).toList());
    assertEquals(text.indexOf("esac") + 4, c.span().end());
    assertFalse(c.conditional());
    // every other reader still sees an unparsed region, and the command after it
    assertEquals(1, s.unparsed().size());
    assertEquals("exec ?\"$@\"", render(s));
  }

  @Test
  void aCaseWordInAnArgumentOrANestedCaseClosesNothing() {
    String text = "if true; then case $a in x) echo case esac;; y) case $b in z) :;; esac;; esac; fi\n"
        + "echo done\n";
    ShellScript s = ShellScript.parse(text);
    assertEquals(1, s.cases().size());
    assertTrue(s.cases().get(0).conditional());
    assertEquals(List.of(" echo case esac", " case $b in z) :;; esac"), s.cases().get(0).branches()
        .stream().map(b -> s.text(b.body())).toList());
    assertEquals("true [tol] | echo done", render(s));
  }

  @Test
  void aFallThroughCaseIsOnlySkipped() {
    // bash's ;& runs the next body too: not the plain shape, so no branch is handed out
    ShellScript s = ShellScript.parse("case $1 in a) echo a ;& b) echo b ;; esac\necho after\n");
    assertTrue(s.cases().isEmpty());
    assertEquals("echo after", render(s));
  }

  @Test
  void syntaxErrorDropsEverything() {
    for (String bad : List.of("echo 'oops", "if true; then echo", "a && ", "echo $(x", "fi")) {
      ShellScript s = ShellScript.parse(bad);
      assertTrue(s.commands().isEmpty(), bad);
      assertFalse(s.complete(), bad);
    }
  }

  @Test
  void bashArrayAssignmentIsOneOpaqueValue() {
    // passbolt's entrypoint: paths=("/etc/a" "/etc/b") before `exec supervisord -n`; the
    // parenthesis used to end the word and made the whole script a syntax error.
    ShellScript s = ShellScript.parse(
        "paths=(\"/etc/a\" '/etc/b)')\nlocal more+=(x)\nexec /usr/bin/supervisord -n");
    assertTrue(s.complete());
    assertEquals("?paths=(\"/etc/a\" '/etc/b)') | local ?more+=(x) | exec /usr/bin/supervisord -n",
        render(s));
    // Only directly after NAME= : a quoted name or a word in the middle is no array.
    assertFalse(ShellScript.parse("echo \"a\"=(x)").complete());
  }

  @Test
  void bashConditionalIsOneTestCommand() {
    // librespeed's entrypoint: `||`, `&&`, parentheses and =~ patterns inside [[ ]] are not
    // shell operators; they used to make the whole script a syntax error.
    ShellScript s = ShellScript.parse("if [[ \"$M\" == a || ($N == b && $O =~ ^0x[0-9]+$) ]]; then\n"
        + "  exec httpd -DFOREGROUND\nfi");
    assertTrue(s.complete());
    assertEquals("[[ [tol] | exec httpd -DFOREGROUND [cond]", render(s));
    // [[ glued to a word is no keyword: the word is read as it is
    assertEquals("[[x [tol] | y [cond]", render(ShellScript.parse("[[x || y")));
  }

  @Test
  void functionsAreUnparsed() {
    ShellScript s = ShellScript.parse("f() { chown -R x /; }; f");
    assertEquals("f", render(s));
    assertEquals(1, s.unparsed().size());
  }

  @Test
  void bashFunctionKeywordDefinesAFunctionAndTheRestIsRead() {
    // omnibus-gitlab's init-container: `function sigterm_handler() {` used to make the whole
    // script one unparsed range, so its final commands were unknown.
    String both = "function a() {\n  gitlab-ctl stop\n}\nfunction b {\n echo x; }\na; exec runsvdir";
    ShellScript s = ShellScript.parse(both);
    assertEquals("a | exec runsvdir", render(s));
    assertEquals(2, s.unparsed().size());
    assertEquals(both.indexOf("function b") - 1, s.unparsed().get(0).end());
  }

  /** Each function definition as {@code name=[body]}, the body read back from its span. */
  private static List<String> functions(ShellScript s) {
    return s.functions().stream().map(f -> f.name() + "=[" + s.text(f.body()) + "]").toList();
  }

  @Test
  void functionDefinitionsAreHandedOutWithTheirNameAndBody() {
    // POSIX: fname ( ) compound-command, with blanks allowed around the parentheses; the body
    // ends at the } that matches its {, a quoted } being a word like any other.
    ShellScript nested = ShellScript.parse("""
        f() {
          { a; echo '}'; }
          if x; then { b; }; fi
        }
        f""");
    assertEquals(List.of("f=[\n  { a; echo '}'; }\n  if x; then { b; }; fi\n]"), functions(nested));
    assertEquals("f", render(nested));
    assertEquals(List.of("f=[ a; ]"), functions(ShellScript.parse("f () { a; }")));
    assertEquals(List.of("f=[ a; ]"), functions(ShellScript.parse("f ( ) { a; }")));
    // bash: function fname [()] compound-command
    assertEquals(List.of("f=[\n echo x; ]"), functions(ShellScript.parse("function f {\n echo x; }")));
    assertEquals(List.of("g=[ b; ]"), functions(ShellScript.parse("function g() { b; }")));
  }

  @Test
  void aFunctionDefinedInsideAnIfIsAFunction() {
    ShellScript s = ShellScript.parse("""
        if [ -n "$DEBUG" ]; then
          log() { echo "$@"; }
        fi
        log hi""");
    assertEquals(List.of("log=[ echo \"$@\"; ]"), functions(s));
    assertEquals("log", s.commands().get(1).name().orElseThrow());
  }

  @Test
  void aHereDocumentInAFunctionBodyClosesNothing() {
    // The lines of a here-document are its text, up to the delimiter line: the server block's
    // braces are not the body's (POSIX "Here-Document").
    String script = """
        conf() {
          cat <<EOF > /etc/nginx/conf.d/app.conf
        server {
        }
        EOF
          cat <<-'END'
        \t}
        \tEND
        }
        conf
        exec nginx""";
    ShellScript s = ShellScript.parse(script);
    assertEquals(List.of("conf=[\n  cat <<EOF > /etc/nginx/conf.d/app.conf\nserver {\n}\nEOF\n"
        + "  cat <<-'END'\n\t}\n\tEND\n]"), functions(s));
    assertEquals("conf | exec nginx", render(s));
  }

  @Test
  void aFunctionInSingleQuotedShellCHasItsBodyInTheOuterText() {
    ShellScript s = ShellScript.parse("sh -c 'f() { a; }; f'");
    assertEquals(List.of("f=[ a; ]"), functions(s));
    // an escaped string has no offsets to give: the definition stays only unparsed
    ShellScript escaped = ShellScript.parse("sh -c \"f() { echo \\\"x\\\"; }; f\"");
    assertEquals(List.of(), escaped.functions());
    assertFalse(escaped.complete());
  }

  @Test
  void wordOffsetsPointIntoTheScript() {
    String script = "useradd -u 1000 app && chown app /data";
    ShellScript s = ShellScript.parse(script);
    ShellWord data = s.commands().get(1).words().get(2);
    assertEquals("/data", script.substring(data.start(), data.end()));
    assertFalse(data.approximate());
  }

  @Test
  void commandsOfAShellCScriptKnowTheShellThatRunsThem() {
    List<SimpleCommand> cs = ShellScript.parse(
        "apk add bash && bash -c 'mkdir -p /c/{a,b}' && sh -c \"bash -c 'ls /x'\"").commands();
    assertEquals(List.of("apk:", "mkdir:bash", "ls:bash"), cs.stream()
        .map(c -> c.name().orElse("") + ":" + c.shell().orElse("")).toList());
    assertEquals(java.util.Optional.of("sh"),
        ShellScript.parse("busybox sh -c 'echo {a,b}'").commands().get(0).shell());
  }

  @Test
  void offsetsInsideSingleQuotedShellCAreExact() {
    String script = "sh -c 'chown app /data'";
    ShellWord data = ShellScript.parse(script).commands().get(0).words().get(2);
    assertEquals("/data", script.substring(data.start(), data.end()));
  }

  @Test
  void paramsExpandThroughLookup() {
    ShellWord w = ShellScript.parse("mkdir \"$APP_HOME/logs\" ${X}").commands().get(0).words().get(1);
    assertFalse(w.literal());
    assertEquals("/srv/app/logs", w.expand(VariableLookup.of(Map.of("APP_HOME", "/srv/app"))).orElseThrow());
    assertTrue(w.expand(VariableLookup.NONE).isEmpty());
  }

  @Test
  void tildeIsHome() {
    ShellWord w = ShellScript.parse("mkdir ~/.local").commands().get(0).words().get(1);
    assertEquals("/root/.local", w.expand(VariableLookup.of(Map.of("HOME", "/root"))).orElseThrow());
  }

  @Test
  void hostileNestingIsBounded() {
    String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
    ShellScript s = ShellScript.parse(deep);
    assertFalse(s.complete());
  }

  @Test
  void pipesAndAndListsAreRecorded() {
    ShellScript s = ShellScript.parse("cd /src && curl -fsS x | tar xz; make || true\ncat f | grep y | wc -l");
    assertEquals(List.of("cd", "curl", "tar", "make", "true", "cat", "grep", "wc"),
        s.commands().stream().map(c -> c.name().orElse("?")).toList());
    assertEquals(List.of(false, true, false, false, false, true, true, false),
        s.commands().stream().map(SimpleCommand::piped).toList());
    assertEquals(List.of(true, false, false, false, false, false, false, false),
        s.commands().stream().map(SimpleCommand::andThen).toList());
  }

  @Test
  void partsStayInSourceOrderAroundExpansionsAndGlobs() {
    ShellWord w = ShellScript.parse("mkdir /app/$X/logs").commands().get(0).words().get(1);
    assertEquals(java.util.Optional.of("/app/v/logs"),
        w.expand(VariableLookup.of(Map.of("X", "v"))));
    ShellWord glob = ShellScript.parse("rm -rf /var/lib/apt/lists/*").commands().get(0).words().get(2);
    assertEquals(List.of(new ShellWord.Literal("/var/lib/apt/lists/", false),
        new ShellWord.Opaque("*")), glob.parts());
  }
}
