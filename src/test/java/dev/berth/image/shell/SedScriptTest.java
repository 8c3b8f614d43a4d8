package dev.berth.image.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * (script, extended, input, output) written from the GNU sed manual's semantics: "The s
 * Command", "Addresses", "BRE syntax", "ERE syntax", "Character Classes and Bracket
 * Expressions", "regexp extensions".
 */
class SedScriptTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // s with any delimiter; only the first match without g.
        Arguments.of("s/80/8080/", false, "Listen 80 80\n", "Listen 8080 80\n"),
        Arguments.of("s/80/8080/g", false, "Listen 80 80\n", "Listen 8080 8080\n"),
        Arguments.of("s,listen       80;,listen       8080;,", false,
            "server {\n    listen       80;\n}\n", "server {\n    listen       8080;\n}\n"),
        Arguments.of("s|listen =.*|listen = /run/php.sock|", false,
            "[www]\nlisten = 9000\n", "[www]\nlisten = /run/php.sock\n"),
        // A number: only that match; with g, that one and the later ones.
        Arguments.of("s/a/x/2", false, "aaaa\n", "axaa\n"),
        Arguments.of("s/a/x/2g", false, "aaaa\n", "axxx\n"),
        // I: case-insensitive.
        Arguments.of("s/listen/Port/I", false, "LISTEN 80\n", "Port 80\n"),
        // & is the match, \& a literal ampersand, \1 a group.
        Arguments.of("s/[0-9][0-9]*/<&>/", false, "Listen 80\n", "Listen <80>\n"),
        Arguments.of("s/80/\\&/", false, "Listen 80\n", "Listen &\n"),
        Arguments.of("s/^\\(Listen\\) \\(.*\\)$/\\2 \\1/", false, "Listen 80\n", "80 Listen\n"),
        Arguments.of("s/^(listen = 127.0.0.1:9000)/;\\1/", true,
            "listen = 127.0.0.1:9000\n", ";listen = 127.0.0.1:9000\n"),
        // BRE: + ? ( ) { } | are themselves; \+ \? \{m,n\} \| are operators (GNU).
        Arguments.of("s/a+b/X/", false, "aab a+b\n", "aab X\n"),
        Arguments.of("s/a\\+b/X/", false, "aab a+b\n", "X a+b\n"),
        Arguments.of("s/a\\{2\\}/X/", false, "a aa\n", "a X\n"),
        Arguments.of("s/(x)/y/", false, "f(x)\n", "fy\n"),
        Arguments.of("s/cat\\|dog/pet/g", false, "cat dog\n", "pet pet\n"),
        // ERE: the same operators unescaped; \+ a literal plus.
        Arguments.of("s/a+b/X/", true, "aab a+b\n", "X a+b\n"),
        Arguments.of("s/a\\+b/X/", true, "aab a+b\n", "aab X\n"),
        Arguments.of("s/(ab){2}/X/", true, "ababab\n", "Xab\n"),
        // * at the start of a BRE (or after \( ) stands for itself.
        Arguments.of("s/*a/X/", false, "b*a\n", "bX\n"),
        Arguments.of("s/^*a/X/", false, "*ab\n", "Xb\n"),
        // ^ and $ are anchors only at the ends of a BRE; elsewhere themselves.
        Arguments.of("s/a^b/X/", false, "a^b\n", "X\n"),
        Arguments.of("s/a$b/X/", false, "a$b\n", "X\n"),
        Arguments.of("s/^Listen 80$/Listen 8000/", false,
            "Listen 80\nListen 8080\n", "Listen 8000\nListen 8080\n"),
        // Bracket expressions: classes, ] first, - last, backslash a member.
        Arguments.of("s/[[:space:]]*$//", false, "Listen 80  \t\n", "Listen 80\n"),
        Arguments.of("s/[]x]/Y/g", false, "a]x\n", "aYY\n"),
        Arguments.of("s/[a-c-]/Y/g", false, "a-d\n", "YYd\n"),
        Arguments.of("s/[\\.]/Y/g", false, "a\\b.c\n", "aYbYc\n"),
        Arguments.of("s/[^0-9]//g", false, "port: 80\n", "80\n"),
        // \s \w extensions.
        Arguments.of("/^\\s*Listen /s/^/#/", true,
            "  Listen 80\nListenX\n<IfModule x>\n\tListen 443\n",
            "#  Listen 80\nListenX\n<IfModule x>\n#\tListen 443\n"),
        Arguments.of("s/\\w\\+/X/", false, "--ab_1 c\n", "--X c\n"),
        // . matches any character.
        Arguments.of("s/L.sten/X/", false, "L#sten\n", "X\n"),
        // Leftmost-longest: the longest alternative at the leftmost position wins.
        Arguments.of("s/a\\|ab/X/", false, "abc\n", "Xc\n"),
        Arguments.of("s/\\(ab\\)\\?\\(abcd\\)\\?/X/", false, "abcd\n", "X\n"),
        // Empty matches: one at each position, not right after a match.
        Arguments.of("s/x*/-/g", false, "abc\n", "-a-b-c-\n"),
        Arguments.of("s/b*/x/g", false, "abc\n", "xaxcx\n"),
        // \n in the replacement: a new line.
        Arguments.of("s/80;/80;\\n    listen 81;/", false, "listen 80;\n",
            "listen 80;\n    listen 81;\n"),
        // Escaped delimiter.
        Arguments.of("s/\\/var\\/www/\\/srv/", false, "root /var/www;\n", "root /srv;\n"),
        Arguments.of("s!/var/www/html!/app/public!g", false, "DocumentRoot /var/www/html\n",
            "DocumentRoot /app/public\n"),
        // Addresses: /re/, \cREc, a number, $; d deletes.
        Arguments.of("/user  nginx;/d", false, "\nuser  nginx;\nworker_processes  auto;\n",
            "\nworker_processes  auto;\n"),
        Arguments.of("\\,nginx,d", false, "a\nnginx\nb\n", "a\nb\n"),
        Arguments.of("2d", false, "a\nb\nc\n", "a\nc\n"),
        Arguments.of("$d", false, "a\nb\nc\n", "a\nb\n"),
        Arguments.of("2s/a/X/", false, "a\na\n", "a\nX\n"),
        Arguments.of("/b/s/a/X/", false, "a\nab\n", "a\nXb\n"),
        // ; and newlines separate commands, which run in order on each line.
        Arguments.of("s/a/b/; s/b/c/", false, "a\n", "c\n"),
        Arguments.of("s/a/b/\ns/b/c/", false, "a\n", "c\n"),
        // No final newline stays without one.
        Arguments.of("s/a/b/", false, "a", "b"),
        // \r removed (the common line-ending fix).
        Arguments.of("s/\\r$//", false, "a\r\nb\r\n", "a\nb\n"),
        // A comment character is literal in a pattern.
        Arguments.of("s/#ServerName/ServerName/", false, "#ServerName x\n", "ServerName x\n"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void appliesAsGnuSed(String script, boolean extended, String input, String output) {
    SedScript s = SedScript.parse(script, extended).orElseThrow(() -> new AssertionError(script));
    assertEquals(output, s.apply(input).orElseThrow().text(), script);
  }

  @Test
  void notUnderstood() {
    for (String s : List.of("a\\foo", "i\\foo", "c\\foo", "N", "p", "s/a/b/w /tmp/x", "s/a/b/e",
        "s/a/\\U&/", "s/a/\\L&/", "1,3d", "/a/!d", "/a/{s/a/b/}", "b end", ":a", "y/abc/xyz/",
        "s/a/b/p", "s//x/", "s/a/b", "s/[[.a.]]/b/", "s/\\(a/b/", "s/a/\\1/", "0d", "=",
        "s/\\d065/x/", "/a/,/b/d", "s|a\\|b|x|", "s/a/b/gg")) {
      assertFalse(SedScript.parse(s, false).isPresent(), s);
    }
  }

  @Test
  void linesKeepTheirOrigin() {
    SedScript s = SedScript.parse("/b/d\ns/c/c\\nx/", false).orElseThrow();
    SedScript.Result r = s.apply("a\nb\nc\n").orElseThrow();
    assertEquals("a\nc\nx\n", r.text());
    assertEquals(List.of(0, 2, 2), r.sourceLine());
    assertEquals(List.of(false, true, true), r.changed());
  }

  static SimpleCommand command(String line) {
    return ShellScript.parse(line).commands().get(0);
  }

  @Test
  void commandLines() {
    VariableLookup vars = VariableLookup.of(Map.of("ROOT", "/app/public"));
    Optional<SedScript.Invocation> inv = SedScript.invocation(
        command("sed -ri -e \"s!/var/www/html!${ROOT}!g\" /etc/apache2/sites-available/x.conf"), vars);
    assertTrue(inv.get().inPlace());
    assertEquals(List.of("/etc/apache2/sites-available/x.conf"),
        inv.get().files().stream().map(w -> w.value().orElseThrow()).toList());
    assertEquals("x /app/public y\n", inv.get().script().apply("x /var/www/html y\n").get().text());
    // In single quotes the shell leaves ${ROOT} for Apache to expand.
    inv = SedScript.invocation(command("sed -ri -e 's!/var/www/html!${ROOT}!g' x.conf"), vars);
    assertEquals("${ROOT}\n", inv.get().script().apply("/var/www/html\n").get().text());
    // Options after the file (GNU getopt permutes), -e attached, --expression=.
    inv = SedScript.invocation(command("sed -i /etc/x.conf -e 's/:80>/:8000>/'"), vars);
    assertTrue(inv.get().inPlace());
    assertEquals(1, inv.get().files().size());
    inv = SedScript.invocation(command("sed --in-place=.bak --expression='s/a/b/' f"), vars);
    assertTrue(inv.get().inPlace());
    inv = SedScript.invocation(command("sed -i.bak -es/a/b/ f"), vars);
    assertTrue(inv.get().inPlace());
    assertEquals("b\n", inv.get().script().apply("a\n").get().text());
    // The first operand is the script without -e; -E and -r are extended.
    inv = SedScript.invocation(command("sed -E -i 's/a+/b/' f"), vars);
    assertEquals("b\n", inv.get().script().apply("aaa\n").get().text());
    // Not in place.
    assertFalse(SedScript.invocation(command("sed 's/a/b/' f"), vars).get().inPlace());
    // -ie: -i with the backup suffix "e", then the script is the first operand.
    inv = SedScript.invocation(command("sed -ie 's/a/b/' f"), vars);
    assertTrue(inv.get().inPlace());
    assertEquals(1, inv.get().files().size());
    // Not understood: -n, -f, -z, -s, an unknown variable in the script.
    for (String c : List.of("sed -n -i 's/a/b/p' f", "sed -i -f x.sed f", "sed -z -i 's/a/b/' f",
        "sed -s -i 's/a/b/' f", "sed -i \"s/a/$UNKNOWN/\" f", "sed -i", "sed --posix -i s/a/b/ f")) {
      assertFalse(SedScript.invocation(command(c), vars).isPresent(), c);
    }
  }

  @Test
  void pathologicalInputGivesUp() {
    SedScript s = SedScript.parse("s/\\(a\\|aa\\)*c/x/", false).orElseThrow();
    String line = "a".repeat(3000) + "\n";
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(s.apply(line).isPresent()));
    assertFalse(s.apply("a".repeat(SedScript.MAX_LINE + 1)).isPresent());
    assertFalse(SedScript.parse("s/a/b/;".repeat(2000), false).isPresent());
  }
}
