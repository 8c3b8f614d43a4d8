package dev.berth.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Rule pages shipped in the jar at {@code berth/rules/<ID>.md} (copied from {@code rules/}). */
public final class RuleDocs {
  private RuleDocs() {}

  public static Optional<RulePage> page(String id) {
    if (!id.matches("BTH\\d{3}")) return Optional.empty();
    try (InputStream in = RuleDocs.class.getResourceAsStream("/berth/rules/" + id + ".md")) {
      if (in == null) return Optional.empty();
      return RulePage.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .filter(p -> p.id().equals(id));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
