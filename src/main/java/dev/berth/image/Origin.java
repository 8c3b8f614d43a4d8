package dev.berth.image;

import dev.berth.source.Range;
import java.util.Optional;

/**
 * Who made a node what it is: the instruction (its Range) and a short description such as
 * {@code "pip install --user (as root)"}; base-image nodes have no range.
 *
 * @param step order of the instruction in the build (base image = 0), used to tell whether an
 *     effect berth did not understand came later
 */
public record Origin(Optional<Range> range, String description, int step) {
  public static Origin base(String image) {
    return new Origin(Optional.empty(), "base image " + image, 0);
  }

  public static Origin at(Range range, String description, int step) {
    return new Origin(Optional.of(range), description, step);
  }
}
