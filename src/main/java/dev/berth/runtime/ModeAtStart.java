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
 * @param user the user the script runs it as when not the container's ({@code su app -c})
 */
public record ModeAtStart(String path, String mode, boolean recursive, Range at,
    java.util.Optional<String> user) {

  /**
   * The mode leaves others without write: an octal mode without the 0002 bit, or a symbolic
   * clause for others ({@code o} or {@code a}) that sets a mode without {@code w} or removes
   * {@code w}. A clause without who ({@code -w}, {@code =rx}) is masked by the umask, which
   * usually keeps others' bits out of its reach, and {@code g+w} leaves others as they were:
   * neither counts.
   */
  public boolean clearsOthersWrite() {
    if (mode.matches("[0-7]{3,4}")) return (Integer.parseInt(mode, 8) & 0002) == 0;
    for (String clause : mode.split(",")) {
      java.util.regex.Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) return false;
      String who = m.group(1);
      if (!who.contains("o") && !who.contains("a")) continue;
      String op = m.group(2);
      String perms = m.group(3);
      if (op.equals("=") && !perms.contains("w") || op.equals("-") && perms.contains("w")) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern CLAUSE =
      java.util.regex.Pattern.compile("([ugoa]*+)([-+=])([rwxXst]*+)");

  /** {@code target} (absolute, cleaned) is this path, or under it for a recursive chmod. */
  public boolean covers(String target) {
    return target.equals(path) || recursive && target.startsWith(path.equals("/") ? "/" : path + "/");
  }
}
