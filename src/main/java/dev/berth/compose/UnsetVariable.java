package dev.berth.compose;

import dev.berth.source.Range;
import java.util.List;

/**
 * One use of a variable a Compose value needs but no source defines ({@code .env},
 * {@code --env-file}, the process environment when enabled, or Compose itself).
 *
 * @param range the reference ({@code $V} / {@code ${V...}}) inside the value
 * @param required {@code ${V:?msg}} / {@code ${V?msg}}: Compose refuses the project
 * @param message the text after {@code ?}
 * @param field where the value lands, as written in its file: map keys and list indexes from the
 *     top level ({@code services, web, ports, 0}); a value reached through an alias or merge key
 *     is recorded once per place it lands
 * @param template the value as written
 * @param value the value Compose makes of it, the variable blank
 */
public record UnsetVariable(String name, Range range, boolean required, String message,
    List<String> field, String template, String value) {

  public UnsetVariable {
    field = List.copyOf(field);
  }
}
