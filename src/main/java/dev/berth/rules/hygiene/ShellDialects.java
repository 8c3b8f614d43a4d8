package dev.berth.rules.hygiene;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code /bin/sh} is in each operating-system family of the base-image catalog, and which
 * bash constructs it lacks. Checked by running each construct in the shell (dash 0.5.12 as in
 * Debian 12; BusyBox 1.35 ash built with ASH_BASH_COMPAT, as Alpine's busybox is).
 */
final class ShellDialects {
  private ShellDialects() {}

  /** A bash construct, with what a shell without it does instead. */
  enum Construct {
    DOUBLE_BRACKET("[[ ]]", "'[[' is not a command there (exit 127): an if takes its else "
        + "branch and '&&' skips what follows"),
    SOURCE("source", "'source' is not a command there (exit 127); use '.'"),
    ECHO_FLAGS("echo -e", "its echo prints '-e' as text (and expands backslashes anyway); use "
        + "printf"),
    BRACE_EXPANSION("brace expansion", "the braces stay literal, so one path named like "
        + "'{a,b}' is used instead of several"),
    AMPERSAND_REDIRECT("&>", "it reads 'cmd &> file' as 'cmd &' (in the background) then '> file' "
        + "(an empty file); use '> file 2>&1'"),
    ANSI_C_QUOTING("$'...'", "it keeps the '$' and the quoted text as is"),
    BASH_SUBSTITUTION("${...} substring, replacement or case change", "it stops with 'Bad "
        + "substitution' and the RUN fails"),
    TEST_DOUBLE_EQUALS("== in [ ]", "its test knows only '=': the test fails with 'unexpected "
        + "operator'"),
    PUSHD_POPD("pushd/popd", "they are not commands there (exit 127)");

    final String text;
    final String consequence;

    Construct(String text, String consequence) {
      this.text = text;
      this.consequence = consequence;
    }
  }

  /** A {@code /bin/sh} implementation. */
  record Dialect(String name, Set<Construct> lacks, String source) {}

  static final Dialect DASH = new Dialect("dash", EnumSet.allOf(Construct.class),
      "Debian Policy 10.4 and Ubuntu make dash /bin/sh; each construct run in dash 0.5.12");

  static final Dialect BUSYBOX_ASH = new Dialect("BusyBox ash",
      EnumSet.of(Construct.BRACE_EXPANSION, Construct.PUSHD_POPD),
      "Alpine's /bin/sh is BusyBox ash with ASH_BASH_COMPAT ([[ ]], source, $'', ${x:1:2}, &> "
          + "work); brace expansion and pushd do not (run in BusyBox 1.35 ash)");

  /** By the catalog's {@code os} of the base image. */
  private static final Map<String, Dialect> BY_OS = Map.of("debian", DASH, "ubuntu", DASH,
      "alpine", BUSYBOX_ASH, "busybox", BUSYBOX_ASH);

  static Optional<Dialect> ofOs(String os) {
    return Optional.ofNullable(BY_OS.get(os));
  }
}
