package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** php-fpm's ini files: includes in glob order, pool sections merged, the last listen wins. */
class PhpFpmConfigTest {
  private static final String MAIN = "/usr/local/etc/php-fpm.conf";

  /** The files of an image, by absolute path. */
  private static PhpFpmConfig.Files files(Map<String, String> all) {
    return new PhpFpmConfig.Files() {
      @Override
      public PhpFpmConfig.FileText read(String path) throws ConfigUnknown {
        String text = all.get(path);
        if (text == null) throw new ConfigUnknown();
        return new PhpFpmConfig.FileText(path, text, offset -> Range.wholeFile(path));
      }

      @Override
      public List<String> list(String dir) {
        List<String> out = new ArrayList<>();
        // Unsorted on purpose: the reader sorts as glob(3) does.
        for (String k : all.keySet()) if (k.startsWith(dir + "/")) out.add(0, k);
        return out;
      }
    };
  }

  private static Optional<List<String>> listens(Map<String, String> all) {
    return PhpFpmConfig.read(MAIN, "/usr/local", files(new TreeMap<>(all)))
        .map(l -> l.stream().map(p -> p.pool() + "=" + p.bind()).toList());
  }

  private static final String INCLUDE = "[global]\ninclude=etc/php-fpm.d/*.conf\n";

  @Test
  void laterFilesOfTheSamePoolOverride() {
    // docker-library/php before 2026: www.conf's loopback address, then zz-docker.conf's 9000.
    assertEquals(Optional.of(List.of("www=0.0.0.0:9000")), listens(Map.of(MAIN, INCLUDE,
        "/usr/local/etc/php-fpm.d/www.conf", "[www]\nuser = www-data\nlisten = 127.0.0.1:9000\n",
        "/usr/local/etc/php-fpm.d/zz-docker.conf", "[global]\ndaemonize = no\n\n[www]\nlisten = 9000\n")));
    // A pool file sorting after zz-docker.conf decides; section names compare case-insensitively.
    assertEquals(Optional.of(List.of("www=unix:/run/php/www.sock")), listens(Map.of(MAIN, INCLUDE,
        "/usr/local/etc/php-fpm.d/www.conf", "[www]\nlisten = 127.0.0.1:9000\n",
        "/usr/local/etc/php-fpm.d/zz-docker.conf", "[www]\nlisten = 9000\n",
        "/usr/local/etc/php-fpm.d/zzz-app.conf", "; the app's pool\n[WWW]\nlisten = /run/php/$pool.sock ; socket\n")));
  }

  @Test
  void everyPoolListens() {
    assertEquals(Optional.of(List.of("www=0.0.0.0:9000", "admin=[::]:9001")), listens(Map.of(MAIN,
        INCLUDE, "/usr/local/etc/php-fpm.d/a.conf", "[www]\nlisten = \"9000\"\n",
        "/usr/local/etc/php-fpm.d/b.conf", "[admin]\nlisten = [::]:9001\n",
        "/usr/local/etc/php-fpm.d/b.conf.default", "[other]\nlisten = 1\n")));
  }

  @Test
  void includeOfOneFileAndAbsolutePaths() {
    assertEquals(Optional.of(List.of("app=127.0.0.1:9001")), listens(Map.of(MAIN,
        "[global]\ninclude=/etc/pools/app.conf\n", "/etc/pools/app.conf",
        "[app]\nlisten = 127.0.0.1:9001\n")));
  }

  @Test
  void unknownWhenBerthCannotFollow() {
    // A variable, a listen in [global], a pool without listen, a file it cannot read, a `#` line.
    assertTrue(listens(Map.of(MAIN, "[www]\nlisten = ${FPM_PORT}\n")).isEmpty());
    assertTrue(listens(Map.of(MAIN, "[global]\nlisten = 9000\n")).isEmpty());
    assertTrue(listens(Map.of(MAIN, "[www]\nuser = app\n")).isEmpty());
    assertTrue(listens(Map.of(MAIN, "[global]\ninclude=/etc/missing.conf\n")).isEmpty());
    assertTrue(listens(Map.of(MAIN, "[www]\n# old comment\nlisten = 9000\n")).isEmpty());
    assertTrue(listens(Map.of(MAIN, "[global]\ninclude=${DIR}/*.conf\n")).isEmpty());
    // No pool at all: php-fpm refuses to start ("No pool defined").
    assertTrue(listens(Map.of(MAIN, "[global]\ndaemonize = no\n")).isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "9000|0.0.0.0:9000",
      "127.0.0.1:9000|127.0.0.1:9000",
      "[::]:9000|[::]:9000",
      "/run/php/fpm.sock|unix:/run/php/fpm.sock",
      "90000|",
      "*:9000|",
      "php:9000x|"})
  void listenForms(String value, String bind) {
    assertEquals(Optional.ofNullable(bind), PhpFpmConfig.bind(value).map(Object::toString));
  }
}
