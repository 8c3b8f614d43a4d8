package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index 0-based position in the file
 * @param instructions instructions after FROM, in order (FROM itself is {@link #from()})
 */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {

  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** Stage name as BuildKit matches it: lower-cased. */
  public Optional<String> name() {
    return from.stageName().map(w -> w.text().toLowerCase(Locale.ROOT));
  }

  /** What {@code COPY --from=} and {@code --target} may use: the name, else the index. */
  public String reference() {
    return name().orElse(Integer.toString(index));
  }

  public Range range() {
    Range r = from.range();
    return instructions.isEmpty() ? r : r.union(instructions.get(instructions.size() - 1).range());
  }

  public <T extends Instruction> List<T> all(Class<T> type) {
    return instructions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The names this stage's ARG instructions declare. */
  public Set<String> argNames() {
    Set<String> names = new HashSet<>();
    for (Instruction.Arg a : all(Instruction.Arg.class)) {
      a.declarations().forEach(d -> names.add(d.name().text()));
    }
    return names;
  }

  public <T extends Instruction> Optional<T> last(Class<T> type) {
    List<T> all = all(type);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * From the stage's index and position only (equal stages have equal ones): the record's own
   * would hash every instruction of the stage, and link a generated method for each kind of
   * instruction on first use, which costs a one-file run its start-up time.
   */
  @Override
  public int hashCode() {
    return index * 31 + from.range().hashCode();
  }
}
