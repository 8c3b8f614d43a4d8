package dev.berth.image;

import dev.berth.source.Range;
import java.util.Optional;

/**
 * Who made a node what it is: the instruction (its Range) and a short description such as
 * {@code "pip install --user (as root)"}; base-image nodes have no range.
 *
 * @param step order of the instruction in the build (base image = 0), used to tell whether an
 *     effect berth did not understand came later
 * @param position order within the instruction: the 1-based index of the RUN command that made
 *     the change (0 for the instruction as a whole), so an effect berth did not understand later
 *     in the same RUN counts as later, as it would in a separate RUN
 */
public record Origin(Optional<Range> range, String description, int step, int position) {
  public Origin(Optional<Range> range, String description, int step) {
    this(range, description, step, 0);
  }

  public static Origin base(String image) {
    return new Origin(Optional.empty(), "base image " + image, 0);
  }

  public static Origin at(Range range, String description, int step) {
    return new Origin(Optional.of(range), description, step);
  }

  /** The same instruction, at command {@code p} of it. */
  public Origin at(int p) {
    return new Origin(range, description, step, p);
  }

  /** True when this came after {@code o}: a later instruction, or a later command of the same. */
  public boolean after(Origin o) {
    return step > o.step || (step == o.step && position > o.position);
  }
}
