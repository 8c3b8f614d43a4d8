package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolationTest {
  private static final Map<String, String> ENV = Map.of("SET", "val", "EMPTY", "", "FOO", "foo");

  private static Interpolation.Result run(String t) {
    return Interpolation.apply(t, k -> Optional.ofNullable(ENV.get(k)));
  }

  // Cases from the Compose specification, "Interpolation".
  @ParameterizedTest(name = "{0} -> [{1}] missing [{2}]")
  @CsvSource(delimiter = '|', value = {
      "$SET|val|",
      "${SET}|val|",
      "a${SET}b|avalb|",
      "$SET.x|val.x|",
      "${UNSET}|''|UNSET",
      "$UNSET|''|UNSET",
      "${UNSET:-default}|default|",
      "${EMPTY:-default}|default|",
      "${EMPTY-default}|''|",
      "${UNSET-default}|default|",
      "${SET:-default}|val|",
      "${SET:+alt}|alt|",
      "${EMPTY:+alt}|''|",
      "${EMPTY+alt}|alt|",
      "${UNSET+alt}|''|",
      "${UNSET:-${FOO}}|foo|",
      "${UNSET:-${NOPE:-default}}|default|",
      "${UNSET:-${NOPE}}|''|NOPE",
      "${SET:-${NOPE}}|val|",
      "$$VAR_NOT_INTERPOLATED_BY_COMPOSE|$VAR_NOT_INTERPOLATED_BY_COMPOSE|",
      "$$$SET|$val|",
      "cost: 5$|cost: 5$|",
      "$1 and $ x|$1 and $ x|",
      "${UNSET:?must be set}|''|UNSET!",
      "${EMPTY:?must be set}|''|EMPTY!",
      "${EMPTY?must be set}|''|",
      "${SET?err}|val|",
  })
  void table(String template, String expected, String missing) {
    Interpolation.Result r = run(template);
    assertTrue(r.error().isEmpty(), () -> r.error().get());
    assertEquals(expected, r.value());
    String got = r.missing().stream().map(m -> m.name() + (m.required() ? "!" : ""))
        .collect(Collectors.joining(","));
    assertEquals(missing == null ? "" : missing, got);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"${}", "${ FOO}", "${FOO", "${FOO:-x", "${FOO/a/b}", "${1X}",
      "${FOO:x}"})
  void invalidTemplatesAreErrors(String template) {
    assertTrue(run(template).error().isPresent(), template);
  }

  @org.junit.jupiter.api.Test
  void requiredMessageIsKept() {
    Interpolation.Result r = run("${UNSET:?set it in .env}");
    assertEquals(List.of(new Interpolation.Missing("UNSET", true, "set it in .env")), r.missing());
  }
}
