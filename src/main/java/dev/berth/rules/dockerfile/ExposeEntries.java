package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPOSE entries as BuildKit's {@code dispatchExpose} sees them: each word expanded and split
 * ({@code ProcessWords}), then cut like {@code portSpecs.splitParts} into
 * {@code [ip:][hostPort:]containerPort[/proto]}. Words whose value is unknown are left out.
 *
 * @param raw the entry after expansion, as BuildKit quotes it in its messages
 * @param word the word it came from (its range; its text is the entry when nothing expanded)
 */
record ExposeEntries(Instruction.Expose expose, Word word, String raw, String ip, String host,
    String container, String proto) {

  static List<ExposeEntries> of(Dockerfile df) {
    List<ExposeEntries> out = new ArrayList<>();
    Expander ex = new Expander(df.escape());
    for (StageFacts stage : StageResolver.resolve(df)) {
      for (Instruction i : stage.stage().instructions()) {
        if (!(i instanceof Instruction.Expose e)) continue;
        for (Word w : e.ports()) {
          Expansion x = ex.words(w.text(), stage.varsBefore(i));
          if (!x.known()) continue;
          for (String raw : x.words()) out.add(split(e, w, raw));
        }
      }
    }
    return out;
  }

  private static ExposeEntries split(Instruction.Expose e, Word w, String raw) {
    String[] parts = raw.split(":", -1);
    int n = parts.length;
    String ip = n >= 3 ? String.join(":", java.util.Arrays.copyOf(parts, n - 2)) : "";
    String host = n >= 2 ? parts[n - 2] : "";
    String container = parts[n - 1];
    int slash = container.indexOf('/');
    String proto = slash < 0 ? "" : container.substring(slash + 1);
    return new ExposeEntries(e, w, raw, ip, host, container, proto);
  }

  /** Whether the entry is the word as written (so an edit of the word is an edit of the entry). */
  boolean verbatim() {
    return word.text().equals(raw);
  }
}
