package dev.berth.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps rules, pages and fixtures in step, so nothing lands half-done. */
class RegistryInvariantsTest {

  @Test
  void idsNamesAndAliasesAreUniqueAndWellFormed() {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<String> aliases = new HashSet<>();
    for (RuleInfo info : Registry.infos()) {
      assertTrue(info.id().matches("BTH\\d{3}"), info.id());
      assertTrue(ids.add(info.id()), "duplicate id " + info.id());
      assertTrue(names.add(info.name()), "duplicate name " + info.name());
      assertTrue(info.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), info.name());
      for (String a : info.aliases()) assertTrue(aliases.add(a), "alias used twice: " + a);
      assertTrue(!info.summary().isBlank() && !info.summary().endsWith("."), info.id() + " summary");
    }
  }

  @Test
  void everyRuleClassIsRegistered() throws IOException {
    Path classes = Path.of("target/classes/dev/berth/rules");
    Set<String> found = new TreeSet<>();
    try (Stream<Path> s = Files.walk(classes)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = Path.of("target/classes").relativize(p).toString()
            .replace('/', '.').replace(".class", "");
        try {
          Class<?> c = Class.forName(name);
          if (c.isAnnotationPresent(RuleMeta.class)) found.add(c.getName());
        } catch (ClassNotFoundException | LinkageError e) {
          throw new AssertionError(name, e);
        }
      }
    }
    Set<String> registered = new TreeSet<>();
    Registry.all().forEach(r -> registered.add(r.getClass().getName()));
    assertEquals(found, registered, "rule classes vs Registry");
  }

  @Test
  void everyRuleHasAPageAndEveryPageARule() throws IOException {
    Set<String> pageIds = new TreeSet<>();
    for (Path p : RulePages.all()) {
      RulePages page = RulePages.read(p);
      assertEquals(p.getFileName().toString(), page.id() + ".md");
      pageIds.add(page.id());
      RuleInfo info = Registry.info(page.id()).orElseThrow(
          () -> new AssertionError(p + " has no registered rule"));
      assertEquals(info.name(), page.name(), p + ": title name must be the rule's kebab name");
      for (String section : RulePages.REQUIRED_SECTIONS) {
        assertTrue(page.markdown().contains("\n" + section + "\n"), p + " lacks " + section);
      }
      assertTrue(page.examples().stream().anyMatch(RulePages.Example::bad), p + " lacks a bad example");
      assertTrue(page.examples().stream().anyMatch(e -> !e.bad()), p + " lacks a good example");
      assertTrue(page.output().isPresent(), p + " lacks an ```text block under ## Output");
    }
    Set<String> ruleIds = new TreeSet<>();
    Registry.infos().forEach(i -> ruleIds.add(i.id()));
    assertEquals(ruleIds, pageIds, "rules vs pages");
  }

  @Test
  void everyRuleHasAFiringFixtureAndANearMiss() throws IOException {
    Pattern ann = Pattern.compile("#\\s*(expect|ok):\\s*(BTH\\d{3})|rule:\\s*(BTH\\d{3})");
    Set<String> fires = new HashSet<>();
    Set<String> nearMiss = new HashSet<>();
    try (Stream<Path> s = Files.walk(Path.of("test-fixtures"))) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        if (Files.size(f) > 1_000_000) continue;
        String text;
        try {
          text = Files.readString(f);
        } catch (java.nio.charset.MalformedInputException e) {
          continue; // binary fixture files hold no annotations
        }
        Matcher m = ann.matcher(text);
        while (m.find()) {
          if (m.group(3) != null) fires.add(m.group(3));
          else if (m.group(1).equals("expect")) fires.add(m.group(2));
          else nearMiss.add(m.group(2));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (RuleInfo info : Registry.infos()) {
      if (!fires.contains(info.id())) missing.add(info.id() + " has no firing fixture");
      if (!nearMiss.contains(info.id())) missing.add(info.id() + " has no near-miss (# ok:)");
    }
    assertEquals(List.of(), missing);
  }
}
