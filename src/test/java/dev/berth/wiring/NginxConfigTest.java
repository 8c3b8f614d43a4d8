package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nginx's configuration syntax as its reader tokenizes it, and the listen forms. */
class NginxConfigTest {

  @Test
  void quotesCommentsBlocksAndVariables() {
    NginxConfig.Parsed p = NginxConfig.parse("""
        # a comment { ; }
        http {
          server {
            listen 80 default_server; # trailing
            server_name "a b" 'c\\'d';
            location ~ "^/x{1,2}$" { proxy_pass http://${up}:8000; }
            ssl_certificate a#b;
          }
        }
        """);
    assertEquals(Optional.empty(), p.error());
    NginxConfig.Directive server = p.directives().get(0).block().orElseThrow().get(0);
    List<NginxConfig.Directive> inner = server.block().orElseThrow();
    assertEquals(List.of("80", "default_server"), inner.get(0).values());
    assertEquals(List.of("a b", "c'd"), inner.get(1).values());
    assertEquals("location", inner.get(2).name());
    assertEquals(List.of("~", "^/x{1,2}$"), inner.get(2).values());
    assertEquals(List.of("http://${up}:8000"), inner.get(2).block().orElseThrow().get(0).values());
    assertEquals(List.of("a#b"), inner.get(3).values());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "server { listen 80; | 19 | unexpected end of file, expecting \"}\"",
      "server { listen 80; } } | 22 | unexpected \"}\"",
      "listen 80 | 9 | unexpected end of file, expecting \";\" or \"}\"",
      "server { ; } | 9 | unexpected \";\"",
      "server_name \"abc; | 12 | unexpected end of file in a quoted string",
  })
  void unbalancedInputIsAnErrorWithItsOffset(String text, int offset, String message) {
    NginxConfig.Parsed p = NginxConfig.parse(text);
    assertTrue(p.directives().isEmpty());
    assertEquals(Optional.of(new NginxConfig.Error(offset, message)), p.error());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "80 | 0.0.0.0:80",
      "127.0.0.1:8080 | 127.0.0.1:8080",
      "[::]:80 | [::]:80",
      "*:8000 | 0.0.0.0:8000",
      "localhost | localhost:80",
      "unix:/run/nginx.sock | unix:/run/nginx.sock",
      "$port | unknown",
      "${NGINX_PORT} | unknown",
  })
  void listenForms(String arg, String bind) {
    assertEquals(bind, NginxSetup.listen(arg).map(Object::toString).orElse("unknown"));
  }
}
