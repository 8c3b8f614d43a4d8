package dev.berth.image;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A user or group creation with an explicit id, as seen in a RUN ({@code groupadd -g 20 app}).
 * Rules use it to find id collisions; the simulation has already applied it.
 *
 * @param command the command name as written ({@code groupadd}, {@code adduser}, ...)
 * @param group true for a group id, false for a user id
 * @param id the id when its value is known
 * @param idVariables variables the id word refers to ({@code $GID} → {@code GID}), for ids that
 *     come from build arguments
 * @param existing the account that already holds this id in the image before the command
 * @param fallback the command cannot fail the build on a duplicate: {@code -o}, {@code -f},
 *     {@code || true}, inside an {@code if}, or after {@code getent}
 * @param idRange where the id is written (the RUN instruction when not exactly known)
 */
public record AccountEvent(
    String command,
    String name,
    boolean group,
    OptionalInt id,
    List<String> idVariables,
    Optional<String> existing,
    boolean fallback,
    Range idRange,
    Range instruction) {

  public AccountEvent {
    idVariables = List.copyOf(idVariables);
  }
}
