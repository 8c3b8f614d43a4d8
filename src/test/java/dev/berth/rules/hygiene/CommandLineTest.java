package dev.berth.rules.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.shell.ShellScript;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static CommandLine line(String script) {
    return CommandLine.of(ShellScript.parse(script).commands().get(0)).orElseThrow();
  }

  @Test
  void readsOptionsTheGetoptWay() {
    CommandLine l = line("apt-get -qq -o Dpkg::Options::=--force-confold install --no-install-recommends curl");
    assertEquals("apt-get", l.name());
    assertEquals(2, l.countShort('q'));
    assertTrue(l.hasLong("no-install-recommends"));
    assertEquals(List.of("Dpkg::Options::=--force-confold"), l.optionValues("o", "option"));
    assertEquals(Optional.of("install"), l.subcommand(Set.of("o")));
    assertFalse(l.opaque());
  }

  @Test
  void looksThroughWrappersAndStopsAtDoubleDash() {
    CommandLine l = line("env DEBIAN_FRONTEND=noninteractive nice -n 5 apt-get install -- -y");
    assertEquals("apt-get", l.name());
    assertFalse(l.hasShort('y'), "-y after -- is an operand");
  }

  @Test
  void anExpansionMakesOptionsUnknown() {
    assertTrue(line("apt-get install $FLAGS curl").opaque());
    assertFalse(line("apt-get install -y \"curl\"").opaque());
  }
}
