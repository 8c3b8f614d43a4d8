package dev.berth.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code scripts} of a package.json, with where each is written. */
record PackageScripts(Map<String, Script> scripts) {
  private static final JsonFactory JSON = new JsonFactory();

  /** One script: its command text and the range of its value (the JSON string). */
  record Script(String name, String command, Range at) {}

  PackageScripts {
    scripts = Map.copyOf(scripts);
  }

  Optional<Script> script(String name) {
    return Optional.ofNullable(scripts.get(name));
  }

  /** Empty when the text is not JSON berth can read. */
  static Optional<PackageScripts> parse(String text, Optional<SourceFile> file) {
    Map<String, Script> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("scripts") || value != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            continue;
          }
          int at = (int) p.currentTokenLocation().getCharOffset();
          String command = p.getText();
          Range r = file.map(f -> f.range(at, Math.min(f.text().length(), at + command.length() + 2)))
              .orElse(Range.wholeFile("package.json"));
          out.putIfAbsent(name, new Script(name, command, r));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(new PackageScripts(out));
  }
}
