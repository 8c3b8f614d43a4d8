package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateHostPortMessageTest {
  @Test
  void theSamePortTwiceInOneServiceSaysSo() {
    List<Finding> f = RuleTester.of(new DuplicateHostPort())
        .file("compose.yaml", "services:\n  web:\n    image: nginx\n    ports:\n"
            + "      - \"8080:80\"\n      - \"8080:8080\"\n")
        .findings();
    assertEquals(1, f.size());
    assertEquals(6, f.get(0).range().startLine());
    assertEquals("host port 8080/tcp is published twice by service 'web'; the container fails to "
        + "start with 'port is already allocated'", f.get(0).message());
  }
}
