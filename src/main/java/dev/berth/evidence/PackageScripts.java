package dev.berth.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code scripts} of a package.json, in file order, with where each is written: the one
 * reader of them, for the repository's evidence (what its scripts make) and for the programs a
 * container starts ({@code npm run X}).
 */
public record PackageScripts(List<Script> scripts) {
  /** Made on first use: a repository without JSON build files never loads Jackson. */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  /**
   * One script: its command text, the range of its value (the JSON string) and the offset of
   * that string's opening quote in the file.
   */
  public record Script(String name, String command, Range at, int offset) {}

  public PackageScripts {
    scripts = List.copyOf(scripts);
  }

  /** The script npm runs for {@code name}: the first one of that name. */
  public Optional<Script> script(String name) {
    return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Empty when the text is not JSON berth can read. */
  public static Optional<PackageScripts> parse(String text, Optional<SourceFile> file) {
    List<Script> out = new ArrayList<>();
    try (JsonParser p = Json.FACTORY.createParser(text)) {
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
          out.add(new Script(name, command, r, at));
        }
        break;
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(new PackageScripts(out));
  }
}
