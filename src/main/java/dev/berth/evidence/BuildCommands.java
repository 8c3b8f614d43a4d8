package dev.berth.evidence;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of host build commands ({@code berth/evidence/build-commands.tsv}, each entry with
 * its reference): {@code npm run build}, {@code mvn package}, {@code go build} ... A command that
 * matches builds the project's own artifacts, which a later {@code docker build} may copy.
 */
final class BuildCommands {
  private record Entry(String program, List<String> words) {}

  private static final List<Entry> ENTRIES = load();

  private BuildCommands() {}

  private static List<Entry> load() {
    List<Entry> out = new ArrayList<>();
    for (String[] f : DataResources.tsvRows(BuildCommands.class,
        "/berth/evidence/build-commands.tsv")) {
      List<String> words = f[1].equals("*") ? List.of() : List.of(f[1].split(" "));
      out.add(new Entry(f[0], words));
    }
    return List.copyOf(out);
  }


  /**
   * True when {@code program} (a base name) with these literal arguments (null for a word that is
   * not literal) is a host build.
   */
  static boolean matches(String program, List<String> args) {
    for (Entry e : ENTRIES) {
      if (!e.program().equals(program)) continue;
      int want = 0;
      for (String a : args) {
        if (want == e.words().size()) break;
        if (a != null && same(a, e.words().get(want))) want++;
      }
      if (want == e.words().size()) return true;
    }
    return false;
  }

  private static boolean same(String arg, String word) {
    return arg.equals(word) || arg.startsWith(word + ":") || arg.endsWith(":" + word);
  }
}
