package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import java.util.List;

/** Placeholder; replaced by the JSON schema validator. */
final class ComposeSchema {
  private static final ComposeSchema STANDARD = new ComposeSchema();

  static ComposeSchema standard() {
    return STANDARD;
  }

  List<SchemaViolation> validate(YamlMap model) {
    return List.of();
  }
}
