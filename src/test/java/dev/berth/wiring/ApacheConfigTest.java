package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Apache's Listen, Include and ServerRoot directives with the sections around them. */
class ApacheConfigTest {

  @Test
  void directivesWithTheirSections() {
    List<ApacheConfig.Directive> ds = ApacheConfig.parse("""
        # Listen 8080 (a comment)
        Listen 80

        <IfModule ssl_module>
        \tListen 443
        </IfModule>
        <IfDefine !NOSSL>
          <IfModule mod_gnutls.c>
            listen 0.0.0.0:8443 https
          </IfModule>
        </IfDefine>
        IncludeOptional "conf/extra/*.conf"
        ServerRoot "/usr/local/apache2"
        DocumentRoot /var/www/html
        """).orElseThrow();
    assertEquals(List.of("listen", "listen", "listen", "includeoptional", "serverroot"),
        ds.stream().map(ApacheConfig.Directive::name).toList());
    assertEquals(List.of(), ds.get(0).within());
    assertEquals(List.of(new ApacheConfig.Section("IfModule", "ssl_module")), ds.get(1).within());
    assertEquals(List.of(new ApacheConfig.Section("IfDefine", "!NOSSL"),
        new ApacheConfig.Section("IfModule", "mod_gnutls.c")), ds.get(2).within());
    assertEquals(List.of("conf/extra/*.conf"), ds.get(3).args());
    assertEquals(List.of("/usr/local/apache2"), ds.get(4).args());
  }

  @Test
  void unbalancedSectionsAreUnreadable() {
    assertTrue(ApacheConfig.parse("<IfModule ssl_module>\nListen 443\n").isEmpty());
    assertTrue(ApacheConfig.parse("Listen 80\n</IfModule>\n").isEmpty());
    assertTrue(ApacheConfig.parse("<IfModule a>\n</IfDefine>\n").isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "80|0.0.0.0:80",
      "0.0.0.0:8080|0.0.0.0:8080",
      "[::]:8080|[::]:8080",
      "192.0.2.1:80|192.0.2.1:80",
      "8443 https|0.0.0.0:8443",
      "${APACHE_PORT}|",
      "80 https extra|",
      "0|"})
  void listenForms(String args, String bind) {
    assertEquals(Optional.ofNullable(bind),
        ApacheConfig.listen(List.of(args.split(" "))).map(Object::toString));
  }
}
