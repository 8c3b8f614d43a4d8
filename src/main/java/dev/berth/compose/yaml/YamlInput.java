package dev.berth.compose.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * How berth hands text to snakeyaml-engine, with two guards the library lacks.
 *
 * <p>Nesting: the library's composer recurses once per level, so a few thousand {@code [} end
 * in a StackOverflowError. Its event parser keeps an explicit stack, so {@link #tooDeep} walks
 * the events first and stops at the first collection deeper than the bound.
 *
 * <p>Read window: snakeyaml-engine 2.9 {@code StreamReader.update()} reads into its
 * {@code bufferSize + 1} character buffer with {@code read(buffer)}, which may fill all of it;
 * when the last character read is a high surrogate it then reads the low surrogate at index
 * {@code buffer.length}: IndexOutOfBoundsException for an emoji whose high surrogate falls at
 * offset 1024, 2049, 3074, ... {@link #reader} never returns more than {@code len - 1}
 * characters per call, so that slot is always free.
 */
public final class YamlInput {
  private YamlInput() {}

  public static Reader reader(String text) {
    return new Reader() {
      private final StringReader in = new StringReader(text);

      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        return in.read(buf, off, len > 1 ? len - 1 : len);
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** The first mapping or sequence nested deeper than the bound, and where it starts. */
  public record TooDeep(Optional<Mark> at) {}

  /**
   * The first mapping or sequence nested deeper than {@code maxDepth}, if any. Invalid YAML
   * throws the library's exception, as composing it would.
   */
  public static Optional<TooDeep> tooDeep(String text, LoadSettings settings, int maxDepth) {
    if (indicators(text, maxDepth) < maxDepth) return Optional.empty();
    int depth = 0;
    for (Event e : new Parse(settings).parseReader(reader(text))) {
      switch (e.getEventId()) {
        case MappingStart, SequenceStart -> {
          if (++depth > maxDepth) return Optional.of(new TooDeep(e.getStartMark()));
        }
        case MappingEnd, SequenceEnd -> depth--;
        default -> { }
      }
    }
    return Optional.empty();
  }

  /**
   * How many characters could open a collection, counted up to {@code bound}: each mapping or
   * sequence starts at an indicator of its own ({@code [}, <code>{</code>, a block entry's
   * {@code -}, a key's {@code :} or {@code ?}), so a text with fewer than the bound cannot nest
   * deeper and is not parsed a second time (most files of a repository are that small).
   */
  private static int indicators(String text, int bound) {
    int n = 0;
    for (int i = 0; i < text.length() && n < bound; i++) {
      switch (text.charAt(i)) {
        case '[', '{', '-', ':', '?' -> n++;
        default -> { }
      }
    }
    return n;
  }
}
