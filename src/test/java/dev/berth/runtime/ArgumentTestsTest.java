package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgumentTestsTest {
  /** The condition before `set --` for the container's arguments, as the official images write it. */
  @ParameterizedTest(name = "{0} with [{1}] -> {2}")
  @CsvSource(quoteCharacter = '`', delimiterString = " :: ", value = {
      // varnish: no command or only options
      "[ \"$#\" -eq 0 ] || [ \"${1#-}\" != \"$1\" ] :: none :: true",
      "[ \"$#\" -eq 0 ] || [ \"${1#-}\" != \"$1\" ] :: -p,x :: true",
      "[ \"$#\" -eq 0 ] || [ \"${1#-}\" != \"$1\" ] :: python3,app.py :: false",
      // postgres, redis: only options
      "[ \"${1#-}\" != \"$1\" ] :: -c,fsync=off :: true",
      "[ \"${1#-}\" != \"$1\" ] :: postgres :: false",
      // mongo
      "[ \"${1:0:1}\" = '-' ] :: --auth :: true",
      "test $# -gt 0 :: a :: true",
      // both must hold
      "[ \"$#\" -gt 0 ] && [ \"${1#-}\" != \"$1\" ] :: app :: false",
      // a condition about something else is not read
      "[ -f /etc/app.conf ] :: app :: ",
      "[ \"$1\" = 'server' ] :: server :: ",
  })
  void readsTheIdiom(String condition, String args, String expected) {
    String text = "if " + condition + "; then\n  set -- prog \"$@\"\nfi\nexec \"$@\"\n";
    List<SimpleCommand> commands = ShellScript.parse(text).commands();
    int set = 0;
    while (!commands.get(set).words().get(0).raw().equals("set")) set++;
    List<String> given = args.equals("none") ? List.of() : List.of(args.split(","));
    Optional<Boolean> want = expected == null ? Optional.empty()
        : Optional.of(Boolean.parseBoolean(expected));
    assertEquals(want, ArgumentTests.holds(text, commands, set, given));
  }

  @ParameterizedTest
  @CsvSource(quoteCharacter = '`', delimiterString = " :: ", value = {
      // in an else branch the condition is the opposite one: not read
      "if [ \"$#\" -eq 0 ]; then echo none; else set -- prog \"$@\"; fi",
      // an `if` that does something first
      "if [ \"$#\" -eq 0 ]; then echo none; set -- prog; fi",
      // a negated condition (the parser keeps no `!`)
      "if ! [ \"${1#-}\" = \"$1\" ]; then set -- prog \"$@\"; fi",
      // an if inside another if's branch: the outer condition is not read
      "if [ \"$#\" -gt 0 ]; then if [ \"$#\" -eq 0 ]; then set -- prog; fi; fi",
      // after && (no if): not this idiom
      "[ \"$#\" -eq 0 ] && set -- prog",
  })
  void onlyTheThenBranchFirst(String text) {
    List<SimpleCommand> commands = ShellScript.parse(text).commands();
    int set = 0;
    while (!commands.get(set).words().get(0).raw().equals("set")) set++;
    assertEquals(Optional.empty(), ArgumentTests.holds(text, commands, set, List.of()));
  }
}
