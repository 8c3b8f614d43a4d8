package dev.berth.runtime;

import dev.berth.source.Range;

/**
 * A {@code chmod} a container's start script runs on every start, before its program: the mode the
 * path has while the program runs, whatever the image's layers gave it (hi.events' startup.sh:
 * {@code chmod -R 775 /app/backend/storage} before {@code exec supervisord}).
 *
 * @param path the absolute path as the script names it, cleaned
 * @param mode the mode operand as written ({@code 775}, {@code g+w})
 * @param recursive {@code -R}: everything under the path too
 * @param at the command in the script
 */
public record ModeAtStart(String path, String mode, boolean recursive, Range at) {

  /** {@code target} (absolute, cleaned) is this path, or under it for a recursive chmod. */
  public boolean covers(String target) {
    return target.equals(path) || recursive && target.startsWith(path.equals("/") ? "/" : path + "/");
  }
}
