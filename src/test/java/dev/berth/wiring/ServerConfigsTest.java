package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which docker-library/php fpm layout an image tag may have been built with. */
class ServerConfigsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "8.3-fpm|true|true",
      "fpm-alpine|true|true",
      "8-fpm|true|true",
      "8.3.29-fpm|true|false",
      "8.3.30-fpm-bookworm|false|true",
      "8.2.31RC1-fpm|false|true",
      "7.4-fpm|true|false",
      "8.1.33-fpm-alpine|true|false",
      "8.6-rc-fpm|false|true",
      "7.0-fpm|false|false",
      "5.6-fpm|false|false"})
  void layoutsByTag(String tag, boolean before2026, boolean since2026) {
    List<ServerConfigs.Knowledge.Layout> layouts = ServerConfigs.Knowledge.STANDARD.fpm.layouts();
    assertEquals(List.of(before2026, since2026),
        layouts.stream().map(l -> l.versions().mayBe(tag)).toList());
  }
}
